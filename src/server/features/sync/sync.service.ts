import { isDeepStrictEqual } from 'node:util';
import type { Transaction } from 'kysely';
import { AppError, isAppErrorCode, type AppErrorCode } from '../../../shared/errors';
import { dateInBerlin } from '../../../shared/domain/common/dates';
import { finalCaseNumber, isProvisionalCaseNumber } from '../../../shared/domain/case/case';
import { isOfficeId, officeCode } from '../../../shared/domain/case/office';
import { mutableWhenFrozen, type EntityRegistry } from '../../../shared/entities/index';
import {
  canChangeCaseStatus,
  checkEntityFields,
  entityOf,
  isMergeableTextField,
  requiredOnCreate,
  type CaseStatus,
} from '../../../shared/sync/entities';
import { decodeHlc, encodeHlc, tick } from '../../../shared/sync/hlc';
import { mergeText } from '../../../shared/sync/text-merge';
import {
  PROTOCOL_VERSION,
  type ConflictResolution,
  type Cursor,
  type HelloRequest,
  type HelloResponse,
  type Mutation,
  type MutationResult,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type ResolveConflictRequest,
  type ResolveConflictResponse,
  type SnapshotRequest,
  type SnapshotResponse,
  type SyncedRow,
} from '../../../shared/sync/protocol';
import type { ServerContext } from '../../context';
import type { ServerDb } from '../../db/server-db';
import type { SyncRecordRow } from '../../db/tables/sync.table';
import { filterCases, readScope, writeScope } from '../access/access.repository';
import { appendAudit, appendAuditMany, type AuditEntry } from '../audit/audit.repository';
import { lockClient } from '../auth/auth.repository';
import type { Principal } from '../auth/roles';
import { signLease } from '../auth/tokens';
import * as repo from './sync.repository';
import type { FieldMeta } from './sync.repository';
import { isBelowMinimum } from '../../../shared/updates/decisions';
import { getMinimumVersion } from '../updates/updates.service';

const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

// ---------------------------------------------------------------- hello

export async function hello(
  ctx: ServerContext,
  p: Principal & { deviceRevoked: boolean; wipeRequested: boolean },
  req: HelloRequest,
): Promise<HelloResponse> {
  const now = ctx.clock.now();
  const base = {
    serverTime: now.toISOString(),
    minSchema: ctx.config.MIN_SCHEMA,
    maxSchema: ctx.config.MAX_SCHEMA,
    protocolVersion: PROTOCOL_VERSION,
  };
  if (p.deviceRevoked) {
    await appendAudit(ctx.db, {
      at: now,
      userId: p.userId,
      clientId: p.clientId,
      action: p.wipeRequested ? 'wipe_delivered' : 'revocation_delivered',
    });
    return {
      ...base,
      status: p.wipeRequested ? 'wipe' : 'revoked',
      scopeVersion: 0,
      offlineLeaseUntil: null,
      offlineLeaseSignature: null,
      leasePublicKey: ctx.leaseKey.publicKeyB64,
    };
  }
  const client = await ctx.db
    .updateTable('sync_clients')
    .set({ app_version: req.appVersion, schema_version: req.schemaVersion, last_seen_at: now })
    .where('client_id', '=', p.clientId)
    .returning(['scope_version'])
    .executeTakeFirstOrThrow();
  // Below the published minimum version (release:minimum): the client keeps working offline
  // with its outbox, and its updater is offered the required version regardless of the rollout.
  const upgrade =
    req.protocolVersion < PROTOCOL_VERSION ||
    req.schemaVersion < ctx.config.MIN_SCHEMA ||
    isBelowMinimum(req.appVersion, await getMinimumVersion(ctx.db));
  const until = new Date(now.getTime() + ctx.config.OFFLINE_LEASE_HOURS * 3_600_000).toISOString();
  return {
    ...base,
    status: upgrade ? 'upgrade_required' : 'ok',
    scopeVersion: Number(client.scope_version),
    offlineLeaseUntil: until,
    offlineLeaseSignature: signLease(ctx.leaseKey.privateKey, p.clientId, until),
    leasePublicKey: ctx.leaseKey.publicKeyB64,
  };
}

