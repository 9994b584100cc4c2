import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyServerRows } from '../../../src/main/db/apply-server-rows';
import { writeSynced } from '../../../src/main/db/write-synced';
import { getRecord } from '../../../src/main/features/cases/cases.repository';
import type { SyncedRow } from '../../../src/shared/sync/protocol';
import { createDb, fixedClock, sequentialIds, type TestDb } from '../../helpers/local-db';
import { sampleFields } from '../../helpers/records';

let t: TestDb;
beforeEach(async () => {
  t = await createDb();
});
afterEach(async () => {
  await t.destroy();
});

const NOW = '2026-03-02T09:00:00.000Z';
const note = (rowVersion: number, row: Record<string, unknown> = {}): SyncedRow => ({
  entity: 'notes',
  id: 'n1',
  caseId: 'c1',
  rowVersion,
  archived: false,
  row: { ...sampleFields('notes', { caseId: 'c1', id: 'n1' }), ...row },
  fieldVersions: { title: rowVersion, body: rowVersion },
});
const apply = (rows: SyncedRow[], pending?: Map<string, Set<string>>) =>
  t.db
    .transaction()
    .execute(async () => applyServerRows(t.raw, rows, { now: NOW, ...(pending ? { pending } : {}) }));

describe('applyServerRows: rows from the server', () => {
  it('stores a new row with the server’s versions, never regresses, and updates a newer one', async () => {
    expect(await apply([note(2, { title: 'Erstgespräch' })])).toMatchObject({ applied: 1, skipped: 0 });
    const row = t.raw.prepare('SELECT row_version, field_meta, dirty FROM notes WHERE id = ?').get('n1');
    expect(row).toEqual({ row_version: 2, field_meta: '{"title":2,"body":2}', dirty: 0 });
    expect(await apply([note(1, { title: 'älter' })])).toMatchObject({ applied: 0, skipped: 1 });
    expect(await apply([note(2, { title: 'gleich alt' })])).toMatchObject({ skipped: 1 });
    await apply([note(3, { title: 'Neuer Titel' })]);
    expect((await getRecord(t.db, 'notes', 'n1'))!.title).toBe('Neuer Titel');
  });

  it('keeps fields with a pending local edit and marks the row dirty (rebase-lite)', async () => {
    await apply([note(1)]);
    const pending = new Map([['notes\u0000n1', new Set(['title'])]]);
    await apply([note(2, { title: 'vom Server', body: 'auch vom Server' })], pending);
    const r = (await getRecord(t.db, 'notes', 'n1'))!;
    expect(r.title).toBe('Gespräch');
    expect(r.body).toBe('auch vom Server');
    expect(t.raw.prepare('SELECT dirty FROM notes WHERE id = ?').pluck().get('n1')).toBe(1);
  });

  it('deletes withheld rows, archives archived ones, and reports what it cannot store', async () => {
    await apply([note(1)]);
    expect(await apply([{ ...note(2), row: {}, fieldVersions: {}, withheld: true }])).toMatchObject({
      deleted: 1,
    });
    expect(await getRecord(t.db, 'notes', 'n1')).toBeUndefined();
    await apply([{ ...note(3), archived: true }]);
    expect(t.raw.prepare('SELECT archived_at FROM notes WHERE id = ?').pluck().get('n1')).toBe(NOW);
    const result = await apply([
      { ...note(1), entity: 'unknown_things', id: 'u1' },
      { ...note(1), id: 'n2', row: { ...note(1).row, category: 'Klatsch' } },
      { ...note(1), id: 'n3', row: { title: 'ohne Pflichtfelder' } },
      { ...note(1), id: 'n4', row: { ...note(1).row, futureField: 'ignoriert' } },
    ]);
    expect(result.invalid.map((i) => i.id)).toEqual(['u1', 'n2', 'n3']);
    expect(result.applied).toBe(1);
  });

  it('a pulled row is then edited through the write path with the server’s field versions as base', async () => {
    await apply([note(4)]);
    await t.db
      .transaction()
      .execute((trx) =>
        writeSynced(
          trx,
          { clock: fixedClock(), ids: sequentialIds(), actorId: 'u1' },
          { entity: 'notes', op: 'update', id: 'n1', values: { title: 'Geändert' } },
        ),
      );
    const outbox = t.raw.prepare('SELECT base_row_version, fields_json FROM sync_outbox').get() as {
      base_row_version: number;
      fields_json: string;
    };
    expect(outbox.base_row_version).toBe(4);
    expect(JSON.parse(outbox.fields_json)).toEqual({ title: { value: 'Geändert', baseVersion: 4 } });
  });
});
