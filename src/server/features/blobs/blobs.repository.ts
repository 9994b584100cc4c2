import { sql } from 'kysely';
import type { Executor } from '../../db/server-db';
import type { BlobRow } from '../../db/tables/blobs.table';

type Key = { readonly caseId: string; readonly sha256: string };

export function findBlob(db: Executor, k: Key): Promise<BlobRow | undefined> {
  return db
    .selectFrom('blobs')
    .selectAll()
    .where('case_id', '=', k.caseId)
    .where('sha256', '=', k.sha256)
    .executeTakeFirst();
}

/** The blob row, locked for the rest of the transaction (serializes the chunks of one upload). */
export function lockBlob(db: Executor, k: Key): Promise<BlobRow | undefined> {
  return db
    .selectFrom('blobs')
    .selectAll()
    .where('case_id', '=', k.caseId)
    .where('sha256', '=', k.sha256)
    .forUpdate()
    .executeTakeFirst();
}

/** Starts an upload unless another request started it a moment ago (then the caller locks that row). */
export async function insertBlobIfAbsent(
  db: Executor,
  b: Key & { size: number; uploadedBy: string; clientId: string; at: Date },
): Promise<void> {
  await db
    .insertInto('blobs')
    .values({
      case_id: b.caseId,
      sha256: b.sha256,
      size: String(b.size),
      received: '0',
      status: 'partial',
      uploaded_by: b.uploadedBy,
      client_id: b.clientId,
      created_at: b.at,
      completed_at: null,
    })
    .onConflict((oc) => oc.columns(['case_id', 'sha256']).doNothing())
    .execute();
}

export async function appendChunk(db: Executor, k: Key, offset: number, data: Buffer): Promise<void> {
  await db
    .insertInto('blob_chunks')
    .values({ case_id: k.caseId, sha256: k.sha256, offset: String(offset), data })
    .execute();
  await db
    .updateTable('blobs')
    .set({ received: String(offset + data.length) })
    .where('case_id', '=', k.caseId)
    .where('sha256', '=', k.sha256)
    .execute();
}

export async function markComplete(db: Executor, k: Key, at: Date): Promise<void> {
  await db
    .updateTable('blobs')
    .set({ status: 'complete', completed_at: at })
    .where('case_id', '=', k.caseId)
    .where('sha256', '=', k.sha256)
    .execute();
}

/** Drops an upload and its chunks (a failed verification; never called for a complete blob). */
export async function discardUpload(db: Executor, k: Key): Promise<void> {
  await db
    .deleteFrom('blobs')
    .where('case_id', '=', k.caseId)
    .where('sha256', '=', k.sha256)
    .where('status', '=', 'partial')
    .execute();
}

/** Offsets and lengths of the stored chunks, in order (no bytes). */
export async function chunkIndex(db: Executor, k: Key): Promise<{ offset: number; length: number }[]> {
  const rows = await db
    .selectFrom('blob_chunks')
    .select(['offset', sql<string>`octet_length(data)::text`.as('length')])
    .where('case_id', '=', k.caseId)
    .where('sha256', '=', k.sha256)
    .orderBy('offset')
    .execute();
  return rows.map((r) => ({ offset: Number(r.offset), length: Number(r.length) }));
}

export async function readChunk(db: Executor, k: Key, offset: number): Promise<Buffer> {
  const row = await db
    .selectFrom('blob_chunks')
    .select('data')
    .where('case_id', '=', k.caseId)
    .where('sha256', '=', k.sha256)
    .where('offset', '=', String(offset))
    .executeTakeFirstOrThrow();
  const data = row.data as Uint8Array;
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