// ---------------------------------------------------------------- push

/** The push response as raw JSON text, so stored results are replayed byte for byte. */
export interface PushOutcome {
  readonly json: string;
  /** Cases with a committed change in this batch (for the SSE poke); empty for pure replays. */
  readonly changedCaseIds: readonly string[];
}

function validateBatch(req: PushRequest, registry: EntityRegistry): void {
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

export async function push(ctx: ServerContext, p: Principal, req: PushRequest): Promise<PushOutcome> {
  if (p.role !== 'caseworker') throw new AppError('FORBIDDEN', 'Ihre Rolle darf Fallinhalte nur lesen.');
  if (req.schemaVersion < ctx.config.MIN_SCHEMA || req.schemaVersion > ctx.config.MAX_SCHEMA) {
    // no upcasters yet: the client keeps its outbox and works offline until it is updated
    throw new AppError('SYNC_UPGRADE_REQUIRED');
  }
  validateBatch(req, ctx.entities);
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
    for (const m of fresh) {
      if (m.seq <= lastSeq) {
        throw new AppError(
          'VALIDATION_FAILED',
          'Diese Folgenummer wurde bereits für eine andere Änderung verwendet.',
        );
      }
    }

    // Authorization per case, for the whole batch BEFORE any write (a refusal changes nothing).
    const caseIds = [...new Set(fresh.map((m) => m.caseId))];
    const writable = await filterCases(trx, p, now, caseIds, 'write');
    const outside = caseIds.filter((c) => !writable.has(c));
    const known = await repo.knownCases(trx, p.clientId, outside);
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
        const creator = fresh.find(
          (x) => x.entity === 'cases' && x.op === 'create' && x.caseId === m.caseId,
        )!;
        if (creator.seq > m.seq)
          throw new AppError('FORBIDDEN', 'Der Fall muss vor seinen Einträgen angelegt werden.');
      }
    }

    // Mass-delete guard (per case, for this batch).
    if (!req.allowMassDelete) {
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

function rejected(m: Mutation, reason: AppErrorCode): MutationResult {
  return {
    seq: m.seq,
    mutationId: m.mutationId,
    status: 'rejected',
    rowVersion: null,
    conflictIds: [],
    reason,
  };
}

function clampHlc(hlc: string, now: Date): string {
  const h = decodeHlc(hlc);
  if (h.millis > now.getTime() + MAX_CLOCK_AHEAD_MS)
    return encodeHlc({ millis: now.getTime(), counter: 0, node: h.node });
  return hlc;
}

async function applyMutation(
  ctx: ServerContext,
  trx: Transaction<ServerDb>,
  p: Principal,
  m: Mutation,
  now: Date,
): Promise<MutationResult> {
  const hlc = clampHlc(m.hlc, now);
  const current = await repo.lockRecord(trx, m.entity, m.entityId);
  if (current && current.case_id !== m.caseId) return rejected(m, 'DOMAIN_RULE_VIOLATED');

  const def = entityOf(ctx.entities, m.entity);
  if (!def) return rejected(m, 'VALIDATION_FAILED');

  if (!current) {
    if (m.op === 'archive') return rejected(m, 'NOT_FOUND');
    const required = requiredOnCreate(m.entity, ctx.entities);
    if (required.some((f) => !(f in m.fields))) return rejected(m, 'VALIDATION_FAILED');
    if (m.entity === 'cases') {
      const exists = await repo.existingCases(trx, [m.caseId]);
      if (!exists.has(m.caseId)) {
        await repo.insertCaseDirectory(trx, {
          caseId: m.caseId,
          officeId: p.officeId,
          teamId: p.teamId,
          assignedUserId: p.userId,
          at: now,
        });
      }
    }
    let data: Record<string, unknown> = {};
    for (const [name, f] of Object.entries(m.fields)) data[name] = f.value;
    if (m.entity === 'cases') data = await withFinalCaseNumber(trx, data, p, now);
    data = def.normalize ? def.normalize(data) : data;
    if (def.validate && def.validate({ ...data, id: m.entityId, caseId: m.caseId }).length > 0)
      return rejected(m, 'VALIDATION_FAILED');
    const meta: Record<string, FieldMeta> = {};
    for (const name of Object.keys(data)) meta[name] = { v: 1, hlc, by: p.clientId };
    await repo.insertRecord(trx, {
      entity: m.entity,
      id: m.entityId,
      caseId: m.caseId,
      data,
      meta,
      by: p.userId,
      at: now,
    });
    await repo.writeTextHistory(trx, textHistory(ctx.entities, m, Object.keys(data), data, meta));
    return {
      seq: m.seq,
      mutationId: m.mutationId,
      status: 'applied',
      rowVersion: 1,
      conflictIds: [],
      reason: null,
    };
  }

  const rowVersion = Number(current.row_version);
  const data = { ...(current.data as Record<string, unknown>) };
  const meta = { ...(current.field_meta as Record<string, FieldMeta>) };
  const conflictIds: string[] = [];
  let conflicted = false;
  const stale = m.baseRowVersion !== null && m.baseRowVersion !== rowVersion;

  if (def.frozen?.(data) && (m.op === 'archive' || !mutableWhenFrozen(def, Object.keys(m.fields))))
    return rejected(m, 'DOMAIN_RULE_VIOLATED');
  for (const [name, f] of Object.entries(m.fields)) {
    // set-once and server-owned fields are decided at creation; a different value is refused
    const policy = def.fields[name]?.policy;
    const stored = Object.hasOwn(data, name) ? data[name] : null;
    if ((policy === 'set-once' || policy === 'server-owned') && !isDeepStrictEqual(stored, f.value))
      return rejected(m, 'DOMAIN_RULE_VIOLATED');
  }

  // Conflict records are collected and written only once the row is known to be valid.
  const pendingConflicts: Parameters<typeof repo.insertConflict>[1][] = [];
  const flushConflicts = async () => {
    for (const c of pendingConflicts.splice(0)) {
      await repo.insertConflict(trx, c);
      await repo.appendChange(trx, {
        caseId: m.caseId,
        entity: 'sync_conflicts',
        entityId: c.id,
        rowVersion: 1,
        op: 'create',
      });
    }
  };
  const addConflict = async (
    field: string,
    base: unknown,
    kept: unknown,
    other: unknown,
    keptBy: string | null,
    otherBy: string | null,
    kind: 'conflict' | 'merged' = 'conflict',
  ) => {
    const id = ctx.ids.id();
    if (kind === 'conflict') conflicted = true;
    pendingConflicts.push({
      id,
      caseId: m.caseId,
      entity: m.entity,
      entityId: m.entityId,
      field,
      base,
      kept,
      other,
      keptBy,
      otherBy,
      kind,
      at: now,
    });
    conflictIds.push(id);
  };

  if (m.op === 'archive') {
    if (current.archived_at) {
      return {
        seq: m.seq,
        mutationId: m.mutationId,
        status: 'applied',
        rowVersion,
        conflictIds: [],
        reason: null,
      };
    }
    if (m.baseRowVersion !== null && m.baseRowVersion < rowVersion) {
      // delete against edit: archive, but never silently (SYNC.md §4.4)
      await addConflict('_archived', false, true, false, p.clientId, null);
    }
    await flushConflicts();
    const next = rowVersion + 1;
    await repo.updateRecord(trx, {
      entity: m.entity,
      id: m.entityId,
      rowVersion: next,
      data,
      meta,
      archivedAt: now,
      by: p.userId,
      at: now,
      op: 'archive',
    });
    return {
      seq: m.seq,
      mutationId: m.mutationId,
      status: conflictIds.length ? 'conflict' : 'applied',
      rowVersion: next,
      conflictIds,
      reason: null,
    };
  }

  if (current.archived_at) {
    // edit against delete: the row stays archived; the edit is kept in a conflict record
    await addConflict(
      '_archived',
      null,
      true,
      Object.fromEntries(Object.entries(m.fields).map(([k, f]) => [k, f.value])),
      null,
      p.clientId,
    );
    await flushConflicts();
    return {
      seq: m.seq,
      mutationId: m.mutationId,
      status: 'conflict',
      rowVersion,
      conflictIds,
      reason: null,
    };
  }

  if (m.entity === 'cases' && 'status' in m.fields) {
    const from = data.status as CaseStatus | undefined;
    const to = m.fields.status!.value as CaseStatus;
    if (from && !canChangeCaseStatus(from, to)) return rejected(m, 'INVALID_TRANSITION');
  }

  const written: string[] = [];
  let textMerged = false;
  for (const [name, f] of Object.entries(m.fields)) {
    const fm = meta[name] ?? { v: 0, hlc: '', by: '' };
    const serverValue = Object.hasOwn(data, name) ? data[name] : null;
    if (isDeepStrictEqual(serverValue, f.value)) continue;
    if (f.baseVersion === fm.v) {
      data[name] = f.value;
      meta[name] = { v: fm.v + 1, hlc, by: p.clientId };
      written.push(name);
      continue;
    }
    if (isMergeableTextField(m.entity, name, ctx.entities)) {
      // Free text (SYNC.md §4.4): 3-way merge against the client's base version. Clean: the merged
      // text is written, with an info record. Otherwise (or base not kept): the server text stays
      // and the client text is attached to the note as a conflict version.
      const base =
        f.baseVersion >= 1 && f.baseVersion < fm.v
          ? await repo.findTextHistory(trx, {
              entity: m.entity,
              entityId: m.entityId,
              field: name,
              version: f.baseVersion,
            })
          : undefined;
      const merge =
        typeof base === 'string' && typeof f.value === 'string' && typeof serverValue === 'string'
          ? mergeText(base, f.value, serverValue)
          : undefined;
      if (merge?.clean) {
        if (merge.text !== serverValue) {
          await addConflict(name, base, merge.text, f.value, fm.by || null, p.clientId, 'merged');
          data[name] = merge.text;
          meta[name] = { v: fm.v + 1, hlc: hlc > fm.hlc ? hlc : fm.hlc, by: p.clientId };
          written.push(name);
          textMerged = true;
        }
        continue;
      }
      await addConflict(name, base ?? null, serverValue, f.value, fm.by || null, p.clientId);
      continue;
    }
    // concurrent same-field change to a different value: LWW by HLC, never silent
    if (hlc > fm.hlc) {
      await addConflict(name, null, f.value, serverValue, p.clientId, fm.by || null);
      data[name] = f.value;
      meta[name] = { v: fm.v + 1, hlc, by: p.clientId };
      written.push(name);
    } else {
      await addConflict(name, null, serverValue, f.value, fm.by || null, p.clientId);
    }
  }
  if (written.length > 0 && def.normalize) {
    const normalized = def.normalize(data);
    for (const [name, value] of Object.entries(normalized)) {
      if (isDeepStrictEqual(data[name], value)) continue;
      data[name] = value;
      const fm = meta[name] ?? { v: 0, hlc: '', by: '' };
      meta[name] = { v: fm.v + 1, hlc, by: p.clientId };
      written.push(name);
    }
  }
  if (
    written.length > 0 &&
    def.validate &&
    def.validate({ ...data, id: m.entityId, caseId: m.caseId }).length > 0
  )
    return rejected(m, 'VALIDATION_FAILED');
  await flushConflicts();
  let next = rowVersion;
  if (written.length > 0) {
    next = rowVersion + 1;
    await repo.updateRecord(trx, {
      entity: m.entity,
      id: m.entityId,
      rowVersion: next,
      data,
      meta,
      archivedAt: null,
      by: p.userId,
      at: now,
      op: 'update',
    });
    await repo.writeTextHistory(trx, textHistory(ctx.entities, m, written, data, meta));
  }
  // conflictIds also lists the info record of a clean text merge (status `merged`)
  const status = conflicted ? 'conflict' : stale || textMerged ? 'merged' : 'applied';
  return { seq: m.seq, mutationId: m.mutationId, status, rowVersion: next, conflictIds, reason: null };
}

/**
 * A case created on a laptop gets its FINAL number here, per office and year (one UPDATE … RETURNING
 * under the counter's row lock); the laptop's provisional number is kept beside it.
 */
async function withFinalCaseNumber(
  trx: Transaction<ServerDb>,
  data: Record<string, unknown>,
  p: Principal,
  now: Date,
): Promise<Record<string, unknown>> {
  const proposed = typeof data.caseNumber === 'string' ? data.caseNumber : null;
  if (proposed !== null && !isProvisionalCaseNumber(proposed)) return data;
  const officeId =
    typeof data.officeId === 'string' && isOfficeId(data.officeId) ? data.officeId : p.officeId;
  const code = isOfficeId(officeId) ? officeCode(officeId) : officeId.slice(0, 4).toUpperCase();
  const year = Number(dateInBerlin(now).slice(0, 4));
  const n = await repo.nextCaseNumber(trx, officeId, year);
  return {
    ...data,
    caseNumber: finalCaseNumber(code, year, n),
    provisionalCaseNumber: data.provisionalCaseNumber ?? proposed,
  };
}

/** History rows for the mergeable text fields among `fields`, at their (new) versions. */
function textHistory(
  registry: EntityRegistry,
  m: Mutation,
  fields: readonly string[],
  data: Readonly<Record<string, unknown>>,
  meta: Readonly<Record<string, FieldMeta>>,
): Parameters<typeof repo.writeTextHistory>[1] {
  return fields
    .filter((name) => isMergeableTextField(m.entity, name, registry))
    .map((name) => ({
      entity: m.entity,
      entityId: m.entityId,
      field: name,
      version: meta[name]!.v,
      value: typeof data[name] === 'string' ? data[name] : null,
    }));
}

// ---------------------------------------------------------------- conflict resolution

export interface ResolveOutcome {
  readonly response: ResolveConflictResponse;
  readonly caseId: string;
  /** false when the conflict was already resolved (the stored outcome was returned). */
  readonly changed: boolean;
}

/**
 * Resolves a `sync_conflicts` row (SYNC.md §4.4) in one transaction. `take_other` writes the other
 * value through the push write path (`applyMutation`: field validation, state machine, finalized
 * assessments, field versions, change_log, text history). The conflict row gets resolved_by /
 * resolved_at and a change_log entry, so every device in scope pulls it resolved. The outcome is
 * stored in the `conflict_resolved` audit entry; resolving again returns it and changes nothing.
 */
export async function resolveConflict(
  ctx: ServerContext,
  p: Principal,
  conflictId: string,
  req: ResolveConflictRequest,
): Promise<ResolveOutcome> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const client = await lockClient(trx, p.clientId);
    if (!client || client.user_id !== p.userId) throw new AppError('FORBIDDEN');
    if (client.revoked_at) throw new AppError('SYNC_DEVICE_REVOKED');
    const c = await repo.lockConflict(trx, conflictId);
    if (!c) throw new AppError('NOT_FOUND', 'Diesen Konflikt gibt es nicht.');
    // Exactly the access a push to this case needs (only caseworkers write, within their scope).
    const writable = await filterCases(trx, p, now, [c.case_id], 'write');
    if (!writable.has(c.case_id))
      throw new AppError('FORBIDDEN', 'Sie dürfen Konflikte dieses Falls nicht auflösen.');

    if (c.resolved_at !== null) {
      const stored = (
        await repo.findResolutions(trx, [{ conflictId: c.conflict_id, at: c.resolved_at }])
      ).get(c.conflict_id);
      return {
        caseId: c.case_id,
        changed: false,
        response: {
          conflictId: c.conflict_id,
          resolution: (stored?.resolution ?? 'keep') as ConflictResolution,
          resolvedBy: c.resolved_by ?? '',
          resolvedAt: c.resolved_at.toISOString(),
          rowVersion: stored?.rowVersion ?? null,
        },
      };
    }

    const kind = c.kind ?? 'conflict';
    if (req.resolution === 'dismiss' && kind !== 'merged')
      throw new AppError(
        'DOMAIN_RULE_VIOLATED',
        'Nur Hinweise auf zusammengeführte Texte können verworfen werden; ein Konflikt muss entschieden werden.',
      );
    const entity = entityOf(ctx.entities, c.entity);
    const record = await repo.lockRecord(trx, c.entity, c.entity_id);
    if (!entity || !record || record.case_id !== c.case_id)
      throw new AppError('CONFLICT', 'Der betroffene Datensatz wurde inzwischen geändert.');
    const data = record.data as Record<string, unknown>;
    const meta = record.field_meta as Record<string, FieldMeta>;
    const rowVersion = Number(record.row_version);
    const archivedField = c.field === '_archived';
    const currentValue = archivedField
      ? record.archived_at !== null
      : Object.hasOwn(data, c.field)
        ? data[c.field]
        : null;
    const currentVersion = archivedField ? rowVersion : (meta[c.field]?.v ?? 0);
    const stale =
      !isDeepStrictEqual(currentValue, c.kept_value ?? null) ||
      (!archivedField && record.archived_at !== null) ||
      (req.expectedVersion !== undefined && req.expectedVersion !== currentVersion);
    if (stale)
      throw new AppError(
        'CONFLICT',
        'Das Feld wurde seit dem Konflikt geändert. Bitte synchronisieren Sie und entscheiden Sie erneut.',
      );

    let written: number | null = null;
    if (req.resolution === 'take_other') {
      if (archivedField)
        throw new AppError(
          'DOMAIN_RULE_VIOLATED',
          'Ein archivierter Datensatz kann nicht über die Konfliktauflösung wiederhergestellt werden.',
        );
      const fm = meta[c.field];
      const last = fm?.hlc ? decodeHlc(fm.hlc) : { millis: 0, counter: 0, node: p.clientId };
      const m: Mutation = {
        seq: Number(client.last_seq) + 1,
        mutationId: ctx.ids.id(),
        localTxId: `resolve-${c.conflict_id}`.slice(0, 64),
        hlc: encodeHlc(tick({ ...last, node: p.clientId }, now.getTime())),
        entity: entity.name,
        entityId: c.entity_id,
        caseId: c.case_id,
        op: 'update',
        fields: { [c.field]: { value: c.other_value ?? null, baseVersion: currentVersion } },
        baseRowVersion: rowVersion,
      };
      validateBatch(
        { clientId: p.clientId, schemaVersion: ctx.config.MAX_SCHEMA, mutations: [m] },
        ctx.entities,
      );
      const result = await applyMutation(ctx, trx, p, m, now);
      if (result.status === 'rejected')
        throw new AppError(isAppErrorCode(result.reason) ? result.reason : 'DOMAIN_RULE_VIOLATED');
      if (result.status === 'conflict') throw new AppError('CONFLICT');
      written = result.rowVersion;
      await appendAudit(trx, {
        at: now,
        userId: p.userId,
        clientId: p.clientId,
        action: `write_${result.status}`,
        caseId: c.case_id,
        entity: c.entity,
        entityId: c.entity_id,
        detail: { op: 'update', fields: [c.field], conflictId: c.conflict_id },
      });
    }
    await repo.markConflictResolved(trx, { conflictId: c.conflict_id, by: p.userId, at: now });
    await repo.appendChange(trx, {
      caseId: c.case_id,
      entity: 'sync_conflicts',
      entityId: c.conflict_id,
      rowVersion: 2,
      op: 'update',
    });
    await appendAudit(trx, {
      at: now,
      userId: p.userId,
      clientId: p.clientId,
      action: repo.CONFLICT_RESOLVED_ACTION,
      caseId: c.case_id,
      entity: 'sync_conflicts',
      entityId: c.conflict_id,
      detail: { resolution: req.resolution, rowVersion: written, field: c.field, kind },
    });
    return {
      caseId: c.case_id,
      changed: true,
      response: {
        conflictId: c.conflict_id,
        resolution: req.resolution,
        resolvedBy: p.userId,
        resolvedAt: now.toISOString(),
        rowVersion: written,
      },
    };
  });
}

