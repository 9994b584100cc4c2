/**
 * The sync engine's local bookkeeping, each function one step inside the caller's transaction:
 * conflict records from the server, the outbox's seq renumbering after a refused mutation, the
 * purge of revoked cases, status counts and the per-case lists the UI shows.
 */
import { sql, type Transaction } from 'kysely';
import { ENTITIES, type EntityRegistry } from '../../../shared/entities/index';
import type { SyncedRow } from '../../../shared/sync/protocol';
import { purgeCaseRows } from '../../db/apply-server-rows';
import type { Executor } from '../../db/kysely';
import type { RawDatabase } from '../../db/open-encrypted-db';
import type { LocalDb } from '../../db/local-db';

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
const parse = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));

/** Stores the server's conflict records (SYNC.md §4.2 sync_conflicts) as they are. */
export async function upsertConflicts(
  trx: Transaction<LocalDb>,
  rows: readonly SyncedRow[],
): Promise<number> {
  let n = 0;
  for (const r of rows) {
    if (r.entity !== 'sync_conflicts') continue;
    const row = r.row;
    const values = {
      id: r.id,
      entity: String(row['entity'] ?? ''),
      entity_id: String(row['entityId'] ?? ''),
      case_id: r.caseId,
      field: String(row['field'] ?? ''),
      local_value: null,
      remote_value: null,
      local_hlc: '',
      remote_hlc: '',
      created_at: String(row['createdAt'] ?? ''),
      resolved_at: typeof row['resolvedAt'] === 'string' ? row['resolvedAt'] : null,
      resolved_by: typeof row['resolvedBy'] === 'string' ? row['resolvedBy'] : null,
      kind: row['kind'] === 'merged' ? ('merged' as const) : ('conflict' as const),
      base_value: json(row['base']),
      kept_value: json(row['keptValue']),
      other_value: json(row['otherValue']),
      kept_by: typeof row['keptBy'] === 'string' ? row['keptBy'] : null,
      other_by: typeof row['otherBy'] === 'string' ? row['otherBy'] : null,
      resolution: typeof row['resolution'] === 'string' ? row['resolution'] : null,
    };
    await trx
      .insertInto('sync_conflicts')
      .values(values)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          resolved_at: values.resolved_at,
          resolved_by: values.resolved_by,
          resolution: values.resolution,
        }),
      )
      .execute();
    n += 1;
  }
  return n;
}

/**
 * After a refused mutation left the outbox locally, the server still expects the next seq: the
 * pending entries (never seen by the server) are renumbered to start at `from`.
 */
export async function renumberOutbox(trx: Transaction<LocalDb>, from: number): Promise<boolean> {
  const first = await trx
    .selectFrom('sync_outbox')
    .select(({ fn }) => fn.min('seq').as('s'))
    .executeTakeFirst();
  const min = Number(first?.s ?? 0);
  if (!min || min <= from) return false;
  const delta = min - from;
  // two statements so no intermediate value collides with a live primary key
  await sql`UPDATE sync_outbox SET seq = -(seq - ${delta})`.execute(trx);
  await sql`UPDATE sync_outbox SET seq = -seq WHERE seq < 0`.execute(trx);
  return true;
}

/** Moves one outbox entry the server refused as a whole to sync_rejections (visible until dismissed). */
export async function rejectLocally(
  trx: Transaction<LocalDb>,
  seq: number,
  reason: string,
  now: string,
): Promise<void> {
  const m = await trx.selectFrom('sync_outbox').selectAll().where('seq', '=', seq).executeTakeFirst();
  if (!m) return;
  await trx
    .insertInto('sync_rejections')
    .values({
      mutation_id: m.mutation_id,
      entity: m.entity,
      entity_id: m.entity_id,
      case_id: m.case_id,
      reason,
      payload: m.fields_json,
      created_at: now,
      seen_at: null,
      op: m.op,
    })
    .onConflict((oc) => oc.column('mutation_id').doNothing())
    .execute();
  await trx.deleteFrom('sync_outbox').where('seq', '=', seq).execute();
}

/**
 * Deletes every local row of the given cases (SYNC.md §4.5 revocation), in the caller's
 * transaction, conflicts and rejections included. Cases with a pending outbox entry are kept (their
 * edits must reach the server first); returns the ids that were purged.
 */
export async function purgeCases(
  trx: Transaction<LocalDb>,
  raw: RawDatabase,
  caseIds: readonly string[],
  registry: EntityRegistry = ENTITIES,
): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const pending = new Set(
    (
      await trx
        .selectFrom('sync_outbox')
        .select('case_id')
        .where('case_id', 'in', [...caseIds])
        .execute()
    ).map((r) => r.case_id),
  );
  const purge = caseIds.filter((c) => !pending.has(c));
  if (purge.length === 0) return [];
  purgeCaseRows(raw, purge, registry);
  await trx.deleteFrom('sync_conflicts').where('case_id', 'in', purge).execute();
  await trx.deleteFrom('sync_rejections').where('case_id', 'in', purge).execute();
  await trx.deleteFrom('access_scope').where('case_id', 'in', purge).execute();
  // the handed-over plan PDFs of the case (local only, issue 12 item 8)
  await trx.deleteFrom('plan_documents').where('case_id', 'in', purge).execute();
  await trx.deleteFrom('plan_document_uploads').where('case_id', 'in', purge).execute();
  return purge;
}

