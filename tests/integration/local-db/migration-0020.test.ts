import { afterEach, describe, expect, it } from 'vitest';
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
  row_version: 3,
  created_at: '2026-01-05T08:00:00.000Z',
  updated_at: '2026-01-05T08:00:00.000Z',
  created_by: 'u1',
  updated_by: 'u1',
};

describe('migration 0020: access scope and sync conflicts', () => {
  it('migrates a 0010 database with cases and pending outbox edits without losing anything', async () => {
    t = await createDb({ target: 10 });
    insertRows(t.raw, 'offices', [{ id: 'o1', code: 'EB', name: 'Eilenburg', town: 'Eilenburg' }]);
    insertRows(t.raw, 'persons', [
      {
        id: 'p1',
        case_id: 'c1',
        customer_number: 'A1',
        first_name: 'Käthe',
        last_name: 'Möbius',
        birth_date: '1990-07-14',
        ...stamps,
      },
      {
        id: 'p2',
        case_id: 'c2',
        customer_number: 'A2',
        first_name: 'Björn',
        last_name: 'Jäger',
        birth_date: '1985-11-02',
        ...stamps,
      },
    ]);
    insertRows(t.raw, 'cases', [
      {
        id: 'c1',
        case_id: 'c1',
        case_number: 'EB-1',
        person_id: 'p1',
        office_id: 'o1',
        caseworker_id: 'u1',
        phase: 2,
        status: 'aktiv',
        opened_on: '2025-12-01',
        ...stamps,
      },
      {
        id: 'c2',
        case_id: 'c2',
        case_number: 'EB-2',
        person_id: 'p2',
        office_id: 'o1',
        caseworker_id: 'u1',
        phase: 4,
        status: 'ruhend',
        opened_on: '2025-10-01',
        ...stamps,
      },
    ]);
    insertRows(t.raw, 'sync_outbox', [
      {
        mutation_id: 'm1',
        local_tx_id: 'm1',
        entity: 'persons',
        entity_id: 'p1',
        case_id: 'c1',
        op: 'update',
        fields_json: '{"town":"Eilenburg"}',
        base_row_version: 3,
        hlc: '000001767600000000-00000-x',
        schema_version: 10,
        created_at: '2026-01-05T09:00:00.000Z',
      },
    ]);
    const personsBefore = tableRows(t.raw, 'persons');
    const outboxBefore = tableRows(t.raw, 'sync_outbox');

    await migrateTo(t.db, 20);

    expect(await userVersionOf(t.db)).toBe(20);
    expect(tableRows(t.raw, 'access_scope', 'case_id')).toEqual([
      { case_id: 'c1', scope_version: 0 },
      { case_id: 'c2', scope_version: 0 },
    ]);
    expect(tableRows(t.raw, 'sync_conflicts')).toEqual([]);
    expect(tableRows(t.raw, 'persons')).toEqual(personsBefore);
    // pending edits keep their schema_version tag for server upcasting (SYNC.md §4.7)
    expect(tableRows(t.raw, 'sync_outbox')).toEqual(outboxBefore);
    insertRows(t.raw, 'sync_conflicts', [
      {
        id: 'k1',
        entity: 'notes',
        entity_id: 'n1',
        case_id: 'c1',
        field: 'body',
        local_value: 'a',
        remote_value: 'b',
        local_hlc: 'h1',
        remote_hlc: 'h2',
        created_at: '2026-01-06T08:00:00.000Z',
      },
    ]);
    expect(tableRows(t.raw, 'sync_conflicts')).toHaveLength(1);
  });
});