// ---------------------------------------------------------------- pull

/**
 * Restricted rows (health notes) reach only the case's caseworkers and break-glass readers: a team
 * lead gets the row withheld (empty, `withheld: true`), and no conflict record of such an entity.
 */
function mayReadRestricted(p: Principal): boolean {
  return p.role !== 'team_lead';
}

function visibleRows(ctx: ServerContext, p: Principal, rows: readonly SyncedRow[]): SyncedRow[] {
  if (mayReadRestricted(p)) return [...rows];
  const out: SyncedRow[] = [];
  for (const r of rows) {
    if (r.entity === 'sync_conflicts') {
      const target = entityOf(ctx.entities, String(r.row['entity']));
      if (target?.isRestricted) continue;
      out.push(r);
      continue;
    }
    const def = entityOf(ctx.entities, r.entity);
    if (def?.isRestricted?.(r.row)) out.push({ ...r, row: {}, fieldVersions: {}, withheld: true });
    else out.push(r);
  }
  return out;
}

function toSyncedRow(r: SyncRecordRow): SyncedRow {
  const meta = r.field_meta as Record<string, FieldMeta>;
  return {
    entity: r.entity,
    id: r.id,
    caseId: r.case_id,
    rowVersion: Number(r.row_version),
    archived: r.archived_at !== null,
    row: r.data as Record<string, unknown>,
    fieldVersions: Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, v.v])),
  };
}

