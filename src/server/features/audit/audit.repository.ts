import type { Executor } from '../../db/server-db';

export interface AuditEntry {
  readonly at: Date;
  readonly userId: string | null;
  readonly clientId: string | null;
  readonly action: string;
  readonly caseId?: string | null;
  readonly entity?: string | null;
  readonly entityId?: string | null;
  /** Ids and counts only, never case content. */
  readonly detail?: Record<string, unknown> | null;
}

/** Append-only (a trigger refuses UPDATE and DELETE). */
export async function appendAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await appendAuditMany(db, [entry]);
}

export async function appendAuditMany(db: Executor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        at: e.at,
        user_id: e.userId,
        client_id: e.clientId,
        action: e.action,
        case_id: e.caseId ?? null,
        entity: e.entity ?? null,
        entity_id: e.entityId ?? null,
        detail: e.detail ? JSON.stringify(e.detail) : null,
      })),
    )
    .execute();
}

export function listAudit(
  db: Executor,
  range: { from: Date; to: Date; limit: number; afterId: string | null },
) {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .where('at', '>=', range.from)
    .where('at', '<', range.to)
    .orderBy('id')
    .limit(range.limit);
  if (range.afterId) q = q.where('id', '>', range.afterId);
  return q.execute();
}
