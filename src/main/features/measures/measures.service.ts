import type { Kysely } from 'kysely';
import { defaultCriteriaCatalogue, criterionLabel } from '../../../shared/domain/assessment/criteria';
import { needsOf } from '../../../shared/domain/assessment/assessment';
import type { Household } from '../../../shared/domain/case/household';
import type { Person } from '../../../shared/domain/case/person';
import type { IsoDate } from '../../../shared/domain/common/dates';
import { defaultMeasureCatalogue, findCatalogueEntry } from '../../../shared/domain/measures/catalogue';
import type { MeasureCatalogue } from '../../../shared/domain/measures/catalogue.schema';
import {
  allowedEvents,
  extendAssignment,
  proposeAssignment,
  transitionAssignment,
  type Assignment,
  type AssignmentEvent,
  type AssignmentResult,
} from '../../../shared/domain/measures/assignment';
import { evaluateEntry, periodRulesOf } from '../../../shared/domain/measures/eligibility';
import { formatGermanDate } from '../../../shared/domain/common/dates';
import { eligibilityFactsFor } from '../../../shared/domain/measures/facts-from-case';
import type { EligibilityFacts } from '../../../shared/domain/measures/facts';
import {
  aftercareStatus,
  extensionConditionsOf,
  extensionNote,
  flagsFromNeeds,
  proposalNote,
  measureFormOf,
  obligationFor,
  refusalTexts,
  statedFlagsOnly,
  statusLabelOf,
  type StatedFlag,
  wizardCandidates,
  type WizardFacts,
} from '../../../shared/domain/measures/wizard';
import { defaultLegalRegimes, regimeOn, type RegimeConfig } from '../../../shared/domain/legal/legal-regimes';
import type { Entities, FieldsInput } from '../../../shared/entities/index';
import type { AssignmentView, IpcIn, MeasureCandidates } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/errors';
import type { Transaction } from 'kysely';
import type { Executor } from '../../db/kysely';
import type { LocalDb } from '../../db/local-db';
import { writeSynced, type WriteContext } from '../../db/write-synced';
import { getRecord, listCaseRecords } from '../cases/cases.repository';
import { writeNote } from '../cases/cases.service';
import {
  dtoOf,
  notInFuture,
  requireInCase,
  requireLive,
  ruleViolated,
  serviceKit,
  type Dto,
  type ServiceDeps,
  type Stored,
} from '../common/service-kit';

export type MeasureProposal = Pick<
  FieldsInput<Entities['measure_assignments']['fields']>,
  | 'measureId'
  | 'needIds'
  | 'goalId'
  | 'provider'
  | 'plannedStart'
  | 'plannedEnd'
  | 'withLegalConsequencesNotice'
>;

export interface MeasuresServiceDeps extends ServiceDeps {
  /** The measure catalogue (the shipped one by default). */
  readonly catalogue?: MeasureCatalogue;
  /** Overrides of the legal regimes' cut-over (configuration of the installation). */
  readonly regimeConfig?: RegimeConfig;
}

export type CandidatesQuery = IpcIn<'measures:candidates'>;

/** What an eligibility check needs of the planned measure. */
type Planned = Pick<Assignment, 'plannedStart' | 'needIds'> & {
  readonly plannedEnd?: IsoDate | null | undefined;
};

export type { AssignmentView, MeasureCandidates };

// Dynamic reads by case.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Kysely<any>;

function unwrap(result: AssignmentResult): Assignment {
  if (result.ok) return result.value;
  throw ruleViolated(result.error.message, [], result.error.code);
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', undefined, { issues: [{ path, message }] });
}

/** The first day of a job the case records: the end of a measure with the outcome "Arbeitsaufnahme". */
export function jobStartOf(
  assignments: readonly Pick<Assignment, 'endedOn' | 'outcome'>[],
): IsoDate | undefined {
  const days = assignments
    .filter((a) => a.outcome?.code === 'tookUpEmployment' && a.endedOn !== null)
    .map((a) => a.endedOn as IsoDate)
    .sort();
  return days.at(-1);
}