async function refreshScope(
  trx: Transaction<ServerDb>,
  p: Principal,
  now: Date,
  knownVersion: number,
): Promise<PullResponse['scope']> {
  const client = await lockClient(trx, p.clientId);
  if (!client) throw new AppError('FORBIDDEN');
  const current = new Set((await readScope(trx, p, now).execute()).map((r) => r.case_id));
  const stored = await repo.lockClientScope(trx, p.clientId);
  const storedActive = new Set(stored.filter((s) => s.active).map((s) => s.case_id));
  const changes: { caseId: string; active: boolean }[] = [];
  for (const id of current) if (!storedActive.has(id)) changes.push({ caseId: id, active: true });
  for (const id of storedActive) if (!current.has(id)) changes.push({ caseId: id, active: false });
  let version = Number(client.scope_version);
  if (changes.length > 0) {
    version += 1;
    await repo.upsertClientScope(trx, p.clientId, changes, version);
    await repo.setScopeVersion(trx, p.clientId, version);
  }
  const changedSince = new Map(stored.map((s) => [s.case_id, s]));
  for (const c of changes)
    changedSince.set(c.caseId, {
      client_id: p.clientId,
      case_id: c.caseId,
      active: c.active,
      changed_version: String(version),
    });
  const added: string[] = [];
  const removed: string[] = [];
  const since = knownVersion > version ? 0 : knownVersion;
  for (const s of changedSince.values()) {
    if (Number(s.changed_version) <= since) continue;
    (s.active ? added : removed).push(s.case_id);
  }
  added.sort();
  removed.sort();
  return { version, added, removed };
}

