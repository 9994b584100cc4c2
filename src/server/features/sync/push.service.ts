import { AppError } from '../../../shared/errors';
import type { MutationResult, PushRequest } from '../../../shared/sync/protocol';
import type { ServerContext } from '../../context';
import { appendAuditMany, type AuditEntry } from '../audit/audit.repository';
import { lockClient } from '../auth/auth.repository';
import type { Principal } from '../auth/roles';
import { applyMutation, rejected } from './apply-mutation';
import { lockBirthDates, recordPossibleDuplicates } from './duplicates';
import { authorizeBatch, beforeSeqGap, checkFreshSeqs, checkPushAllowed } from './push-validation';
import * as repo from './sync.repository';

/** The push response as raw JSON text, so stored results are replayed byte for byte. */
export interface PushOutcome {
  readonly json: string;
  /** Cases with a committed change in this batch (for the SSE poke); empty for pure replays. */
  readonly changedCaseIds: readonly string[];
}

/**
 * POST /sync/push (SYNC.md §4.1) in one transaction: stored results are replayed for known
 * mutations, a gap in seq answers `resendFrom`, quarantined cases keep the mutation for review,
 * everything else goes through `applyMutation`; results, seq and audit entries are written with it.
 */
export async function push(ctx: ServerContext, p: Principal, req: PushRequest): Promise<PushOutcome> {
  checkPushAllowed(ctx, p, req);
  const now = ctx.clock.now();

  return ctx.db.transaction().execute(async (trx) => {
    const client = await lockClient(trx, p.clientId);
    if (!client || client.user_id !== p.userId) throw new AppError('FORBIDDEN');
    if (client.revoked_at) throw new AppError('SYNC_DEVICE_REVOKED');
    let lastSeq = Number(client.last_seq);

    const stored = new Map(
      (
        await repo.findStoredMutations(
          trx,
          p.clientId,
          req.mutations.map((m) => m.mutationId),
        )
      ).map((r) => [r.mutation_id, r]),
    );
    const fresh = req.mutations.filter((m) => !stored.has(m.mutationId));
    checkFreshSeqs(fresh, lastSeq);
    // only what comes before a seq gap is applied now; the rest is resent later. Entries after the
    // gap are judged now as far as their case already exists (a batch ahead of an earlier one may
    // reference a case that the earlier batch creates: that is decided when it is resent)
    const applicable = beforeSeqGap(fresh, lastSeq);
    const ahead = fresh.slice(applicable.length);
    const existingAhead =
      ahead.length > 0 ? await repo.existingCases(trx, [...new Set(ahead.map((m) => m.caseId))]) : new Set();
    const quarantined = await authorizeBatch(
      ctx,
      trx,
      p,
      now,
      [...applicable, ...ahead.filter((m) => existingAhead.has(m.caseId))],
      req.allowMassDelete === true,
    );

    await lockBirthDates(trx, applicable);
    const results: string[] = [];
    const changedCaseIds = new Set<string>();
    const audit: AuditEntry[] = [];
    let resendFrom: number | undefined;
    const toStore: Parameters<typeof repo.storeMutationResults>[1][number][] = [];
    for (const m of req.mutations) {
      const prior = stored.get(m.mutationId);
      if (prior) {
        results.push(prior.result);
        continue;
      }
      if (m.seq > lastSeq + 1) {
        resendFrom = lastSeq + 1;
        break;
      }
      let result: MutationResult;
      if (quarantined.has(m.caseId)) {
        await repo.insertQuarantine(trx, {
          id: ctx.ids.id(),
          clientId: p.clientId,
          userId: p.userId,
          caseId: m.caseId,
          mutationId: m.mutationId,
          payload: m,
          at: now,
        });
        result = rejected(m, 'SYNC_QUARANTINED');
        audit.push({
          at: now,
          userId: p.userId,
          clientId: p.clientId,
          action: 'write_quarantined',
          caseId: m.caseId,
          entity: m.entity,
          entityId: m.entityId,
        });
      } else {
        result = await applyMutation(ctx, trx, p, m, now);
        if (result.status !== 'rejected') changedCaseIds.add(m.caseId);
        if (result.status === 'applied') audit.push(...(await recordPossibleDuplicates(ctx, trx, p, m, now)));
        audit.push({
          at: now,
          userId: p.userId,
          clientId: p.clientId,
          action: `write_${result.status}`,
          caseId: m.caseId,
          entity: m.entity,
          entityId: m.entityId,
          detail: { op: m.op, fields: Object.keys(m.fields), mutationId: m.mutationId },
        });
      }
      const text = JSON.stringify(result);
      toStore.push({
        clientId: p.clientId,
        mutationId: m.mutationId,
        seq: m.seq,
        status: result.status,
        result: text,
        at: now,
      });
      results.push(text);
      lastSeq = m.seq;
    }
    await repo.storeMutationResults(trx, toStore);
    await repo.setClientSeq(trx, p.clientId, lastSeq, now);
    await appendAuditMany(trx, audit);
    const head = `{"ackedThroughSeq":${lastSeq},"results":[${results.join(',')}],"serverTime":${JSON.stringify(now.toISOString())}`;
    return {
      json: resendFrom === undefined ? `${head}}` : `${head},"resendFrom":${resendFrom}}`,
      changedCaseIds: [...changedCaseIds],
    };
  });
}
