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

/** Stores the resolution on the conflict row (resolved_by/at, resolution, resulting value and row version). */
export async function markConflictResolved(
  trx: Transaction<ServerDb>,
  c: {
    conflictId: string;
    by: string;
    at: Date;
    resolution: 'keep' | 'take_other' | 'dismiss';
    value: unknown;
    rowVersion: number | null;
  },
): Promise<void> {
  await trx
    .updateTable('sync_conflicts')
    .set({
      resolved_by: c.by,
      resolved_at: c.at,
      resolution: c.resolution,
      resolved_value: JSON.stringify(c.value ?? null),
      resolved_row_version: c.rowVersion === null ? null : String(c.rowVersion),
    })
    .where('conflict_id', '=', c.conflictId)
    .execute();
}

/** Audit action that records a conflict's resolution (the outcome itself lives on the conflict row). */
export const CONFLICT_RESOLVED_ACTION = 'conflict_resolved';
