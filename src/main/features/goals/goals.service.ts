import type { Kysely, Transaction } from 'kysely';
import { defaultCriteriaCatalogue } from '../../../shared/domain/assessment/criteria';
import { validateGoal } from '../../../shared/domain/goals/goal';
import {
  checkStrategySelection,
  defaultStrategyCatalogue,
  findStrategy,
  proposeStrategies,
  STRATEGY_OFFICE_IDS,
  type StrategyOfficeId,
} from '../../../shared/domain/goals/strategies';
import { defaultOccupationCatalogue, searchOccupations } from '../../../shared/domain/goals/occupations';
import { AppError } from '../../../shared/errors';
import type { StrategyOverview } from '../../../shared/ipc/planning-read-contract';
import type { Executor } from '../../db/kysely';
import { assessmentVersions, currentGoal, liveRecordsOfCase } from './planning.queries';
import type { Entities, FieldsInput } from '../../../shared/entities/index';
import type { LocalDb } from '../../db/local-db';
import { writeSynced } from '../../db/write-synced';
import {
  dtoOf,
  requireInCase,
  requireLive,
  ruleViolated,
  serviceKit,
  type Dto,
  type ServiceDeps,
  type Stored,
} from '../common/service-kit';

type GoalFields = FieldsInput<Entities['goals']['fields']>;
export type GoalInput = Omit<GoalFields, 'createdOn' | 'createdBy'>;
export type GoalChanges = GoalFields;
export type StrategyChoiceInput = Omit<
  FieldsInput<Entities['strategy_choices']['fields']>,
  'assessmentId' | 'chosenOn' | 'chosenBy'
>;

// Dynamic reads by case.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Kysely<any>;

function checkedGoal(record: Record<string, unknown>) {
  const result = validateGoal(record);
  if (!result.ok) throw ruleViolated(result.error.message, result.error.problems ?? []);
  const { id: _id, caseId: _caseId, ...values } = result.value;
  return values;
}

/**
 * The latest finalized version of the case's Potenzialanalyse, or undefined: strategies serve the
 * needs of a finalized version (an amendment in progress is not yet the basis).
 */
async function latestFinalized(
  trx: Transaction<LocalDb>,
  caseId: string,
): Promise<Stored<'assessments'> | undefined> {
  const row = (await (trx as unknown as Loose)
    .selectFrom('assessments')
    .select('id')
    .where('case_id', '=', caseId)
    .where('status', '=', 'finalized')
    .where('archived_at', 'is', null)
    .orderBy('version', 'desc')
    .executeTakeFirst()) as { id: string } | undefined;
  return row ? requireLive(trx, 'assessments', row.id) : undefined;
}

