import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * The per-case digests of Mein Bestand and the quality dashboard (target groups and the findings of
 * the domain's quality rules) kept on disk by case revision and Berlin day, so the first dashboard
 * after an unlock reads them instead of decoding every record of every case again (issue 15,
 * bench quality.dashboard cache=cold). Derived and local only (never synced); a case's digest goes
 * with the case.
 */
const STATEMENTS = [
  `CREATE TABLE case_digests (
     case_id TEXT PRIMARY KEY,
     rev INTEGER NOT NULL,
     on_day TEXT NOT NULL,
     basis TEXT NOT NULL,
     findings TEXT NOT NULL,
     target_groups TEXT
   ) STRICT, WITHOUT ROWID`,
  `CREATE TRIGGER cases_digests_ad AFTER DELETE ON cases BEGIN
     DELETE FROM case_digests WHERE case_id = old.id;
   END`,
];

export const migration0180: Migration = {
  version: 180,
  name: 'case-digests',
  async up(db: Kysely<unknown>) {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
