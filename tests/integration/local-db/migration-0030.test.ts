import { afterEach, describe, expect, it } from 'vitest';
import { listCases } from '../../../src/main/features/cases/cases.repository';
import {
  createDb,
  insertRows,
  migrateTo,
  tableRows,
  userVersionOf,
  type TestDb,
} from '../../helpers/local-db';

let t: TestDb | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

const stamps = {
  row_version: 2,
  created_at: '2026-01-05T08:00:00.000Z',
  updated_at: '2026-01-05T08:00:00.000Z',
  created_by: 'u1',
  updated_by: 'u1',
};

describe('migration 0030: caseload order indexes', () => {
  it('migrates a 0020 database with cases; the caseload then reads in index order without sorting', async () => {
    t = await createDb({ target: 20 });
    insertRows(t.raw, 'offices', [{ id: 'o1', code: 'DZ', name: 'Delitzsch', town: 'Delitzsch' }]);
    const people = [
      ['p1', 'Zeynep', 'Yılmaz'],
      ['p2', 'Uwe', 'Böhm'],
      ['p3', 'Anja', 'Böhm'],
      ['p4', 'Mirko', 'Lößnitz'],
    ] as const;
    insertRows(
      t.raw,
      'persons',
      people.map(([id, first, last]) => ({
        id,
        case_id: `c${id}`,
        customer_number: id,
        first_name: first,
        last_name: last,
        birth_date: '1980-01-01',
        ...stamps,
      })),
    );
    insertRows(
      t.raw,
      'cases',
      people.map(([id]) => ({
        id: `c${id}`,
        case_id: `c${id}`,
        case_number: `DZ-${id}`,
        person_id: id,
        office_id: 'o1',
        caseworker_id: 'u1',
        phase: 1,
        status: 'aktiv',
        opened_on: '2026-01-01',
        ...stamps,
      })),
    );
    const before = { persons: tableRows(t.raw, 'persons'), cases: tableRows(t.raw, 'cases') };

    await migrateTo(t.db, 30);

    expect(await userVersionOf(t.db)).toBe(30);
    expect(tableRows(t.raw, 'persons')).toEqual(before.persons);
    expect(tableRows(t.raw, 'cases')).toEqual(before.cases);
    expect((await listCases(t.db, { limit: 3 })).map((r) => `${r.lastName}, ${r.firstName}`)).toEqual([
      'Böhm, Anja',
      'Böhm, Uwe',
      'Lößnitz, Mirko',
    ]);
    const compiled = t.db
      .selectFrom('persons as p')
      .crossJoin('cases as c')
      .whereRef('c.person_id', '=', 'p.id')
      .where('c.archived_at', 'is', null)
      .select(['c.id'])
      .orderBy('p.last_name')
      .orderBy('p.first_name')
      .orderBy('p.id')
      .limit(50)
      .compile();
    const plan = (
      t.raw.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan.join(' | ')).toMatch(/persons_name/);
    expect(plan.join(' | ')).toMatch(/cases_person/);
    expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/);
  });
});
