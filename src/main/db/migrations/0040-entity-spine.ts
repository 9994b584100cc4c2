import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * The entity spine (issue 8): every record of the 4PM gets its table, the existing tables gain the
 * fields of their one definition (src/shared/entities), and existing data is CONVERTED into the one
 * vocabulary, never dropped. Only adds columns and tables (old columns stay, filled by the write
 * path where they still serve a query).
 *
 * Conversions:
 * - offices: 'office-oschatz' → 'oschatz' (the server's and the domain's ids), cases follow;
 * - persons: gender words → 'female' | 'male' | 'diverse' | 'unknown'; language names → ISO 639-1;
 *   severely_disabled = 1 → disability 'severely_disabled';
 * - households: the member count becomes a member list (applicant with the person's birth date,
 *   children and others with birth date not recorded);
 * - appointments: the old free kind ('Telefonberatung', 'Profiling') becomes the domain kind, the
 *   old label is kept as the subject;
 * - notes: written_at/author_id from created_at/created_by; unknown categories → 'Sonstiges';
 *   a Gesundheit note is restricted;
 * - field_meta holds server field versions (0: never synced) instead of HLC stamps;
 * - pending outbox entries are rewritten in wire vocabulary with base versions (SYNC.md §4.7).
 *
 * Frozen in time: the lists below are as of version 40 and never change.
 */
const SYNCED = `
  case_id TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 0,
  field_meta TEXT NOT NULL DEFAULT '{}',
  dirty INTEGER NOT NULL DEFAULT 0,
  archived_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL`;

const NEW_TABLES = [
  `CREATE TABLE contacts (
     id TEXT PRIMARY KEY,
     occurred_at TEXT NOT NULL,
     channel TEXT NOT NULL,
     direction TEXT NOT NULL,
     subject TEXT NOT NULL,
     appointment_id TEXT,
     reached INTEGER NOT NULL,
     recorded_by TEXT NOT NULL,
     ${SYNCED}
   ) STRICT`,
  `CREATE INDEX contacts_case ON contacts(case_id, occurred_at)`,
  `CREATE TABLE consents (
     id TEXT PRIMARY KEY,
     purpose TEXT NOT NULL,
     given_on TEXT NOT NULL,
     form TEXT NOT NULL,
     scope TEXT,
     withdrawn_on TEXT,
     recorded_by TEXT NOT NULL,
     ${SYNCED}
   ) STRICT`,
  `CREATE INDEX consents_case ON consents(case_id)`,
  `CREATE TABLE assessments (
     id TEXT PRIMARY KEY,
     version INTEGER NOT NULL,
     previous_version_id TEXT,
     amendment_reason TEXT,
     status TEXT NOT NULL,
     catalogue_version TEXT NOT NULL,
     created_on TEXT NOT NULL,
     author_id TEXT NOT NULL,
     finalized_on TEXT,
     finalized_by TEXT,
     target_occupation TEXT,
     integration_forecast TEXT,
     dominant_key_factor TEXT,
     entries TEXT NOT NULL,
     profile_situation TEXT,
     ${SYNCED}
   ) STRICT`,
  `CREATE INDEX assessments_case ON assessments(case_id, version)`,
  `CREATE TABLE goals (
     id TEXT PRIMARY KEY,
     type TEXT NOT NULL,
     description TEXT NOT NULL,
     target_occupation TEXT,
     target_date TEXT,
     assessment_id TEXT,
     created_on TEXT NOT NULL,
     author_id TEXT NOT NULL,
     intermediate_goals TEXT NOT NULL,
     ${SYNCED}
   ) STRICT`,
  `CREATE INDEX goals_case ON goals(case_id)`,
  `CREATE TABLE strategy_choices (
     id TEXT PRIMARY KEY,
     assessment_id TEXT NOT NULL,
     goal_id TEXT,
     strategy_id TEXT NOT NULL,
     serves_needs TEXT NOT NULL,
     note TEXT,
     chosen_on TEXT NOT NULL,
     chosen_by TEXT NOT NULL,
     ${SYNCED}
   ) STRICT`,
  `CREATE INDEX strategy_choices_case ON strategy_choices(case_id)`,
  `CREATE TABLE measure_assignments (
     id TEXT PRIMARY KEY,
     measure_id TEXT NOT NULL,
     measure_title TEXT NOT NULL,
     catalogue_version TEXT NOT NULL,
     kind TEXT NOT NULL,
     need_ids TEXT NOT NULL,
     goal_id TEXT NOT NULL,
     provider TEXT,
     planned_start TEXT NOT NULL,
     planned_end TEXT,
     with_legal_consequences_notice INTEGER NOT NULL,
     status TEXT NOT NULL,
     proposed_on TEXT NOT NULL,
     assigned_on TEXT,
     started_on TEXT,
     ended_on TEXT,
     outcome TEXT,
     history TEXT NOT NULL,
     ${SYNCED}
   ) STRICT`,
  `CREATE INDEX measure_assignments_case ON measure_assignments(case_id, status)`,
  `CREATE TABLE own_efforts (
     id TEXT PRIMARY KEY,
     plan_id TEXT,
     description TEXT NOT NULL,
     frequency TEXT,
     proof TEXT,
     agreed_on TEXT NOT NULL,
     ends_on TEXT,
     proofs TEXT NOT NULL,
     ${SYNCED}
   ) STRICT`,
  `CREATE INDEX own_efforts_case ON own_efforts(case_id)`,
  `CREATE TABLE cooperation_plans (
     id TEXT PRIMARY KEY,
     plan_date TEXT NOT NULL,
     goal TEXT NOT NULL,
     main_steps TEXT NOT NULL,
     points TEXT NOT NULL,
     own_efforts TEXT NOT NULL,
     measures TEXT NOT NULL,
     personal_offer TEXT NOT NULL,
     review_due_on TEXT,
     companion_language TEXT,
     ${SYNCED}
   ) STRICT`,
  `CREATE INDEX cooperation_plans_case ON cooperation_plans(case_id)`,
  `CREATE TABLE plan_handovers (
     id TEXT PRIMARY KEY,
     plan_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     handed_over_on TEXT NOT NULL,
     handed_over_by TEXT NOT NULL,
     form TEXT NOT NULL,
     content_hash TEXT NOT NULL,
     regime_id TEXT NOT NULL,
     content TEXT NOT NULL,
     template_version TEXT,
     pdf_sha256 TEXT,
     ${SYNCED}
   ) STRICT`,
  `CREATE INDEX plan_handovers_case ON plan_handovers(case_id, plan_id, version)`,
  // handed-over versions are immutable, also against a bug in the write path (the apply path may
  // rewrite the same values when the server echoes the row)
  `CREATE TRIGGER plan_handovers_immutable BEFORE UPDATE ON plan_handovers
     WHEN old.plan_id IS NOT new.plan_id OR old.version IS NOT new.version
       OR old.handed_over_on IS NOT new.handed_over_on OR old.handed_over_by IS NOT new.handed_over_by
       OR old.form IS NOT new.form OR old.content_hash IS NOT new.content_hash OR old.regime_id IS NOT new.regime_id
       OR old.content IS NOT new.content OR old.template_version IS NOT new.template_version
       OR old.pdf_sha256 IS NOT new.pdf_sha256
   BEGIN
     SELECT RAISE(ABORT, 'plan_handovers are immutable');
   END`,
];

