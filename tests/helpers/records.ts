/**
 * Valid records of every synced record type, in domain terms (the values as the wire carries them),
 * built through the domain schemas so defaults are applied: `sampleFields` for fixed tests and
 * `arbitraryFields` (fast-check) for property tests. Nothing here lists where a field is stored:
 * that is the entity definitions' job.
 */
import fc from 'fast-check';
import { assessmentSchema } from '../../src/shared/domain/assessment/assessment';
import {
  appointmentSchema,
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
} from '../../src/shared/domain/case/appointment';
import { caseSchema } from '../../src/shared/domain/case/case';
import { consentSchema, CONSENT_PURPOSES } from '../../src/shared/domain/case/consent';
import { contactSchema, CONTACT_CHANNELS } from '../../src/shared/domain/case/contact';
import { duplicateSuspectSchema } from '../../src/shared/domain/case/duplicates';
import { householdSchema } from '../../src/shared/domain/case/household';
import { NOTE_CATEGORIES, noteSchema } from '../../src/shared/domain/case/note';
import { OFFICE_IDS } from '../../src/shared/domain/case/office';
import { addDays } from '../../src/shared/domain/common/dates';
import { personSchema, LANGUAGE_LEVELS } from '../../src/shared/domain/case/person';
import { goalSchema } from '../../src/shared/domain/goals/goal';
import { strategyChoiceSchema } from '../../src/shared/domain/goals/strategies';
import { assignmentSchema } from '../../src/shared/domain/measures/assignment';
import {
  canonicalPlanContent,
  cooperationPlanSchema,
  planHandoverRecordSchema,
} from '../../src/shared/domain/plan/cooperation-plan';
import { ownEffortRecordSchema } from '../../src/shared/domain/plan/own-effort';
import { caseAuditSchema, correctionTaskSchema } from '../../src/shared/domain/quality/case-review';
import type { EntityName } from '../../src/shared/entities/index';
import { createHash } from 'node:crypto';

type Values = Record<string, unknown>;

const strip = ({ id: _id, caseId: _caseId, ...rest }: Values): Values => rest;

export interface SampleOptions {
  readonly caseId: string;
  readonly id: string;
  /** The user recorded as author / creator (a record id). */
  readonly userId?: string;
}

/** How many sample persons were made: the next one's name and birth date derive from it. */
let samplePersons = 0;
const SAMPLE_FIRST_NAMES = ['Erika', 'Jonas', 'Marta', 'Paul', 'Greta', 'Emil', 'Frieda', 'Karl'];

/**
 * One valid record of `entity` (fields only, no id/caseId), overridable per field. Each sample
 * person is another person (first name and birth date; the same birth date again only after
 * 18,000 of them).
 */