type ConflictRow = Awaited<ReturnType<typeof repo.loadConflicts>>[number];

type Resolutions = Awaited<ReturnType<typeof repo.findResolutions>>;

function conflictToSyncedRow(c: ConflictRow, resolutions: Resolutions = new Map()): SyncedRow {
  return {
    entity: 'sync_conflicts',
    id: c.conflict_id,
    caseId: c.case_id,
    // 1 when recorded, 2 once resolved (the resolution is a change of the row)
    rowVersion: c.resolved_at === null ? 1 : 2,
    archived: c.resolved_at !== null,
    row: {
      entity: c.entity,
      entityId: c.entity_id,
      field: c.field,
      /** 'conflict', or 'merged': the info record of a clean 3-way text merge (keptValue = merged text). */
      kind: c.kind ?? 'conflict',
      base: c.base,
      keptValue: c.kept_value,
      otherValue: c.other_value,
      keptBy: c.kept_by,
      otherBy: c.other_by,
      createdAt: c.created_at.toISOString(),
      /** User id, time and kind ('keep' | 'take_other' | 'dismiss') of the resolution, or null. */
      resolvedBy: c.resolved_by,
      resolvedAt: c.resolved_at?.toISOString() ?? null,
      resolution: resolutions.get(c.conflict_id)?.resolution ?? null,
    },
    fieldVersions: {},
  };
}

