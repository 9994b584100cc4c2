import { isDeepStrictEqual } from 'node:util';
import type { Transaction } from 'kysely';
import type { AppErrorCode } from '../../../shared/errors';
import { dateInBerlin } from '../../../shared/domain/common/dates';
import {
  caseAuditChangeProblem,
  correctionLinkProblem,
  correctionTaskChangeProblem,
  isReviewEntity,
} from '../../../shared/domain/quality/case-review';
import { finalCaseNumber, isProvisionalCaseNumber } from '../../../shared/domain/case/case';
import { isOfficeId, officeCode } from '../../../shared/domain/case/office';
import { mutableWhenFrozen, type EntityRegistry } from '../../../shared/entities/index';
import {
  canChangeCaseStatus,
  entityOf,
  isMergeableTextField,
  requiredOnCreate,
  type CaseStatus,
} from '../../../shared/sync/entities';
import { decodeHlc, encodeHlc } from '../../../shared/sync/hlc';
import { decideField, mergeBaseVersion } from '../../../shared/sync/field-decision';
import type { Mutation, MutationResult } from '../../../shared/sync/protocol';
import type { ServerContext } from '../../context';
import type { ServerDb } from '../../db/server-db';
import type { Principal } from '../auth/roles';
import * as conflicts from './conflicts.repository';
import * as repo from './sync.repository';
import type { FieldMeta } from './sync.repository';

const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

/**
 * The quality review's rules per mutation (case-review.ts): who changes an audit, the status
 * machine of a correction task and its history that only grows. Checked against the stored row.
 */
function reviewProblem(
  p: Principal,
  m: Mutation,
  stored: Record<string, unknown> | undefined,
): AppErrorCode | null {
  if (!isReviewEntity(m.entity) || m.op === 'archive') return null;
  const after: Record<string, unknown> = { ...(stored ?? {}) };
  for (const [name, f] of Object.entries(m.fields)) after[name] = f.value;
  const check = m.entity === 'case_audits' ? caseAuditChangeProblem : correctionTaskChangeProblem;
  return check(p.role, p.userId, stored ?? null, after)?.code ?? null;
}

/** A new correction task must belong to a stored audit of the same case and caseworker. */
async function correctionLink(trx: Transaction<ServerDb>, m: Mutation): Promise<AppErrorCode | null> {
  if (m.entity !== 'correction_tasks') return null;
  const task: Record<string, unknown> = { caseId: m.caseId };
  for (const [name, f] of Object.entries(m.fields)) task[name] = f.value;
  const auditId = task['auditId'];
  const audit = typeof auditId === 'string' ? await repo.findRecord(trx, 'case_audits', auditId) : undefined;
  return (
    correctionLinkProblem(
      task,
      audit
        ? {
            caseId: audit.case_id,
            archived: audit.archived_at !== null,
            record: audit.data as Record<string, unknown>,
          }
        : null,
    )?.code ?? null
  );
}

export function rejected(m: Mutation, reason: AppErrorCode): MutationResult {
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

/**
 * Applies one mutation to its record (SYNC.md §4.4), inside the push transaction: a create inserts
 * the row (a new case gets its directory entry and final number); an archive or an edit is decided
 * per field against the stored versions, with conflict records for concurrent changes and clean
 * text merges. Refusals change nothing and come back as `rejected` with a reason.
 * `options.via = 'resolution'` marks the written fields as not the client's own value (a conflict
 * resolution writing the other side's value), so they never fast-forward a later stale edit.
 */
export async function applyMutation(
  ctx: ServerContext,
  trx: Transaction<ServerDb>,
  p: Principal,
  m: Mutation,
  now: Date,
  options: { readonly via?: 'resolution' } = {},
): Promise<MutationResult> {
  const hlc = clampHlc(m.hlc, now);
  const current = await repo.lockRecord(trx, m.entity, m.entityId);
  if (current && current.case_id !== m.caseId) return rejected(m, 'DOMAIN_RULE_VIOLATED');

  const def = entityOf(ctx.entities, m.entity);
  if (!def) return rejected(m, 'VALIDATION_FAILED');
  const review = reviewProblem(p, m, current?.data as Record<string, unknown> | undefined);
  if (review) return rejected(m, review);

  if (!current) {
    if (m.op === 'archive') return rejected(m, 'NOT_FOUND');
    const link = await correctionLink(trx, m);
    if (link) return rejected(m, link);
    // findings of the server (a possible duplicate) are never created by a client
    if (def.createdBy === 'server') return rejected(m, 'DOMAIN_RULE_VIOLATED');
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
  // A row changed since the client's base only by this client's own plain writes (earlier in the
  // push, or acknowledged and not yet pulled) is not stale: the client already holds those values.
  const ownRow = Object.values(meta).every((fm) => fm.by === p.clientId && fm.via === undefined);
  const stale = m.baseRowVersion !== null && m.baseRowVersion !== rowVersion && !ownRow;

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
  const pendingConflicts: Parameters<typeof conflicts.insertConflict>[1][] = [];
  const flushConflicts = async () => {
    for (const c of pendingConflicts.splice(0)) {
      await conflicts.insertConflict(trx, c);
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
    if (m.baseRowVersion !== null && m.baseRowVersion < rowVersion && !ownRow) {
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
    const input = {
      serverValue: Object.hasOwn(data, name) ? data[name] : null,
      meta: meta[name],
      value: f.value,
      baseVersion: f.baseVersion,
      hlc,
      clientId: p.clientId,
      mergeableText: isMergeableTextField(m.entity, name, ctx.entities),
    };
    const baseVersion = mergeBaseVersion(input);
    const base =
      baseVersion === null
        ? undefined
        : await repo.findTextHistory(trx, {
            entity: m.entity,
            entityId: m.entityId,
            field: name,
            version: baseVersion,
          });
    const decision = decideField({ ...input, base });
    if (decision.record) {
      const r = decision.record;
      await addConflict(name, r.base, r.kept, r.other, r.keptBy, r.otherBy, r.kind);
    }
    if (decision.write) {
      data[name] = decision.write.value;
      meta[name] = decision.write.meta;
      written.push(name);
    }
    if (decision.outcome === 'merge') textMerged = true;
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
  if (options.via) for (const name of written) meta[name] = { ...meta[name]!, via: options.via };
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
