import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (Kysely docs) */

/**
 * Expand only. `text_field_history` keeps prior values of mergeable free-text fields (notes.body) per
 * field version, so a push based on an older version can be 3-way merged against its base
 * (SYNC.md §4.4). `sync_conflicts.kind` tells a conflict ('conflict', or NULL in rows written before
 * this migration) from the info record of a clean merge ('merged').
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('text_field_history')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('value', 'text')
    .addPrimaryKeyConstraint('text_field_history_pk', ['entity', 'entity_id', 'field', 'version'])
    .execute();

  await db.schema.alterTable('sync_conflicts').addColumn('kind', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sync_conflicts').dropColumn('kind').execute();
  await db.schema.dropTable('text_field_history').ifExists().execute();
}