export async function pull(ctx: ServerContext, p: Principal, req: PullRequest): Promise<PullResponse> {
  const now = ctx.clock.now();
  const limit = req.limit ?? 500;
  // Changes first, in their own statement: the watermark is taken from this statement's snapshot.
  const changes = await repo.readChanges(ctx.db, {
    txid: req.cursor.txid,
    changeId: req.cursor.changeId,
    limit: limit + 1,
    scope: readScope(ctx.db, p, now),
  });
  const hasMore = changes.length > limit;
  const page = changes.slice(0, limit);
  const last = page.at(-1);
  const nextCursor: Cursor = last ? { txid: last.txid, changeId: last.change_id } : req.cursor;

  const latest = new Map<string, SyncedRow>();
  const conflictIds: string[] = [];
  for (const c of page) {
    if (c.entity === 'sync_conflicts') {
      conflictIds.push(c.entity_id);
    } else if (c.row_version !== null) {
      const meta = (typeof c.field_meta === 'string' ? JSON.parse(c.field_meta) : c.field_meta) as Record<
        string,
        FieldMeta
      >;
      latest.set(`${c.entity}\u0000${c.entity_id}`, {
        entity: c.entity,
        id: c.entity_id,
        caseId: c.case_id,
        rowVersion: Number(c.row_version),
        archived: c.archived_at !== null,
        row: (typeof c.data === 'string' ? JSON.parse(c.data) : c.data) as Record<string, unknown>,
        fieldVersions: Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, v.v])),
      });
    }
  }
  const records = [...latest.values()];
  const conflicts = await repo.loadConflicts(ctx.db, conflictIds);
  const resolutions = await repo.findResolutions(
    ctx.db,
    conflicts.flatMap((c) => (c.resolved_at ? [{ conflictId: c.conflict_id, at: c.resolved_at }] : [])),
  );
  const rows: SyncedRow[] = visibleRows(ctx, p, [
    ...records,
    ...conflicts.map((c) => conflictToSyncedRow(c, resolutions)),
  ]);

  // Fast path: one read-only statement tells whether the scope changed since it was last stored.
  const probe = await repo.probeScope(ctx.db, p.clientId, readScope(ctx.db, p, now), req.scopeVersion);
  let scope: PullResponse['scope'];
  if (probe.toAdd.length === 0 && probe.toRemove.length === 0) {
    const added: string[] = [];
    const removed: string[] = [];
    for (const c of probe.changedSince) (c.active ? added : removed).push(c.caseId);
    scope = { version: probe.version, added: added.sort(), removed: removed.sort() };
  } else {
    scope = await ctx.db.transaction().execute((trx) => refreshScope(trx, p, now, req.scopeVersion));
  }
  if (rows.length > 0) {
    const caseIds = [...new Set(rows.map((r) => r.caseId))];
    await appendAudit(ctx.db, {
      at: now,
      userId: p.userId,
      clientId: p.clientId,
      action: 'read_pull',
      detail: { caseIds: caseIds.slice(0, 1000), caseCount: caseIds.length, rowCount: rows.length },
    });
  }
  return { changes: rows, scope, nextCursor, hasMore };
}