const NEW_COLUMNS = [
  `ALTER TABLE persons ADD COLUMN german_level TEXT`,
  `ALTER TABLE persons ADD COLUMN integration_course_completed INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE persons ADD COLUMN disability TEXT NOT NULL DEFAULT 'none'`,
  `ALTER TABLE persons ADD COLUMN unemployed_since TEXT`,
  `ALTER TABLE persons ADD COLUMN benefit_periods TEXT NOT NULL DEFAULT '[]'`,
  `ALTER TABLE persons ADD COLUMN returner_to_work INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE persons ADD COLUMN expected_release_date TEXT`,
  `ALTER TABLE persons ADD COLUMN consent_for_pre_release_contact INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE persons ADD COLUMN school_qualification TEXT`,
  `ALTER TABLE persons ADD COLUMN vocational_qualification TEXT`,
  `ALTER TABLE households ADD COLUMN member_list TEXT NOT NULL DEFAULT '[]'`,
  `ALTER TABLE cases ADD COLUMN provisional_case_number TEXT`,
  `ALTER TABLE cases ADD COLUMN substitutions TEXT NOT NULL DEFAULT '[]'`,
  `ALTER TABLE appointments ADD COLUMN subject TEXT`,
  `ALTER TABLE notes ADD COLUMN written_at TEXT NOT NULL DEFAULT ''`,
  `ALTER TABLE notes ADD COLUMN author_id TEXT NOT NULL DEFAULT ''`,
];

const OFFICE_IDS: Record<string, string> = {
  'office-oschatz': 'oschatz',
  'office-delitzsch': 'delitzsch',
  'office-eilenburg': 'eilenburg',
  'office-torgau': 'torgau',
};

