import { sql, type Expression, type Transaction } from 'kysely';
import type { Executor, ServerDb } from '../../db/server-db';
import type { SyncRecordRow } from '../../db/tables/sync.table';

export type { FieldMeta } from '../../../shared/sync/field-decision';

export function lockRecord(trx: Transaction<ServerDb>, entity: string, id: string) {
  return trx
    .selectFrom('sync_records')
    .selectAll()
    .where('entity', '=', entity)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** One stored record (without a lock), e.g. the audit a new correction task points at. */
export function findRecord(db: Executor, entity: string, id: string) {
  return db
    .selectFrom('sync_records')
    .select(['case_id', 'data', 'archived_at'])
    .where('entity', '=', entity)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Inserts the row and its change_log entry in one statement (same transaction, same txid). */
export async function insertRecord(
  trx: Transaction<ServerDb>,
  r: { entity: string; id: string; caseId: string; data: object; meta: object; by: string; at: Date },
): Promise<void> {
  await trx
    .with('w', (db) =>
      db
        .insertInto('sync_records')
        .values({
          entity: r.entity,
          id: r.id,
          case_id: r.caseId,
          row_version: '1',
          data: JSON.stringify(r.data),
          field_meta: JSON.stringify(r.meta),
          created_by: r.by,
          updated_by: r.by,
          created_at: r.at,
          updated_at: r.at,
        })
        .returning(['case_id', 'entity', 'id', 'row_version']),
    )
    .insertInto('change_log')
    .columns(['case_id', 'entity', 'entity_id', 'row_version', 'op'])
    .expression((db) =>
      db
        .selectFrom('w')
        .select(['w.case_id', 'w.entity', 'w.id', 'w.row_version', sql<string>`'create'`.as('op')]),
    )
    .execute();
}

/** Updates the row and appends its change_log entry in one statement. */
export async function updateRecord(
  trx: Transaction<ServerDb>,
  r: {
    entity: string;
    id: string;
    rowVersion: number;
    data: object;
    meta: object;
    archivedAt: Date | null;
    by: string;
    at: Date;
    op: 'update' | 'archive';
  },
): Promise<void> {
  await trx
    .with('w', (db) =>
      db
        .updateTable('sync_records')
        .set({
          row_version: String(r.rowVersion),
          data: JSON.stringify(r.data),
          field_meta: JSON.stringify(r.meta),
          archived_at: r.archivedAt,
          updated_by: r.by,
          updated_at: r.at,
        })
        .where('entity', '=', r.entity)
        .where('id', '=', r.id)
        .returning(['case_id', 'entity', 'id', 'row_version']),
    )
    .insertInto('change_log')
    .columns(['case_id', 'entity', 'entity_id', 'row_version', 'op'])
    .expression((db) =>
      db
        .selectFrom('w')
        .select(['w.case_id', 'w.entity', 'w.id', 'w.row_version', sql<string>`${r.op}`.as('op')]),
    )
    .execute();
}

/** Written in the same transaction as the domain write; txid defaults to pg_current_xact_id(). */
export async function appendChange(
  trx: Transaction<ServerDb>,
  c: { caseId: string; entity: string; entityId: string; rowVersion: number; op: string },
): Promise<void> {
  await trx
    .insertInto('change_log')
    .values({
      case_id: c.caseId,
      entity: c.entity,
      entity_id: c.entityId,
      row_version: String(c.rowVersion),
      op: c.op,
    })
    .execute();
}

export function findStoredMutations(db: Executor, clientId: string, mutationIds: readonly string[]) {
  if (mutationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sync_mutations')
    .select(['mutation_id', 'seq', 'result'])
    .where('client_id', '=', clientId)
    .where('mutation_id', 'in', [...mutationIds])
    .execute();
}

export async function storeMutationResults(
  trx: Transaction<ServerDb>,
  rows: readonly {
    clientId: string;
    mutationId: string;
    seq: number;
    status: string;
    result: string;
    at: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('sync_mutations')
    .values(
      rows.map((m) => ({
        client_id: m.clientId,
        mutation_id: m.mutationId,
        seq: String(m.seq),
        status: m.status,
        result: m.result,
        received_at: m.at,
      })),
    )
    .execute();
}

export async function setClientSeq(
  trx: Transaction<ServerDb>,
  clientId: string,
  seq: number,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('sync_clients')
    .set({ last_seq: String(seq), last_seen_at: at })
    .where('client_id', '=', clientId)
    .execute();
}

/**
 * Versions of a mergeable text field kept as merge bases: a client whose base is older than this
 * many versions of the field gets a conflict instead of a merge.
 */
export const TEXT_HISTORY_KEEP_VERSIONS = 100;

/** Records the value of a mergeable text field at its new version, and prunes old versions. */
export async function writeTextHistory(
  trx: Transaction<ServerDb>,
  rows: readonly { entity: string; entityId: string; field: string; version: number; value: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('text_field_history')
    .values(
      rows.map((r) => ({
        entity: r.entity,
        entity_id: r.entityId,
        field: r.field,
        version: String(r.version),
        value: r.value,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['entity', 'entity_id', 'field', 'version'])
        .doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
    )
    .execute();
  for (const r of rows) {
    if (r.version <= TEXT_HISTORY_KEEP_VERSIONS) continue;
    await trx
      .deleteFrom('text_field_history')
      .where('entity', '=', r.entity)
      .where('entity_id', '=', r.entityId)
      .where('field', '=', r.field)
      .where('version', '<=', String(r.version - TEXT_HISTORY_KEEP_VERSIONS))
      .execute();
  }
}

/** The value of a mergeable text field at `version`, or undefined if it is not (or no longer) kept. */
export async function findTextHistory(
  db: Executor,
  k: { entity: string; entityId: string; field: string; version: number },
): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('text_field_history')
    .select('value')
    .where('entity', '=', k.entity)
    .where('entity_id', '=', k.entityId)
    .where('field', '=', k.field)
    .where('version', '=', String(k.version))
    .executeTakeFirst();
  return row?.value;
}

export async function insertQuarantine(
  trx: Transaction<ServerDb>,
  q: {
    id: string;
    clientId: string;
    userId: string;
    caseId: string;
    mutationId: string;
    payload: unknown;
    at: Date;
  },
): Promise<void> {
  await trx
    .insertInto('sync_quarantine')
    .values({
      id: q.id,
      client_id: q.clientId,
      user_id: q.userId,
      case_id: q.caseId,
      mutation_id: q.mutationId,
      payload: JSON.stringify(q.payload),
      received_at: q.at,
    })
    .execute();
}

export async function insertCaseDirectory(
  trx: Transaction<ServerDb>,
  c: { caseId: string; officeId: string; teamId: string | null; assignedUserId: string; at: Date },
): Promise<void> {
  await trx
    .insertInto('case_directory')
    .values({
      case_id: c.caseId,
      office_id: c.officeId,
      team_id: c.teamId,
      assigned_user_id: c.assignedUserId,
      created_at: c.at,
      updated_at: c.at,
    })
    .execute();
}

export async function countLiveRowsByCase(
  db: Executor,
  caseIds: readonly string[],
): Promise<Map<string, number>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('sync_records')
    .select(['case_id', sql<string>`count(*)`.as('n')])
    .where('case_id', 'in', [...caseIds])
    .where('archived_at', 'is', null)
    .groupBy('case_id')
    .execute();
  return new Map(rows.map((r) => [r.case_id, Number(r.n)]));
}

export async function existingCases(db: Executor, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('case_directory')
    .select('case_id')
    .where('case_id', 'in', [...caseIds])
    .execute();
  return new Set(rows.map((r) => r.case_id));
}

/**
 * Changes after the cursor that are safe to hand out: only transactions below the xmin of the
 * current snapshot, so a transaction that commits late can never be skipped (SYNC.md §4.2).
 */
export interface ChangeWithRow {
  change_id: string;
  txid: string;
  case_id: string;
  entity: string;
  entity_id: string;
  row_version: string | number | null;
  data: unknown;
  field_meta: unknown;
  archived_at: Date | null;
}

export async function readChanges(
  db: Executor,
  q: { txid: string; changeId: string; limit: number; scope: Expression<unknown> },
): Promise<ChangeWithRow[]> {
  const result = await sql<ChangeWithRow>`
    with c as (
      select c.change_id, c.txid, c.case_id, c.entity, c.entity_id
      from change_log c
      where (c.txid, c.change_id) > (${q.txid}::xid8, ${q.changeId}::bigint)
        and c.txid < pg_snapshot_xmin(pg_current_snapshot())
        and c.case_id in (${q.scope})
      order by c.txid, c.change_id
      limit ${q.limit})
    select c.change_id::text as change_id, c.txid::text as txid, c.case_id, c.entity, c.entity_id,
           r.row_version, r.data, r.field_meta, r.archived_at
    from c left join sync_records r on r.entity = c.entity and r.id = c.entity_id
    order by c.txid, c.change_id`.execute(db);
  return result.rows;
}

export function loadRecords(
  db: Executor,
  keys: readonly { entity: string; id: string }[],
): Promise<SyncRecordRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sync_records')
    .selectAll()
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('entity', '=', k.entity), eb('id', '=', k.id)]))))
    .execute();
}

export function snapshotRows(db: Executor, caseIds: readonly string[], offset: number, limit: number) {
  return db
    .selectFrom('sync_records')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .orderBy('case_id')
    .orderBy('entity')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
}

/** The next final case number of an office and year (atomic: insert or increment, returning). */
export async function nextCaseNumber(
  trx: Transaction<ServerDb>,
  officeId: string,
  year: number,
): Promise<number> {
  const row = await trx
    .insertInto('case_number_counters')
    .values({ office_id: officeId, year, last_number: '1' })
    .onConflict((oc) =>
      oc.columns(['office_id', 'year']).doUpdateSet((eb) => ({
        last_number: sql<string>`${eb.ref('case_number_counters.last_number')} + 1`,
      })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(row.last_number);
}
