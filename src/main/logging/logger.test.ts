import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Household } from '../../shared/domain/case/household';
import type { Note } from '../../shared/domain/case/note';
import type { Person } from '../../shared/domain/case/person';
import type { LocalDb } from '../db/local-db';
import type { PlanDocumentTable } from '../db/tables/plan-document.table';
import type { SearchKeysTable } from '../db/tables/caseload.table';
import type { SearchIndexTable } from '../db/tables/search-index.table';
import type { OutboxTable, SyncConflictTable, SyncRejectionTable } from '../db/tables/sync.table';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }), out: () => lines.join('') };
}

/**
 * Every column of the local tables that hold a person's data, and every field of the domain
 * records (= the wire names), classified. The keys are the real ones: a column or field added,
 * renamed or removed fails the typecheck here until it is classified, and every `personal` name
 * must be redacted by the logger in exactly that spelling.
 */
type Kind = 'personal' | 'not personal';
const bookkeeping = {
  case_id: 'not personal',
  row_version: 'not personal',
  field_meta: 'not personal',
  dirty: 'not personal',
  archived_at: 'not personal',
  created_at: 'not personal',
  updated_at: 'not personal',
  created_by: 'not personal',
  updated_by: 'not personal',
} as const;

const LOCAL_COLUMNS = {
  persons: {
    ...bookkeeping,
    id: 'not personal',
    household_id: 'not personal',
    customer_number: 'personal',
    first_name: 'personal',
    last_name: 'personal',
    birth_date: 'personal',
    gender: 'personal',
    nationality: 'personal',
    preferred_language: 'personal',
    street: 'personal',
    postal_code: 'personal',
    town: 'personal',
    phone: 'personal',
    email: 'personal',
    severely_disabled: 'personal',
    german_level: 'personal',
    integration_course_completed: 'personal',
    disability: 'personal',
    unemployed_since: 'personal',
    benefit_periods: 'personal',
    returner_to_work: 'personal',
    expected_release_date: 'personal',
    consent_for_pre_release_contact: 'personal',
    school_qualification: 'personal',
    vocational_qualification: 'personal',
  } satisfies Record<keyof LocalDb['persons'], Kind>,
  households: {
    ...bookkeeping,
    id: 'not personal',
    household_number: 'personal',
    members: 'not personal',
    children_under_18: 'not personal',
    single_parent: 'not personal',
    // a list of members: each member's birth date is redacted where it stands
    member_list: 'not personal',
  } satisfies Record<keyof LocalDb['households'], Kind>,
  notes: {
    ...bookkeeping,
    id: 'not personal',
    category: 'personal',
    title: 'personal',
    body: 'personal',
    restricted: 'not personal',
    written_at: 'not personal',
    author_id: 'not personal',
  } satisfies Record<keyof LocalDb['notes'], Kind>,
  search_index: {
    case_id: 'not personal',
    source: 'not personal',
    source_id: 'not personal',
    content: 'personal',
  } satisfies Record<keyof SearchIndexTable, Kind>,
  search_keys: {
    kind: 'not personal',
    term: 'personal',
    case_id: 'not personal',
    source: 'not personal',
  } satisfies Record<keyof SearchKeysTable, Kind>,
  sync_outbox: {
    seq: 'not personal',
    mutation_id: 'not personal',
    local_tx_id: 'not personal',
    entity: 'not personal',
    entity_id: 'not personal',
    case_id: 'not personal',
    op: 'not personal',
    fields_json: 'personal',
    base_row_version: 'not personal',
    hlc: 'not personal',
    schema_version: 'not personal',
    status: 'not personal',
    attempts: 'not personal',
    last_error: 'not personal',
    created_at: 'not personal',
  } satisfies Record<keyof OutboxTable, Kind>,
  sync_rejections: {
    mutation_id: 'not personal',
    entity: 'not personal',
    entity_id: 'not personal',
    case_id: 'not personal',
    reason: 'not personal',
    payload: 'personal',
    created_at: 'not personal',
    seen_at: 'not personal',
    op: 'not personal',
  } satisfies Record<keyof SyncRejectionTable, Kind>,
  sync_conflicts: {
    id: 'not personal',
    entity: 'not personal',
    entity_id: 'not personal',
    case_id: 'not personal',
    field: 'not personal',
    local_value: 'personal',
    remote_value: 'personal',
    local_hlc: 'not personal',
    remote_hlc: 'not personal',
    created_at: 'not personal',
    resolved_at: 'not personal',
    resolved_by: 'not personal',
    kind: 'not personal',
    base_value: 'personal',
    kept_value: 'personal',
    other_value: 'personal',
    kept_by: 'not personal',
    other_by: 'not personal',
    resolution: 'not personal',
  } satisfies Record<keyof SyncConflictTable, Kind>,
  plan_documents: {
    sha256: 'not personal',
    handover_id: 'not personal',
    case_id: 'not personal',
    pdf: 'personal',
    byte_length: 'not personal',
    created_at: 'not personal',
  } satisfies Record<keyof PlanDocumentTable, Kind>,
};

