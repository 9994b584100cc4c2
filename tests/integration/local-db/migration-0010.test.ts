import { afterEach, describe, expect, it } from 'vitest';
import { createDb, insertRows, migrateTo, userVersionOf, type TestDb } from '../../helpers/local-db';

let t: TestDb | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

const stamps = {
  row_version: 1,
  created_at: '2026-01-05T08:00:00.000Z',
  updated_at: '2026-01-05T08:00:00.000Z',
  created_by: 'u1',
  updated_by: 'u1',
};

describe('migration 0010: initial schema (predecessor: an empty encrypted file)', () => {
  it('creates the domain, sync and search tables, and the FTS index follows writes (diacritics, prefixes)', async () => {
    t = await createDb({ target: 0 });
    expect(await userVersionOf(t.db)).toBe(0);
    await migrateTo(t.db, 10);
    expect(await userVersionOf(t.db)).toBe(10);
    const tables = (
      t.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name);
    for (const name of [
      'offices',
      'households',
      'persons',
      'cases',
      'appointments',
      'notes',
      'sync_outbox',
      'sync_state',
      'search_index',
    ]) {
      expect(tables).toContain(name);
    }
    insertRows(t.raw, 'offices', [{ id: 'o1', code: 'TO', name: 'Torgau', town: 'Torgau' }]);
    insertRows(t.raw, 'persons', [
      {
        id: 'p1',
        case_id: 'c1',
        customer_number: '123D45',
        first_name: 'Jürgen',
        last_name: 'Rößler',
        birth_date: '1975-04-01',
        town: 'Mügeln',
        ...stamps,
      },
    ]);
    insertRows(t.raw, 'cases', [
      {
        id: 'c1',
        case_id: 'c1',
        case_number: 'TO-2026-000001',
        person_id: 'p1',
        office_id: 'o1',
        caseworker_id: 'u1',
        phase: 1,
        status: 'aktiv',
        opened_on: '2026-01-05',
        ...stamps,
      },
    ]);
    insertRows(t.raw, 'notes', [
      {
        id: 'n1',
        case_id: 'c1',
        category: 'Beratung',
        title: 'Erstgespräch',
        body: 'Führerschein Klasse C vorhanden',
        ...stamps,
      },
      {
        id: 'n2',
        case_id: 'c1',
        category: 'Beratung',
        title: 'Vertraulich',
        body: 'Schuldnerberatung vereinbart',
        restricted: 1,
        ...stamps,
      },
    ]);
    const search = (q: string) =>
      (
        t!.raw
          .prepare(
            'SELECT source, source_id FROM search_index WHERE search_index MATCH ? ORDER BY source, source_id',
          )
          .all(q) as { source: string; source_id: string }[]
      ).map((r) => `${r.source}:${r.source_id}`);
    expect(search('rößler')).toEqual(['person:p1']);
    expect(search('Rößler')).toEqual(['person:p1']);
    expect(search('mugeln')).toEqual(['person:p1']);
    expect(search('jur*')).toEqual(['person:p1']);
    expect(search('fuhrerschein')).toEqual(['note:n1']);
    expect(search('schuldnerberatung')).toEqual([]); // restricted notes are not indexed
    t.raw.prepare("UPDATE persons SET last_name = 'Köhler' WHERE id = 'p1'").run();
    expect(search('rossler')).toEqual([]);
    expect(search('kohler')).toEqual(['person:p1']);
    t.raw.prepare("DELETE FROM notes WHERE id = 'n1'").run();
    expect(search('fuhrerschein')).toEqual([]);
  });
});