export function sampleFields(entity: EntityName, o: SampleOptions, overrides: Values = {}): Values {
  const by = o.userId ?? 'u-1';
  const base = { id: o.id, caseId: o.caseId };
  const parse = (schema: { parse(v: unknown): unknown }, v: Values) =>
    strip(schema.parse({ ...base, ...v, ...overrides }) as Values);
  switch (entity) {
    case 'cases':
      return parse(caseSchema, {
        caseNumber: 'OSZ-2026-VTEST01-0001',
        personId: `${o.caseId}-p`,
        officeId: 'oschatz',
        caseworkerId: by,
        phase: 1,
        status: 'aktiv',
        openedOn: '2026-11-02',
      });
    case 'persons': {
      // every call another person: the server reports persons with the same birth date and a
      // similar name as possible duplicates (duplicate_suspects rows in the case), which a test
      // pushing sample persons must not get by accident (duplicate tests give names and dates)
      const n = samplePersons++;
      return parse(personSchema, {
        customerNumber: '123D456789',
        firstName: SAMPLE_FIRST_NAMES[n % SAMPLE_FIRST_NAMES.length],
        lastName: 'Muster',
        birthDate: addDays('1950-01-01', n % 18_000),
      });
    }
    case 'households':
      return parse(householdSchema, {
        householdNumber: 'BG-07711',
        members: [{ role: 'applicant', birthDate: '1980-05-17' }],
      });
    case 'appointments':
      return parse(appointmentSchema, {
        startsAt: '2026-11-03T09:00:00+01:00',
        durationMinutes: 30,
        kind: 'beratung',
        location: 'Raum 1.12',
      });
    case 'contacts':
      return parse(contactSchema, {
        occurredAt: '2026-11-03T10:15:00+01:00',
        channel: 'telefon',
        subject: 'Rückfrage zum Lebenslauf',
        recordedBy: by,
      });
    case 'notes':
      return parse(noteSchema, {
        category: 'Beratung',
        title: 'Gespräch',
        body: 'Vermerk',
        writtenAt: '2026-11-03T09:30:00+01:00',
        authorId: by,
      });
    case 'consents':
      return parse(consentSchema, {
        purpose: 'email_contact',
        givenOn: '2026-11-03',
        form: 'schriftlich',
        recordedBy: by,
      });
    case 'assessments':
      return parse(assessmentSchema, {
        version: 1,
        previousVersionId: null,
        amendmentReason: null,
        status: 'draft',
        catalogueVersion: '2026.1',
        createdOn: '2026-11-03',
        createdBy: by,
        finalizedOn: null,
        finalizedBy: null,
        targetOccupation: null,
        integrationForecast: null,
        dominantKeyFactor: null,
        entries: [],
      });
    case 'goals':
      return parse(goalSchema, {
        type: 'employment',
        description: 'Arbeit als Fachkraft für Lagerlogistik',
        createdOn: '2026-11-03',
        createdBy: by,
      });
    case 'strategy_choices':
      return parse(strategyChoiceSchema, {
        assessmentId: `${o.caseId}-a`,
        strategyId: 'application-training',
        servesNeeds: ['application-skills'],
        chosenOn: '2026-11-03',
        chosenBy: by,
      });
    case 'measure_assignments':
      return parse(assignmentSchema, {
        measureId: 'mag',
        measureTitle: 'Maßnahme bei einem Arbeitgeber (MAG)',
        catalogueVersion: '2026.2',
        kind: 'assignment',
        needIds: ['need-1'],
        goalId: `${o.caseId}-g`,
        provider: { id: null, name: 'Logistik Torgau GmbH' },
        plannedStart: '2026-12-01',
        plannedEnd: '2026-12-31',
        withLegalConsequencesNotice: false,
        status: 'proposed',
        proposedOn: '2026-11-03',
        assignedOn: null,
        startedOn: null,
        endedOn: null,
        outcome: null,
        history: [{ from: null, to: 'proposed', on: '2026-11-03' }],
      });
    case 'own_efforts':
      return parse(ownEffortRecordSchema, {
        description: 'Bewerbungen auf Stellen als Lagerhelfer',
        frequency: { count: 4, per: 'month' },
        proof: 'bewerbungsliste',
        agreedOn: '2026-11-03',
      });
    case 'cooperation_plans':
      return parse(cooperationPlanSchema, { planDate: '2026-11-03', points: {} });
    case 'plan_handovers': {
      const content = cooperationPlanSchema.parse({
        id: `${o.caseId}-plan`,
        caseId: o.caseId,
        planDate: '2026-11-03',
        goal: 'Arbeit in der Lagerlogistik',
        points: {},
      });
      return parse(planHandoverRecordSchema, {
        planId: content.id,
        version: 1,
        handedOverOn: '2026-11-03',
        handedOverBy: by,
        form: 'ausdruck',
        contentHash: createHash('sha256').update(canonicalPlanContent(content)).digest('hex'),
        regimeId: 'buergergeld',
        content,
      });
    }
    case 'duplicate_suspects':
      return parse(duplicateSuspectSchema, {
        personId: `${o.caseId}-p`,
        otherPersonId: `${o.caseId}-other-p`,
        otherCaseId: `${o.caseId}-other`,
        otherCaseNumber: 'OSZ-2026-000001',
        match: 'sameName',
        reason: 'Gleiches Geburtsdatum (17.05.1980) und gleicher Name.',
      });
    case 'case_audits':
      return parse(caseAuditSchema, {
        sampleId: `${o.caseId}-s`,
        caseworkerId: by,
        quarter: '2026-Q4',
        seed: 42,
        method: 'zufall',
        sampleSize: 1,
        drawnCaseIds: [o.caseId],
        populationCount: 1,
        populationDigest: '0a1b2c3d',
        drawnAt: '2026-11-02T09:00:00.000Z',
        teamLeadId: 'tl-1',
        items: [
          { ruleId: 'goalSet', title: 'Ziel festgelegt', found: true, findingCount: 1, judgement: null },
        ],
      });
    case 'correction_tasks':
      return parse(correctionTaskSchema, {
        auditId: `${o.caseId}-a`,
        section: 'ziele',
        text: 'Bitte das Ziel nachtragen.',
        caseworkerId: by,
        requestedBy: 'tl-1',
        requestedAt: '2026-11-02T09:00:00.000Z',
        history: [{ status: 'angefordert', at: '2026-11-02T09:00:00.000Z', by: 'tl-1', note: null }],
      });
  }
}

