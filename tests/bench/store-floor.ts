/**
 * The encrypted store's own share of a first sync, for the ceiling next to sync.initial: the SQL an
 * apply of the pulled rows runs (src/main/db/apply-server-rows.ts: inserts with their indexes and
 * triggers, the name/number search keys), recorded once, then replayed into a fresh encrypted store
 * page by page as the sync engine commits them (one transaction per page, synchronous NORMAL, one
 * checkpoint at the end). No HTTP, no JSON, no checks, no server: whatever the engine does around it,
 * a first sync cannot be faster than this.
 *
 * Next to it, the rows stored the way PouchDB stores them: each row as one JSON document under its id,
 * in a table of the same encrypted store (same cipher, page cache and WAL) without any index, trigger
 * or search key (`blobsIntoStore`) – how much of the gap to PouchDB is the encrypted SQLite file
 * itself rather than Lotse's columns, indexes and search.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import { applyServerRows } from '../../src/main/db/apply-server-rows';
import type { RawDatabase } from '../../src/main/db/open-encrypted-db';
import { seedOffices } from '../../src/main/features/demo/seed-demo';
import type { SyncedRow } from '../../src/shared/sync/protocol';
import { createDb, type TestDb } from '../helpers/local-db';

type Method = 'run' | 'get' | 'all';

interface Call {
  readonly sql: string;
  readonly method: Method;
  readonly args: readonly unknown[];
}

function call(stmt: Statement, method: Method, args: readonly unknown[]): unknown {
  return (stmt[method] as (...a: unknown[]) => unknown).apply(stmt, args as unknown[]);
}

/** The statements of one page, in order. */
export type RecordedPage = readonly Call[];

async function emptyStore(): Promise<TestDb> {
  const t = await createDb();
  seedOffices(t.raw);
  return t;
}

/** Applies `rows` page by page into a scratch store and records every statement they run. */
export async function recordApply(rows: readonly SyncedRow[], pageSize: number): Promise<RecordedPage[]> {
  const t = await emptyStore();
  const pages: Call[][] = [];
  try {
    const raw = t.raw;
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((source: string) => {
      const stmt = prepare(source) as Statement;
      const recorded = (method: Method) =>
        ((...args: unknown[]) => {
          pages.at(-1)!.push({ sql: source, method, args });
          return call(stmt, method, args);
        }) as never;
      return Object.assign(Object.create(stmt) as Statement, {
        run: recorded('run'),
        get: recorded('get'),
        all: recorded('all'),
      });
    }) as RawDatabase['prepare'];
    const now = new Date().toISOString();
    for (let i = 0; i < rows.length; i += pageSize) {
      pages.push([]);
      raw.exec('BEGIN');
      const result = applyServerRows(raw, rows.slice(i, i + pageSize), { now });
      raw.exec('COMMIT');
      if (result.invalid.length > 0) throw new Error(`invalid demo row: ${result.invalid[0]!.problem}`);
    }
    return pages;
  } finally {
    await t.destroy();
  }
}

/** Replays the recorded statements into a fresh encrypted store as the engine commits a first sync. */
export async function replayIntoStore(
  pages: readonly RecordedPage[],
  rows: number,
): Promise<{ rowsPerSecond: number; seconds: number }> {
  const t = await emptyStore();
  try {
    const raw = t.raw;
    const statements = new Map<string, Statement>();
    const statement = (source: string) => {
      let s = statements.get(source);
      if (!s) statements.set(source, (s = raw.prepare(source) as Statement));
      return s;
    };
    for (const page of pages) for (const call of page) statement(call.sql);
    raw.pragma('wal_autocheckpoint = 0');
    raw.pragma('synchronous = NORMAL');
    const started = performance.now();
    for (const page of pages) {
      raw.exec('BEGIN');
      raw.pragma('defer_foreign_keys = ON');
      for (const c of page) call(statement(c.sql), c.method, c.args);
      raw.exec('COMMIT');
    }
    raw.pragma('wal_checkpoint(PASSIVE)');
    const seconds = (performance.now() - started) / 1000;
    return { rowsPerSecond: rows / seconds, seconds };
  } finally {
    await t.destroy();
  }
}

/** The rows as documents (one JSON text per row) in an index-free table of an encrypted store. */
export async function blobsIntoStore(
  rows: readonly SyncedRow[],
  pageSize: number,
): Promise<{ rowsPerSecond: number; seconds: number }> {
  const t = await createDb({ target: 0 });
  try {
    const raw = t.raw;
    raw.exec('CREATE TABLE blobs (id TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID');
    const insert = raw.prepare('INSERT INTO blobs (id, body) VALUES (?, ?)');
    raw.pragma('wal_autocheckpoint = 0');
    raw.pragma('synchronous = NORMAL');
    const started = performance.now();
    for (let i = 0; i < rows.length; i += pageSize) {
      raw.exec('BEGIN');
      for (const row of rows.slice(i, i + pageSize)) insert.run(row.id, JSON.stringify(row));
      raw.exec('COMMIT');
    }
    raw.pragma('wal_checkpoint(PASSIVE)');
    const seconds = (performance.now() - started) / 1000;
    return { rowsPerSecond: rows.length / seconds, seconds };
  } finally {
    await t.destroy();
  }
}
