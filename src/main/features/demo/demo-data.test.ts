import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type TestDb } from '../../../../tests/helpers/local-db';
import { assessmentSchema } from '../../../shared/domain/assessment/assessment';
import { profileSituationDecisionSchema } from '../../../shared/domain/assessment/profile-situation';
import { appointmentSchema } from '../../../shared/domain/case/appointment';
import { caseSchema } from '../../../shared/domain/case/case';
import { consentSchema } from '../../../shared/domain/case/consent';
import { contactSchema } from '../../../shared/domain/case/contact';
import { householdSchema, isSingleParentHousehold } from '../../../shared/domain/case/household';
import { noteSchema } from '../../../shared/domain/case/note';
import { personSchema } from '../../../shared/domain/case/person';
import { ageOn } from '../../../shared/domain/common/dates';
import { goalSchemaFor } from '../../../shared/domain/goals/goal';
import { checkStrategySelection, strategyChoiceSchema } from '../../../shared/domain/goals/strategies';
import { regimeOn } from '../../../shared/domain/legal/legal-regimes';
import { assignmentSchema } from '../../../shared/domain/measures/assignment';
import {
  canonicalPlanContent,
  cooperationPlanSchema,
  missingForHandover,
  planHandoverRecordSchema,
} from '../../../shared/domain/plan/cooperation-plan';
import { ownEffortRecordSchema } from '../../../shared/domain/plan/own-effort';
import { ENTITIES, type EntityName } from '../../../shared/entities/index';
import {
  dayNumber,
  OFFICE_HOURS,
  saxonHolidays,
  workingDayOnOrAfter,
} from '../../../shared/demo/demo-calendar';
import { generateDemoCases, type DemoCase } from '../../../shared/demo/demo-data';
import { OFFICES, TOWNS } from '../../../shared/demo/demo-vocabulary';
import { nodeSha256 as sha256, seedDemoData } from './seed-demo';

const options = { cases: 500, seed: 42, today: '2026-03-02', sha256 } as const;
/** What the app seeds on first start (and the e2e suite uses). */
const app = { cases: 200, seed: 2026, today: '2026-11-23', sha256 } as const;

const generated = [...generateDemoCases(options)];
const appCases = [...generateDemoCases(app)];

// ---------------------------------------------------------------- realism rules, as checks

/** Local date, weekday and minutes after midnight of an instant at the offices (Europe/Berlin). */
const berlinParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function atOffice(instant: string): { date: string; weekday: string; minutes: number } {
  const parts = Object.fromEntries(
    berlinParts.formatToParts(new Date(instant)).map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    weekday: parts['weekday']!,
    minutes: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}
const WEEKDAY_NUMBER: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 0 };

/** Every text of a case a caseworker reads, with where it is. */
function textsOf(c: DemoCase): string[] {
  return [
    ...c.notes.map((n) => `${n.title} ${n.body}`),
    ...c.contacts.map((x) => x.subject!),
    ...c.appointments.map((a) => `${a.subject ?? ''} ${a.location ?? ''}`),
    ...c.assessments.flatMap((a) =>
      (a.entries ?? []).map((e) => `${e.strength?.text ?? ''} ${e.need?.focus ?? ''} ${e.note ?? ''}`),
    ),
    ...c.goals.flatMap((g) => [g.description!, ...(g.intermediateGoals ?? []).map((s) => s.description)]),
    ...c.ownEfforts.map((e) => e.description!),
    ...c.handovers.map((h) => JSON.stringify(h.content)),
  ];
}

type Rule = (c: DemoCase, today: string) => string[];