const CONVERSIONS = [
  // offices: new rows first (cases reference offices), then the cases, then the old rows
  ...Object.entries(OFFICE_IDS).flatMap(([from, to]) => [
    `INSERT INTO offices (id, code, name, town, is_head_office)
       SELECT '${to}', code || '~', name, town, is_head_office FROM offices WHERE id = '${from}'`,
    `UPDATE cases SET office_id = '${to}' WHERE office_id = '${from}'`,
    `DELETE FROM offices WHERE id = '${from}'`,
    `UPDATE offices SET code = substr(code, 1, length(code) - 1) WHERE id = '${to}' AND code LIKE '%~'`,
  ]),
  `UPDATE persons SET gender = CASE lower(coalesce(gender, ''))
     WHEN 'weiblich' THEN 'female' WHEN 'female' THEN 'female' WHEN 'w' THEN 'female'
     WHEN 'männlich' THEN 'male' WHEN 'male' THEN 'male' WHEN 'm' THEN 'male'
     WHEN 'divers' THEN 'diverse' WHEN 'diverse' THEN 'diverse' ELSE 'unknown' END`,
  `UPDATE persons SET preferred_language = CASE preferred_language
     WHEN 'Deutsch' THEN 'de' WHEN 'Ukrainisch' THEN 'uk' WHEN 'Arabisch' THEN 'ar' WHEN 'Dari' THEN 'fa'
     WHEN 'Polnisch' THEN 'pl' WHEN 'Rumänisch' THEN 'ro' WHEN 'Russisch' THEN 'ru' WHEN 'Türkisch' THEN 'tr'
     WHEN 'Englisch' THEN 'en'
     ELSE CASE WHEN preferred_language GLOB '[a-z][a-z]' THEN preferred_language ELSE NULL END END`,
  `UPDATE persons SET disability = 'severely_disabled' WHERE severely_disabled = 1`,
  `UPDATE appointments SET subject = kind`,
  `UPDATE appointments SET kind = CASE
     WHEN kind IN ('beratung', 'erstgespraech', 'telefon', 'video', 'hausbesuch', 'jva') THEN kind
     WHEN kind = 'Telefonberatung' THEN 'telefon'
     WHEN kind = 'Videoberatung' THEN 'video'
     WHEN kind LIKE 'Sprechtag JVA%' THEN 'jva'
     WHEN kind = 'Erstgespräch' THEN 'erstgespraech'
     WHEN kind = 'Hausbesuch' THEN 'hausbesuch'
     ELSE 'beratung' END`,
  `UPDATE appointments SET subject = NULL
     WHERE subject IN ('beratung', 'erstgespraech', 'telefon', 'video', 'hausbesuch', 'jva')`,
  `UPDATE notes SET written_at = created_at, author_id = created_by`,
  `UPDATE notes SET category = 'Sonstiges'
     WHERE category NOT IN ('Beratung', 'Vermittlung', 'Maßnahme', 'Gesundheit', 'Leistung', 'JVA', 'Sonstiges')`,
  `UPDATE notes SET restricted = 1 WHERE category = 'Gesundheit'`,
];

/** Old local column → wire key, for rewriting pending outbox payloads (as of version 30). */
const OUTBOX_KEYS: Record<string, Record<string, string | null>> = {
  households: {
    household_number: 'householdNumber',
    members: null,
    children_under_18: null,
    single_parent: null,
  },
  persons: {
    household_id: 'householdId',
    customer_number: 'customerNumber',
    first_name: 'firstName',
    last_name: 'lastName',
    birth_date: 'birthDate',
    gender: 'gender',
    nationality: 'nationality',
    preferred_language: 'preferredLanguage',
    street: 'street',
    postal_code: 'postalCode',
    town: 'town',
    phone: 'phone',
    email: 'email',
    severely_disabled: 'disability',
  },
  cases: {
    case_number: 'caseNumber',
    person_id: 'personId',
    office_id: 'officeId',
    caseworker_id: 'caseworkerId',
    phase: 'phase',
    status: 'status',
    opened_on: 'openedOn',
    closed_on: 'closedOn',
    last_contact_on: 'lastContactOn',
    next_review_on: 'nextReviewOn',
  },
  appointments: {
    starts_at: 'startsAt',
    duration_minutes: 'durationMinutes',
    kind: 'kind',
    location: 'location',
    status: 'status',
  },
  notes: { category: 'category', title: 'title', body: 'body', restricted: 'restricted' },
};

type Row = Record<string, unknown>;

