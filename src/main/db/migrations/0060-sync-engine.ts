import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * The sync engine's local state (issue 12, SYNC.md §4.3):
 * - sync_conflicts gets the server's conflict record as it is (kind, base, kept and other value with
 *   the client ids that wrote them, the resolution): the case shows both values side by side. The
 *   0020 columns local_value/remote_value/local_hlc/remote_hlc stay (only adding) and are unused.
 * - sync_rejections gets the operation of the refused edit, for the message in the case.
 */
const STATEMENTS = [
  `ALTER TABLE sync_conflicts ADD COLUMN kind TEXT NOT NULL DEFAULT 'conflict'`,
  `ALTER TABLE sync_conflicts ADD COLUMN base_value TEXT`,
  `ALTER TABLE sync_conflicts ADD COLUMN kept_value TEXT`,
  `ALTER TABLE sync_conflicts ADD COLUMN other_value TEXT`,
  `ALTER TABLE sync_conflicts ADD COLUMN kept_by TEXT`,
  `ALTER TABLE sync_conflicts ADD COLUMN other_by TEXT`,
  `ALTER TABLE sync_conflicts ADD COLUMN resolution TEXT`,
  `ALTER TABLE sync_rejections ADD COLUMN op TEXT`,
  `CREATE INDEX sync_rejections_case ON sync_rejections(case_id) WHERE seen_at IS NULL`,
];

export const migration0060: Migration = {
  version: 60,
  name: 'sync-engine',
  async up(db: Kysely<unknown>) {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
