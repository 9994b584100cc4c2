import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * The hash-chained access log of this desktop (issue 12 item 5, src/shared/audit/access-chain.ts):
 * one row per case opened, in the encrypted store, uploaded on the next sync. An entry never changes
 * after it was written, apart from noting its upload; it is never deleted (triggers refuse both).
 * Local only: the entries reach the server through POST /audit/access-log, not as a synced table.
 */
const STATEMENTS = [
  `CREATE TABLE access_log (
     seq INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     case_id TEXT NOT NULL,
     action TEXT NOT NULL,
     offline INTEGER NOT NULL,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL,
     uploaded_at TEXT
   ) STRICT`,
  `CREATE INDEX access_log_pending ON access_log(seq) WHERE uploaded_at IS NULL`,
  `CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
     BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END`,
  `CREATE TRIGGER access_log_no_change BEFORE UPDATE OF seq, at, case_id, action, offline, prev_hash, hash
     ON access_log BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END`,
];

export const migration0120: Migration = {
  version: 120,
  name: 'access-log',
  async up(db: Kysely<unknown>) {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