// ---------------------------------------------------------------- snapshot

export async function snapshot(
  ctx: ServerContext,
  p: Principal,
  req: SnapshotRequest,
): Promise<SnapshotResponse> {
  const now = ctx.clock.now();
  const caseIds = [...new Set(req.caseIds)].sort();
  const allowed = await filterCases(ctx.db, p, now, caseIds, 'read');
  if (caseIds.some((c) => !allowed.has(c)))
    throw new AppError('FORBIDDEN', 'Sie haben keinen Zugriff auf diesen Fall.');
  const limit = req.limit ?? 1000;
  const offset = req.pageToken ? Number(req.pageToken) : 0;
  const rows = await repo.snapshotRows(ctx.db, caseIds, offset, limit + 1);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  await appendAuditMany(
    ctx.db,
    caseIds.map((caseId) => ({
      at: now,
      userId: p.userId,
      clientId: p.clientId,
      action: 'read_snapshot',
      caseId,
      detail: { offset },
    })),
  );
  // Open conflicts of the granted cases come with the first page.
  const conflicts = offset === 0 ? await repo.openConflictsOfCases(ctx.db, caseIds) : [];
  return {
    rows: visibleRows(ctx, p, [...page.map(toSyncedRow), ...conflicts.map((c) => conflictToSyncedRow(c))]),
    nextPageToken: hasMore ? String(offset + limit) : null,
  };
}

export { writeScope };
