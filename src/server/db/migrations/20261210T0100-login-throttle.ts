import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (Kysely docs) */

/**
 * Expand only. Login failure counters, one row per key (`user:<username>` for every username
 * tried, known or not, and `ip:<address>`), counted under a row lock BEFORE the password is
 * checked, so parallel attempts cannot outrun the lockout (issue 14, item 1).
 * `users.failed_logins` / `users.locked_until` are no longer written.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
}
