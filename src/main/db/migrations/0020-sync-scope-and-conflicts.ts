import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * SYNC.md §4.3 "other tables": access_scope (which cases this device may hold, per scope version)
 * and sync_conflicts (concurrent free-text edits, shown in the case until resolved). Existing cases
 * are backfilled into access_scope at scope version 0, so a database from 0010 keeps its caseload.
 */
const STATEMENTS = [
  `CREATE TABLE access_scope (
     case_id TEXT PRIMARY KEY,
     scope_version INTEGER NOT NULL DEFAULT 0
   ) STRICT`,
  `INSERT INTO access_scope (case_id, scope_version) SELECT id, 0 FROM cases`,
  `CREATE TABLE sync_conflicts (
     id TEXT PRIMARY KEY,
     entity TEXT NOT NULL,
     entity_id TEXT NOT NULL,
     case_id TEXT NOT NULL,
     field TEXT NOT NULL,
     local_value TEXT,
     remote_value TEXT,
     local_hlc TEXT NOT NULL,
     remote_hlc TEXT NOT NULL,
     created_at TEXT NOT NULL,
     resolved_at TEXT,
     resolved_by TEXT
   ) STRICT`,
  `CREATE INDEX sync_conflicts_case ON sync_conflicts(case_id) WHERE resolved_at IS NULL`,
];

export const migration0020: Migration = {
  version: 20,
  name: 'sync-scope-and-conflicts',
  async up(db: Kysely<unknown>) {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
