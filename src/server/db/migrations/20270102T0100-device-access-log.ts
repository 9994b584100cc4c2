import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (Kysely docs) */

/**
 * Expand only. The hash-chained access logs of the desktops (issue 12 item 5,
 * src/shared/audit/access-chain.ts): per device the end of the chain accepted so far, the accepted
 * entries (append-only like audit_log), and the alarms raised when a device's upload has a gap or an
 * altered entry (one per device, kind and entry number).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('device_access_chains')
    .addColumn('client_id', 'text', (c) => c.primaryKey().references('sync_clients.client_id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('device_access_log')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    /** The device's time exactly as hashed (ISO 8601). */
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('offline', 'boolean', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_access_log_pk', ['client_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('device_access_log_case')
    .on('device_access_log')
    .columns(['case_id', 'at'])
    .execute();
  await sql`create function device_access_log_append_only() returns trigger language plpgsql as $$
    begin raise exception 'device_access_log is append-only'; end $$`.execute(db);
  await sql`create trigger device_access_log_no_change before update or delete on device_access_log
    for each row execute function device_access_log_append_only()`.execute(db);
  await db.schema
    .createTable('device_access_alarms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    /** 'gap' or 'altered'. */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('expected_seq', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_at', 'timestamptz')
    .addUniqueConstraint('device_access_alarms_once', ['client_id', 'kind', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('device_access_alarms').execute();
  await db.schema.dropTable('device_access_log').execute();
  await sql`drop function if exists device_access_log_append_only()`.execute(db);
  await db.schema.dropTable('device_access_chains').execute();
}
