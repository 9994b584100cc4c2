import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (Kysely docs) */

/**
 * Expand only. Desktop releases the server hosts as the electron-updater feed (issue 13): one row
 * per version and channel with its staged rollout, one row per platform feed (latest.yml,
 * latest-linux.yml) with the artifact files it names. The artifacts themselves lie in UPDATES_DIR.
 * The minimum supported version is the server setting `update_minimum_version`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('update_releases')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('rollout_percent', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`rollout_percent between 0 and 100`),
    )
    /** JSON array of office ids, or null for every office. */
    .addColumn('offices', 'text')
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('update_releases_pk', ['channel', 'version'])
    .execute();
  await db.schema
    .createTable('update_release_files')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    /** 'windows' (latest.yml) or 'linux' (latest-linux.yml). */
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('feed_yml', 'text', (c) => c.notNull())
    /** JSON array of the artifact file names (with blockmaps) kept in UPDATES_DIR/<channel>/<version>/. */
    .addColumn('artifacts', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('update_release_files_pk', ['channel', 'version', 'platform'])
    .addForeignKeyConstraint('update_release_files_release_fk', ['channel', 'version'], 'update_releases', [
      'channel',
      'version',
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('update_release_files').execute();
  await db.schema.dropTable('update_releases').execute();
}
