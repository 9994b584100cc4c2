import {
  checkFields,
  ENTITIES,
  isRequired,
  toColumns,
  type EntityDefinition,
  type EntityRegistry,
} from '../../shared/entities/index';
import type { SyncedRow } from '../../shared/sync/protocol';
import { localDerivedColumns } from './local-derived';
import type { RawDatabase } from './open-encrypted-db';
import { dropSearchKeysRaw, isSearchKeyed, refreshSearchKeysRaw } from './search-keys';

/**
 * The second (and only other) writer of synced tables: rows that come FROM the server (a pull page,
 * a snapshot, or demo data seeded "as if pulled"). Local edits go through writeSynced; nothing else
 * writes these tables. Runs on the raw connection with statements prepared once per table (fast
 * enough for 100,000 demo cases) and must be called inside the caller's transaction.
 *
 * Rules (SYNC.md §4.3): a row never regresses (an incoming row_version ≤ the local one is skipped);
 * a field with a pending local edit keeps its local value until that edit is acked (rebase-lite);
 * a withheld row (restricted, not for this reader) and a removed one are deleted; unknown fields are
 * ignored (a newer server), invalid values skip the row and are reported.
 */
export interface ApplyOptions {
  readonly registry?: EntityRegistry;
  /** ISO timestamp for created_at/updated_at of rows new to this device. */
  readonly now: string;
  /** Fields (wire keys) with pending local edits, per `${entity}\u0000${id}`. */
  readonly pending?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Told of every row stored or removed (the sync engine reports what a round changed). */
  readonly touched?: (entity: string, caseId: string) => void;
}

export interface ApplyResult {
  readonly applied: number;
  readonly skipped: number;
  readonly deleted: number;
  /** Rows the server sent that this version cannot store (entity unknown or values invalid). */
  readonly invalid: readonly { entity: string; id: string; problem: string }[];
}

interface Statements {
  readonly select: { get(id: string): { row_version: number } | undefined };
  readonly del: { run(id: string): unknown };
}

const cache = new WeakMap<RawDatabase, Map<string, Statements>>();

function statementsFor(raw: RawDatabase, def: EntityDefinition): Statements {
  let byTable = cache.get(raw);
  if (!byTable) {
    byTable = new Map();
    cache.set(raw, byTable);
  }
  let s = byTable.get(def.name);
  if (!s) {
    s = {
      select: raw.prepare(
        `SELECT row_version FROM "${def.name}" WHERE id = ?`,
      ) as unknown as Statements['select'],
      del: raw.prepare(`DELETE FROM "${def.name}" WHERE id = ?`) as unknown as Statements['del'],
    };
    byTable.set(def.name, s);
  }
  return s;
}

const writes = new WeakMap<RawDatabase, Map<string, ReturnType<RawDatabase['prepare']>>>();

