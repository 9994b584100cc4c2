import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServerDb, type TestServerDb } from '../../../../tests/helpers/server-db';
import { staticMigrationProvider } from './index';

let t: TestServerDb;
beforeAll(async () => {
  t = await createTestServerDb('pglite');
});
afterAll(async () => {
  await t?.close();
});

describe('server migrations', () => {
  it('each one can be rolled back and applied again (expand/contract needs a way back)', async () => {
    const migrator = new Migrator({ db: t.db, provider: staticMigrationProvider });
    const names = Object.keys(await staticMigrationProvider.getMigrations());
    const down = await migrator.migrateTo(names[0]!);
    expect(down.error).toBeUndefined();
    expect(down.results?.every((r) => r.status === 'Success' && r.direction === 'Down')).toBe(true);
    expect(down.results).toHaveLength(names.length - 1);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(up.results?.map((r) => r.migrationName)).toEqual(names.slice(1));
    const tables = await t.db.introspection.getTables();
    expect(tables.map((x) => x.name)).toEqual(
      expect.arrayContaining(['case_number_counters', 'login_throttle']),
    );
  });
});