async function rewriteOutbox(db: Kysely<unknown>): Promise<void> {
  const rows = (await sql<Row>`SELECT seq, entity, entity_id, op, fields_json FROM sync_outbox`.execute(db))
    .rows;
  for (const row of rows) {
    const map = OUTBOX_KEYS[String(row['entity'])] ?? {};
    const old = JSON.parse(String(row['fields_json'])) as Row;
    const fields: Record<string, { value: unknown; baseVersion: number }> = {};
    if (row['op'] !== 'archive') {
      // a create sends the whole row as it is now (already converted above); an update its fields
      const current =
        row['op'] === 'create'
          ? ((
              await sql<Row>`SELECT * FROM ${sql.table(String(row['entity']))} WHERE id = ${row['entity_id']}`.execute(
                db,
              )
            ).rows[0] ?? {})
          : {};
      const source = row['op'] === 'create' ? { ...old, ...pick(current, Object.keys(map)) } : old;
      for (const [column, value] of Object.entries(source)) {
        const key = map[column];
        if (!key) continue;
        fields[key] = { value: wireValue(String(row['entity']), column, value), baseVersion: 0 };
      }
    }
    await sql`UPDATE sync_outbox SET fields_json = ${JSON.stringify(fields)} WHERE seq = ${row['seq']}`.execute(
      db,
    );
  }
}

function pick(row: Row, columns: readonly string[]): Row {
  return Object.fromEntries(columns.filter((c) => Object.hasOwn(row, c)).map((c) => [c, row[c]]));
}

function wireValue(entity: string, column: string, value: unknown): unknown {
  if (column === 'restricted') return value === 1 || value === true;
  if (entity === 'persons' && column === 'severely_disabled')
    return value === 1 ? 'severely_disabled' : 'none';
  return value;
}

async function convertHouseholds(db: Kysely<unknown>): Promise<void> {
  const rows = (
    await sql<Row>`SELECT h.id, h.members, h.children_under_18, p.birth_date
      FROM households h LEFT JOIN persons p ON p.household_id = h.id`.execute(db)
  ).rows;
  const seen = new Set<string>();
  for (const h of rows) {
    const id = String(h['id']);
    if (seen.has(id)) continue;
    seen.add(id);
    const total = Math.max(1, Number(h['members'] ?? 1));
    const children = Math.min(total - 1, Math.max(0, Number(h['children_under_18'] ?? 0)));
    const members = [
      { personId: null, role: 'applicant', birthDate: (h['birth_date'] as string | null) ?? null },
      ...Array.from({ length: children }, () => ({ personId: null, role: 'child', birthDate: null })),
      ...Array.from({ length: total - 1 - children }, () => ({
        personId: null,
        role: 'other',
        birthDate: null,
      })),
    ];
    await sql`UPDATE households SET member_list = ${JSON.stringify(members)} WHERE id = ${id}`.execute(db);
  }
}

const SYNCED_TABLES_AT_30 = ['households', 'persons', 'cases', 'appointments', 'notes'];

/**
 * Synced rows arrive from the server in pages, in the server's order: a case may come a page before
 * its person. Local foreign keys between synced tables would refuse such a page, so cases and
 * persons are rebuilt without them (same columns, same indexes and triggers); the server is the
 * authority on references. Nothing references cases or persons, so the rebuild is safe with
 * foreign_keys on (cases first: it references persons).
 */
async function rebuildWithoutForeignKeys(db: Kysely<unknown>, table: string): Promise<void> {
  const own = (
    await sql<{ type: string; name: string; sql: string }>`
      SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ${table} AND sql IS NOT NULL`.execute(db)
  ).rows;
  const create = own.find((r) => r.type === 'table')!.sql;
  const rebuilt = create
    .replace(/\s+REFERENCES\s+\w+\s*\(\w+\)/g, '')
    .replace(new RegExp(`^CREATE TABLE ${table}\\b`), `CREATE TABLE ${table}_rebuilt`);
  await sql.raw(rebuilt).execute(db);
  await sql.raw(`INSERT INTO ${table}_rebuilt SELECT * FROM ${table}`).execute(db);
  await sql.raw(`DROP TABLE ${table}`).execute(db);
  await sql.raw(`ALTER TABLE ${table}_rebuilt RENAME TO ${table}`).execute(db);
  for (const r of own.filter((x) => x.type === 'index' || x.type === 'trigger'))
    await sql.raw(r.sql).execute(db);
}

export const migration0040: Migration = {
  version: 40,
  name: 'entity-spine',
  async up(db: Kysely<unknown>) {
    for (const statement of [...NEW_TABLES, ...NEW_COLUMNS, ...CONVERSIONS])
      await sql.raw(statement).execute(db);
    await convertHouseholds(db);
    await rewriteOutbox(db);
    await rebuildWithoutForeignKeys(db, 'cases');
    await rebuildWithoutForeignKeys(db, 'persons');
    // field_meta: server field versions by wire key; nothing was ever synced before version 40
    for (const table of SYNCED_TABLES_AT_30)
      await sql.raw(`UPDATE ${table} SET field_meta = '{}'`).execute(db);
  },
};