const DOMAIN_FIELDS = {
  person: {
    id: 'not personal',
    customerNumber: 'personal',
    firstName: 'personal',
    lastName: 'personal',
    birthDate: 'personal',
    gender: 'personal',
    nationality: 'personal',
    preferredLanguage: 'personal',
    germanLevel: 'personal',
    integrationCourseCompleted: 'personal',
    disability: 'personal',
    householdId: 'not personal',
    unemployedSince: 'personal',
    benefitPeriods: 'personal',
    returnerToWork: 'personal',
    expectedReleaseDate: 'personal',
    consentForPreReleaseContact: 'personal',
    schoolQualification: 'personal',
    vocationalQualification: 'personal',
    street: 'personal',
    postalCode: 'personal',
    town: 'personal',
    phone: 'personal',
    email: 'personal',
  } satisfies Record<keyof Person, Kind>,
  household: {
    id: 'not personal',
    householdNumber: 'personal',
    // an array of members: each member's birthDate is redacted where it stands
    members: 'not personal',
  } satisfies Record<keyof Household, Kind>,
  note: {
    id: 'not personal',
    caseId: 'not personal',
    category: 'personal',
    title: 'personal',
    body: 'personal',
    restricted: 'not personal',
    writtenAt: 'not personal',
    authorId: 'not personal',
  } satisfies Record<keyof Note, Kind>,
};

const ALL: ReadonlyArray<readonly [where: string, name: string, kind: Kind]> = [
  ...Object.entries(LOCAL_COLUMNS).flatMap(([table, columns]) =>
    Object.entries(columns).map(([name, kind]) => [`${table}.${name}`, name, kind] as const),
  ),
  ...Object.entries(DOMAIN_FIELDS).flatMap(([record, fields]) =>
    Object.entries(fields).map(([name, kind]) => [`${record}.${name}`, name, kind] as const),
  ),
];
const PERSONAL = ALL.filter(([, , kind]) => kind === 'personal');
const NOT_PERSONAL = ALL.filter(([, , kind]) => kind === 'not personal');

describe('logger', () => {
  it('the classification covers the names the review asked for', () => {
    const personal = new Set(PERSONAL.map(([, name]) => name));
    for (const name of [
      'first_name',
      'last_name',
      'birth_date',
      'customer_number',
      'street',
      'phone',
      'email',
      'body',
      'title',
      'firstName',
      'lastName',
      'birthDate',
      'customerNumber',
    ])
      expect(personal, name).toContain(name);
  });

  it.each(PERSONAL)(
    'redacts %s at the top level, nested, in arrays and in the bindings of child loggers',
    (where, name) => {
      const { out, logger } = capture();
      const secret = `GEHEIM-${where}`;
      logger.info({ event: 'test', caseId: 'c-1', [name]: secret }, 'top level');
      logger.info({ event: 'test', row: { id: 'r-1', [name]: secret } }, 'one level deep');
      logger.info({ event: 'test', batch: { rows: [{ deeper: { [name]: secret } }] } }, 'deep in an array');
      logger.child({ [name]: secret }).info({ event: 'test' }, 'child binding');
      logger
        .child({ caseId: 'c-1' })
        .child({ [name]: secret })
        .info({ event: 'test' }, 'grandchild');
      expect(out()).not.toContain(secret);
      expect(out().match(/\[entfernt\]/g)).toHaveLength(5);
      expect(out()).toContain('c-1');
    },
  );

  it.each(NOT_PERSONAL)('keeps %s (ids and bookkeeping stay useful)', (where, name) => {
    const { out, logger } = capture();
    const value = `wert-${where}`;
    logger.info({ event: 'test', [name]: value, row: { [name]: value } }, 'ids');
    expect(out().split(value)).toHaveLength(3);
    expect(out()).not.toContain('[entfernt]');
  });

  it('a whole person row and a whole domain person logged by mistake leak none of their values', () => {
    const { out, logger } = capture();
    const row = Object.fromEntries(
      Object.entries(LOCAL_COLUMNS.persons).map(([column, kind]) => [
        column,
        kind === 'personal' ? `zeile-${column}` : `id-${column}`,
      ]),
    );
    const person = Object.fromEntries(
      Object.entries(DOMAIN_FIELDS.person).map(([field, kind]) => [
        field,
        kind === 'personal' ? `domain-${field}` : `id-${field}`,
      ]),
    );
    const household = {
      id: 'h-1',
      householdNumber: '12345BG0001',
      members: [{ personId: 'p-1', role: 'child', birthDate: '2015-04-01' }],
    } satisfies Household;
    logger.info({ event: 'test', row, person, household }, 'rows');
    logger.error({ event: 'test', rows: [row, row] }, 'same object twice');
    const text = out();
    for (const [column, kind] of Object.entries(LOCAL_COLUMNS.persons))
      if (kind === 'personal') expect(text).not.toContain(`zeile-${column}`);
      else expect(text).toContain(`id-${column}`);
    for (const [field, kind] of Object.entries(DOMAIN_FIELDS.person))
      if (kind === 'personal') expect(text).not.toContain(`domain-${field}`);
      else expect(text).toContain(`id-${field}`);
    expect(text).not.toContain('12345BG0001');
    expect(text).not.toContain('2015-04-01');
    expect(text).toContain('"role":"child"');
  });

  it('redacts secrets and survives cycles', () => {
    const { out, logger } = capture();
    const cyclic: Record<string, unknown> = { id: 'x-1' };
    cyclic['self'] = cyclic;
    logger.info(
      {
        event: 'test',
        vault: { passphrase: 'Elbwiesen bei Torgau', recoveryKey: 'ABCD-EFGH' },
        sync: { accessToken: 'eyJ.token', refresh_token: 'rt-geheim' },
        cyclic,
      },
      'secrets',
    );
    for (const secret of ['Elbwiesen', 'ABCD-EFGH', 'eyJ.token', 'rt-geheim'])
      expect(out()).not.toContain(secret);
    expect(out()).toContain('[zirkulär]');
  });
});
