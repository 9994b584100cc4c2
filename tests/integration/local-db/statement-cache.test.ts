/**
 * The local Kysely keeps compiled statements by their SQL text: the same text is compiled once, a
 * statement still being iterated is not handed out twice, the least recently used is dropped, and
 * transactions and schema changes behave as without the cache.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachingDatabase, createLocalKysely } from '../../../src/main/db/kysely';
import type { RawDatabase } from '../../../src/main/db/open-encrypted-db';

let raw: RawDatabase;
beforeEach(() => {
  raw = new Database(':memory:') as unknown as RawDatabase;
  raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
});
afterEach(() => {
  if (raw.open) raw.close();
});

describe('cachingDatabase', () => {
  it('compiles a text once and hands the same statement out again', () => {
    const prepare = vi.spyOn(raw, 'prepare');
    const db = cachingDatabase(raw);
    const a = db.prepare('SELECT v FROM t WHERE id = ?');
    const b = db.prepare('SELECT v FROM t WHERE id = ?');
    expect(b).toBe(a);
    expect(prepare).toHaveBeenCalledTimes(1);
    db.prepare('SELECT id FROM t');
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it('gives a fresh statement while the cached one is still being iterated', () => {
    raw.exec("INSERT INTO t (v) VALUES ('a'), ('b')");
    const db = cachingDatabase(raw);
    const first = db.prepare('SELECT v FROM t ORDER BY id');
    const rows = first.iterate([]);
    expect(rows.next().value).toEqual({ v: 'a' });
    const second = db.prepare('SELECT v FROM t ORDER BY id');
    expect(second).not.toBe(first);
    expect(second.all([])).toEqual([{ v: 'a' }, { v: 'b' }]);
    expect(rows.next().value).toEqual({ v: 'b' });
    expect(rows.next().done).toBe(true);
  });

  it('drops the least recently used statement beyond its size', () => {
    const prepare = vi.spyOn(raw, 'prepare');
    const db = cachingDatabase(raw, 2);
    db.prepare('SELECT 1');
    db.prepare('SELECT 2');
    db.prepare('SELECT 1'); // used again: SELECT 2 is now the oldest
    db.prepare('SELECT 3'); // drops SELECT 2
    expect(prepare).toHaveBeenCalledTimes(3);
    db.prepare('SELECT 1');
    expect(prepare).toHaveBeenCalledTimes(3);
    db.prepare('SELECT 2');
    expect(prepare).toHaveBeenCalledTimes(4);
  });
});

describe('createLocalKysely with the cache', () => {
  it('rolls back a failed transaction and commits the next one', async () => {
    const db = createLocalKysely(raw);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`INSERT INTO t (v) VALUES ('kept?')`.execute(trx);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await db.transaction().execute(async (trx) => {
      await sql`INSERT INTO t (v) VALUES ('kept')`.execute(trx);
    });
    const { rows } = await sql<{ v: string }>`SELECT v FROM t`.execute(db);
    expect(rows).toEqual([{ v: 'kept' }]);
  });

  it('sees a column added after the statement was cached', async () => {
    const db = createLocalKysely(raw);
    await sql`INSERT INTO t (v) VALUES ('a')`.execute(db);
    expect((await sql`SELECT * FROM t`.execute(db)).rows).toEqual([{ id: 1, v: 'a' }]);
    await sql`ALTER TABLE t ADD COLUMN w TEXT DEFAULT 'x'`.execute(db);
    expect((await sql`SELECT * FROM t`.execute(db)).rows).toEqual([{ id: 1, v: 'a', w: 'x' }]);
  });
});
