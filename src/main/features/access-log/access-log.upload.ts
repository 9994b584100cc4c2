/**
 * Uploading the access log on sync (issue 12 item 5): the entries not yet uploaded go to the
 * server's POST /audit/access-log in batches, in the order they were written. Entries the server
 * stored (up to its acceptedThroughSeq) are marked uploaded; when the server refuses the rest (a gap
 * or an altered entry in the chain) they stay pending and the refusal is kept for the sync page
 * until an upload succeeds again.
 */
import {
  accessLogUploadResponseSchema,
  MAX_ACCESS_ENTRIES_PER_UPLOAD,
  type AccessLogEntry,
  type AccessLogUploadResponse,
  type CaseAccessAction,
} from '../../../shared/audit/access-chain';
import { AppError } from '../../../shared/errors';
import type { Executor, LocalKysely } from '../../db/kysely';
import type { AccessLogRow } from '../../db/local-db';
import { writeUncounted } from '../../db/uncounted-writes';

export const ACCESS_LOG_REFUSAL_KEY = 'access_log_refusal';
export const ACCESS_LOG_BATCH = 250;

export interface AccessLogRefusal {
  readonly code: 'AUDIT_CHAIN_GAP' | 'AUDIT_CHAIN_ALTERED';
  readonly message: string;
  readonly seq: number;
  readonly at: string;
}

export interface AccessLogStatus {
  /** Entries not yet at the server. */
  readonly pending: number;
  /** When the oldest of them was recorded. */
  readonly oldestPendingAt: string | null;
  readonly refusal: AccessLogRefusal | null;
}

export interface AccessLogHttp {
  post<T>(path: string, body: unknown): Promise<T>;
}

function entryOf(r: AccessLogRow): AccessLogEntry {
  return {
    seq: r.seq,
    at: r.at,
    caseId: r.case_id,
    action: r.action as CaseAccessAction,
    offline: r.offline === 1,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export async function accessLogStatus(db: Executor): Promise<AccessLogStatus> {
  const counts = await db
    .selectFrom('access_log')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
    .where('uploaded_at', 'is', null)
    .executeTakeFirst();
  const refusal = await db
    .selectFrom('sync_state')
    .select('value')
    .where('key', '=', ACCESS_LOG_REFUSAL_KEY)
    .executeTakeFirst();
  return {
    pending: Number(counts?.n ?? 0),
    oldestPendingAt: (counts?.oldest as string | null | undefined) ?? null,
    refusal: refusal ? (JSON.parse(refusal.value) as AccessLogRefusal) : null,
  };
}

/** Uploads every pending entry; returns how many the server now holds and the refusal, if any. */
export async function uploadAccessLog(
  db: LocalKysely,
  http: AccessLogHttp,
  clientId: string,
  now: () => string,
  batchSize = ACCESS_LOG_BATCH,
): Promise<{ uploaded: number; refusal: AccessLogRefusal | null }> {
  const limit = Math.max(1, Math.min(batchSize, MAX_ACCESS_ENTRIES_PER_UPLOAD));
  let uploaded = 0;
  for (;;) {
    const rows = await db
      .selectFrom('access_log')
      .selectAll()
      .where('uploaded_at', 'is', null)
      .orderBy('seq')
      .limit(limit)
      .execute();
    if (rows.length === 0) return { uploaded, refusal: null };
    const raw = await http.post<unknown>('/audit/access-log', { clientId, entries: rows.map(entryOf) });
    const parsed = accessLogUploadResponseSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('INTERNAL');
    const res: AccessLogUploadResponse = parsed.data;
    const at = now();
    const refusal: AccessLogRefusal | null = res.refused
      ? { code: res.refused.code, message: res.refused.message, seq: res.refused.seq, at }
      : null;
    const marked = await writeUncounted(db, async (trx) => {
      const done = await trx
        .updateTable('access_log')
        .set({ uploaded_at: at })
        .where('uploaded_at', 'is', null)
        .where('seq', '<=', res.acceptedThroughSeq)
        .executeTakeFirst();
      if (refusal)
        await trx
          .insertInto('sync_state')
          .values({ key: ACCESS_LOG_REFUSAL_KEY, value: JSON.stringify(refusal) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(refusal) }))
          .execute();
      else await trx.deleteFrom('sync_state').where('key', '=', ACCESS_LOG_REFUSAL_KEY).execute();
      return Number(done.numUpdatedRows);
    });
    uploaded += marked;
    if (refusal) return { uploaded, refusal };
    // progress guard (SYNC.md §2.8): an answer that stores nothing of this batch ends the loop
    if (marked === 0) throw new AppError('INTERNAL');
  }
}
