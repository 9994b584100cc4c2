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

const stamps = (caseId: string) => ({
  case_id: caseId,
  row_version: 0,
  field_meta: '{"first_name":"0000000001:0:x"}',
  dirty: 1,
  created_at: '2026-01-05T08:00:00.000Z',
  updated_at: '2026-01-05T08:00:00.000Z',
  created_by: 'u1',
  updated_by: 'u1',
});

const outbox = (seq: number, entity: string, entityId: string, op: string, fields: object) => ({
  seq,
  mutation_id: `m${seq}`,
  local_tx_id: 'tx',
  entity,
  entity_id: entityId,
  case_id: 'c1',
  op,
  fields_json: JSON.stringify(fields),
  base_row_version: 0,
  hlc: `000000000${seq}:0:x`,
  schema_version: 30,
  created_at: '2026-01-05T08:00:00.000Z',
});

describe('migration 0040: entity spine', () => {
  it('converts the data of a version-30 database into the one vocabulary and rewrites pending outbox entries', async () => {
    t = await createDb({ target: 30 });
    insertRows(t.raw, 'offices', [
      { id: 'office-torgau', code: 'TO', name: 'Standort Torgau', town: 'Torgau', is_head_office: 0 },
    ]);
    insertRows(t.raw, 'households', [
      { id: 'h1', household_number: '09876BG0012345', members: 4, children_under_18: 2, ...stamps('c1') },
    ]);
    insertRows(t.raw, 'persons', [
      {
        id: 'p1',
        household_id: 'h1',
        customer_number: '321D654987',
        first_name: 'Käthe',
        last_name: 'Rößler',
        birth_date: '1976-12-01',
        gender: 'weiblich',
        preferred_language: 'Ukrainisch',
        severely_disabled: 1,
        ...stamps('c1'),
      },
      {
        id: 'p2',
        customer_number: '321D654988',
        first_name: 'Uwe',
        last_name: 'Böhm',
        birth_date: '1980-01-01',
        gender: 'x',
        preferred_language: 'Klingonisch',
        ...stamps('c2'),
      },
    ]);
    insertRows(t.raw, 'cases', [
      {
        id: 'c1',
        case_number: 'TO-2026-0001',
        person_id: 'p1',
        office_id: 'office-torgau',
        caseworker_id: 'u1',
        phase: 1,
        status: 'aktiv',
        opened_on: '2026-01-01',
        ...stamps('c1'),
      },
    ]);
    insertRows(t.raw, 'appointments', [
      {
        id: 'a1',
        starts_at: '2026-02-01T09:00:00+01:00',
        duration_minutes: 30,
        kind: 'Telefonberatung',
        location: 'Telefon',
        status: 'geplant',
        ...stamps('c1'),
      },
      {
        id: 'a2',
        starts_at: '2026-02-02T09:00:00+01:00',
        duration_minutes: 30,
        kind: 'beratung',
        location: 'Raum 1',
        status: 'geplant',
        ...stamps('c1'),
      },
    ]);
    insertRows(t.raw, 'notes', [
      {
        id: 'n1',
        category: 'Gesundheit',
        title: 'Gutachten',
        body: 'Teil A',
        restricted: 0,
        ...stamps('c1'),
      },
      { id: 'n2', category: 'Allerlei', title: 'Notiz', body: 'Text', restricted: 0, ...stamps('c1') },
    ]);
    insertRows(t.raw, 'sync_outbox', [
      outbox(1, 'persons', 'p1', 'create', { first_name: 'Käthe', severely_disabled: 1, members: 4 }),
      outbox(2, 'notes', 'n1', 'update', { body: 'Teil A', restricted: 0 }),
      outbox(3, 'households', 'h1', 'update', { members: 5, household_number: '09876BG0012345' }),
      outbox(4, 'notes', 'n2', 'archive', {}),
      outbox(5, 'persons', 'p2', 'update', { severely_disabled: 0 }),
    ]);

    await migrateTo(t.db, 40);

    expect(await userVersionOf(t.db)).toBe(40);
    expect(tableRows(t.raw, 'offices').map((o) => [o['id'], o['code']])).toEqual([['torgau', 'TO']]);
    expect(tableRows(t.raw, 'cases')[0]).toMatchObject({ office_id: 'torgau', field_meta: '{}' });
    const persons = tableRows(t.raw, 'persons');
    expect(persons[0]).toMatchObject({
      gender: 'female',
      preferred_language: 'uk',
      disability: 'severely_disabled',
    });
    expect(persons[1]).toMatchObject({ gender: 'unknown', preferred_language: null, disability: 'none' });
    expect(JSON.parse(String(tableRows(t.raw, 'households')[0]?.['member_list']))).toEqual([
      { personId: null, role: 'applicant', birthDate: '1976-12-01' },
      { personId: null, role: 'child', birthDate: null },
      { personId: null, role: 'child', birthDate: null },
      { personId: null, role: 'other', birthDate: null },
    ]);
    const appointments = tableRows(t.raw, 'appointments');
    expect(appointments.map((a) => [a['kind'], a['subject']])).toEqual([
      ['telefon', 'Telefonberatung'],
      ['beratung', null],
    ]);
    const notes = tableRows(t.raw, 'notes');
    expect(notes.map((n) => [n['category'], n['restricted'], n['written_at'], n['author_id']])).toEqual([
      ['Gesundheit', 1, '2026-01-05T08:00:00.000Z', 'u1'],
      ['Sonstiges', 0, '2026-01-05T08:00:00.000Z', 'u1'],
    ]);
    const entries = tableRows(t.raw, 'sync_outbox', 'seq').map((e) => JSON.parse(String(e['fields_json'])));
    // a create sends the converted row in wire vocabulary with base version 0
    expect(entries[0]).toMatchObject({
      firstName: { value: 'Käthe', baseVersion: 0 },
      customerNumber: { value: '321D654987', baseVersion: 0 },
      gender: { value: 'female', baseVersion: 0 },
      disability: { value: 'severely_disabled', baseVersion: 0 },
    });
    expect(entries[1]).toEqual({
      body: { value: 'Teil A', baseVersion: 0 },
      restricted: { value: false, baseVersion: 0 },
    });
    expect(entries[2]).toEqual({ householdNumber: { value: '09876BG0012345', baseVersion: 0 } });
    expect(entries[3]).toEqual({});
    expect(entries[4]).toEqual({ disability: { value: 'none', baseVersion: 0 } });
  });

  it('keeps handed-over plans immutable in the database itself', async () => {
    t = await createDb();
    insertRows(t.raw, 'plan_handovers', [
      {
        id: 'ph1',
        plan_id: 'pl1',
        version: 1,
        handed_over_on: '2026-03-02',
        handed_over_by: 'u1',
        form: 'ausdruck',
        content_hash: 'a'.repeat(64),
        regime_id: 'buergergeld',
        content: '{}',
        ...stamps('c1'),
      },
    ]);
    expect(() => t!.raw.prepare("UPDATE plan_handovers SET form = 'e-mail' WHERE id = 'ph1'").run()).toThrow(
      /immutable/,
    );
    t.raw.prepare("UPDATE plan_handovers SET dirty = 0 WHERE id = 'ph1'").run();
    expect(tableRows(t.raw, 'plan_handovers')[0]).toMatchObject({ form: 'ausdruck', dirty: 0 });
  });
});
