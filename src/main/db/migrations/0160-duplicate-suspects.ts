import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * Possible duplicates the server found when a person created on this laptop reached it (issue 12
 * item 6, record type duplicate_suspects in src/shared/entities). Only adds a table.
 */
const STATEMENTS = [
  `CREATE TABLE duplicate_suspects (
     id TEXT PRIMARY KEY,
     person_id TEXT NOT NULL,
     other_person_id TEXT NOT NULL,
     other_case_id TEXT NOT NULL,
     other_case_number TEXT,
     match TEXT NOT NULL,
     reason TEXT NOT NULL,
     decision TEXT NOT NULL DEFAULT 'offen',
     decided_by TEXT,
     decided_on TEXT,
     case_id TEXT NOT NULL,
     row_version INTEGER NOT NULL DEFAULT 0,
     field_meta TEXT NOT NULL DEFAULT '{}',
     dirty INTEGER NOT NULL DEFAULT 0,
     archived_at TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     created_by TEXT NOT NULL,
     updated_by TEXT NOT NULL
   ) STRICT`,
  `CREATE INDEX duplicate_suspects_case ON duplicate_suspects(case_id)`,
  `CREATE INDEX duplicate_suspects_open ON duplicate_suspects(decision) WHERE decision = 'offen'`,
];

export const migration0160: Migration = {
  version: 160,
  name: 'duplicate-suspects',
  async up(db: Kysely<unknown>) {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
