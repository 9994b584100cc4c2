import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (Kysely docs) */

/**
 * Expand only. The duplicate check of persons created on a laptop (issue 12 item 6) looks up the
 * persons with the same birth date at every pushed person; this partial expression index keeps
 * that a lookup instead of a scan of all records.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index sync_records_person_birth_date on sync_records ((data->>'birthDate'))
    where entity = 'persons'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists sync_records_person_birth_date`.execute(db);
}