interface CaseContext {
  readonly caseRecord: Stored<'cases'>;
  readonly person: Person;
  readonly household: Household | null;
  readonly assignments: Stored<'measure_assignments'>[];
  readonly needs: { criterionId: string; label: string; focus: string }[];
  readonly hasAssessment: boolean;
}

async function caseContext(db: Executor, caseId: string): Promise<CaseContext> {
  const caseRecord = await getRecord(db, 'cases', caseId, { live: true });
  if (!caseRecord) throw new AppError('NOT_FOUND');
  const person = await getRecord(db, 'persons', caseRecord.personId);
  if (!person) throw new AppError('NOT_FOUND');
  const household = person.householdId ? await getRecord(db, 'households', person.householdId) : undefined;
  const assignments = await listCaseRecords(db, 'measure_assignments', caseId);
  const latest = (await (db as unknown as Loose)
    .selectFrom('assessments')
    .select('id')
    .where('case_id', '=', caseId)
    .where('archived_at', 'is', null)
    .orderBy('version', 'desc')
    .executeTakeFirst()) as { id: string } | undefined;
  const assessment = latest ? await getRecord(db, 'assessments', latest.id) : undefined;
  const needs = assessment
    ? needsOf(assessment, defaultCriteriaCatalogue).map((n) => ({
        criterionId: n.criterionId,
        label: criterionLabel(defaultCriteriaCatalogue, n.criterionId),
        focus: n.focus,
      }))
    : [];
  return {
    caseRecord,
    person: person as unknown as Person,
    household: (household as unknown as Household | undefined) ?? null,
    assignments,
    needs,
    hasAssessment: assessment !== undefined,
  };
}

/** Every need id must be a need of the case's latest Potenzialanalyse (German issue otherwise). */
function checkNeeds(ctx: CaseContext, needIds: readonly string[]): void {
  if (!ctx.hasAssessment && needIds.length > 0)
    throw ruleViolated(
      'Eine Maßnahme dient einem Handlungsbedarf der Potenzialanalyse. Bitte zuerst die Potenzialanalyse erfassen.',
    );
  const known = new Set(ctx.needs.map((n) => n.criterionId));
  const unknown = needIds.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new AppError('VALIDATION_FAILED', undefined, {
      issues: unknown.map((id) => ({
        path: 'needIds',
        message: `„${criterionLabel(defaultCriteriaCatalogue, id)}“ ist in der aktuellen Potenzialanalyse nicht als Handlungsbedarf erfasst.`,
      })),
    });
}

function factsOf(
  ctx: CaseContext,
  planned: Planned,
  wizard: WizardFacts | undefined,
  on: IsoDate,
  excludeAssignmentId?: string,
): { facts: EligibilityFacts } {
  const jobStartDate = wizard?.jobStartDate !== undefined ? wizard.jobStartDate : jobStartOf(ctx.assignments);
  const facts = eligibilityFactsFor(
    {
      person: ctx.person,
      household: ctx.household,
      assignments: ctx.assignments.filter((a) => a.id !== excludeAssignmentId),
      ...(jobStartDate !== undefined ? { jobStartDate } : {}),
      recordedFlags: { ...flagsFromNeeds(planned.needIds), ...statedFlagsOnly(wizard?.flags) },
    },
    {
      measureStart: planned.plannedStart,
      ...(planned.plannedEnd ? { plannedEnd: planned.plannedEnd } : {}),
      ...(wizard?.plannedTeachingUnits !== undefined
        ? { plannedTeachingUnits: wizard.plannedTeachingUnits }
        : {}),
    },
    on,
  );
  return { facts };
}

/**
 * Measure assignments and referrals: the wizard's candidates (every catalogue entry checked by the
 * domain's engine against the case), proposed against their catalogue entry with the eligibility
 * checked again here (never trusting the renderer), moved along the domain's status machine
 * (ending or breaking off needs an outcome), one transaction each.
 */
