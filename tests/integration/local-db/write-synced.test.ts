import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { writeSynced, type WriteContext } from '../../../src/main/db/write-synced';
import { createDb, fixedClock, sequentialIds, tableRows, type TestDb } from '../../helpers/local-db';

let t: TestDb;
let ctx: WriteContext;
beforeEach(async () => {
  t = await createDb();
  ctx = { clock: fixedClock(), ids: sequentialIds(), actorId: 'user-1' };
  t.raw.prepare("INSERT INTO offices (id, code, name, town) VALUES ('o1', 'TO', 'Torgau', 'Torgau')").run();
});
afterEach(async () => {
  await t.destroy();
});

const person = {
  customer_number: '123D456789',
  first_name: 'Jürgen',
  last_name: 'Pötzsch',
  birth_date: '1980-02-29',
  severely_disabled: 0,
};

describe('writeSynced: the one write path of synced tables', () => {
  it('writes the row and its outbox entry in the same transaction', async () => {
    await t.db.transaction().execute(async (trx) => {
      await writeSynced(trx, ctx, { table: 'persons', op: 'create', id: 'p1', caseId: 'c1', fields: person });
    });
    const [row] = tableRows(t.raw, 'persons');
    expect(row).toMatchObject({
      id: 'p1',
      case_id: 'c1',
      row_version: 0,
      dirty: 1,
      first_name: 'Jürgen',
      created_by: 'user-1',
    });
    const meta = JSON.parse(row!['field_meta'] as string) as Record<string, string>;
    expect(Object.keys(meta).sort()).toEqual(Object.keys(person).sort());
    const outbox = tableRows(t.raw, 'sync_outbox');
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      entity: 'persons',
      entity_id: 'p1',
      case_id: 'c1',
      op: 'create',
      base_row_version: 0,
      status: 'pending',
    });
    expect(JSON.parse(outbox[0]!['fields_json'] as string)).toEqual(person);
  });

  it('rolls back row and outbox together when the transaction fails', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await writeSynced(trx, ctx, {
          table: 'persons',
          op: 'create',
          id: 'p1',
          caseId: 'c1',
          fields: person,
        });
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(tableRows(t.raw, 'persons')).toHaveLength(0);
    expect(tableRows(t.raw, 'sync_outbox')).toHaveLength(0);
  });

  it('updates only the given fields, keeps the server row_version as base, and stamps field_meta with a newer HLC', async () => {
    await t.db
      .transaction()
      .execute((trx) =>
        writeSynced(trx, ctx, { table: 'persons', op: 'create', id: 'p1', caseId: 'c1', fields: person }),
      );
    t.raw.prepare('UPDATE persons SET row_version = 7, dirty = 0 WHERE id = ?').run('p1'); // as if pulled
    const result = await t.db.transaction().execute((trx) =>
      writeSynced(trx, ctx, {
        table: 'persons',
        op: 'update',
        id: 'p1',
        fields: { town: 'Torgau' },
        expectedRowVersion: 7,
      }),
    );
    const [row] = tableRows(t.raw, 'persons');
    expect(row).toMatchObject({ town: 'Torgau', first_name: 'Jürgen', row_version: 7, dirty: 1 });
    const meta = JSON.parse(row!['field_meta'] as string) as Record<string, string>;
    expect(meta['town']).toBe(result.hlc);
    expect(meta['town']! > meta['first_name']!).toBe(true);
    const outbox = tableRows(t.raw, 'sync_outbox', 'seq');
    expect(outbox[1]).toMatchObject({ op: 'update', base_row_version: 7, fields_json: '{"town":"Torgau"}' });
  });

  it('refuses a stale expected row_version, unknown rows and owned columns', async () => {
    await t.db
      .transaction()
      .execute((trx) =>
        writeSynced(trx, ctx, { table: 'persons', op: 'create', id: 'p1', caseId: 'c1', fields: person }),
      );
    await expect(
      t.db.transaction().execute((trx) =>
        writeSynced(trx, ctx, {
          table: 'persons',
          op: 'update',
          id: 'p1',
          fields: { town: 'X' },
          expectedRowVersion: 3,
        }),
      ),
    ).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === 'CONFLICT');
    await expect(
      t.db
        .transaction()
        .execute((trx) =>
          writeSynced(trx, ctx, { table: 'persons', op: 'update', id: 'nope', fields: { town: 'X' } }),
        ),
    ).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND');
    await expect(
      t.db.transaction().execute((trx) =>
        writeSynced(trx, ctx, {
          table: 'persons',
          op: 'update',
          id: 'p1',
          fields: { row_version: 99 } as never,
        }),
      ),
    ).rejects.toThrow(/not writable/);
    expect(tableRows(t.raw, 'sync_outbox')).toHaveLength(1);
  });

  it('archives instead of deleting, and keeps HLCs monotonic even when the wall clock goes back', async () => {
    const back = { now: () => new Date('2020-01-01T00:00:00Z') };
    await t.db
      .transaction()
      .execute((trx) =>
        writeSynced(trx, ctx, { table: 'persons', op: 'create', id: 'p1', caseId: 'c1', fields: person }),
      );
    await t.db
      .transaction()
      .execute((trx) =>
        writeSynced(trx, { ...ctx, clock: back }, { table: 'persons', op: 'archive', id: 'p1' }),
      );
    const [row] = tableRows(t.raw, 'persons');
    expect(row!['archived_at']).toBe('2020-01-01T00:00:00.000Z');
    const hlcs = tableRows(t.raw, 'sync_outbox', 'seq').map((r) => r['hlc'] as string);
    expect(hlcs[1]! > hlcs[0]!).toBe(true);
  });
});
