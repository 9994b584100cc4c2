import type { Kysely } from 'kysely';
import {
  ENTITIES,
  fromRow,
  type Entities,
  type EntityName,
  type RecordOf,
} from '../../../shared/entities/index';
import type { PhaseProgressRecords } from '../../../shared/domain/case/phase-progress';
import type { Executor } from '../../db/kysely';

/**
 * Read side of the 4PM records of one case (plain functions over an Executor; services write
 * through writeSynced). Every query uses the (case_id, …) index of its table.
 */

export type Rec<E extends EntityName> = RecordOf<Entities[E]['fields']> & { rowVersion: number };

// Reads of the 4PM tables by case, whichever table.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Kysely<any>;

/** The live records of one entity of a case, in domain terms, in the given column order. */
export async function liveRecordsOfCase<E extends EntityName>(
  db: Executor,
  entity: E,
  caseId: string,
  orderBy: string,
  direction: 'asc' | 'desc' = 'asc',
): Promise<Rec<E>[]> {
  const rows = (await (db as unknown as Loose)
    .selectFrom(entity)
    .selectAll()
    .where('case_id', '=', caseId)
    .where('archived_at', 'is', null)
    .orderBy(orderBy, direction)
    .orderBy('id')
    .execute()) as Record<string, unknown>[];
  return rows.map(
    (row) => ({ ...fromRow(ENTITIES[entity], row), rowVersion: Number(row['row_version']) }) as Rec<E>,
  );
}

/** Every live version of the case's Potenzialanalyse, newest first. */
export function assessmentVersions(db: Executor, caseId: string): Promise<Rec<'assessments'>[]> {
  return liveRecordsOfCase(db, 'assessments', caseId, 'version', 'desc');
}

/** The case's goal (the latest created live one), or null. */
export async function currentGoal(db: Executor, caseId: string): Promise<Rec<'goals'> | null> {
  const goals = await liveRecordsOfCase(db, 'goals', caseId, 'created_at', 'desc');
  return goals[0] ?? null;
}

/** What the phase stepper is computed from. */
export async function phaseProgressRecords(db: Executor, caseId: string): Promise<PhaseProgressRecords> {
  const [assessments, goal, strategyChoices, measures, plans, handovers] = await Promise.all([
    assessmentVersions(db, caseId),
    currentGoal(db, caseId),
    liveRecordsOfCase(db, 'strategy_choices', caseId, 'created_at'),
    liveRecordsOfCase(db, 'measure_assignments', caseId, 'created_at'),
    liveRecordsOfCase(db, 'cooperation_plans', caseId, 'created_at', 'desc'),
    (db as unknown as Loose)
      .selectFrom('plan_handovers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_id', '=', caseId)
      .where('archived_at', 'is', null)
      .executeTakeFirst() as Promise<{ n: number } | undefined>,
  ]);
  return {
    assessments,
    goal,
    strategyChoices,
    measures,
    plan: plans[0] ?? null,
    handedOverPlans: Number(handovers?.n ?? 0),
  };
}