export function createMeasuresService(deps: MeasuresServiceDeps) {
  const kit = serviceKit(deps);
  const catalogue = deps.catalogue ?? defaultMeasureCatalogue;
  const regimeConfig = deps.regimeConfig ?? {};
  const titles = new Map(catalogue.entries.map((e) => [e.id, e.title]));
  const regimeOf = (on: IsoDate) => {
    const selection = regimeOn(on, defaultLegalRegimes, regimeConfig);
    return selection.ok ? { id: selection.regime.id, name: selection.regime.name } : null;
  };

  function entryOf(measureId: string) {
    const entry = findCatalogueEntry(catalogue, measureId);
    if (!entry)
      throw invalid(
        'measureId',
        `Diese Maßnahme gibt es im Maßnahmekatalog (Stand ${catalogue.version}) nicht.`,
      );
    return entry;
  }

  /** Refuses a measure the engine refuses for this case (reasons as issues). */
  /**
   * A change of one stored assignment on `on` (today by default, never in the future): `change` gets
   * the live record and returns the new one; writeSynced writes only the fields that changed.
   */
  async function changeAssignment(
    assignmentId: string,
    on: IsoDate | undefined,
    expectedRowVersion: number | undefined,
    change: (
      trx: Transaction<LocalDb>,
      current: Assignment,
      at: IsoDate,
      ctx: WriteContext,
    ) => Promise<Assignment>,
  ): Promise<Dto<'measure_assignments'>> {
    return kit.write(async (trx, ctx) => {
      const at = on ?? kit.today();
      notInFuture(at, kit.today(), 'on');
      const { rowVersion: _v, ...current } = await requireLive(trx, 'measure_assignments', assignmentId);
      const { id: _id, caseId: _caseId, ...values } = await change(trx, current, at, ctx);
      return dtoOf(
        await writeSynced(trx, ctx, {
          entity: 'measure_assignments',
          op: 'update',
          id: assignmentId,
          values,
          ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
        }),
      );
    });
  }

  function requireEligible(
    ctx: CaseContext,
    measureId: string,
    planned: Planned,
    wizard: WizardFacts | undefined,
    excludeAssignmentId?: string,
  ) {
    const entry = entryOf(measureId);
    const { facts } = factsOf(ctx, planned, wizard, kit.today(), excludeAssignmentId);
    const result = evaluateEntry(entry, facts, { on: kit.today() }, titles);
    if (result.status === 'not_eligible')
      throw ruleViolated(
        `„${entry.title}“ ist für diese Person nicht möglich.`,
        refusalTexts(result.reasons),
      );
    return { entry, result };
  }

  function view(a: Stored<'measure_assignments'>, jobStart: IsoDate | undefined): AssignmentView {
    const entry = findCatalogueEntry(catalogue, a.measureId);
    const form = entry
      ? measureFormOf(entry)
      : measureFormOf({ kind: a.kind, category: 'activation', voluntary: false, referralTo: null });
    const isAftercare = entry?.rules.some((r) => r.type === 'withinMonthsAfterJobStart') ?? false;
    const open = a.status !== 'ended' && a.status !== 'aborted';
    return {
      ...a,
      form: form.form,
      formLabel: form.label,
      statusLabel: statusLabelOf(a.status, form.form),
      allowedEvents: allowedEvents(a.status),
      aftercare: isAftercare && open && jobStart ? aftercareStatus(jobStart, kit.today()) : null,
      extensionConditions: entry ? extensionConditionsOf(entry) : [],
    };
  }

  return {
    async candidates(query: CandidatesQuery): Promise<MeasureCandidates> {
      const db = kit.db();
      const ctx = await caseContext(db, query.caseId);
      let needIds = query.needIds ? [...query.needIds] : [];
      let goalId: string | null = null;
      if (query.strategyChoiceId) {
        const choice = await getRecord(db, 'strategy_choices', query.strategyChoiceId, { live: true });
        if (!choice || choice.caseId !== query.caseId)
          throw invalid('strategyChoiceId', 'Die gewählte Handlungsstrategie gehört nicht zu diesem Fall.');
        if (!query.needIds)
          needIds = choice.servesNeeds.filter((n) => ctx.needs.some((x) => x.criterionId === n));
        goalId = choice.goalId;
      }
      checkNeeds(ctx, needIds);
      if (query.plannedEnd && query.plannedEnd < query.plannedStart)
        throw invalid('plannedEnd', 'Das geplante Ende liegt vor dem geplanten Beginn.');
      const on = kit.today();
      const { facts } = factsOf(
        ctx,
        { plannedStart: query.plannedStart, plannedEnd: query.plannedEnd, needIds },
        query.facts,
        on,
      );
      const candidates = wizardCandidates(catalogue, facts, {
        on,
        regimeConfig,
        office: ctx.caseRecord.officeId,
      });
      return {
        on,
        plannedStart: query.plannedStart,
        catalogueVersion: catalogue.version,
        regime: regimeOf(query.plannedStart),
        needs: ctx.needs.map((n) => ({ ...n, selected: needIds.includes(n.criterionId) })),
        strategyGoalId: goalId,
        goals: (await listCaseRecords(db, 'goals', query.caseId)).map((g) => ({
          id: g.id,
          label: g.description,
        })),
        jobStartDate: jobStartOf(ctx.assignments) ?? null,
        candidates,
      };
    },

    async list(caseId: string): Promise<AssignmentView[]> {
      const db = kit.db();
      if (!(await getRecord(db, 'cases', caseId, { live: true }))) throw new AppError('NOT_FOUND');
      const assignments = await listCaseRecords(db, 'measure_assignments', caseId);
      const jobStart = jobStartOf(assignments);
      return assignments.map((a) => view(a, jobStart));
    },

    async propose(
      caseId: string,
      input: MeasureProposal,
      wizard?: WizardFacts,
    ): Promise<Dto<'measure_assignments'>> {
      return kit.write(async (trx, ctx) => {
        const cc = await caseContext(trx, caseId);
        const entry = entryOf(String(input.measureId));
        await requireInCase(trx, 'goals', String(input.goalId), caseId, 'goalId');
        const needIds = [...(input.needIds ?? [])];
        checkNeeds(cc, needIds);
        const plannedStart = String(input.plannedStart);
        const plannedEnd = input.plannedEnd ?? null;
        const { result } = requireEligible(cc, entry.id, { plannedStart, plannedEnd, needIds }, wizard);
        const withNotice = input.withLegalConsequencesNotice ?? false;
        if (withNotice) {
          const obligation = obligationFor(entry, plannedStart, undefined, regimeConfig);
          if (!obligation.noticeAllowed)
            throw new AppError('DOMAIN_RULE_VIOLATED', obligation.explanation, {
              issues: [{ path: 'withLegalConsequencesNotice', message: obligation.explanation }],
            });
        }
        const proposal = unwrap(
          proposeAssignment(
            {
              id: kit.newId(),
              caseId,
              entry,
              catalogueVersion: catalogue.version,
              needIds,
              goalId: String(input.goalId),
              provider: input.provider ?? null,
              plannedStart,
              plannedEnd,
              withLegalConsequencesNotice: withNotice,
              eligibility: result,
            },
            kit.today(),
          ),
        );
        const { id, caseId: _caseId, ...values } = proposal;
        const written = await writeSynced(trx, ctx, {
          entity: 'measure_assignments',
          op: 'create',
          id,
          caseId,
          values,
        });
        // the facts the caseworker stated for the check go on record, in the same transaction
        const note = proposalNote({
          measureTitle: entry.title,
          plannedStart,
          plannedEnd,
          on: kit.today(),
          facts: wizard,
        });
        if (note)
          await writeNote(trx, ctx, {
            id: kit.newId(),
            caseId,
            values: { category: 'Maßnahme', ...note, restricted: false },
            now: kit.now(),
          });
        return dtoOf(written);
      });
    },

    /**
     * One event of the status machine on `on` (today by default, never in the future). Assigning
     * checks the eligibility again on the facts of that day.
     */
    async transition(
      assignmentId: string,
      event: AssignmentEvent,
      on?: string,
      expectedRowVersion?: number,
    ): Promise<Dto<'measure_assignments'>> {
      return changeAssignment(assignmentId, on, expectedRowVersion, async (trx, current, at) => {
        if (event.type === 'assign' && findCatalogueEntry(catalogue, current.measureId)) {
          const cc = await caseContext(trx, current.caseId);
          requireEligible(
            cc,
            current.measureId,
            { plannedStart: current.plannedStart, plannedEnd: current.plannedEnd, needIds: current.needIds },
            undefined,
            assignmentId,
          );
        }
        return unwrap(transitionAssignment(current, event, at));
      });
    },

    /**
     * Extends an assigned or running measure to `plannedEnd` on `on` (today by default, never in the
     * future): the domain's rules of an extension, then the catalogue's period rules (duration,
     * § 16d Abs. 6, Nachbetreuung) on the facts of today with the new end. `conditionsMet`: the
     * measure's extension conditions the caseworker states (e.g. the documented re-check); any other
     * flag is refused at the field.
     */
    async extend(
      assignmentId: string,
      plannedEnd: IsoDate,
      options: {
        readonly on?: IsoDate | undefined;
        readonly conditionsMet?: readonly StatedFlag[] | undefined;
        readonly expectedRowVersion?: number | undefined;
      } = {},
    ): Promise<Dto<'measure_assignments'>> {
      const { on, conditionsMet = [], expectedRowVersion } = options;
      return changeAssignment(assignmentId, on, expectedRowVersion, async (trx, current, at, ctx) => {
        const result = extendAssignment(current, plannedEnd, at);
        if (!result.ok && result.error.reason === 'extensionNotLater')
          throw invalid('plannedEnd', result.error.message);
        const extended = unwrap(result);
        const entry = findCatalogueEntry(catalogue, current.measureId);
        const offered = entry ? extensionConditionsOf(entry) : [];
        if (conditionsMet.some((flag) => !offered.some((c) => c.flag === flag)))
          throw invalid('conditionsMet', 'Diese Angabe gehört nicht zur Verlängerung dieser Maßnahme.');
        if (entry) {
          const cc = await caseContext(trx, current.caseId);
          const planned = { plannedStart: current.plannedStart, plannedEnd, needIds: current.needIds };
          const statedFlags = { flags: Object.fromEntries(conditionsMet.map((flag) => [flag, true])) };
          const { facts } = factsOf(cc, planned, statedFlags, kit.today(), assignmentId);
          const check = evaluateEntry(periodRulesOf(entry), facts, { on: kit.today() }, titles);
          if (check.status === 'not_eligible')
            throw ruleViolated(
              `„${entry.title}“ kann nicht bis zum ${formatGermanDate(plannedEnd)} verlängert werden.`,
              refusalTexts(check.reasons),
            );
          // the stated conditions go on record in the case file, in the same transaction
          const stated = offered.filter((c) => conditionsMet.includes(c.flag));
          if (stated.length > 0) {
            const note = extensionNote({
              measureTitle: current.measureTitle,
              previousEnd: current.plannedEnd,
              plannedEnd,
              on: at,
              conditions: stated,
            });
            await writeNote(trx, ctx, {
              id: kit.newId(),
              caseId: current.caseId,
              values: { category: 'Maßnahme', ...note, restricted: false },
              now: kit.now(),
            });
          }
        }
        return extended;
      });
    },
  };
}

export type MeasuresService = ReturnType<typeof createMeasuresService>;
