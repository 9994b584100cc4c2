import {
  APPOINTMENT_KINDS,
  APPOINTMENT_LOCATIONS,
  FIRST_NAMES_F,
  FIRST_NAMES_M,
  LAST_NAMES,
  NATIONALITIES,
  NOTE_TEMPLATES,
  OFFICES,
  STREETS,
  TOWNS,
} from './demo-vocabulary';

/** mulberry32: a tiny, fast, seeded PRNG; the same seed gives the same demo data everywhere. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoOptions {
  readonly cases: number;
  readonly seed: number;
  /** ISO date the data is generated around (appointments before and after it). */
  readonly today: string;
  /** Caseworker ids to spread the cases over (default: one demo caseworker). */
  readonly caseworkers?: readonly string[];
}

export interface DemoCase {
  readonly household: {
    id: string;
    household_number: string;
    members: number;
    children_under_18: number;
    single_parent: number;
  };
  readonly person: {
    id: string;
    customer_number: string;
    first_name: string;
    last_name: string;
    birth_date: string;
    gender: string;
    nationality: string;
    preferred_language: string;
    street: string;
    postal_code: string;
    town: string;
    phone: string;
    email: string | null;
    severely_disabled: number;
  };
  readonly case: {
    id: string;
    case_number: string;
    office_id: string;
    caseworker_id: string;
    phase: number;
    status: 'aktiv' | 'ruhend' | 'abgeschlossen';
    opened_on: string;
    last_contact_on: string;
    next_review_on: string;
  };
  readonly appointments: ReadonlyArray<{
    id: string;
    starts_at: string;
    duration_minutes: number;
    kind: string;
    location: string;
    status: 'geplant' | 'wahrgenommen' | 'versaeumt' | 'abgesagt';
  }>;
  readonly notes: ReadonlyArray<{
    id: string;
    category: string;
    title: string;
    body: string;
    created_at: string;
  }>;
}

const DAY = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Deterministic uuid-shaped ids (version nibble 4) from the PRNG. */
function idFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Math.floor(random() * 4) + 8) as number).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function slug(value: string): string {
  return value
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
}

/**
 * Yields synthetic cases one by one (constant memory even for 100,000 cases). Everything is derived
 * from the seed: the same options give byte-identical data.
 */
export function* generateDemoCases(options: DemoOptions): Generator<DemoCase> {
  const random = createRandom(options.seed);
  const todayMs = Date.parse(`${options.today}T00:00:00Z`);
  const caseworkers = options.caseworkers ?? ['ifk-demo'];
  for (let i = 0; i < options.cases; i += 1) {
    const [town, postalCode, officeIndex] = pick(random, TOWNS);
    const office = OFFICES[officeIndex]!;
    const female = random() < 0.5;
    const firstName = pick(random, female ? FIRST_NAMES_F : FIRST_NAMES_M);
    const lastName = pick(random, LAST_NAMES);
    const age = 17 + Math.floor(random() * 47);
    const birthMs = todayMs - age * 365.25 * DAY - Math.floor(random() * 365) * DAY;
    const [nationality, language] = pick(random, NATIONALITIES);
    const children = random() < 0.35 ? 1 + Math.floor(random() * 3) : 0;
    const singleParent = children > 0 && random() < 0.4 ? 1 : 0;
    const members = 1 + children + (singleParent ? 0 : random() < 0.5 ? 1 : 0);
    const openedMs = todayMs - Math.floor(random() * 6 * 365) * DAY;
    const lastContactMs = todayMs - Math.floor(random() * 150) * DAY;
    const phase = 1 + Math.floor(random() * 4);
    const statusRoll = random();
    const status = statusRoll < 0.86 ? 'aktiv' : statusRoll < 0.95 ? 'ruhend' : 'abgeschlossen';
    const serial = String(i + 1).padStart(6, '0');
    const year = new Date(openedMs).getUTCFullYear();

    const appointments = Array.from({ length: Math.floor(random() * 4) }, () => {
      const offsetDays = Math.floor(random() * 60) - 30;
      const startsMs =
        todayMs +
        offsetDays * DAY +
        (8 + Math.floor(random() * 8)) * 3_600_000 +
        (random() < 0.5 ? 1_800_000 : 0);
      const past = offsetDays < 0;
      const roll = random();
      const apptStatus: DemoCase['appointments'][number]['status'] = past
        ? roll < 0.8
          ? 'wahrgenommen'
          : roll < 0.93
            ? 'versaeumt'
            : 'abgesagt'
        : roll < 0.95
          ? 'geplant'
          : 'abgesagt';
      return {
        id: idFrom(random),
        starts_at: new Date(startsMs).toISOString(),
        duration_minutes: pick(random, [20, 30, 45, 60]),
        kind: pick(random, APPOINTMENT_KINDS),
        location: pick(random, APPOINTMENT_LOCATIONS),
        status: apptStatus,
      };
    });
    const notes = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
      const [category, title, body] = pick(random, NOTE_TEMPLATES);
      return {
        id: idFrom(random),
        category,
        title,
        body,
        created_at: new Date(openedMs + Math.floor(random() * Math.max(1, todayMs - openedMs))).toISOString(),
      };
    });

    yield {
      household: {
        id: idFrom(random),
        household_number: `${String(10000 + Math.floor(random() * 90000))}BG${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`,
        members,
        children_under_18: children,
        single_parent: singleParent,
      },
      person: {
        id: idFrom(random),
        customer_number: `${String(100 + Math.floor(random() * 900))}D${String(Math.floor(random() * 1_000_000)).padStart(6, '0')}`,
        first_name: firstName,
        last_name: lastName,
        birth_date: isoDate(birthMs),
        gender: female ? 'weiblich' : 'männlich',
        nationality,
        preferred_language: language,
        street: `${pick(random, STREETS)} ${1 + Math.floor(random() * 80)}`,
        postal_code: postalCode,
        town,
        phone: `0${3421 + Math.floor(random() * 10)} ${String(100000 + Math.floor(random() * 900000))}`,
        email:
          random() < 0.6
            ? `${slug(firstName)}.${slug(lastName)}${Math.floor(random() * 100)}@example.org`
            : null,
        severely_disabled: random() < 0.07 ? 1 : 0,
      },
      case: {
        id: idFrom(random),
        case_number: `${office.code}-${year}-${serial}`,
        office_id: office.id,
        caseworker_id: caseworkers[i % caseworkers.length]!,
        phase,
        status,
        opened_on: isoDate(openedMs),
        last_contact_on: isoDate(lastContactMs),
        next_review_on: isoDate(lastContactMs + (60 + Math.floor(random() * 120)) * DAY),
      },
      appointments,
      notes,
    };
  }
}
