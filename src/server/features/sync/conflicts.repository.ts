import type { Transaction } from 'kysely';
import type { Executor, ServerDb } from '../../db/server-db';

/** `sync_conflicts`: conflict records and info records of clean text merges, and their resolution. */

export async function insertConflict(
  trx: Transaction<ServerDb>,
  c: {
    id: string;
    caseId: string;
    entity: string;
    entityId: string;
    field: string;
    base: unknown;
    kept: unknown;
    other: unknown;
    keptBy: string | null;
    otherBy: string | null;
    kind: 'conflict' | 'merged';
    at: Date;
  },
): Promise<void> {
  await trx
    .insertInto('sync_conflicts')
    .values({
      conflict_id: c.id,
      case_id: c.caseId,
      entity: c.entity,
      entity_id: c.entityId,
      field: c.field,
      base: JSON.stringify(c.base ?? null),
      kept_value: JSON.stringify(c.kept ?? null),
      other_value: JSON.stringify(c.other ?? null),
      kept_by: c.keptBy,
      other_by: c.otherBy,
      kind: c.kind,
      created_at: c.at,
    })
    .execute();
}

export function loadConflicts(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sync_conflicts')
    .selectAll()
    .where('conflict_id', 'in', [...ids])
    .execute();
}

export function openConflictsOfCases(db: Executor, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sync_conflicts')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .where('resolved_at', 'is', null)
    .orderBy('conflict_id')
    .execute();
}

export function lockConflict(trx: Transaction<ServerDb>, conflictId: string) {
  return trx
    .selectFrom('sync_conflicts')
    .selectAll()
    .where('conflict_id', '=', conflictId)
    .forUpdate()
    .executeTakeFirst();
}

export async function markConflictResolved(
  trx: Transaction<ServerDb>,
  c: { conflictId: string; by: string; at: Date },
): Promise<void> {
  await trx
    .updateTable('sync_conflicts')
    .set({ resolved_by: c.by, resolved_at: c.at })
    .where('conflict_id', '=', c.conflictId)
    .execute();
}

/** Audit action that records a conflict's resolution; its detail is the stored outcome. */
export const CONFLICT_RESOLVED_ACTION = 'conflict_resolved';

/**
 * The stored outcomes (`{resolution, rowVersion}`) of resolved conflicts, from their
 * `conflict_resolved` audit entries (written in the resolving transaction, at `resolved_at`).
 */
export async function findResolutions(
  db: Executor,
  resolved: readonly { conflictId: string; at: Date }[],
): Promise<Map<string, { resolution: string; rowVersion: number | null }>> {
  if (resolved.length === 0) return new Map();
  const rows = await db
    .selectFrom('audit_log')
    .select(['entity_id', 'detail'])
    .where('action', '=', CONFLICT_RESOLVED_ACTION)
    .where('entity', '=', 'sync_conflicts')
    .where(
      'at',
      'in',
      resolved.map((r) => r.at),
    )
    .where(
      'entity_id',
      'in',
      resolved.map((r) => r.conflictId),
    )
    .execute();
  const out = new Map<string, { resolution: string; rowVersion: number | null }>();
  for (const r of rows) {
    const d = (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as {
      resolution?: unknown;
      rowVersion?: unknown;
    } | null;
    if (!r.entity_id || typeof d?.resolution !== 'string') continue;
    out.set(r.entity_id, {
      resolution: d.resolution,
      rowVersion: typeof d.rowVersion === 'number' ? d.rowVersion : null,
    });
  }
  return out;
}
