import type { Query, QueryClient } from '@tanstack/react-query';
import type { EntityName } from '../../../shared/entities/index';
import type { TEAM_DIRECTORY_CHANGE } from '../../../shared/auth/team-directory';
import type { DataChangesDto } from '../../../shared/ipc/sync-contract';
import { matchesInvalidation, type Invalidation } from './query';

/**
 * Which queries show which record types: the ONE place that maps the record types a sync round
 * reports (sync:status → dataChanges) to query-key prefixes. A new record type must be added here
 * (the Record type says so). Case-scoped queries (input with a caseId) are refreshed only for the
 * cases the round named; lists and overviews always.
 */
export const QUERIES_BY_RECORD: Readonly<
  Record<
    EntityName | 'sync_conflicts' | 'sync_rejections' | typeof TEAM_DIRECTORY_CHANGE,
    readonly Invalidation[]
  >
> = {
  cases: ['cases:', 'caseload:list', 'quality:', 'appointments:', 'outreach:readiness', 'plans:missing'],
  households: ['cases:get'],
  persons: ['cases:', 'caseload:list', 'appointments:', 'persons:find-duplicates', 'duplicates:list'],
  appointments: ['appointments:', 'cases:get', 'caseload:list', 'outreach:readiness'],
  contacts: ['contacts:list', 'cases:get', 'caseload:list', 'quality:'],
  // the quality rules read the text of notes (no diagnoses in free text)
  notes: ['cases:get', 'cases:search', 'caseload:list', 'quality:'],
  consents: ['consents:list'],
  // the strategies proposed follow the needs of the assessment and the goal
  assessments: [
    'assessments:list',
    'strategies:list',
    'cases:get',
    'cases:phase-check',
    'caseload:list',
    'quality:',
  ],
  goals: ['goals:get', 'strategies:list', 'cases:get', 'cases:phase-check', 'caseload:list', 'quality:'],
  strategy_choices: ['strategies:list', 'cases:get', 'cases:phase-check', 'quality:'],
  measure_assignments: ['measures:', 'cases:get', 'cases:phase-check', 'caseload:list', 'quality:'],
  own_efforts: ['own-efforts:list', 'cases:get', 'caseload:list', 'quality:'],
  cooperation_plans: ['plans:', 'cases:get', 'cases:phase-check', 'caseload:list', 'quality:'],
  plan_handovers: ['plans:', 'cases:get', 'caseload:list', 'quality:'],
  duplicate_suspects: ['duplicates:list'],
  case_audits: ['audits:'],
  // the quality report lists the corrections requested
  correction_tasks: ['corrections:', 'audits:', 'quality:report'],
  sync_conflicts: ['sync:case-issues', 'sync:status'],
  sync_rejections: ['sync:case-issues', 'sync:rejections', 'sync:status'],
  // not a record type: a hello stored a changed team directory (names on the quality screens)
  team_directory: ['directory:users'],
};

export type RecordType = keyof typeof QUERIES_BY_RECORD;

/**
 * What a local write of these record types refreshes: the same queries as a sync round that
 * brought them (one mapping for both, so the phase check, Mein Bestand and the quality figures
 * follow a write on the screen where it happened, too).
 */
export function invalidationsFor(...records: readonly RecordType[]): Invalidation[] {
  return [...new Set(records.flatMap((r) => QUERIES_BY_RECORD[r]))];
}

/** Every query that shows records (a renderer that missed rounds, or an unknown record type). */
const ALL_RECORD_QUERIES: readonly Invalidation[] = [...new Set(Object.values(QUERIES_BY_RECORD).flat())];

/** The queries of a record type named by the sync (a string from the wire); all of them if unknown. */
function queriesOf(entity: string): readonly Invalidation[] {
  return Object.hasOwn(QUERIES_BY_RECORD, entity)
    ? QUERIES_BY_RECORD[entity as RecordType]
    : ALL_RECORD_QUERIES;
}

/**
 * What a decision on a conflict refreshes: the queries of the record type it changed (any type a
 * sync can report, so the string of the conflict) and the conflict lists and status.
 */
export function invalidationsAfterConflict(entity: string): Invalidation[] {
  return [...new Set([...queriesOf(entity), ...QUERIES_BY_RECORD.sync_conflicts])];
}

export interface RefreshPlan {
  readonly channels: readonly Invalidation[];
  /** Null: every case. */
  readonly caseIds: ReadonlySet<string> | null;
}

/**
 * What to refresh after the renderer saw data version `seen` and the status now reports `changes`;
 * null when nothing changed. A renderer that missed rounds the log no longer holds refreshes all.
 */
export function refreshPlan(seen: number, changes: DataChangesDto): RefreshPlan | null {
  if (changes.version <= seen) return null;
  const missed = changes.recent.filter((c) => c.version > seen);
  const complete = missed.length === changes.version - seen;
  if (!complete) return { channels: ALL_RECORD_QUERIES, caseIds: null };
  const channels = new Set<Invalidation>();
  let caseIds: Set<string> | null = new Set();
  for (const change of missed) {
    for (const entity of change.entities) {
      for (const channel of queriesOf(entity)) channels.add(channel);
    }
    if (change.caseIds === null) caseIds = null;
    else if (caseIds) for (const id of change.caseIds) caseIds.add(id);
  }
  return { channels: [...channels], caseIds };
}

/** Whether a cached query is one the plan refreshes (its channel, and its case if it has one). */
export function matchesPlan(queryKey: readonly unknown[], plan: RefreshPlan): boolean {
  if (!matchesInvalidation(queryKey, plan.channels)) return false;
  if (plan.caseIds === null) return true;
  const input = queryKey[1];
  const caseId =
    typeof input === 'object' && input !== null ? (input as { caseId?: unknown }).caseId : undefined;
  return typeof caseId !== 'string' || plan.caseIds.has(caseId);
}

/** Refetches what the plan names (active queries now, the others when next shown). */
export async function refreshAfterSync(queryClient: QueryClient, plan: RefreshPlan): Promise<void> {
  await queryClient.invalidateQueries({ predicate: (query: Query) => matchesPlan(query.queryKey, plan) });
}