export interface SyncCounts {
  readonly pending: number;
  readonly rejections: number;
  readonly conflicts: number;
}

export async function syncCounts(db: Executor): Promise<SyncCounts> {
  const [pending, rejections, conflicts] = await Promise.all([
    db
      .selectFrom('sync_outbox')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('sync_rejections')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('seen_at', 'is', null)
      .executeTakeFirst(),
    db
      .selectFrom('sync_conflicts')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('resolved_at', 'is', null)
      .executeTakeFirst(),
  ]);
  return {
    pending: Number(pending?.n ?? 0),
    rejections: Number(rejections?.n ?? 0),
    conflicts: Number(conflicts?.n ?? 0),
  };
}

export interface ConflictView {
  readonly conflictId: string;
  readonly caseId: string;
  readonly entity: string;
  readonly entityId: string;
  readonly field: string;
  readonly kind: 'conflict' | 'merged';
  /** This device's value (its edit) and the other side's value, side by side. */
  readonly mine: unknown;
  readonly theirs: unknown;
  /** Which of the two the record holds now. */
  readonly current: 'mine' | 'theirs';
  readonly base: unknown;
  readonly createdAt: string;
}

export interface RejectionView {
  readonly mutationId: string;
  readonly caseId: string;
  readonly entity: string;
  readonly entityId: string;
  readonly op: 'create' | 'update' | 'archive' | null;
  readonly reason: string;
  readonly values: Record<string, unknown>;
  readonly createdAt: string;
}

type ConflictRow = Awaited<ReturnType<typeof openConflictRows>>[number];

function openConflictRows(db: Executor, caseId: string) {
  return db
    .selectFrom('sync_conflicts')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('resolved_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** A conflict from this device's point of view: the other value is mine when this device wrote it. */
export function conflictView(r: ConflictRow, clientId: string): ConflictView {
  const kept = parse(r.kept_value);
  const other = parse(r.other_value);
  const mineIsOther = r.other_by === clientId && r.kept_by !== clientId;
  return {
    conflictId: r.id,
    caseId: r.case_id,
    entity: r.entity,
    entityId: r.entity_id,
    field: r.field,
    kind: r.kind,
    mine: mineIsOther ? other : kept,
    theirs: mineIsOther ? kept : other,
    current: mineIsOther ? 'theirs' : 'mine',
    base: parse(r.base_value),
    createdAt: r.created_at,
  };
}

type RejectionRow = Awaited<ReturnType<ReturnType<typeof openRejectionRows>['execute']>>[number];

function openRejectionRows(db: Executor) {
  return db.selectFrom('sync_rejections').selectAll().where('seen_at', 'is', null);
}

function rejectionView(r: RejectionRow): RejectionView {
  const payload = JSON.parse(r.payload) as Record<string, { value?: unknown }>;
  return {
    mutationId: r.mutation_id,
    caseId: r.case_id,
    entity: r.entity,
    entityId: r.entity_id,
    op: r.op,
    reason: r.reason,
    values: Object.fromEntries(Object.entries(payload).map(([key, f]) => [key, f?.value ?? null])),
    createdAt: r.created_at,
  };
}

/** Every refused edit not yet dismissed, newest first (at most `limit`). */
export async function openRejections(db: Executor, limit = 500): Promise<RejectionView[]> {
  return (
    await openRejectionRows(db).orderBy('created_at', 'desc').orderBy('mutation_id').limit(limit).execute()
  ).map(rejectionView);
}

export async function caseIssues(
  db: Executor,
  caseId: string,
  clientId: string,
): Promise<{ conflicts: ConflictView[]; rejections: RejectionView[] }> {
  const conflicts = (await openConflictRows(db, caseId)).map((r) => conflictView(r, clientId));
  const rejections = (
    await db
      .selectFrom('sync_rejections')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('seen_at', 'is', null)
      .orderBy('created_at')
      .execute()
  ).map(rejectionView);
  return { conflicts, rejections };
}

export async function findConflict(db: Executor, conflictId: string) {
  return db.selectFrom('sync_conflicts').selectAll().where('id', '=', conflictId).executeTakeFirst();
}

export async function dismissRejection(db: Executor, mutationId: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('sync_rejections')
    .set({ seen_at: now })
    .where('mutation_id', '=', mutationId)
    .where('seen_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Key/value state of the engine (sync_state). */
export async function readState(db: Executor, keys: readonly string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('sync_state')
    .select(['key', 'value'])
    .where('key', 'in', [...keys])
    .execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function writeState(db: Executor, values: Record<string, string | null>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (value === null) await db.deleteFrom('sync_state').where('key', '=', key).execute();
    else
      await db
        .insertInto('sync_state')
        .values({ key, value })
        // an unchanged value is no write: total_changes() (Mein Bestand's change stamp) stays
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }).where('sync_state.value', '!=', value))
        .execute();
  }
}
