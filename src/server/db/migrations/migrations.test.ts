import { Migrator, type Kysely } from 'kysely';
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

  it('20270104T0100 stores resolutions on the conflict row, backfilled from the audit log', async () => {
    const migrator = new Migrator({ db: t.db, provider: staticMigrationProvider });
    const down = await migrator.migrateTo('20261230T0100-update-releases');
    expect(down.error).toBeUndefined();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema before the migration
    const db = t.db as unknown as Kysely<any>;
    const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 8, m));
    const conflict = (id: string, resolvedAt: Date | null) => ({
      conflict_id: id,
      case_id: 'C-1',
      entity: 'persons',
      entity_id: 'P-1',
      field: 'phone',
      base: JSON.stringify(null),
      kept_value: JSON.stringify(`kept ${id}`),
      other_value: JSON.stringify(`other ${id}`),
      kept_by: 'client-a',
      other_by: 'client-b',
      kind: 'conflict',
      created_at: at(0),
      resolved_by: resolvedAt ? 'user-1' : null,
      resolved_at: resolvedAt,
    });
    await db
      .insertInto('sync_conflicts')
      .values([
        conflict('k-take', at(5)),
        conflict('k-keep', at(6)),
        conflict('k-dismiss', at(7)),
        conflict('k-no-audit', at(8)),
        conflict('k-open', null),
      ])
      .execute();
    const audit = (entityId: string, m: number, detail: unknown) => ({
      at: at(m),
      user_id: 'user-1',
      client_id: 'client-a',
      action: 'conflict_resolved',
      case_id: 'C-1',
      entity: 'sync_conflicts',
      entity_id: entityId,
      detail: JSON.stringify(detail),
    });
    await db
      .insertInto('audit_log')
      .values([
        audit('k-take', 5, { resolution: 'take_other', rowVersion: 4, field: 'phone', kind: 'conflict' }),
        // the entry written at resolved_at wins over a later one with another outcome
        audit('k-keep', 6, { resolution: 'keep', rowVersion: null, field: 'phone', kind: 'conflict' }),
        audit('k-keep', 9, { resolution: 'take_other', rowVersion: 9, field: 'phone', kind: 'conflict' }),
        audit('k-dismiss', 7, { resolution: 'dismiss', rowVersion: null }),
        // an open conflict takes nothing from a stray entry
        audit('k-open', 3, { resolution: 'keep', rowVersion: null }),
        { ...audit('k-no-audit', 8, {}), action: 'write_applied' },
      ])
      .execute();

    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    const rows = await t.db
      .selectFrom('sync_conflicts')
      .select(['conflict_id', 'resolution', 'resolved_value', 'resolved_row_version'])
      .orderBy('conflict_id')
      .execute();
    expect(
      rows.map((r) => ({
        ...r,
        resolved_row_version: r.resolved_row_version && Number(r.resolved_row_version),
      })),
    ).toEqual([
      {
        conflict_id: 'k-dismiss',
        resolution: 'dismiss',
        resolved_value: 'kept k-dismiss',
        resolved_row_version: null,
      },
      {
        conflict_id: 'k-keep',
        resolution: 'keep',
        resolved_value: 'kept k-keep',
        resolved_row_version: null,
      },
      { conflict_id: 'k-no-audit', resolution: null, resolved_value: null, resolved_row_version: null },
      { conflict_id: 'k-open', resolution: null, resolved_value: null, resolved_row_version: null },
      {
        conflict_id: 'k-take',
        resolution: 'take_other',
        resolved_value: 'other k-take',
        resolved_row_version: 4,
      },
    ]);
    await t.db.deleteFrom('sync_conflicts').execute();
  });
});