/** One prepared INSERT or UPDATE per table and column set (the column set rarely varies). */
function writeFor(raw: RawDatabase, kind: 'insert' | 'update', table: string, columns: readonly string[]) {
  let byKey = writes.get(raw);
  if (!byKey) {
    byKey = new Map();
    writes.set(raw, byKey);
  }
  const key = `${kind}\u0000${table}\u0000${columns.join(',')}`;
  let stmt = byKey.get(key);
  if (!stmt) {
    stmt =
      kind === 'insert'
        ? raw.prepare(
            `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          )
        : raw.prepare(`UPDATE "${table}" SET ${columns.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`);
    byKey.set(key, stmt);
  }
  return stmt;
}

export function applyServerRows(
  raw: RawDatabase,
  rows: readonly SyncedRow[],
  options: ApplyOptions,
): ApplyResult {
  const registry: EntityRegistry = options.registry ?? ENTITIES;
  // rows arrive in the server's order (a case before its person): foreign keys are checked at commit
  raw.pragma('defer_foreign_keys = ON');
  let applied = 0;
  let skipped = 0;
  let deleted = 0;
  const invalid: { entity: string; id: string; problem: string }[] = [];
  for (const r of rows) {
    const def = Object.hasOwn(registry, r.entity) ? registry[r.entity] : undefined;
    if (!def) {
      invalid.push({ entity: r.entity.slice(0, 40), id: r.id, problem: 'unbekannte Art' });
      continue;
    }
    const s = statementsFor(raw, def);
    if (r.withheld) {
      s.del.run(r.id);
      if (isSearchKeyed(def.name)) dropSearchKeysRaw(raw, def.name, r.caseId);
      deleted += 1;
      options.touched?.(def.name, r.caseId);
      continue;
    }
    const local = s.select.get(r.id);
    if (local && local.row_version >= r.rowVersion) {
      skipped += 1;
      continue;
    }
    const known = Object.fromEntries(Object.entries(r.row).filter(([k]) => Object.hasOwn(def.fields, k)));
    const problems = checkFields(def, known);
    if (problems.length > 0) {
      invalid.push({ entity: def.name, id: r.id, problem: `${problems[0]!.field}: ${problems[0]!.message}` });
      continue;
    }
    const held = options.pending?.get(`${def.name}\u0000${r.id}`);
    const values = held ? Object.fromEntries(Object.entries(known).filter(([k]) => !held.has(k))) : known;
    if (!local) {
      // a new row must carry every required field (a partial server row cannot be stored)
      const missing = Object.entries(def.fields).find(([k, f]) => !Object.hasOwn(values, k) && isRequired(f));
      if (missing) {
        invalid.push({ entity: def.name, id: r.id, problem: `${missing[0]}: fehlt` });
        continue;
      }
    }
    const columns: Record<string, unknown> = {
      ...toColumns(def, values),
      ...localDerivedColumns(def.name, known, new Date(options.now)),
      case_id: r.caseId,
      row_version: r.rowVersion,
      field_meta: JSON.stringify(r.fieldVersions),
      dirty: held ? 1 : 0,
      archived_at: r.archived ? options.now : null,
      updated_at: options.now,
      updated_by: 'server',
    };
    if (local) {
      const names = Object.keys(columns);
      writeFor(raw, 'update', def.name, names).run([...names.map((n) => columns[n]), r.id]);
    } else {
      const row = { ...columns, id: r.id, created_at: options.now, created_by: 'server' };
      const names = Object.keys(row);
      writeFor(raw, 'insert', def.name, names).run(names.map((n) => row[n as keyof typeof row]));
    }
    // the name/number index follows the stored row (pending local values included)
    if (isSearchKeyed(def.name))
      refreshSearchKeysRaw(
        raw,
        def.name,
        r.id,
        local || held ? undefined : { caseId: r.caseId, record: known },
      );
    applied += 1;
    options.touched?.(def.name, r.caseId);
  }
  return { applied, skipped, deleted, invalid };
}

/**
 * Deletes every row of the given cases from the synced tables (SYNC.md §4.5: the server removed the
 * cases from this device's scope). Server-driven like a withheld row, hence here; runs inside the
 * caller's transaction. With secure_delete=ON (open-encrypted-db) freed pages are overwritten.
 */
export function purgeCaseRows(
  raw: RawDatabase,
  caseIds: readonly string[],
  registry: EntityRegistry = ENTITIES,
): number {
  if (caseIds.length === 0) return 0;
  raw.pragma('defer_foreign_keys = ON');
  let deleted = 0;
  const tables = Object.values(registry).map((d) => d.name);
  // children before the case rows themselves
  for (const table of [...tables.filter((t) => t !== 'cases'), ...tables.filter((t) => t === 'cases')]) {
    const stmt = raw.prepare(`DELETE FROM "${table}" WHERE case_id = ?`);
    for (const caseId of caseIds) deleted += stmt.run(caseId).changes;
  }
  return deleted;
}
