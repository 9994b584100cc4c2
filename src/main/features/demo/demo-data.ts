import type { Entities, EntityName, FieldsInput } from '../../../shared/entities/index';
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

type Values<E extends EntityName> = { id: string } & FieldsInput<Entities[E]['fields']>;

/** One synthetic case as domain records (wire values), ready to be applied as if pulled. */
export interface DemoCase {
  readonly household: Values<'households'>;
  readonly person: Values<'persons'>;
  readonly case: Values<'cases'>;
  readonly appointments: ReadonlyArray<Values<'appointments'>>;
  readonly notes: ReadonlyArray<Values<'notes'>>;
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
    const caseworker = caseworkers[i % caseworkers.length]!;
    const caseId = idFrom(random);

    const appointments = Array.from({ length: Math.floor(random() * 4) }, () => {
      const offsetDays = Math.floor(random() * 60) - 30;
      const startsMs =
        todayMs +
        offsetDays * DAY +
        (8 + Math.floor(random() * 8)) * 3_600_000 +
        (random() < 0.5 ? 1_800_000 : 0);
      const past = offsetDays < 0;
      const roll = random();
      const apptStatus = past
        ? roll < 0.8
          ? 'wahrgenommen'
          : roll < 0.93
            ? 'versaeumt'
            : 'abgesagt'
        : roll < 0.95
          ? 'geplant'
          : 'abgesagt';
      const [kind, subject] = pick(random, APPOINTMENT_KINDS);
      return {
        id: idFrom(random),
        startsAt: new Date(startsMs).toISOString(),
        durationMinutes: pick(random, [20, 30, 45, 60]),
        kind,
        subject,
        location: pick(random, APPOINTMENT_LOCATIONS[kind] ?? ['Dienststelle']),
        status: apptStatus,
      } as const;
    });
    const notes = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
      const [category, title, body] = pick(random, NOTE_TEMPLATES);
      const writtenAt = new Date(
        openedMs + Math.floor(random() * Math.max(1, todayMs - openedMs)),
      ).toISOString();
      return { id: idFrom(random), category, title, body, writtenAt, authorId: caseworker };
    });

    // the last contact is never older than an attended appointment or a note (demo data a caseworker trusts)
    const contactDays = [
      isoDate(Math.min(lastContactMs, todayMs)),
      ...appointments.filter((a) => a.status === 'wahrgenommen').map((a) => a.startsAt.slice(0, 10)),
      ...notes.map((n) => n.writtenAt.slice(0, 10)),
    ].filter((d) => d <= isoDate(todayMs));
    const lastContact = contactDays.sort().at(-1) ?? null;
    const personId = idFrom(random);
    const householdMembers = [
      { personId: null, role: 'applicant' as const, birthDate: isoDate(birthMs) },
      ...(members - 1 - children > 0 ? [{ personId: null, role: 'partner' as const, birthDate: null }] : []),
      ...Array.from({ length: children }, () => ({
        personId: null,
        role: 'child' as const,
        birthDate: isoDate(todayMs - Math.floor(random() * 17 * 365) * DAY - 30 * DAY),
      })),
    ];
    yield {
      household: {
        id: idFrom(random),
        householdNumber: `${String(10000 + Math.floor(random() * 90000))}BG${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`,
        members: householdMembers,
      },
      person: {
        id: personId,
        customerNumber: `${String(100 + Math.floor(random() * 900))}D${String(Math.floor(random() * 1_000_000)).padStart(6, '0')}`,
        firstName,
        lastName,
        birthDate: isoDate(birthMs),
        gender: female ? 'female' : 'male',
        nationality,
        preferredLanguage: language,
        street: `${pick(random, STREETS)} ${1 + Math.floor(random() * 80)}`,
        postalCode,
        town,
        phone: `0${3421 + Math.floor(random() * 10)} ${String(100000 + Math.floor(random() * 900000))}`,
        email:
          random() < 0.6
            ? `${slug(firstName)}.${slug(lastName)}${Math.floor(random() * 100)}@example.org`
            : null,
        disability: random() < 0.07 ? 'severely_disabled' : 'none',
      },
      case: {
        id: caseId,
        caseNumber: `${office.code}-${year}-${serial}`,
        personId,
        officeId: office.id,
        caseworkerId: caseworker,
        phase: phase as 1 | 2 | 3 | 4,
        status,
        openedOn: isoDate(openedMs),
        closedOn: status === 'abgeschlossen' ? isoDate(Math.max(openedMs, lastContactMs)) : null,
        lastContactOn: lastContact,
        nextReviewOn: isoDate(lastContactMs + (60 + Math.floor(random() * 120)) * DAY),
      },
      appointments,
      notes,
    };
  }
}
