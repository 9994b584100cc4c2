import type { Sha256Hex } from '../sync/reference-fingerprint';
import { seededRandom } from '../domain/common/seeded';
import type { AppointmentKind } from '../domain/case/appointment';
import type { ConsentPurpose } from '../domain/case/consent';
import type { ContactChannel } from '../domain/case/contact';
import { noteIsRestricted } from '../domain/case/note';
import type { LanguageLevel, SchoolQualification, VocationalQualification } from '../domain/case/person';
import { ageOn } from '../domain/common/dates';
import type { Entities, EntityName, FieldsInput } from '../entities/index';
import { buildFourPhaseRecords } from './demo-4pm';
import {
  dayNumber,
  isoOfDay,
  localTimestamp,
  OFFICE_HOURS,
  weekday,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from './demo-calendar';
import {
  APPOINTMENT_KINDS,
  APPOINTMENT_LOCATIONS,
  FIRST_NAMES_F,
  FIRST_NAMES_M,
  JVA_APPOINTMENT,
  LAST_NAMES,
  NATIONALITIES,
  NOTE_TEMPLATES,
  OFFICES,
  STREETS,
  TOWNS,
  type DemoPersonFacts,
} from './demo-vocabulary';

/** The caseworker the demo cases belong to by default. */
export const DEMO_CASEWORKERS: readonly string[] = ['ifk-demo'];

export interface DemoOptions {
  readonly cases: number;
  readonly seed: number;
  /** ISO date the data is generated around (appointments before and after it). */
  readonly today: string;
  /** Caseworker ids to spread the cases over (default: one demo caseworker). */
  readonly caseworkers?: readonly string[];
  /** SHA-256 as hex: src/shared stays pure, main and server pass node:crypto's. */
  readonly sha256: Sha256Hex;
}

type Values<E extends EntityName> = { id: string } & FieldsInput<Entities[E]['fields']>;

/** One synthetic case as domain records (wire values), ready to be applied as if pulled. */
export interface DemoCase {
  readonly household: Values<'households'>;
  readonly person: Values<'persons'>;
  readonly case: Values<'cases'>;
  readonly appointments: ReadonlyArray<Values<'appointments'>>;
  readonly contacts: ReadonlyArray<Values<'contacts'>>;
  readonly notes: ReadonlyArray<Values<'notes'>>;
  readonly consents: ReadonlyArray<Values<'consents'>>;
  readonly assessments: ReadonlyArray<Values<'assessments'>>;
  readonly goals: ReadonlyArray<Values<'goals'>>;
  readonly strategyChoices: ReadonlyArray<Values<'strategy_choices'>>;
  readonly assignments: ReadonlyArray<Values<'measure_assignments'>>;
  readonly ownEfforts: ReadonlyArray<Values<'own_efforts'>>;
  readonly plans: ReadonlyArray<Values<'cooperation_plans'>>;
  readonly handovers: ReadonlyArray<Values<'plan_handovers'>>;
  /** What the generator knew about the person (so tests can check that texts fit). */
  readonly facts: DemoPersonFacts;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hexWord(random: () => number): string {
  const w = Math.floor(random() * 4294967296);
  return HEX[w >>> 24]! + HEX[(w >>> 16) & 255]! + HEX[(w >>> 8) & 255]! + HEX[w & 255]!;
}

/** Deterministic uuid-shaped ids (version nibble 4, variant 8–b) from the PRNG: 4 draws of 32 bits. */
function idFrom(random: () => number): string {
  const a = hexWord(random);
  const b = hexWord(random);
  const c = hexWord(random);
  const d = hexWord(random);
  const variant = (8 + (parseInt(c[0]!, 16) & 3)).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
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

function int(random: () => number, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

/** Picks by weight: [[value, weight], …]. */
function weighted<T>(random: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let roll = random() * total;
  for (const [value, w] of items) {
    roll -= w;
    if (roll < 0) return value;
  }
  return items[items.length - 1]![0];
}

/** The first working day under the Bürgergeld, when the Kooperationsplan replaced the Eingliederungsvereinbarung. */
const FIRST_PLAN_DAY = workingDayOnOrAfter(dayNumber('2023-07-01'));

const CHANNEL_OF_KIND: Readonly<Record<AppointmentKind, ContactChannel>> = {
  beratung: 'persoenlich',
  erstgespraech: 'persoenlich',
  hausbesuch: 'persoenlich',
  telefon: 'telefon',
  video: 'video',
  jva: 'jva',
};

/** A start time within the office hours of `day` such that `minutes` fit before closing. */
function officeTime(random: () => number, day: number, minutes: number): number {
  const [open, close] = OFFICE_HOURS[weekday(day)]!;
  const slots = Math.floor((close - open - minutes) / 30);
  return open + 30 * int(random, 0, Math.max(0, slots));
}

/**
 * Yields synthetic cases one by one (constant memory even for 100,000 cases). Everything is derived
 * from the seed: the same options give byte-identical data. The data is what a caseworker would
 * trust: appointments on working days within office hours, the last contact never older than an
 * attended appointment, a contact or a note, texts that fit the person and household, and 4PM
 * records by phase built through the domain.
 */
export function* generateDemoCases(options: DemoOptions): Generator<DemoCase> {
  const random = seededRandom(options.seed);
  const newId = () => idFrom(random);
  const today = dayNumber(options.today);
  const todayIso = options.today;
  const caseworkers = options.caseworkers ?? DEMO_CASEWORKERS;
  for (let i = 0; i < options.cases; i += 1) {
    const [town, postalCode, officeIndex] = pick(random, TOWNS);
    const office = OFFICES[officeIndex]!;
    const female = random() < 0.5;
    const firstName = pick(random, female ? FIRST_NAMES_F : FIRST_NAMES_M);
    const lastName = pick(random, LAST_NAMES);
    const birthDate = isoOfDay(today - Math.floor((17 + random() * 47) * 365.25));
    const age = ageOn(birthDate, todayIso);
    const [nationality, language] = pick(random, NATIONALITIES);
    const foreign = nationality !== 'deutsch';
    const germanLevel: LanguageLevel | null = foreign
      ? weighted(random, [
          ['none', 5],
          ['A1', 15],
          ['A2', 25],
          ['B1', 30],
          ['B2', 15],
          ['C1', 10],
        ] as const)
      : null;
    const schoolQualification: SchoolQualification = foreign
      ? weighted(random, [
          ['foreign', 60],
          ['none', 10],
          ['hauptschule', 15],
          ['realschule', 15],
        ] as const)
      : weighted(random, [
          ['none', 8],
          ['foerderschule', 5],
          ['hauptschule', 30],
          ['realschule', 40],
          ['fachhochschulreife', 7],
          ['abitur', 10],
        ] as const);
    const vocationalQualification: VocationalQualification =
      age < 20
        ? 'none'
        : foreign
          ? weighted(random, [
              ['foreign_unrecognised', 40],
              ['none', 40],
              ['apprenticeship', 10],
              ['university', 10],
            ] as const)
          : weighted(random, [
              ['none', 35],
              ['partial', 10],
              ['apprenticeship', 45],
              ['master', 5],
              ['university', 5],
            ] as const);
    const inCustody = age >= 20 && age < 55 && random() < 0.03;

    // household: children only for adults old enough; a single parent has no partner
    const childCount = !inCustody && age >= 20 && random() < 0.35 ? int(random, 1, 3) : 0;
    const hasPartner = childCount > 0 ? random() < 0.55 : random() < 0.3;
    const children = Array.from({ length: childCount }, () =>
      isoOfDay(today - Math.floor(random() * (Math.min(17, age - 18) + 1) * 365.25) - 30),
    );
    const childAges = children.map((d) => ageOn(d, todayIso));
    const minorChildren = childAges.filter((a) => a < 18).length;
    const youngestChildAge = childAges.length > 0 ? Math.min(...childAges) : null;
    const singleParent = !hasPartner && minorChildren > 0;
    const partnerBirth = hasPartner
      ? isoOfDay(today - Math.floor(Math.max(18, age + int(random, -5, 5)) * 365.25) - int(random, 0, 300))
      : null;
    const personId = newId();
    const householdMembers = [
      { personId, role: 'applicant' as const, birthDate },
      ...(partnerBirth ? [{ personId: null, role: 'partner' as const, birthDate: partnerBirth }] : []),
      ...children.map((d) => ({ personId: null, role: 'child' as const, birthDate: d })),
    ];
    const driverLicence = !inCustody && random() < (age < 20 ? 0.3 : 0.65);
    const hasDebts = random() < 0.2;

    // case: phase, status and the timeline of the 4PM
    let phase = weighted(random, [
      [1, 22],
      [2, 20],
      [3, 23],
      [4, 35],
    ] as const);
    const statusRoll = random();
    const status = statusRoll < 0.86 ? 'aktiv' : statusRoll < 0.95 ? 'ruhend' : 'abgeschlossen';
    const closed = status === 'abgeschlossen';
    const endDay = closed ? workingDayOnOrBefore(today - int(random, 1, 60)) : today;
    let planDay = phase === 4 ? workingDayOnOrBefore(endDay - int(random, 30, 200)) : null;
    // Kooperationspläne exist since the Bürgergeld (1.7.2023); before, a phase-4 case has none yet
    if (planDay !== null && planDay < FIRST_PLAN_DAY) {
      if (FIRST_PLAN_DAY <= endDay - 30) planDay = FIRST_PLAN_DAY;
      else {
        planDay = null;
        phase = 3;
      }
    }
    const startDay = workingDayOnOrBefore(
      planDay !== null
        ? planDay - int(random, 12, 40)
        : endDay -
            (phase === 1 ? int(random, 0, 60) : phase === 2 ? int(random, 20, 150) : int(random, 45, 240)),
    );
    const openedDay = workingDayOnOrBefore(
      Math.min(startDay - int(random, 0, 45), today - int(random, 0, 6 * 365)),
    );
    const serial = String(i + 1).padStart(6, '0');
    const year = isoOfDay(openedDay).slice(0, 4);
    const caseworker = caseworkers[i % caseworkers.length]!;
    const caseId = newId();
    const facts: DemoPersonFacts = {
      age,
      female,
      foreign,
      germanLevel,
      minorChildren,
      youngestChildAge,
      hasPartner,
      singleParent,
      inCustody,
      driverLicence,
      hasDebts,
      schoolQualification,
      vocationalQualification,
      phase,
    };
    const email =
      !inCustody && random() < 0.6
        ? `${slug(firstName)}.${slug(lastName)}${Math.floor(random() * 100)}@example.org`
        : null;

    // consents: JVA pre-release contact, e-mail, translated companion page
    const consents: Array<Values<'consents'>> = [];
    const consent = (
      purpose: ConsentPurpose,
      day: number,
      form: 'schriftlich' | 'elektronisch',
      scope: string | null,
    ) =>
      consents.push({
        id: newId(),
        purpose,
        givenOn: isoOfDay(day),
        form,
        scope,
        withdrawnOn: null,
        recordedBy: caseworker,
      });
    if (inCustody)
      consent(
        'pre_release_contact',
        openedDay,
        'schriftlich',
        'Kontakt über den Sozialdienst der JVA Torgau',
      );
    const emailConsent = email !== null && random() < 0.35;
    if (emailConsent) consent('email_contact', openedDay, 'elektronisch', null);
    const companionLanguage =
      foreign &&
      germanLevel !== null &&
      ['none', 'A1', 'A2'].includes(germanLevel) &&
      (language === 'uk' || language === 'ar' || language === 'ru') &&
      random() < 0.7
        ? language
        : null;
    if (companionLanguage !== null) consent('translation_companion', openedDay, 'schriftlich', null);

    const records = buildFourPhaseRecords({
      random,
      newId,
      caseId,
      caseworker,
      officeId: office.id,
      facts,
      phase,
      startDay,
      planDay,
      endDay,
      closed,
      emailConsent,
      companionLanguage,
      sha256: options.sha256,
    });
    if (records.providerAssignment !== null && random() < 0.3)
      consent(
        'provider_data_sharing',
        dayNumber(records.providerAssignment.proposedOn),
        'schriftlich',
        `Nur ${records.providerAssignment.provider!.name}`,
      );

    // appointments: working days, office hours, a subject of the case's phase; custody: only the JVA consultation day
    const kindsOfPhase = APPOINTMENT_KINDS.filter(([, , phases]) => phases.includes(phase));
    const appointments = Array.from({ length: int(random, 0, 3) + (inCustody ? 1 : 0) }, () => {
      const candidate = closed ? endDay - int(random, 0, 60) : today + int(random, -45, 30);
      let day = workingDayOnOrBefore(candidate);
      if (day < openedDay) day = workingDayOnOrAfter(openedDay);
      const durationMinutes = pick(random, [20, 30, 45, 60]);
      const [kind, subject] = inCustody
        ? JVA_APPOINTMENT
        : day - openedDay <= 14
          ? (['erstgespraech', 'Erstgespräch'] as const)
          : pick(random, kindsOfPhase);
      const roll = random();
      const past = day < today;
      const apptStatus = past
        ? roll < 0.8
          ? 'wahrgenommen'
          : roll < 0.93
            ? 'versaeumt'
            : 'abgesagt'
        : roll < 0.95
          ? 'geplant'
          : 'abgesagt';
      return {
        id: newId(),
        startsAt: localTimestamp(day, officeTime(random, day, durationMinutes)),
        durationMinutes,
        kind,
        subject,
        location: pick(random, APPOINTMENT_LOCATIONS[kind] ?? ['Dienststelle']),
        status: apptStatus,
      } as const;
    });

    // Kontakthistorie: every attended appointment, a follow-up call after a missed one, the latest contact
    const contacts: Array<Values<'contacts'>> = [];
    for (const a of appointments) {
      const day = dayNumber(a.startsAt.slice(0, 10));
      if (a.status === 'wahrgenommen')
        contacts.push({
          id: newId(),
          occurredAt: a.startsAt,
          channel: CHANNEL_OF_KIND[a.kind],
          direction: 'outbound',
          subject: a.subject,
          appointmentId: a.id,
          reached: true,
          recordedBy: caseworker,
        });
      else if (a.status === 'versaeumt' && !inCustody) {
        const next = workingDayOnOrAfter(day + 1);
        if (next < today && next <= endDay)
          contacts.push({
            id: newId(),
            occurredAt: localTimestamp(next, officeTime(random, next, 15)),
            channel: 'telefon',
            direction: 'outbound',
            subject: 'Nachfrage zum versäumten Termin',
            appointmentId: null,
            reached: random() < 0.5,
            recordedBy: caseworker,
          });
      }
    }
    const recentDay = Math.max(
      openedDay,
      workingDayOnOrBefore(Math.min(endDay, today - 1) - int(random, 0, status === 'ruhend' ? 200 : 80)),
    );
    const [channel, direction, contactSubject] = inCustody
      ? (['jva', 'outbound', 'Vorbereitung der Entlassung mit dem Sozialdienst der JVA'] as const)
      : pick(random, [
          ['telefon', 'inbound', 'Rückfrage zu Bewerbungsunterlagen'] as const,
          ['telefon', 'outbound', 'Stellenangebot telefonisch besprochen'] as const,
          ['persoenlich', 'inbound', 'Vorsprache am Empfang: Unterlagen abgegeben'] as const,
          ...(emailConsent
            ? [['e-mail', 'inbound', 'Bewerbungsnachweise per E-Mail eingereicht'] as const]
            : []),
        ]);
    contacts.push({
      id: newId(),
      occurredAt: localTimestamp(recentDay, officeTime(random, recentDay, 15)),
      channel,
      direction,
      subject: contactSubject,
      appointmentId: null,
      reached: true,
      recordedBy: caseworker,
    });

    // Vermerke: only topics that fit the person and household
    const topics = NOTE_TEMPLATES.filter(([, , , fits]) => fits(facts));
    const notes = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
      const [category, title, body] = pick(random, topics);
      const span = Math.max(0, Math.min(endDay, today - 1) - openedDay);
      const day = Math.max(
        openedDay,
        workingDayOnOrBefore(Math.min(endDay, today - 1) - int(random, 0, Math.min(span, 400))),
      );
      return {
        id: newId(),
        category,
        title,
        body,
        restricted: noteIsRestricted({ category, restricted: false }),
        writtenAt: localTimestamp(day, officeTime(random, day, 0)),
        authorId: caseworker,
      };
    });

    // the last contact is never older than an attended appointment, a contact or a note
    let lastContact = null as string | null;
    const seen = (iso: string) => {
      const day = iso.slice(0, 10);
      if (day <= todayIso && (lastContact === null || day > lastContact)) lastContact = day;
    };
    for (const a of appointments) if (a.status === 'wahrgenommen') seen(a.startsAt);
    for (const c of contacts) if (c.reached) seen(c.occurredAt!);
    for (const n of notes) seen(n.writtenAt);

    yield {
      household: {
        id: newId(),
        householdNumber: `${String(10000 + Math.floor(random() * 90000))}BG${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`,
        members: householdMembers,
      },
      person: {
        id: personId,
        customerNumber: `${String(100 + Math.floor(random() * 900))}D${String(Math.floor(random() * 1_000_000)).padStart(6, '0')}`,
        firstName,
        lastName,
        birthDate,
        gender: female ? 'female' : 'male',
        nationality,
        preferredLanguage: language,
        germanLevel,
        integrationCourseCompleted:
          foreign && germanLevel !== null && ['B1', 'B2', 'C1'].includes(germanLevel) && random() < 0.7,
        street: `${pick(random, STREETS)} ${1 + Math.floor(random() * 80)}`,
        postalCode,
        town,
        phone: `0${3421 + Math.floor(random() * 10)} ${String(100000 + Math.floor(random() * 900000))}`,
        email,
        disability: random() < 0.07 ? 'severely_disabled' : 'none',
        unemployedSince: inCustody || random() < 0.15 ? null : isoOfDay(openedDay - int(random, 0, 400)),
        benefitPeriods: [{ from: isoOfDay(openedDay), to: null }],
        returnerToWork: female && minorChildren > 0 && age > 25 && random() < 0.2,
        expectedReleaseDate: inCustody ? isoOfDay(today + int(random, 30, 240)) : null,
        consentForPreReleaseContact: inCustody,
        schoolQualification,
        vocationalQualification,
      },
      case: {
        id: caseId,
        caseNumber: `${office.code}-${year}-${serial}`,
        personId,
        officeId: office.id,
        caseworkerId: caseworker,
        phase,
        status,
        openedOn: isoOfDay(openedDay),
        closedOn: closed ? isoOfDay(endDay) : null,
        lastContactOn: lastContact,
        nextReviewOn: records.reviewDueOn,
      },
      appointments,
      contacts,
      notes,
      consents,
      assessments: records.assessments,
      goals: records.goals,
      strategyChoices: records.strategyChoices,
      assignments: records.assignments,
      ownEfforts: records.ownEfforts,
      plans: records.plans,
      handovers: records.handovers,
      facts,
    };
  }
}