async function requireCase(db: Executor, caseId: string) {
  const found = await db
    .selectFrom('cases')
    .select(['id', 'office_id'])
    .where('id', '=', caseId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

/**
 * Goals (Zielfestlegung) and chosen strategies (4PM phases 2 and 3), validated through the domain
 * and written in one transaction each.
 */
export function createGoalsService(deps: ServiceDeps) {
  const kit = serviceKit(deps);

  return {
    /** The case's goal, or null when none is set yet. */
    async getGoal(caseId: string): Promise<Dto<'goals'> | null> {
      const db = kit.db();
      await requireCase(db, caseId);
      return (await currentGoal(db, caseId)) as Dto<'goals'> | null;
    },

    /**
     * Proposals per need of the latest finalized Potenzialanalyse (key factor, übergreifend and the
     * local offers of the case's office valid today) and the strategies chosen for it.
     */
    async strategyOverview(caseId: string): Promise<StrategyOverview> {
      const db = kit.db();
      const found = await requireCase(db, caseId);
      const finalized = (await assessmentVersions(db, caseId)).find((a) => a.status === 'finalized');
      if (!finalized) return { assessmentId: null, assessmentVersion: null, proposals: [], choices: [] };
      const office = (STRATEGY_OFFICE_IDS as readonly string[]).includes(found.office_id)
        ? { office: found.office_id as StrategyOfficeId }
        : {};
      const proposals = proposeStrategies(finalized, {
        criteria: defaultCriteriaCatalogue,
        on: kit.today(),
        ...office,
      });
      const choices = (await liveRecordsOfCase(db, 'strategy_choices', caseId, 'created_at'))
        .filter((c) => c.assessmentId === finalized.id)
        .map((c) => {
          const located = findStrategy(defaultStrategyCatalogue, c.strategyId);
          return { ...c, group: located?.group ?? null, label: located?.strategy.label ?? c.strategyId };
        });
      return { assessmentId: finalized.id, assessmentVersion: finalized.version, proposals, choices };
    },

    /** Zielberuf search over the KldB list (folded German, ranked). */
    searchOccupations(query: string, limit?: number) {
      return searchOccupations(defaultOccupationCatalogue, query, limit);
    },

    async createGoal(caseId: string, input: GoalInput): Promise<Dto<'goals'>> {
      return kit.write(async (trx, ctx) => {
        await requireLive(trx, 'cases', caseId);
        if (input.assessmentId)
          await requireInCase(trx, 'assessments', input.assessmentId, caseId, 'assessmentId');
        const id = kit.newId();
        const values = checkedGoal({ ...input, id, caseId, createdOn: kit.today(), createdBy: ctx.actorId });
        return dtoOf(await writeSynced(trx, ctx, { entity: 'goals', op: 'create', id, caseId, values }));
      });
    },

    /** Changes a goal and its intermediate goals; the whole goal is checked again. */
    async updateGoal(
      goalId: string,
      changes: GoalChanges,
      expectedRowVersion?: number,
    ): Promise<Dto<'goals'>> {
      return kit.write(async (trx, ctx) => {
        const current = await requireLive(trx, 'goals', goalId);
        if (changes.assessmentId)
          await requireInCase(trx, 'assessments', changes.assessmentId, current.caseId, 'assessmentId');
        const { rowVersion: _v, ...record } = current;
        const values = checkedGoal({ ...record, ...changes });
        return dtoOf(
          await writeSynced(trx, ctx, {
            entity: 'goals',
            op: 'update',
            id: goalId,
            values,
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          }),
        );
      });
    },

    /** Chooses a strategy for needs of the case's latest Potenzialanalyse (checked by the domain). */
    async chooseStrategy(caseId: string, input: StrategyChoiceInput): Promise<Dto<'strategy_choices'>> {
      return kit.write(async (trx, ctx) => {
        await requireLive(trx, 'cases', caseId);
        if (input.goalId) await requireInCase(trx, 'goals', input.goalId, caseId, 'goalId');
        const assessment = await latestFinalized(trx, caseId);
        if (!assessment)
          throw ruleViolated(
            'Eine Handlungsstrategie setzt eine abgeschlossene Potenzialanalyse mit Handlungsbedarfen voraus. Bitte zuerst die Potenzialanalyse erfassen und abschließen.',
          );
        const strategyId = String(input.strategyId ?? '');
        const servesNeeds = [...(input.servesNeeds ?? [])];
        const problems = checkStrategySelection([{ strategyId, servesNeeds }], assessment, {
          criteria: defaultCriteriaCatalogue,
          on: kit.today(),
        });
        const chosen = (await (trx as unknown as Loose)
          .selectFrom('strategy_choices')
          .select('id')
          .where('case_id', '=', caseId)
          .where('assessment_id', '=', assessment.id)
          .where('strategy_id', '=', strategyId)
          .where('archived_at', 'is', null)
          .executeTakeFirst()) as { id: string } | undefined;
        if (chosen)
          problems.push({
            strategyId,
            message: 'Diese Strategie ist für diese Potenzialanalyse bereits gewählt.',
          });
        if (problems.length > 0)
          throw ruleViolated(
            problems[0]!.message,
            problems.map((p) => p.message),
          );
        return dtoOf(
          await writeSynced(trx, ctx, {
            entity: 'strategy_choices',
            op: 'create',
            id: kit.newId(),
            caseId,
            values: { ...input, assessmentId: assessment.id, chosenOn: kit.today(), chosenBy: ctx.actorId },
          }),
        );
      });
    },

    async archiveStrategy(choiceId: string): Promise<{ id: string }> {
      return kit.write(async (trx, ctx) => {
        await writeSynced(trx, ctx, { entity: 'strategy_choices', op: 'archive', id: choiceId });
        return { id: choiceId };
      });
    },
  };
}

export type GoalsService = ReturnType<typeof createGoalsService>;
