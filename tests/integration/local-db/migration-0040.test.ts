import { afterEach, describe, expect, it } from 'vitest';
import { getCaseDetail, getRecord } from '../../../src/main/features/cases/cases.repository';
import { readPushBatch } from '../../../src/main/features/sync/sync-steps';
import { ENTITY_NAMES } from '../../../src/shared/entities/index';
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
  field_meta: '{"first_name":"000001767254400000-00000-abc"}',
  created_at: '2026-01-05T08:00:00.000Z',
  updated_at: '2026-01-05T08:00:00.000Z',
  created_by: 'u1',
  updated_by: 'u1',
};

/** A database at version 30 as the demo seed and the old write path left it. */
function seedVersion30(t: TestDb): void {
  insertRows(t.raw, 'offices', [
    { id: 'office-torgau', code: 'TO', name: 'Standort Torgau', town: 'Torgau' },
    { id: 'office-oschatz', code: 'OSZ', name: 'Standort Oschatz', town: 'Oschatz', is_head_office: 1 },
  ]);
  insertRows(t.raw, 'households', [
    {
      id: 'h1',
      case_id: 'c1',
      household_number: '09876BG0012345',
      members: 3,
      children_under_18: 1,
      single_parent: 0,
      ...stamps,
    },
  ]);
  insertRows(t.raw, 'persons', [
    {
      id: 'p1',
      case_id: 'c1',
      household_id: 'h1',
      customer_number: '321D654987',
      first_name: 'Käthe',
      last_name: 'Rößler',
      birth_date: '1966-05-17',
      gender: 'weiblich',
      nationality: 'ukrainisch',
      preferred_language: 'Ukrainisch',
      town: 'Torgau',
      severely_disabled: 1,
      ...stamps,
    },
    {
      id: 'p2',
      case_id: 'c2',
      customer_number: '111D222333',
      first_name: 'Björn',
      last_name: 'Jäger',
      birth_date: '1979-01-02',
      gender: null,
      preferred_language: 'Klingonisch',
      ...stamps,
    },
  ]);
  insertRows(t.raw, 'cases', [
    {
      id: 'c1',
      case_id: 'c1',
      case_number: 'TO-2026-000001',
      person_id: 'p1',
      office_id: 'office-torgau',
      caseworker_id: 'u1',
      phase: 2,
      status: 'aktiv',
      opened_on: '2026-01-02',
      ...stamps,
    },
    {
      id: 'c2',
      case_id: 'c2',
      case_number: 'OSZ-2026-000001',
      person_id: 'p2',
      office_id: 'office-oschatz',
      caseworker_id: 'u1',
      phase: 1,
      status: 'aktiv',
      opened_on: '2026-01-03',
      ...stamps,
    },
  ]);
  insertRows(t.raw, 'appointments', [
    {
      id: 'a1',
      case_id: 'c1',
      starts_at: '2026-01-12T09:30:00.000Z',
      duration_minutes: 30,
      kind: 'Telefonberatung',
      location: 'Telefon',
      status: 'wahrgenommen',
      ...stamps,
    },
    {
      id: 'a2',
      case_id: 'c1',
      starts_at: '2026-01-19T09:30:00.000Z',
      duration_minutes: 45,
      kind: 'Profiling',
      location: 'Raum 1.12',
      status: 'geplant',
      ...stamps,
    },
  ]);
  insertRows(t.raw, 'notes', [
    {
      id: 'n1',
      case_id: 'c1',
      category: 'Gesundheit',
      title: 'Attest',
      body: 'Rückenleiden, kein schweres Heben',
      restricted: 0,
      ...stamps,
    },
    {
      id: 'n2',
      case_id: 'c1',
      category: 'Vertraulich',
      title: 'Schulden',
      body: 'Schuldnerberatung läuft',
      restricted: 1,
      ...stamps,
    },
  ]);
  // a pending local edit in the old outbox format (local column names, no base versions)
  insertRows(t.raw, 'sync_outbox', [
    {
      mutation_id: '5e0c7f1a-1111-4222-8333-000000000001',
      local_tx_id: 'tx1',
      entity: 'persons',
      entity_id: 'p1',
      case_id: 'c1',
      op: 'update',
      fields_json: '{"town":"Torgau","severely_disabled":1}',
      base_row_version: 3,
      hlc: '001767254400000-00000-abc',
      schema_version: 30,
      created_at: '2026-01-05T08:00:00.000Z',
    },
  ]);
}

