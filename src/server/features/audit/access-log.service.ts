/**
 * The desktops' access logs (issue 12 item 5): a device uploads the entries of its hash-chained log
 * (src/shared/audit/access-chain.ts) on every sync. The server keeps the end of each device's chain;
 * an upload must continue it without a gap and without a changed entry. The valid part is accepted
 * into device_access_log and the audit log; at the first break the rest is refused, an alarm is
 * stored for the data-protection officer (once per device, kind and entry) with an audit entry, and
 * the device is told why.
 */
import {
  GENESIS_HASH,
  hashAccessEntry,
  verifyAccessChain,
  type AccessLogEntry,
  type AccessLogUploadResponse,
  type ChainBreak,
  type ChainHead,
} from '../../../shared/audit/access-chain';
import { ERROR_MESSAGES } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import type { Executor } from '../../db/server-db';
import type { Principal } from '../auth/roles';
import { appendAudit, appendAuditMany } from './audit.repository';

export type AccessLogUploadResult = AccessLogUploadResponse;

async function lockChain(trx: Executor, p: Principal, now: Date): Promise<ChainHead | null> {
  await trx
    .insertInto('device_access_chains')
    .values({
      client_id: p.clientId,
      user_id: p.userId,
      last_seq: '0',
      last_hash: GENESIS_HASH,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  const row = await trx
    .selectFrom('device_access_chains')
    .select(['last_seq', 'last_hash'])
    .where('client_id', '=', p.clientId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const seq = Number(row.last_seq);
  return seq === 0 ? null : { seq, hash: row.last_hash };
}

/** Entries at or below the stored head were sent before: they must be exactly what is stored. */
async function checkRepeats(
  trx: Executor,
  clientId: string,
  repeats: readonly AccessLogEntry[],
): Promise<{ duplicates: number; brk: ChainBreak | null }> {
  if (repeats.length === 0) return { duplicates: 0, brk: null };
  const stored = await trx
    .selectFrom('device_access_log')
    .select(['seq', 'hash'])
    .where('client_id', '=', clientId)
    .where(
      'seq',
      'in',
      repeats.map((e) => String(e.seq)),
    )
    .execute();
  const byseq = new Map(stored.map((r) => [Number(r.seq), r.hash]));
  let duplicates = 0;
  for (const e of repeats) {
    if (byseq.get(e.seq) !== e.hash || (await hashAccessEntry(e)) !== e.hash)
      return { duplicates, brk: { kind: 'altered', seq: e.seq, expectedSeq: e.seq } };
    duplicates += 1;
  }
  return { duplicates, brk: null };
}

export async function uploadAccessLog(
  ctx: ServerContext,
  p: Principal,
  entries: readonly AccessLogEntry[],
): Promise<AccessLogUploadResult> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const head = await lockChain(trx, p, now);
    const headSeq = head?.seq ?? 0;
    // a repeated upload (the answer got lost) sends the entries the server has first
    const firstNew = entries.findIndex((e) => e.seq > headSeq);
    const repeats = firstNew < 0 ? entries : entries.slice(0, firstNew);
    const fresh = firstNew < 0 ? [] : entries.slice(firstNew);
    const checked = await checkRepeats(trx, p.clientId, repeats);
    let brk = checked.brk;
    let valid: readonly AccessLogEntry[] = [];
    let end = head;
    if (!brk) {
      const verdict = await verifyAccessChain(head, fresh);
      valid = verdict.ok ? fresh : fresh.slice(0, verdict.valid);
      end = verdict.head;
      if (!verdict.ok) brk = verdict.break;
    }
    if (valid.length > 0) {
      await trx
        .insertInto('device_access_log')
        .values(
          valid.map((e) => ({
            client_id: p.clientId,
            seq: String(e.seq),
            user_id: p.userId,
            case_id: e.caseId,
            action: e.action,
            at: e.at,
            offline: e.offline,
            prev_hash: e.prevHash,
            hash: e.hash,
            received_at: now,
          })),
        )
        .execute();
      await appendAuditMany(
        trx,
        valid.map((e) => ({
          at: now,
          userId: p.userId,
          clientId: p.clientId,
          action: e.action,
          caseId: e.caseId,
          detail: { reportedAt: e.at, seq: e.seq, offline: e.offline, source: 'access_log' },
        })),
      );
      await trx
        .updateTable('device_access_chains')
        .set({ last_seq: String(end!.seq), last_hash: end!.hash, updated_at: now })
        .where('client_id', '=', p.clientId)
        .execute();
    }
    if (brk) await raiseAlarm(ctx, trx, p, brk, now);
    return { accepted: valid.length, duplicates: checked.duplicates, end, brk };
  });
  const brk = outcome.brk;
  return {
    acceptedThroughSeq: outcome.end?.seq ?? 0,
    accepted: outcome.accepted,
    duplicates: outcome.duplicates,
    refused: brk
      ? {
          code: brk.kind === 'gap' ? 'AUDIT_CHAIN_GAP' : 'AUDIT_CHAIN_ALTERED',
          message: brk.kind === 'gap' ? ERROR_MESSAGES.AUDIT_CHAIN_GAP : ERROR_MESSAGES.AUDIT_CHAIN_ALTERED,
          seq: brk.seq,
          expectedSeq: brk.expectedSeq,
        }
      : null,
  };
}

/** One alarm per device, kind and entry number; the first report of it also goes to the audit log. */
async function raiseAlarm(ctx: ServerContext, trx: Executor, p: Principal, brk: ChainBreak, now: Date) {
  const id = ctx.ids.id();
  const inserted = await trx
    .insertInto('device_access_alarms')
    .values({
      id,
      client_id: p.clientId,
      user_id: p.userId,
      kind: brk.kind,
      seq: String(brk.seq),
      expected_seq: String(brk.expectedSeq),
      created_at: now,
      acknowledged_by: null,
      acknowledged_at: null,
    })
    .onConflict((oc) => oc.columns(['client_id', 'kind', 'seq']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return;
  await appendAudit(trx, {
    at: now,
    userId: p.userId,
    clientId: p.clientId,
    action: 'access_chain_broken',
    detail: { alarmId: id, kind: brk.kind, seq: brk.seq, expectedSeq: brk.expectedSeq },
  });
  ctx.logger.warn(
    { event: 'audit.access_chain_broken', clientId: p.clientId, kind: brk.kind, seq: brk.seq },
    'access log chain broken',
  );
}

/** The open alarms (for the data-protection officer), oldest first. */
export async function listAccessAlarms(ctx: ServerContext) {
  const rows = await ctx.db
    .selectFrom('device_access_alarms')
    .selectAll()
    .where('acknowledged_at', 'is', null)
    .orderBy('created_at')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    userId: r.user_id,
    kind: r.kind,
    seq: Number(r.seq),
    expectedSeq: Number(r.expected_seq),
    createdAt: r.created_at.toISOString(),
  }));
}
