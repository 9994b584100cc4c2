import type { Transaction } from 'kysely';
import { reviewWriteProblem } from '../../../shared/domain/quality/case-review';
import { AppError } from '../../../shared/errors';
import type { EntityRegistry } from '../../../shared/entities/index';
import { checkEntityFields } from '../../../shared/sync/entities';
import type { Mutation, PushRequest } from '../../../shared/sync/protocol';
import type { ServerContext } from '../../context';
import type { ServerDb } from '../../db/server-db';
import { filterCases } from '../access/access.repository';
import type { Principal } from '../auth/roles';
import { knownCases } from './scope.repository';
import * as repo from './sync.repository';

/**
 * Checks a push batch before anything is read or written: every field against its record type,
 * caseId of a case row, no fields on an archive, seq and mutationId unique and seq ascending.
 * A finding refuses the whole batch (VALIDATION_FAILED with the issues, at most 50).
 */
export function validateBatch(req: PushRequest, registry: EntityRegistry): void {
  const issues: { path: string; message: string }[] = [];
  req.mutations.forEach((m, i) => {
    const values: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(m.fields)) values[k] = f.value;
    for (const problem of checkEntityFields(m.entity, values, registry)) {
      issues.push({
        path:
          problem.field === '_entity' ? `mutations.${i}.entity` : `mutations.${i}.fields.${problem.field}`,
        message: problem.message,
      });
    }
    if (m.entity === 'cases' && m.entityId !== m.caseId) {
      issues.push({
        path: `mutations.${i}.caseId`,
        message: 'Bei einem Fall muss caseId der Kennung des Falls entsprechen.',
      });
    }
    if (m.op === 'archive' && Object.keys(m.fields).length > 0) {
      issues.push({
        path: `mutations.${i}.fields`,
        message: 'Beim Archivieren werden keine Felder übertragen.',
      });
    }
  });
  const seqs = new Set<number>();
  const ids = new Set<string>();
  req.mutations.forEach((m, i) => {
    if (seqs.has(m.seq) || ids.has(m.mutationId)) {
      issues.push({
        path: `mutations.${i}`,
        message: 'seq und mutationId dürfen in einem Stapel nur einmal vorkommen.',
      });
    }
    seqs.add(m.seq);
    ids.add(m.mutationId);
    if (i > 0 && m.seq <= req.mutations[i - 1]!.seq) {
      issues.push({
        path: `mutations.${i}.seq`,
        message: 'Die Mutationen müssen nach seq aufsteigend geordnet sein.',
      });
    }
  });
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', undefined, { issues: issues.slice(0, 50) });
}

/**
 * Who may push what, per record type, and with which schema (before the transaction). A refusal
 * refuses the whole batch with FORBIDDEN (nothing is written):
 * - caseworkers push case content; of the quality review only the completion of a correction task
 *   (status erledigt with the note), never an audit;
 * - team leads push only case audits and correction tasks (requesting, confirming, reopening), and
 *   only for the cases of their team (authorizeBatch); case content stays read-only for them;
 * - every other role pushes nothing.
 * The status machine and the history of a task are checked per mutation against the stored row
 * (applyMutation, case-review.ts).
 */
export function checkPushAllowed(ctx: ServerContext, p: Principal, req: PushRequest): void {
  if (p.role !== 'caseworker' && p.role !== 'team_lead')
    throw new AppError('FORBIDDEN', 'Ihre Rolle darf Fallinhalte nur lesen.');
  for (const m of req.mutations) {
    const values: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(m.fields)) values[k] = f.value;
    const problem = reviewWriteProblem(p.role, m.entity, m.op, Object.keys(m.fields), values);
    if (problem) throw new AppError('FORBIDDEN', problem.message);
  }
  if (req.schemaVersion < ctx.config.MIN_SCHEMA || req.schemaVersion > ctx.config.MAX_SCHEMA) {
    // no upcasters yet: the client keeps its outbox and works offline until it is updated
    throw new AppError('SYNC_UPGRADE_REQUIRED');
  }
  validateBatch(req, ctx.entities);
}

