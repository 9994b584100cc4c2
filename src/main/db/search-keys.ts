import { sql, type Kysely, type Transaction } from 'kysely';
import { nameSearchKeys, numberSearchKey, type SearchField } from '../../shared/domain/common/search-fold';
import { ENTITIES, fromRow, type Entities, type RecordOf } from '../../shared/entities/index';
import type { LocalDb } from './local-db';
import type { RawDatabase } from './open-encrypted-db';

/**
 * The name/number index of search as you type (table search_keys, migration 0050): folded keys
 * of a case's names, numbers and birth date, looked up by prefix with a range scan on (kind, key).
 * It is derived data, not a synced table: the two writers of synced rows (writeSynced and
 * applyServerRows) call refreshSearchKeys* after writing a person or a case, in the same
 * transaction, so the index never disagrees with the rows.
 */
type PersonRecord = RecordOf<Entities['persons']['fields']>;
type CaseRecord = RecordOf<Entities['cases']['fields']>;

/** The field a key was made from (and a search result matched on): every search field but notes. */
export type SearchKeyKind = Exclude<SearchField, 'note'>;

export interface SearchKey {
  readonly kind: SearchKeyKind;
  readonly key: string;
}

export type SearchKeyed = 'persons' | 'cases';

export function isSearchKeyed(table: string): table is SearchKeyed {
  return table === 'persons' || table === 'cases';
}

/** A case number by its whole text and by its running number (OSZ-2026-000123 → osz2026000123, 000123, 123). */
export function caseNumberKeys(value: string): string[] {
  const keys = new Set([numberSearchKey(value)]);
  const serial = /(\d+)$/.exec(value)?.[1];
  if (serial) {
    keys.add(serial);
    keys.add(serial.replace(/^0+(?=\d)/, ''));
  }
  return [...keys].filter((k) => k.length > 0);
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The keys of a person (names, customer number, birth date). Pure. */
export function personSearchKeys(
  p: Partial<Pick<PersonRecord, 'firstName' | 'lastName' | 'customerNumber' | 'birthDate'>>,
): SearchKey[] {
  const keys: SearchKey[] = [];
  const last = text(p.lastName);
  const first = text(p.firstName);
  const customer = text(p.customerNumber);
  const birth = text(p.birthDate);
  if (last) for (const key of nameSearchKeys(last)) keys.push({ kind: 'lastName', key });
  if (first) for (const key of nameSearchKeys(first)) keys.push({ kind: 'firstName', key });
  if (customer) keys.push({ kind: 'customerNumber', key: numberSearchKey(customer) });
  if (birth) keys.push({ kind: 'birthDate', key: birth });
  return keys;
}

/** The keys of a case (its number, and the provisional one it was handed out with). Pure. */
export function caseSearchKeys(
  c: Partial<Pick<CaseRecord, 'caseNumber' | 'provisionalCaseNumber'>>,
): SearchKey[] {
  const keys: SearchKey[] = [];
  const number = text(c.caseNumber);
  const provisional = text(c.provisionalCaseNumber);
  if (number) for (const key of caseNumberKeys(number)) keys.push({ kind: 'caseNumber', key });
  if (provisional && provisional !== number)
    for (const key of caseNumberKeys(provisional)) keys.push({ kind: 'provisionalCaseNumber', key });
  return keys;
}

function keysOfRow(table: SearchKeyed, row: Readonly<Record<string, unknown>>): SearchKey[] {
  return table === 'persons'
    ? personSearchKeys(fromRow(ENTITIES.persons, row))
    : caseSearchKeys(fromRow(ENTITIES.cases, row));
}

type Statement = ReturnType<RawDatabase['prepare']> & {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
};
const rawStatements = new WeakMap<RawDatabase, Map<string, Statement>>();

function rawStatement(raw: RawDatabase, source: string): Statement {
  let byKey = rawStatements.get(raw);
  if (!byKey) {
    byKey = new Map();
    rawStatements.set(raw, byKey);
  }
  let stmt = byKey.get(source);
  if (!stmt) {
    stmt = raw.prepare(source) as unknown as Statement;
    byKey.set(source, stmt);
  }
  return stmt;
}

const INSERT = 'INSERT OR IGNORE INTO search_keys (source, kind, term, case_id) VALUES (?, ?, ?, ?)';
const DELETE = 'DELETE FROM search_keys WHERE case_id = ? AND source = ?';

/**
 * Rewrites the keys of one person or case row (raw connection; inside the caller's transaction).
 * `stored`: the complete record as just written (a new row), which spares reading it back.
 */
export function refreshSearchKeysRaw(
  raw: RawDatabase,
  table: SearchKeyed,
  id: string,
  stored?: { readonly caseId: string; readonly record: Readonly<Record<string, unknown>> },
): void {
  let caseId: string;
  let keys: SearchKey[];
  if (stored) {
    caseId = stored.caseId;
    keys = table === 'persons' ? personSearchKeys(stored.record) : caseSearchKeys(stored.record);
  } else {
    const row = rawStatement(raw, `SELECT * FROM ${table} WHERE id = ?`).get(id) as
      Record<string, unknown> | undefined;
    if (!row) return;
    caseId = String(row['case_id']);
    keys = keysOfRow(table, row);
  }
  rawStatement(raw, DELETE).run(caseId, table);
  const insert = rawStatement(raw, INSERT);
  for (const k of keys) insert.run(table, k.kind, k.key, caseId);
}

/** Removes the keys a deleted (withheld) row carried. */
export function dropSearchKeysRaw(raw: RawDatabase, table: SearchKeyed, caseId: string): void {
  rawStatement(raw, DELETE).run(caseId, table);
}

/** The same for the write path (Kysely transaction). */
export async function refreshSearchKeys(
  trx: Transaction<LocalDb>,
  table: SearchKeyed,
  id: string,
): Promise<void> {
  const db = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const row = await db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return;
  const caseId = String(row['case_id']);
  await sql`DELETE FROM search_keys WHERE case_id = ${caseId} AND source = ${table}`.execute(trx);
  const keys = keysOfRow(table, row);
  if (keys.length === 0) return;
  await sql`INSERT OR IGNORE INTO search_keys (source, kind, term, case_id) VALUES ${sql.join(
    keys.map((k) => sql`(${table}, ${k.kind}, ${k.key}, ${caseId})`),
  )}`.execute(trx);
}