/** The rules of demo data a caseworker would trust; each returns its violations (German-free ids). */
const RULES: Record<string, Rule> = {
  lastContact: (c, today) => {
    const last = c.case.lastContactOn ?? null;
    const dates = [
      ...c.appointments.filter((a) => a.status === 'wahrgenommen').map((a) => atOffice(a.startsAt!).date),
      ...c.contacts.filter((x) => x.reached !== false).map((x) => atOffice(x.occurredAt!).date),
      ...c.notes.map((n) => atOffice(n.writtenAt!).date),
    ].filter((d) => d <= today);
    const out = dates.filter((d) => last === null || d > last).map((d) => `contact on ${d} after ${last}`);
    if (last !== null && last > today) out.push(`last contact ${last} in the future`);
    if (last !== null && last < c.case.openedOn!) out.push(`last contact ${last} before opening`);
    return out;
  },
  workingDaysAndOfficeHours: (c) =>
    c.appointments.flatMap((a) => {
      const { date, weekday, minutes } = atOffice(a.startsAt!);
      const wd = WEEKDAY_NUMBER[weekday]!;
      const hours = OFFICE_HOURS[wd];
      if (!hours) return [`${a.startsAt} on a ${weekday}`];
      if (saxonHolidays(Number(date.slice(0, 4))).has(dayNumber(date))) return [`${a.startsAt} on a holiday`];
      if (minutes < hours[0] || minutes + a.durationMinutes! > hours[1])
        return [`${a.startsAt} (${a.durationMinutes} min) outside office hours`];
      return [];
    }),
  locationFitsKind: (c) =>
    c.appointments.flatMap((a) => {
      const ok = {
        video: a.location === 'Videoberatung',
        telefon: a.location === 'Telefon',
        beratung: a.location!.startsWith('Dienststelle'),
        erstgespraech: a.location!.startsWith('Dienststelle'),
        hausbesuch: a.location === 'Hausbesuch',
        jva: a.location!.includes('JVA'),
      }[a.kind!];
      return ok ? [] : [`${a.kind} at ${a.location}`];
    }),
  singleParentAgreesWithHousehold: (c, today) => {
    const household = householdSchema.parse(c.household);
    const single = isSingleParentHousehold(household, today);
    const partner = household.members.some((m) => m.role === 'partner');
    const out: string[] = [];
    if (c.facts.singleParent !== single)
      out.push(`single parent ${c.facts.singleParent} vs household ${single}`);
    for (const t of textsOf(c)) {
      if (/alleinerziehend/i.test(t) && !single)
        out.push(`"${t.slice(0, 40)}" without single-parent household`);
      if (/\bPartner\b/.test(t) && !partner) out.push(`"${t.slice(0, 40)}" without partner`);
    }
    return out;
  },
  topicsFitPerson: (c, today) => {
    const household = householdSchema.parse(c.household);
    const childAges = household.members
      .filter((m) => m.role === 'child')
      .map((m) => ageOn(m.birthDate!, today));
    const age = ageOn(c.person.birthDate!, today);
    const out: string[] = [];
    for (const t of textsOf(c)) {
      const bad = (why: string) => out.push(`"${t.slice(0, 40)}": ${why}`);
      if (/Kita/.test(t) && !childAges.some((a) => a < 6)) bad('Kita without a small child');
      if (/Kind|Hort/.test(t) && !childAges.some((a) => a < 18)) bad('children without a minor child');
      if (
        /Sprachkurs|Integrationskurs|Herkunftssprache|Deutschkenntnisse/.test(t) &&
        c.person.nationality === 'deutsch'
      )
        bad('language course for a German national');
      if (/JVA|Haftentlassung|Entlassung/.test(t) && !c.person.expectedReleaseDate)
        bad('JVA without custody');
      if (/50plus/.test(t) && age < 50) bad('50plus under 50');
      if (/Ausbildungsplätze/.test(t) && age >= 25) bad('apprenticeship search at 25 or older');
    }
    for (const x of c.contacts)
      if (x.channel === 'e-mail' && !c.person.email) out.push('e-mail contact without an address');
    return out;
  },
  consentsFitRecords: (c) => {
    const purposes = new Set(c.consents.map((x) => x.purpose));
    const out: string[] = [];
    if ((c.person.consentForPreReleaseContact ?? false) !== purposes.has('pre_release_contact'))
      out.push('pre-release consent flag without record');
    if (c.appointments.some((a) => a.kind === 'jva') && !purposes.has('pre_release_contact'))
      out.push('JVA appointment without consent');
    if (c.contacts.some((x) => x.channel === 'e-mail') && !purposes.has('email_contact'))
      out.push('e-mail contact without consent');
    if (c.handovers.some((h) => h.form === 'e-mail') && !purposes.has('email_contact'))
      out.push('plan sent by e-mail without consent');
    if (c.handovers.some((h) => h.content?.companionLanguage) && !purposes.has('translation_companion'))
      out.push('translated companion page without consent');
    return out;
  },
  reviewDateFromPlan: (c) => {
    const plan = c.handovers.at(-1)?.content;
    const expected = plan ? (plan.reviewDueOn ?? null) : null;
    return (c.case.nextReviewOn ?? null) === expected
      ? []
      : [`nextReviewOn ${c.case.nextReviewOn} vs ${expected}`];
  },
  nothingAfterClosing: (c) => {
    const closed = c.case.closedOn;
    if (!closed) return [];
    const out: string[] = [];
    for (const a of c.appointments) {
      if (a.status === 'geplant') out.push(`planned appointment ${a.startsAt} in a closed case`);
      if (atOffice(a.startsAt!).date > closed)
        out.push(`appointment ${a.startsAt} after closing on ${closed}`);
    }
    for (const n of c.notes)
      if (atOffice(n.writtenAt!).date > closed) out.push(`note ${n.writtenAt} after closing on ${closed}`);
    for (const a of c.assignments)
      if (a.status !== 'ended' && a.status !== 'aborted') out.push(`open measure ${a.measureId}`);
    return out;
  },
};

