import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (Kysely docs) */

/**
 * Expand only. Final case numbers are handed out by the server, per office and year, when a case
 * created on a laptop arrives (the laptop's provisional number is kept on the case). The counter is
 * advanced with one UPDATE … RETURNING under the row lock, so two pushes never get the same number.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_number_counters')
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_number_counters_pk', ['office_id', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_number_counters').ifExists().execute();
}
