import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createLocalKysely, type LocalKysely } from '../../src/main/db/kysely';
import { migrate } from '../../src/main/db/migrations/run';
import { openEncryptedDb, type RawDatabase } from '../../src/main/db/open-encrypted-db';
import { createCasesService, type CasesService } from '../../src/main/features/cases/cases.service';
import { tempDir } from './temp-dir';

export interface TestDb {
  readonly db: LocalKysely;
  readonly raw: RawDatabase;
  readonly key: Buffer;
  readonly path: string;
  readonly dir: string;
  /** Closes the database (keeps the files). */
  close(): Promise<void>;
  /** Closes and deletes the temporary directory. */
  destroy(): Promise<void>;
}

/**
 * A real encrypted database in a fresh temp dir, with a random data key, migrated to `target`
 * (default: latest; 0 = empty).
 */
export async function createDb(options: { target?: number } = {}): Promise<TestDb> {
  const dir = await tempDir('lotse-db-');
  const key = randomBytes(32);
  const path = join(dir.path, 'lotse.db');
  const raw = openEncryptedDb(path, key, { create: true });
  const db = createLocalKysely(raw);
  if (options.target !== 0)
    await migrate(
      db as unknown as Kysely<unknown>,
      options.target === undefined ? {} : { target: options.target },
    );
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await db.destroy();
  };
  return {
    db,
    raw,
    key,
    path,
    dir: dir.path,
    close,
    async destroy() {
      await close();
      await dir.remove();
    },
  };
}

/** Runs the migrations up to and including version `n`. */
export async function migrateTo(db: LocalKysely, n: number): Promise<void> {
  await migrate(db as unknown as Kysely<unknown>, { target: n });
}

/** Raw inserts, frozen-in-time style (no table types): for seeding a migration's predecessor. */
export function insertRows(raw: RawDatabase, table: string, rows: readonly Record<string, unknown>[]): void {
  for (const row of rows) {
    const cols = Object.keys(row);
    raw
      .prepare(
        `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      )
      .run(...cols.map((c) => row[c]));
  }
}

export function tableRows(raw: RawDatabase, table: string, orderBy = 'rowid'): Record<string, unknown>[] {
  return raw.prepare(`SELECT * FROM "${table}" ORDER BY ${orderBy}`).all() as Record<string, unknown>[];
}

export async function userVersionOf(db: LocalKysely): Promise<number> {
  const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return rows[0]?.user_version ?? 0;
}

/** Deterministic clock and ids for tests. */
export function fixedClock(start = '2026-03-02T08:00:00.000Z', stepMs = 1000): { now(): Date } {
  let t = Date.parse(start);
  return {
    now: () => {
      const d = new Date(t);
      t += stepMs;
      return d;
    },
  };
}

export function sequentialIds(prefix = '00000000-0000-4000-8000-'): { newId(): string } {
  let n = 0;
  return { newId: () => `${prefix}${String(++n).padStart(12, '0')}` };
}

/** A fresh database with the Torgau office and a cases service acting as caseworker 'ifk-7'. */
export async function createCasesDb(): Promise<{ t: TestDb; cases: CasesService }> {
  const t = await createDb();
  t.raw
    .prepare(
      "INSERT INTO offices (id, code, name, town, is_head_office) VALUES ('torgau', 'TO', 'Standort Torgau', 'Torgau', 0)",
    )
    .run();
  const cases = createCasesService({ db: t.db, clock: fixedClock(), ids: sequentialIds(), actorId: 'ifk-7' });
  return { t, cases };
}