function violations(rule: string, cases: readonly DemoCase[], today: string): string[] {
  return cases.flatMap((c) => RULES[rule]!(c, today).map((v) => `${c.case.caseNumber}: ${v}`));
}

/** A deep copy of a case with one change, to prove that a rule catches it. */
interface Editable {
  case: Record<string, unknown>;
  person: Record<string, unknown>;
  household: { members: unknown[] };
  appointments: Record<string, unknown>[];
  notes: Record<string, unknown>[];
  consents: unknown[];
}
function broken(c: DemoCase, change: (copy: Editable) => void): DemoCase {
  const copy = structuredClone(c) as unknown as Editable;
  change(copy);
  return copy as unknown as DemoCase;
}

describe('demo data generator', () => {
  it('is deterministic: the same seed gives identical data, another seed different data', () => {
    const a = JSON.stringify(generated);
    const b = JSON.stringify([...generateDemoCases(options)]);
    const c = JSON.stringify([...generateDemoCases({ ...options, seed: 43 })]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('produces plausible Nordsachsen cases: four offices, towns of the right office, umlauts, valid dates, unique numbers', () => {
    const cases = generated;
    expect(cases).toHaveLength(500);
    const offices = new Set(cases.map((c) => c.case.officeId));
    expect([...offices].sort()).toEqual(OFFICES.map((o) => o.id).sort());
    const officeOfTown = new Map(TOWNS.map(([town, , office]) => [town, OFFICES[office]!.id]));
    for (const c of cases) {
      expect(officeOfTown.get(c.person.town ?? '')).toBe(c.case.officeId);
      expect(c.person.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const age = (Date.parse(options.today) - Date.parse(c.person.birthDate!)) / (365.25 * 86_400_000);
      expect(age).toBeGreaterThanOrEqual(15);
      expect(age).toBeLessThan(70);
      expect(c.case.openedOn! <= options.today).toBe(true);
      expect(c.notes.length).toBeGreaterThan(0);
    }
    expect(new Set(cases.map((c) => c.case.caseNumber)).size).toBe(500);
    expect(new Set(cases.map((c) => c.person.id)).size).toBe(500);
    expect(cases.some((c) => /[äöüÄÖÜß]/.test(`${c.person.firstName}${c.person.lastName}`))).toBe(true);
    // e-mail addresses only at the reserved example domain
    for (const c of cases) if (c.person.email) expect(c.person.email).toMatch(/@example\.org$/);
    // ids are unique across every record
    const ids = cases.flatMap((c) =>
      [
        c.household,
        c.person,
        c.case,
        ...c.appointments,
        ...c.contacts,
        ...c.notes,
        ...c.consents,
        ...c.assessments,
        ...c.goals,
        ...c.strategyChoices,
        ...c.assignments,
        ...c.ownEfforts,
        ...c.handovers,
      ].map((r) => r.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every generated record passes its domain schema and the record rules of its definition', () => {
    const goalSchema = goalSchemaFor();
    for (const c of [...generated, ...appCases]) {
      const caseId = c.case.id;
      const withCase = <T extends object>(r: T) => ({ ...r, caseId });
      personSchema.parse(c.person);
      householdSchema.parse(c.household);
      caseSchema.parse(c.case);
      for (const a of c.appointments) appointmentSchema.parse(withCase(a));
      for (const x of c.contacts) contactSchema.parse(withCase(x));
      for (const n of c.notes) expect(noteSchema.parse(withCase(n)).restricted).toBe(n.restricted);
      for (const x of c.consents) consentSchema.parse(withCase(x));
      for (const a of c.assessments) {
        const { profileSituation, ...rest } = a;
        assessmentSchema.parse(rest);
        if (profileSituation) profileSituationDecisionSchema.parse(profileSituation);
      }
      for (const g of c.goals) goalSchema.parse(g);
      for (const s of c.strategyChoices) strategyChoiceSchema.parse(s);
      // the strategies fit the version they were chosen for (a later Fortschreibung may drop a need)
      const chosenFor = c.strategyChoices[0]?.assessmentId;
      if (chosenFor !== undefined) {
        expect(c.strategyChoices.every((s) => s.assessmentId === chosenFor)).toBe(true);
        const { profileSituation: _ps, ...version } = c.assessments.find((a) => a.id === chosenFor)!;
        expect(version.status).toBe('finalized');
        expect(
          checkStrategySelection(
            c.strategyChoices.map((s) => ({ strategyId: s.strategyId!, servesNeeds: s.servesNeeds! })),
            assessmentSchema.parse(version),
          ),
        ).toEqual([]);
      }
      for (const a of c.assignments) assignmentSchema.parse(a);
      for (const e of c.ownEfforts) ownEffortRecordSchema.parse(e);
      for (const p of c.plans) cooperationPlanSchema.parse(p);
      for (const h of c.handovers) {
        const record = planHandoverRecordSchema.parse(h);
        expect(record.contentHash).toBe(
          createHash('sha256').update(canonicalPlanContent(record.content)).digest('hex'),
        );
        const regime = regimeOn(record.handedOverOn);
        expect(regime.ok && regime.regime.id).toBe(record.regimeId);
        if (regime.ok)
          expect(
            missingForHandover(record.content, regime.regime, {
              hasFinalizedAssessment: true,
              today: record.handedOverOn,
            }),
          ).toEqual([]);
      }
      // the record rules of the definitions (what the server checks)
      const each: [EntityName, readonly object[]][] = [
        ['cases', [c.case]],
        ['assessments', c.assessments],
        ['goals', c.goals],
        ['measure_assignments', c.assignments],
        ['own_efforts', c.ownEfforts],
        ['consents', c.consents],
      ];
      for (const [entity, records] of each)
        for (const r of records) expect(ENTITIES[entity].validate?.(withCase(r)) ?? []).toEqual([]);
    }
  });

  describe('is demo data a caseworker would trust', () => {
    for (const rule of Object.keys(RULES))
      it(`${rule}: holds for every case`, () => {
        expect(violations(rule, generated, options.today)).toEqual([]);
        expect(violations(rule, appCases, app.today)).toEqual([]);
      });

    it('holds for other seeds and days too: year end, summer-time change, leap day, the day of the new Grundsicherung, early Bürgergeld', () => {
      for (const [seed, today] of [
        [7, '2026-12-31'],
        [8, '2026-03-29'],
        [9, '2024-02-29'],
        [10, '2026-07-01'],
        [11, '2023-09-15'],
      ] as const) {
        const cases = [...generateDemoCases({ cases: 120, seed, today, sha256 })];
        for (const rule of Object.keys(RULES)) expect(violations(rule, cases, today)).toEqual([]);
        for (const c of cases) expect(c.case.lastContactOn! <= today).toBe(true);
      }
    });

    const first = (p: (c: DemoCase) => boolean) => generated.find(p)!;

    it('each rule catches a broken case', () => {
      const withAttended = first((c) => c.appointments.some((a) => a.status === 'wahrgenommen'));
      const catches = (rule: string, c: DemoCase) =>
        expect(RULES[rule]!(c, options.today).length).toBeGreaterThan(0);
      catches(
        'lastContact',
        broken(withAttended, (c) => {
          const attended = withAttended.appointments.find((a) => a.status === 'wahrgenommen')!;
          c.case.lastContactOn = addDaysIso(attended.startsAt!.slice(0, 10), -1);
        }),
      );
      const withAppointment = first((c) => c.appointments.length > 0);
      const moved = (startsAt: string) =>
        broken(withAppointment, (c) => {
          c.appointments[0]!.startsAt = startsAt;
        });
      catches('workingDaysAndOfficeHours', moved('2026-03-07T09:00:00+01:00')); // Saturday
      catches('workingDaysAndOfficeHours', moved('2026-04-03T09:00:00+02:00')); // Karfreitag
      catches('workingDaysAndOfficeHours', moved('2026-03-04T18:30:00+01:00')); // Wednesday evening
      catches('workingDaysAndOfficeHours', moved('2026-03-06T11:45:00+01:00')); // Friday, ends after noon
      catches('workingDaysAndOfficeHours', moved('2026-03-04T06:30:00Z')); // 07:30 at the office
      expect(RULES['workingDaysAndOfficeHours']!(moved('2026-03-04T07:30:00Z'), options.today)).toEqual([]);
      catches(
        'locationFitsKind',
        broken(withAppointment, (c) => {
          c.appointments[0]!.kind = 'video';
          c.appointments[0]!.location = 'Telefon';
        }),
      );
      const single = first((c) => c.facts.singleParent);
      catches(
        'singleParentAgreesWithHousehold',
        broken(single, (c) => {
          c.household.members.push({ personId: null, role: 'partner', birthDate: '1990-01-01' });
        }),
      );
      const childless = first((c) => c.household.members!.every((m) => m.role !== 'child'));
      catches(
        'topicsFitPerson',
        broken(childless, (c) => {
          c.notes[0]!.body = 'Kitaplatz in der Nähe zugesagt.';
        }),
      );
      const german = first((c) => c.person.nationality === 'deutsch');
      catches(
        'topicsFitPerson',
        broken(german, (c) => {
          c.notes[0]!.body = 'Anmeldung zum Integrationskurs besprochen.';
        }),
      );
      catches(
        'consentsFitRecords',
        broken(german, (c) => {
          c.person.consentForPreReleaseContact = true;
          c.consents = [];
        }),
      );
      const planned = first((c) => c.handovers.length > 0);
      catches(
        'reviewDateFromPlan',
        broken(planned, (c) => {
          c.case.nextReviewOn = '2030-01-01';
        }),
      );
      const closed = first((c) => c.case.status === 'abgeschlossen');
      catches(
        'nothingAfterClosing',
        broken(closed, (c) => {
          c.notes[0]!.writtenAt = `${options.today}T10:00:00+01:00`;
        }),
      );
    });

    it('knows the working days of Saxony (holidays, weekends)', () => {
      const holidays = [...saxonHolidays(2026)]
        .sort()
        .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
      expect(holidays).toEqual([
        '2026-01-01',
        '2026-04-03',
        '2026-04-06',
        '2026-05-01',
        '2026-05-14',
        '2026-05-25',
        '2026-10-03',
        '2026-10-31',
        '2026-11-18',
        '2026-12-25',
        '2026-12-26',
      ]);
      expect(new Date(workingDayOnOrAfter(dayNumber('2026-04-03')) * 86_400_000).toISOString()).toMatch(
        /^2026-04-07/,
      );
    });
  });

  describe('realistic shares of 4PM records by phase', () => {
    for (const [name, cases] of [
      ['500 cases', generated],
      ['the 200 cases of the app', appCases],
    ] as const) {
      it(name, () => {
        const inPhase = (p: number) => cases.filter((c) => c.case.phase === p);
        const share = (list: readonly DemoCase[], p: (c: DemoCase) => boolean) =>
          list.filter(p).length / Math.max(1, list.length);
        for (const p of [1, 2, 3, 4]) expect(inPhase(p).length).toBeGreaterThan(cases.length * 0.12);
        const finalized = (c: DemoCase) => c.assessments.some((a) => a.status === 'finalized');
        // phase 1: a draft or finalized Potenzialanalyse; both occur
        expect(share(inPhase(1), (c) => c.assessments.length > 0)).toBe(1);
        expect(share(inPhase(1), finalized)).toBeGreaterThan(0.2);
        expect(share(inPhase(1), (c) => !finalized(c))).toBeGreaterThan(0.3);
        // phase ≥ 2: a finalized Potenzialanalyse with its Profillage, and a goal
        const later = cases.filter((c) => c.case.phase! >= 2);
        expect(share(later, (c) => finalized(c) && c.goals.length === 1)).toBe(1);
        expect(
          share(later, (c) => c.assessments.every((a) => a.status !== 'finalized' || a.profileSituation)),
        ).toBe(1);
        // phase ≥ 3: strategies and measures
        const third = cases.filter((c) => c.case.phase! >= 3);
        expect(share(third, (c) => c.strategyChoices.length > 0)).toBeGreaterThan(0.9);
        expect(share(third, (c) => c.assignments.length > 0)).toBeGreaterThan(0.9);
        expect(share(inPhase(3), (c) => c.assignments.some((a) => a.status === 'assigned'))).toBeGreaterThan(
          0.2,
        );
        // phase 4: running or ended measures, Eigenbemühungen with proofs, a handed-over plan
        const fourth = inPhase(4);
        expect(share(fourth, (c) => c.handovers.length === 1 && c.plans.length === 1)).toBe(1);
        expect(
          share(fourth, (c) =>
            c.assignments.some((a) => ['started', 'ended', 'aborted'].includes(a.status!)),
          ),
        ).toBeGreaterThan(0.7);
        expect(share(fourth, (c) => c.assignments.some((a) => a.status === 'started'))).toBeGreaterThan(0.2);
        expect(share(fourth, (c) => c.assignments.some((a) => a.status === 'ended'))).toBeGreaterThan(0.1);
        expect(share(fourth, (c) => c.ownEfforts.some((e) => (e.proofs ?? []).length > 0))).toBeGreaterThan(
          0.8,
        );
        expect(share(fourth, (c) => c.case.nextReviewOn !== null)).toBe(1);
        // nothing of a later phase in an earlier one
        expect(
          share(
            cases.filter((c) => c.case.phase! < 4),
            (c) => c.handovers.length + c.ownEfforts.length > 0,
          ),
        ).toBe(0);
        expect(
          share(
            cases.filter((c) => c.case.phase! < 3),
            (c) => c.assignments.length > 0,
          ),
        ).toBe(0);
        // ended and aborted measures always carry an outcome
        const closedMeasures = cases
          .flatMap((c) => c.assignments)
          .filter((a) => a.status === 'ended' || a.status === 'aborted');
        expect(closedMeasures.length).toBeGreaterThan(0);
        for (const a of closedMeasures) expect(a.outcome).not.toBeNull();
        // contacts and a few consents, single parents, health notes restricted
        expect(share(cases, (c) => c.contacts.length > 0)).toBe(1);
        expect(share(cases, (c) => c.consents.length > 0)).toBeGreaterThan(0.1);
        expect(share(cases, (c) => c.consents.length > 0)).toBeLessThan(0.6);
        expect(share(cases, (c) => c.facts.singleParent)).toBeGreaterThan(0.05);
        // most active cases were in contact within the last three months
        const today = name === '500 cases' ? options.today : app.today;
        const active = cases.filter((c) => c.case.status === 'aktiv');
        expect(share(active, (c) => c.case.lastContactOn! >= addDaysIso(today, -92))).toBeGreaterThan(0.7);
      });
    }
    it('includes the rarer records: amendments, JVA pre-release contact, restricted health notes', () => {
      const all = [...generated, ...appCases];
      expect(all.some((c) => c.assessments.some((a) => (a.version ?? 1) > 1))).toBe(true);
      expect(all.some((c) => c.consents.some((x) => x.purpose === 'pre_release_contact'))).toBe(true);
      expect(all.some((c) => c.notes.some((n) => n.restricted))).toBe(true);
      expect(all.some((c) => c.handovers.some((h) => h.regimeId === 'grundsicherung'))).toBe(true);
      expect(all.some((c) => c.handovers.some((h) => h.regimeId === 'buergergeld'))).toBe(true);
    });
  });
});

function addDaysIso(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('seedDemoData', () => {
  let t: TestDb | undefined;
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
  });

  it('applies the 200 cases of the app with no invalid row: every record stored, searchable, without outbox entries', async () => {
    t = await createDb();
    const result = seedDemoData(t.raw, app);
    expect(result.cases).toBe(200);
    const count = (table: string) =>
      (t!.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('cases')).toBe(200);
    expect(count('persons')).toBe(200);
    expect(count('offices')).toBe(4);
    expect(count('sync_outbox')).toBe(0);
    const sum = (f: (c: DemoCase) => number) => appCases.reduce((n, c) => n + f(c), 0);
    expect({
      appointments: count('appointments'),
      contacts: count('contacts'),
      notes: count('notes'),
      consents: count('consents'),
      assessments: count('assessments'),
      goals: count('goals'),
      strategy_choices: count('strategy_choices'),
      measure_assignments: count('measure_assignments'),
      own_efforts: count('own_efforts'),
      cooperation_plans: count('cooperation_plans'),
      plan_handovers: count('plan_handovers'),
    }).toEqual({
      appointments: sum((c) => c.appointments.length),
      contacts: sum((c) => c.contacts.length),
      notes: sum((c) => c.notes.length),
      consents: sum((c) => c.consents.length),
      assessments: sum((c) => c.assessments.length),
      goals: sum((c) => c.goals.length),
      strategy_choices: sum((c) => c.strategyChoices.length),
      measure_assignments: sum((c) => c.assignments.length),
      own_efforts: sum((c) => c.ownEfforts.length),
      cooperation_plans: sum((c) => c.plans.length),
      plan_handovers: sum((c) => c.handovers.length),
    });
    expect(count('plan_handovers')).toBeGreaterThan(20);
    // the single-parent flag the store derives agrees with what the texts say
    const flags = t.raw.prepare('SELECT id, single_parent FROM households').all() as {
      id: string;
      single_parent: number;
    }[];
    const byId = new Map(flags.map((f) => [f.id, f.single_parent === 1]));
    for (const c of appCases) expect(byId.get(c.household.id)).toBe(c.facts.singleParent);
    const first = appCases[0]!;
    const hits = t.raw
      .prepare('SELECT DISTINCT case_id FROM search_index WHERE search_index MATCH ?')
      .pluck()
      .all(`"${first.person.lastName}" AND "${first.person.firstName}"`);
    expect(hits).toContain(first.case.id);
    // what the e2e suite relies on: a Müller, appointments on Tuesday 24 November 2026
    expect(appCases.some((c) => c.person.lastName === 'Müller')).toBe(true);
    expect(appCases.some((c) => c.appointments.some((a) => a.startsAt!.startsWith('2026-11-24')))).toBe(true);
  });

  it('the same generator fills 2,000 cases for the benches', async () => {
    t = await createDb();
    expect(
      seedDemoData(t.raw, { cases: 2_000, seed: 4_711, today: '2026-03-02', batchSize: 500 }).cases,
    ).toBe(2_000);
    expect(
      (t.raw.prepare('SELECT count(*) AS n FROM plan_handovers').get() as { n: number }).n,
    ).toBeGreaterThan(400);
  });
});
