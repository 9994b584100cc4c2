import type { Transaction } from 'kysely';
import { AppError } from '../../../shared/errors';
import { entityOf } from '../../../shared/sync/entities';
import type {
  Cursor,
  PullRequest,
  PullResponse,
  SnapshotRequest,
  SnapshotResponse,
  SyncedRow,
} from '../../../shared/sync/protocol';
import type { ServerContext } from '../../context';
import type { ServerDb } from '../../db/server-db';
import type { SyncRecordRow } from '../../db/tables/sync.table';
import { filterCases, readScope } from '../access/access.repository';
import { appendAuditMany, type AuditEntry } from '../audit/audit.repository';
import { lockClient } from '../auth/auth.repository';
import type { Principal } from '../auth/roles';
import { conflictToSyncedRow } from './conflicts.service';
import * as conflictsRepo from './conflicts.repository';
import * as scopeRepo from './scope.repository';
import * as repo from './sync.repository';
import type { FieldMeta } from './sync.repository';

/**
 * Restricted rows (health notes) reach only the case's caseworkers and break-glass readers: a team
 * lead gets the row withheld (empty, `withheld: true`), and no conflict record of such an entity.
 */
function mayReadRestricted(p: Principal): boolean {
  return p.role !== 'team_lead';
}

/**
 * Case audits (the team lead's judgement of a caseworker's case) reach only team leads: neither the
 * caseworker nor a break-glass reader gets them, nor their conflict records (their correction tasks
 * carry what is asked).
 */
function mayReadAudits(p: Principal): boolean {
  return p.role === 'team_lead';
}

function visibleRows(ctx: ServerContext, p: Principal, rows: readonly SyncedRow[]): SyncedRow[] {
  if (!mayReadAudits(p))
    rows = rows.filter(
      (r) =>
        r.entity !== 'case_audits' && !(r.entity === 'sync_conflicts' && r.row['entity'] === 'case_audits'),
    );
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

/**
 * Every case audit a team lead receives is an audit access of its own in the audit log (one entry
 * per audit: which case, which audit; no content).
 */
function auditReads(p: Principal, at: Date, rows: readonly SyncedRow[], via: string): AuditEntry[] {
  return rows
    .filter((r) => r.entity === 'case_audits')
    .map((r) => ({
      at,
      userId: p.userId,
      clientId: p.clientId,
      action: 'read_case_audit',
      caseId: r.caseId,
      entity: 'case_audits',
      entityId: r.id,
      detail: { via },
    }));
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
  const stored = await scopeRepo.lockClientScope(trx, p.clientId);
  const storedActive = new Set(stored.filter((s) => s.active).map((s) => s.case_id));
  const changes: { caseId: string; active: boolean }[] = [];
  for (const id of current) if (!storedActive.has(id)) changes.push({ caseId: id, active: true });
  for (const id of storedActive) if (!current.has(id)) changes.push({ caseId: id, active: false });
  let version = Number(client.scope_version);
  if (changes.length > 0) {
    version += 1;
    await scopeRepo.upsertClientScope(trx, p.clientId, changes, version);
    await scopeRepo.setScopeVersion(trx, p.clientId, version);
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
  const conflicts = await conflictsRepo.loadConflicts(ctx.db, conflictIds);
  const rows: SyncedRow[] = visibleRows(ctx, p, [
    ...records,
    ...conflicts.map((c) => conflictToSyncedRow(c)),
  ]);

  // Fast path: one read-only statement tells whether the scope changed since it was last stored.
  const probe = await scopeRepo.probeScope(ctx.db, p.clientId, readScope(ctx.db, p, now), req.scopeVersion);
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
    await appendAuditMany(ctx.db, [
      {
        at: now,
        userId: p.userId,
        clientId: p.clientId,
        action: 'read_pull',
        detail: { caseIds: caseIds.slice(0, 1000), caseCount: caseIds.length, rowCount: rows.length },
      },
      ...auditReads(p, now, rows, 'read_pull'),
    ]);
  }
  return { changes: rows, scope, nextCursor, hasMore };
}

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
  // Open conflicts of the granted cases come with the first page.
  const conflicts = offset === 0 ? await conflictsRepo.openConflictsOfCases(ctx.db, caseIds) : [];
  const visible = visibleRows(ctx, p, [
    ...page.map(toSyncedRow),
    ...conflicts.map((c) => conflictToSyncedRow(c)),
  ]);
  await appendAuditMany(ctx.db, [
    ...caseIds.map((caseId) => ({
      at: now,
      userId: p.userId,
      clientId: p.clientId,
      action: 'read_snapshot',
      caseId,
      detail: { offset },
    })),
    ...auditReads(p, now, visible, 'read_snapshot'),
  ]);
  return {
    rows: visible,
    nextPageToken: hasMore ? String(offset + limit) : null,
  };
}
