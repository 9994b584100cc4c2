import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (Kysely docs) */

/**
 * Expand only. Content-addressed, immutable files of a case (agreement documents, SYNC.md §4.1,
 * §4.4): `blobs` holds one row per (case, sha256) with its declared size and upload state,
 * `blob_chunks` the bytes (bytea, at most 1 MiB per row), so the server keeps no files on disk and
 * any server process can take the next chunk of an upload.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('blobs')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('received', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz')
    .addPrimaryKeyConstraint('blobs_pk', ['case_id', 'sha256'])
    .execute();

  await db.schema
    .createTable('blob_chunks')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('offset', 'bigint', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('blob_chunks_pk', ['case_id', 'sha256', 'offset'])
    .addForeignKeyConstraint(
      'blob_chunks_blob_fk',
      ['case_id', 'sha256'],
      'blobs',
      ['case_id', 'sha256'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('blob_chunks').ifExists().execute();
  await db.schema.dropTable('blobs').ifExists().execute();
}