describe('migration 0040: the entity spine', () => {
  it('creates a table for every record type and converts existing data into the one vocabulary, dropping nothing', async () => {
    t = await createDb({ target: 30 });
    seedVersion30(t);
    await migrateTo(t.db, 40);
    expect(await userVersionOf(t.db)).toBe(40);

    const tables = new Set(
      t.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
    // record types added after version 40 get their tables from their own migration
    const later = new Set(['duplicate_suspects', 'case_audits', 'correction_tasks']);
    for (const entity of ENTITY_NAMES.filter((e) => !later.has(e))) expect(tables, entity).toContain(entity);

    // offices: the server's and the domain's ids; cases follow
    expect(tableRows(t.raw, 'offices', 'id').map((o) => [o['id'], o['code']])).toEqual([
      ['oschatz', 'OSZ'],
      ['torgau', 'TO'],
    ]);
    const detail = (await getCaseDetail(t.db, 'c1'))!;
    expect(detail.case.officeId).toBe('torgau');
    expect(detail.case.caseNumber).toBe('TO-2026-000001');
    // persons: domain words and codes; the disability flag becomes the domain status
    expect(detail.person).toMatchObject({
      gender: 'female',
      preferredLanguage: 'uk',
      disability: 'severely_disabled',
    });
    expect((await getRecord(t.db, 'persons', 'p2'))!).toMatchObject({
      gender: 'unknown',
      preferredLanguage: null,
    });
    // households: the counts become a member list (the applicant with the person's birth date)
    expect(detail.household!.members).toEqual([
      { personId: null, role: 'applicant', birthDate: '1966-05-17' },
      { personId: null, role: 'child', birthDate: null },
      { personId: null, role: 'other', birthDate: null },
    ]);
    // appointments: domain kinds, the old label kept as subject
    expect(detail.appointments.map((a) => [a.kind, a.subject])).toEqual([
      ['telefon', 'Telefonberatung'],
      ['beratung', 'Profiling'],
    ]);
    // notes: a Gesundheit note is restricted, unknown categories become Sonstiges, authorship kept
    const notes = Object.fromEntries(detail.notes.map((n) => [n.id, n]));
    expect(notes['n1']).toMatchObject({ category: 'Gesundheit', restricted: true, authorId: 'u1' });
    expect(notes['n2']).toMatchObject({ category: 'Sonstiges', restricted: true });
    expect(notes['n1']!.writtenAt).toBe('2026-01-05T08:00:00.000Z');
    // every converted row is a valid record of its definition (getRecord parsed it)
    // the rows stay as they were where the meaning did not change
    expect(t.raw.prepare('SELECT row_version, field_meta FROM persons WHERE id = ?').get('p1')).toEqual({
      row_version: 3,
      field_meta: '{}',
    });

    // the pending edit survives, rewritten in wire vocabulary with base versions
    const batch = (await readPushBatch(t.db, '7d1f6d0e-8a2b-4c1e-9f3a-000000000001'))!;
    expect(batch.mutations).toHaveLength(1);
    expect(batch.mutations[0]).toMatchObject({
      entity: 'persons',
      entityId: 'p1',
      op: 'update',
      baseRowVersion: 3,
      fields: {
        town: { value: 'Torgau', baseVersion: 0 },
        disability: { value: 'severely_disabled', baseVersion: 0 },
      },
    });

    // the search index still finds people and notes after the rebuild of persons and cases
    const hits = t.raw
      .prepare('SELECT DISTINCT case_id FROM search_index WHERE search_index MATCH ?')
      .pluck();
    expect(hits.all('"Rößler"')).toEqual(['c1']);
    expect(hits.all('"TO"* AND "000001"*')).toContain('c1');
    // a case may now arrive before its person (paged pulls): no local foreign keys between synced rows
    expect(t.raw.prepare("SELECT count(*) AS n FROM pragma_foreign_key_list('cases')").get()).toEqual({
      n: 0,
    });
    expect(t.raw.prepare("SELECT count(*) AS n FROM pragma_foreign_key_list('persons')").get()).toEqual({
      n: 0,
    });
  });
});
