import { sql, type Kysely } from 'kysely';
import { caseSearchKeys, personSearchKeys, type SearchKey } from '../search-keys';
import type { Migration } from './migration';

/**
 * Search as you type and the caseload (issue 9). Local derived tables only (none is synced):
 *
 * - search_keys: folded name, number and birth-date keys per case, looked up by prefix (a range scan
 *   on (kind, key)), so a keystroke reads a few index pages instead of ranking FTS hits. The keys
 *   are folded in TypeScript (src/shared/domain/common/search-fold.ts), so the two writers of
 *   synced rows keep them (src/main/db/search-keys.ts); this migration builds them for existing
 *   rows. Should the folding change, a later migration rebuilds the table.
 * - caseload_members: who works a case and when (the caseworker always, a substitute during the
 *   substitution), kept by triggers from cases.caseworker_id and cases.substitutions (JSON), so the
 *   caseload of one caseworker is an index lookup among 100,000 cases.
 * - case_revisions: a counter per case that every write to any of the case's records moves
 *   (triggers), so derived per-case values (quality findings, target groups) can be cached and
 *   recomputed only for cases that changed.
 *
 * Frozen in time: the table list below is as of version 50.
 */
const CASE_TABLES = [
  'cases',
  'households',
  'persons',
  'appointments',
  'contacts',
  'notes',
  'consents',
  'assessments',
  'goals',
  'strategy_choices',
  'measure_assignments',
  'own_efforts',
  'cooperation_plans',
  'plan_handovers',
] as const;

const MEMBERS_OF_NEW = `
  INSERT OR IGNORE INTO caseload_members (caseworker_id, case_id, from_on, to_on, substitute)
    VALUES (new.caseworker_id, new.id, '0000-01-01', '9999-12-31', 0);
  INSERT OR IGNORE INTO caseload_members (caseworker_id, case_id, from_on, to_on, substitute)
    SELECT json_extract(s.value, '$.caseworkerId'), new.id, json_extract(s.value, '$.from'),
           json_extract(s.value, '$.to'), 1
      FROM json_each(CASE WHEN json_valid(new.substitutions) THEN new.substitutions ELSE '[]' END) AS s
     WHERE json_extract(s.value, '$.caseworkerId') IS NOT NULL
       AND json_extract(s.value, '$.from') IS NOT NULL AND json_extract(s.value, '$.to') IS NOT NULL;`;

const bump = (caseIdExpr: string) =>
  `INSERT INTO case_revisions (case_id, rev) VALUES (${caseIdExpr}, 1)
     ON CONFLICT(case_id) DO UPDATE SET rev = rev + 1;`;

const STATEMENTS = [
  `CREATE TABLE search_keys (
     kind TEXT NOT NULL,
     term TEXT NOT NULL,
     case_id TEXT NOT NULL,
     source TEXT NOT NULL,
     PRIMARY KEY (kind, term, case_id)
   ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX search_keys_case ON search_keys(case_id)`,
  `CREATE TABLE caseload_members (
     caseworker_id TEXT NOT NULL,
     case_id TEXT NOT NULL,
     from_on TEXT NOT NULL,
     to_on TEXT NOT NULL,
     substitute INTEGER NOT NULL,
     PRIMARY KEY (caseworker_id, case_id, from_on, substitute)
   ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX caseload_members_case ON caseload_members(case_id)`,
  `CREATE TABLE case_revisions (case_id TEXT PRIMARY KEY, rev INTEGER NOT NULL) STRICT, WITHOUT ROWID`,
  `CREATE TRIGGER cases_members_ai AFTER INSERT ON cases BEGIN ${MEMBERS_OF_NEW} END`,
  `CREATE TRIGGER cases_members_au AFTER UPDATE OF caseworker_id, substitutions ON cases BEGIN
     DELETE FROM caseload_members WHERE case_id = old.id;
     ${MEMBERS_OF_NEW}
   END`,
  `CREATE TRIGGER cases_members_ad AFTER DELETE ON cases BEGIN
     DELETE FROM caseload_members WHERE case_id = old.id;
     DELETE FROM search_keys WHERE case_id = old.id;
     DELETE FROM case_revisions WHERE case_id = old.id;
   END`,
  ...CASE_TABLES.flatMap((t) => [
    `CREATE TRIGGER ${t}_rev_ai AFTER INSERT ON ${t} BEGIN ${bump('new.case_id')} END`,
    `CREATE TRIGGER ${t}_rev_au AFTER UPDATE ON ${t} BEGIN ${bump('new.case_id')} END`,
    `CREATE TRIGGER ${t}_rev_ad AFTER DELETE ON ${t} BEGIN ${bump('old.case_id')} END`,
  ]),
  // existing data
  `INSERT OR IGNORE INTO caseload_members (caseworker_id, case_id, from_on, to_on, substitute)
     SELECT caseworker_id, id, '0000-01-01', '9999-12-31', 0 FROM cases`,
  `INSERT OR IGNORE INTO caseload_members (caseworker_id, case_id, from_on, to_on, substitute)
     SELECT json_extract(s.value, '$.caseworkerId'), c.id, json_extract(s.value, '$.from'),
            json_extract(s.value, '$.to'), 1
       FROM cases c, json_each(CASE WHEN json_valid(c.substitutions) THEN c.substitutions ELSE '[]' END) AS s
      WHERE json_extract(s.value, '$.caseworkerId') IS NOT NULL
        AND json_extract(s.value, '$.from') IS NOT NULL AND json_extract(s.value, '$.to') IS NOT NULL`,
  `INSERT INTO case_revisions (case_id, rev) SELECT id, 1 FROM cases`,
];

const BATCH = 500;

type Row = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The keys of the rows as of version 50 (columns mapped here, frozen; the folding is the domain's). */
const KEYS_OF: Record<'persons' | 'cases', (r: Row) => SearchKey[]> = {
  persons: (r) =>
    personSearchKeys({
      firstName: str(r['first_name']),
      lastName: str(r['last_name']),
      customerNumber: str(r['customer_number']),
      birthDate: str(r['birth_date']),
    } as Parameters<typeof personSearchKeys>[0]),
  cases: (r) =>
    caseSearchKeys({
      caseNumber: str(r['case_number']),
      provisionalCaseNumber: str(r['provisional_case_number']) ?? null,
    } as Parameters<typeof caseSearchKeys>[0]),
};

async function buildSearchKeys(db: Kysely<unknown>, table: 'persons' | 'cases'): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await sql<Row>`
      SELECT * FROM ${sql.table(table)} WHERE id > ${after} ORDER BY id LIMIT ${BATCH}`.execute(db);
    if (rows.length === 0) return;
    const values = rows.flatMap((row) =>
      KEYS_OF[table](row).map((k) => sql`(${table}, ${k.kind}, ${k.key}, ${String(row['case_id'])})`),
    );
    if (values.length > 0)
      await sql`INSERT OR IGNORE INTO search_keys (source, kind, term, case_id) VALUES ${sql.join(values)}`.execute(
        db,
      );
    after = String(rows[rows.length - 1]!['id']);
  }
}

export const migration0050: Migration = {
  version: 50,
  name: 'search-keys-and-caseload',
  async up(db: Kysely<unknown>) {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
    await buildSearchKeys(db, 'persons');
    await buildSearchKeys(db, 'cases');
  },
};
