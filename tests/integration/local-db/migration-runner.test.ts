import { readFile } from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/main/db/migrations/index';
import type { Migration } from '../../../src/main/db/migrations/migration';
import { migrate } from '../../../src/main/db/migrations/run';
import { createDb, userVersionOf, type TestDb } from '../../helpers/local-db';

let t: TestDb | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

describe('the migration runner', () => {
  it('lists migrations in ascending, gapped steps and migrates an empty file to the latest', async () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    t = await createDb();
    expect(await userVersionOf(t.db)).toBe(LATEST_SCHEMA_VERSION);
    const again = await migrate(t.db as unknown as Kysely<unknown>);
    expect(again.applied).toEqual([]);
  });

  it('a failing migration leaves the previous version and no half-applied schema', async () => {
    t = await createDb({ target: 10 });
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 5,
      name: 'broken',
      async up(db) {
        await sql.raw('CREATE TABLE half_done (x INTEGER)').execute(db);
        await sql.raw('INSERT INTO no_such_table VALUES (1)').execute(db);
      },
    };
    await expect(
      migrate(t.db as unknown as Kysely<unknown>, { migrations: [...MIGRATIONS, broken] }),
    ).rejects.toThrow();
    // the real migrations committed one transaction each; the broken one rolled back completely
    expect(await userVersionOf(t.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(t.raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({
      n: 0,
    });
  });

  it('refuses a database from a newer Lotse with DB_FROM_FUTURE and does not touch it', async () => {
    t = await createDb();
    await sql.raw(`PRAGMA user_version = ${LATEST_SCHEMA_VERSION + 10}`).execute(t.db);
    t.raw.pragma('wal_checkpoint(TRUNCATE)');
    const before = await readFile(t.path);
    const error = await migrate(t.db as unknown as Kysely<unknown>).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_FROM_FUTURE');
    expect((error as AppError).message).toMatch(/neueren Lotse-Version/);
    t.raw.pragma('wal_checkpoint(TRUNCATE)');
    expect((await readFile(t.path)).equals(before)).toBe(true);
  });
});