/** A fresh mutation may not reuse a seq the server already acknowledged for another mutation. */
export function checkFreshSeqs(fresh: readonly Mutation[], lastSeq: number): void {
  for (const m of fresh) {
    if (m.seq <= lastSeq) {
      throw new AppError(
        'VALIDATION_FAILED',
        'Diese Folgenummer wurde bereits für eine andere Änderung verwendet.',
      );
    }
  }
}

/**
 * The fresh mutations the server applies now: those before the first seq gap (a batch that arrives
 * ahead of an earlier one is answered with `resendFrom`, not judged on cases the earlier batch
 * creates). `fresh` is in batch order, every seq above `lastSeq` (checkFreshSeqs).
 */
export function beforeSeqGap<T extends { readonly seq: number }>(fresh: readonly T[], lastSeq: number): T[] {
  const out: T[] = [];
  let next = lastSeq + 1;
  for (const m of fresh) {
    if (m.seq !== next) break;
    out.push(m);
    next += 1;
  }
  return out;
}

/**
 * Authorization per case, for the whole batch BEFORE any write (a refusal changes nothing):
 * writable cases pass; cases the device was given but may no longer write are quarantined; a new
 * case created in this batch (before its entries) passes; anything else refuses the batch. Then
 * the mass-delete guard (per case, for this batch). Returns the quarantined cases.
 */
export async function authorizeBatch(
  ctx: ServerContext,
  trx: Transaction<ServerDb>,
  p: Principal,
  now: Date,
  fresh: readonly Mutation[],
  allowMassDelete: boolean,
): Promise<ReadonlySet<string>> {
  const caseIds = [...new Set(fresh.map((m) => m.caseId))];
  // a team lead writes only review records (checkPushAllowed), for the cases of the team they read
  const writable = await filterCases(trx, p, now, caseIds, p.role === 'team_lead' ? 'read' : 'write');
  const outside = caseIds.filter((c) => !writable.has(c));
  const known = await knownCases(trx, p.clientId, outside);
  const existing = await repo.existingCases(trx, outside);
  const createdHere = new Set(
    fresh.filter((m) => m.entity === 'cases' && m.op === 'create').map((m) => m.caseId),
  );
  const quarantined = new Set<string>();
  for (const caseId of outside) {
    if (known.has(caseId) && existing.has(caseId)) quarantined.add(caseId);
    else if (!existing.has(caseId) && createdHere.has(caseId)) continue;
    else throw new AppError('FORBIDDEN', 'Sie haben keinen Zugriff auf diesen Fall.');
  }
  for (const m of fresh) {
    if (!existing.has(m.caseId) && !writable.has(m.caseId) && createdHere.has(m.caseId)) {
      const creator = fresh.find((x) => x.entity === 'cases' && x.op === 'create' && x.caseId === m.caseId)!;
      if (creator.seq > m.seq)
        throw new AppError('FORBIDDEN', 'Der Fall muss vor seinen Einträgen angelegt werden.');
    }
  }

  if (!allowMassDelete) {
    const archives = new Map<string, number>();
    for (const m of fresh)
      if (m.op === 'archive' && !quarantined.has(m.caseId))
        archives.set(m.caseId, (archives.get(m.caseId) ?? 0) + 1);
    const live = await repo.countLiveRowsByCase(trx, [...archives.keys()]);
    for (const [caseId, n] of archives) {
      const total = live.get(caseId) ?? 0;
      if (n >= ctx.config.MASS_DELETE_MIN_ROWS && n > total * ctx.config.MASS_DELETE_RATIO) {
        throw new AppError('SYNC_MASS_DELETE_BLOCKED');
      }
    }
  }
  return quarantined;
}
