import { sql, type Expression, type Transaction } from 'kysely';
import type { Executor, ServerDb } from '../../db/server-db';

/** `client_scope`: which cases a device was given (active now or removed since), per scope version. */

/** Cases this client was ever given (active now or removed since): pushes for them are quarantined, not refused. */
export async function knownCases(
  db: Executor,
  clientId: string,
  caseIds: readonly string[],
): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('client_scope')
    .select('case_id')
    .where('client_id', '=', clientId)
    .where('case_id', 'in', [...caseIds])
    .execute();
  return new Set(rows.map((r) => r.case_id));
}

export function lockClientScope(trx: Transaction<ServerDb>, clientId: string) {
  return trx.selectFrom('client_scope').selectAll().where('client_id', '=', clientId).execute();
}

export async function upsertClientScope(
  trx: Transaction<ServerDb>,
  clientId: string,
  rows: readonly { caseId: string; active: boolean }[],
  version: number,
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('client_scope')
    .values(
      rows.map((r) => ({
        client_id: clientId,
        case_id: r.caseId,
        active: r.active,
        changed_version: String(version),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['client_id', 'case_id']).doUpdateSet((eb) => ({
        active: eb.ref('excluded.active'),
        changed_version: eb.ref('excluded.changed_version'),
      })),
    )
    .execute();
}

export async function setScopeVersion(
  trx: Transaction<ServerDb>,
  clientId: string,
  version: number,
): Promise<void> {
  await trx
    .updateTable('sync_clients')
    .set({ scope_version: String(version) })
    .where('client_id', '=', clientId)
    .execute();
}

/**
 * Compares the user's current scope with the scope last handed to this client, and lists what
 * changed after `knownVersion`, in one read-only statement.
 */
export async function probeScope(
  db: Executor,
  clientId: string,
  scope: Expression<unknown>,
  knownVersion: number,
): Promise<{
  version: number;
  toAdd: string[];
  toRemove: string[];
  changedSince: { caseId: string; active: boolean }[];
}> {
  const result = await sql<{
    version: string | number;
    to_add: string[];
    to_remove: string[];
    changed: { c: string; a: boolean }[];
  }>`
    with cur as (${scope}),
         st as (select case_id, active, changed_version from client_scope where client_id = ${clientId}),
         v as (select scope_version from sync_clients where client_id = ${clientId})
    select
      (select scope_version from v) as version,
      (select coalesce(json_agg(cur.case_id), '[]'::json) from cur
        where not exists (select 1 from st where st.case_id = cur.case_id and st.active)) as to_add,
      (select coalesce(json_agg(st.case_id), '[]'::json) from st
        where st.active and not exists (select 1 from cur where cur.case_id = st.case_id)) as to_remove,
      (select coalesce(json_agg(json_build_object('c', st.case_id, 'a', st.active)), '[]'::json) from st
        where st.changed_version > (case when ${knownVersion}::bigint > (select scope_version from v) then 0 else ${knownVersion}::bigint end)) as changed`.execute(
    db,
  );
  const row = result.rows[0];
  if (!row) return { version: 0, toAdd: [], toRemove: [], changedSince: [] };
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
  return {
    version: Number(row.version ?? 0),
    toAdd: parse<string[]>(row.to_add),
    toRemove: parse<string[]>(row.to_remove),
    changedSince: parse<{ c: string; a: boolean }[]>(row.changed).map((c) => ({ caseId: c.c, active: c.a })),
  };
}