// ---------------------------------------------------------------- fast-check

const day = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2026-11-30T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const instant = fc
  .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2026-11-30T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
/** Text a caseworker types: German letters, punctuation, line breaks; trimmed and non-empty. */
const words = (max: number) =>
  fc
    .array(
      fc.constantFrom(
        'Gespräch',
        'Übergang',
        'Größe',
        'Weiß',
        'Jobcenter',
        'Torgau',
        '–',
        '„ok“',
        '\n',
        '12,5',
      ),
      {
        minLength: 1,
        maxLength: 12,
      },
    )
    .map((w) => w.join(' ').trim().slice(0, max) || 'Text');

/** Arbitrary valid field values of `entity` (the sample, varied where the domain allows it). */
export function arbitraryFields(entity: EntityName, o: SampleOptions): fc.Arbitrary<Values> {
  const sample = sampleFields(entity, o);
  const vary = (a: fc.Arbitrary<Values>) => a.map((v) => sampleFields(entity, o, v));
  switch (entity) {
    case 'cases':
      return vary(
        fc.record({
          officeId: fc.constantFrom(...OFFICE_IDS),
          phase: fc.constantFrom(1, 2, 3, 4),
          openedOn: day,
          nextReviewOn: fc.option(day, { nil: null }),
        }),
      );
    case 'persons':
      return vary(
        fc.record({
          firstName: fc.constantFrom('Jürgen', 'Özlem', 'Zoë', 'Ханна', 'Anne-Marie'),
          lastName: fc.constantFrom('Pötzsch', 'Yılmaz', 'Groß', 'Müller-Lüdenscheidt', "O'Neill"),
          birthDate: day.map((d) => `19${d.slice(2)}`).filter((d) => !d.endsWith('02-29')),
          germanLevel: fc.option(fc.constantFrom(...LANGUAGE_LEVELS), { nil: null }),
          integrationCourseCompleted: fc.boolean(),
          disability: fc.constantFrom('none', 'disabled', 'severely_disabled', 'equal_status'),
          unemployedSince: fc.option(day, { nil: null }),
          benefitPeriods: fc.array(
            day.map((from) => ({ from, to: null })),
            { maxLength: 3 },
          ),
          street: fc.option(words(100), { nil: null }),
        }),
      );
    case 'appointments':
      return vary(
        fc.record({
          startsAt: instant,
          durationMinutes: fc.integer({ min: 5, max: 480 }),
          kind: fc.constantFrom(...APPOINTMENT_KINDS),
          status: fc.constantFrom(...APPOINTMENT_STATUSES),
        }),
      );
    case 'contacts':
      return vary(
        fc.record({
          occurredAt: instant,
          channel: fc.constantFrom(...CONTACT_CHANNELS),
          reached: fc.boolean(),
        }),
      );
    case 'notes':
      return vary(
        fc.record({
          category: fc.constantFrom(...NOTE_CATEGORIES),
          title: words(200),
          body: words(5000),
          restricted: fc.boolean(),
        }),
      );
    case 'consents':
      return vary(fc.record({ purpose: fc.constantFrom(...CONSENT_PURPOSES), givenOn: day }));
    case 'goals':
      return vary(fc.record({ description: words(1000), createdOn: day }));
    case 'own_efforts':
      return vary(
        fc.record({
          description: words(500),
          frequency: fc.option(
            fc.record({
              count: fc.integer({ min: 1, max: 50 }),
              per: fc.constantFrom('week', 'month', 'quarter', 'once'),
            }),
            { nil: null },
          ),
        }),
      );
    case 'cooperation_plans':
      return vary(
        fc.record({
          goal: words(1000),
          personalOffer: words(2000),
          reviewDueOn: fc.option(day, { nil: null }),
        }),
      );
    default:
      return fc.constant(sample);
  }
}
