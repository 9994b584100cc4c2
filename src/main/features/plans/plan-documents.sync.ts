/**
 * Handed-over plan PDFs and the server's content-addressed blob store (issue 12 item 8, SYNC.md
 * §4.1). The synced plan_handovers record carries `pdfSha256`; the bytes travel through the blob
 * routes, keyed by (caseId, sha256):
 *
 * - upload (a step of every sync round, after the push): every PDF in plan_documents the server does
 *   not yet hold completely. The server's status is asked first (a complete blob is never sent
 *   again); the upload goes in chunks with Content-Range and resumes from the offset the server
 *   names (its status, or a 409's expectedOffset) after a network failure or an app restart. The
 *   server checks the SHA-256 when the last chunk arrives; only then is the document marked
 *   uploaded. A refusal is kept for the sync page and the document tried again on the next round.
 * - fetch on demand (reprint on another device): the bytes are downloaded, their SHA-256 checked
 *   against the hash the record names, and only then stored.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError, isAppErrorCode, type AppErrorCode } from '../../../shared/errors';
import type { Executor, LocalKysely } from '../../db/kysely';
import { errorOf, type HttpResponseLike } from '../sync/sync-http';

/** Bytes per PUT (the server takes at most 1 MiB). */
export const PLAN_DOCUMENT_CHUNK_BYTES = 512 * 1024;
const SERVER_CHUNK_MAX = 1024 * 1024;

/** The part of SyncHttp the blob routes need. */
export interface BlobHttp {
  exchange(
    method: 'GET' | 'PUT',
    path: string,
    options?: { body?: Uint8Array<ArrayBuffer>; headers?: Record<string, string> },
  ): Promise<HttpResponseLike>;
}

const blobMetaSchema = z.object({
  status: z.enum(['absent', 'partial', 'complete']),
  size: z.number().int().nonnegative().nullable(),
  received: z.number().int().nonnegative(),
});
type BlobMeta = z.infer<typeof blobMetaSchema>;

const offsetMismatchSchema = z.object({
  error: z.object({
    code: z.literal('BLOB_OFFSET_MISMATCH'),
    expectedOffset: z.number().int().nonnegative(),
  }),
});

/** Codes that end the round (network, device, session); anything else is this document's refusal. */
const ROUND_FAILURES: ReadonlySet<AppErrorCode> = new Set<AppErrorCode>([
  'SYNC_OFFLINE',
  'VAULT_LOCKED',
  'SYNC_DEVICE_REVOKED',
  'SYNC_UPGRADE_REQUIRED',
  'UNAUTHENTICATED',
]);

export interface PlanDocumentRefusal {
  readonly sha256: string;
  readonly caseId: string;
  readonly code: AppErrorCode;
  readonly at: string;
}

export interface PlanDocumentUploadStatus {
  /** PDFs the server does not yet hold completely. */
  readonly pending: number;
  readonly pendingBytes: number;
  /** Refusals of the last attempt (kept until that document's upload succeeds). */
  readonly refused: readonly PlanDocumentRefusal[];
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function blobPath(sha256: string, caseId: string, suffix = ''): string {
  return `/blobs/${sha256}${suffix}?caseId=${encodeURIComponent(caseId)}`;
}

async function jsonOf(res: HttpResponseLike): Promise<unknown> {
  try {
    return JSON.parse(await res.text()) as unknown;
  } catch {
    throw new AppError('SYNC_OFFLINE');
  }
}

async function pendingRows(db: Executor) {
  return db
    .selectFrom('plan_documents as d')
    .leftJoin('plan_document_uploads as u', 'u.sha256', 'd.sha256')
    .select(['d.sha256', 'd.case_id', 'd.byte_length'])
    .where('u.uploaded_at', 'is', null)
    .orderBy('d.created_at')
    .orderBy('d.sha256')
    .execute();
}

export async function planDocumentUploadStatus(db: Executor): Promise<PlanDocumentUploadStatus> {
  const pending = await pendingRows(db);
  const refused = await db
    .selectFrom('plan_document_uploads')
    .select(['sha256', 'case_id', 'refused_code', 'refused_at'])
    .where('uploaded_at', 'is', null)
    .where('refused_code', 'is not', null)
    .orderBy('refused_at')
    .execute();
  return {
    pending: pending.length,
    pendingBytes: pending.reduce((sum, r) => sum + r.byte_length, 0),
    refused: refused.map((r) => ({
      sha256: r.sha256,
      caseId: r.case_id,
      code: isAppErrorCode(r.refused_code) ? r.refused_code : 'INTERNAL',
      at: r.refused_at ?? '',
    })),
  };
}

async function markUploaded(db: Executor, sha256: string, caseId: string, at: string): Promise<void> {
  await db
    .insertInto('plan_document_uploads')
    .values({ sha256, case_id: caseId, uploaded_at: at, refused_code: null, refused_at: null })
    .onConflict((oc) =>
      oc.column('sha256').doUpdateSet({ uploaded_at: at, refused_code: null, refused_at: null }),
    )
    .execute();
}

async function markRefused(db: Executor, sha256: string, caseId: string, code: AppErrorCode, at: string) {
  await db
    .insertInto('plan_document_uploads')
    .values({ sha256, case_id: caseId, uploaded_at: null, refused_code: code, refused_at: at })
    .onConflict((oc) => oc.column('sha256').doUpdateSet({ refused_code: code, refused_at: at }))
    .execute();
}

/** The server's view of one blob (absent, partial with its offset, complete). */
export async function blobStatus(http: BlobHttp, sha256: string, caseId: string): Promise<BlobMeta> {
  const res = await http.exchange('GET', blobPath(sha256, caseId, '/status'));
  if (res.status !== 200) throw await errorOf(res);
  const parsed = blobMetaSchema.safeParse(await jsonOf(res));
  if (!parsed.success) throw new AppError('INTERNAL');
  return parsed.data;
}

/**
 * Sends one blob from the server's offset on; resolves when the server holds it completely (and
 * has checked its SHA-256). Returns the number of bytes sent.
 */
export async function uploadBlob(
  http: BlobHttp,
  key: { sha256: string; caseId: string },
  bytes: Uint8Array<ArrayBuffer>,
  chunkBytes = PLAN_DOCUMENT_CHUNK_BYTES,
): Promise<{ sent: number; alreadyThere: boolean }> {
  const size = bytes.byteLength;
  if (size === 0) throw new AppError('VALIDATION_FAILED', 'Eine leere Datei wird nicht hochgeladen.');
  const step = Math.max(1, Math.min(chunkBytes, SERVER_CHUNK_MAX));
  const status = await blobStatus(http, key.sha256, key.caseId);
  if (status.status === 'complete') return { sent: 0, alreadyThere: true };
  let offset = status.status === 'partial' ? status.received : 0;
  let sent = 0;
  let stuck = 0;
  for (;;) {
    if (offset >= size) throw new AppError('BLOB_SIZE_MISMATCH');
    const end = Math.min(size, offset + step);
    const res = await http.exchange('PUT', blobPath(key.sha256, key.caseId), {
      body: bytes.subarray(offset, end),
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `bytes ${offset}-${end - 1}/${size}`,
      },
    });
    let next: number;
    if (res.status === 200 || res.status === 201) {
      sent += end - offset;
      return { sent, alreadyThere: false };
    } else if (res.status === 202) {
      const parsed = blobMetaSchema.safeParse(await jsonOf(res));
      if (!parsed.success) throw new AppError('INTERNAL');
      sent += end - offset;
      next = parsed.data.received;
    } else if (res.status === 409) {
      const body = await jsonOf(res);
      const mismatch = offsetMismatchSchema.safeParse(body);
      if (!mismatch.success) throw new AppError('CONFLICT');
      next = mismatch.data.error.expectedOffset;
    } else {
      throw await errorOf(res);
    }
    // progress guard: an answer that does not move the offset three times in a row
    stuck = next === offset ? stuck + 1 : 0;
    if (stuck >= 3) throw new AppError('INTERNAL');
    offset = next;
  }
}

/**
 * Uploads every plan PDF the server does not yet hold (issue 12 item 8). A network failure ends the
 * step (the sync round retries; the next attempt resumes from the server's offset); a refusal of one
 * document is recorded for the sync page and the others go on.
 */
export async function uploadPlanDocuments(
  db: LocalKysely,
  http: BlobHttp,
  now: () => string,
  chunkBytes = PLAN_DOCUMENT_CHUNK_BYTES,
): Promise<{ uploaded: number; sentBytes: number; refused: number }> {
  let uploaded = 0;
  let sentBytes = 0;
  let refused = 0;
  for (const doc of await pendingRows(db)) {
    try {
      const row = await db
        .selectFrom('plan_documents')
        .select('pdf')
        .where('sha256', '=', doc.sha256)
        .executeTakeFirst();
      if (!row) continue;
      const bytes = new Uint8Array(row.pdf);
      // damaged at rest: never sent under a hash it does not have
      if (sha256Of(bytes) !== doc.sha256) throw new AppError('BLOB_HASH_MISMATCH');
      const result = await uploadBlob(http, { sha256: doc.sha256, caseId: doc.case_id }, bytes, chunkBytes);
      sentBytes += result.sent;
      await markUploaded(db, doc.sha256, doc.case_id, now());
      uploaded += 1;
    } catch (error) {
      const e = error instanceof AppError ? error : new AppError('INTERNAL');
      if (ROUND_FAILURES.has(e.code)) throw e;
      await markRefused(db, doc.sha256, doc.case_id, e.code, now());
      refused += 1;
    }
  }
  return { uploaded, sentBytes, refused };
}

/**
 * The PDF a synced hand-over names, fetched from the server (reprint on a device that did not hand
 * it over): stored only when its bytes hash to `sha256`; an altered download is refused and nothing
 * is stored.
 */
export async function fetchPlanDocument(
  db: LocalKysely,
  http: BlobHttp,
  doc: { sha256: string; caseId: string; handoverId: string },
  now: () => string,
): Promise<Uint8Array> {
  const res = await http.exchange('GET', blobPath(doc.sha256, doc.caseId));
  if (res.status !== 200) throw await errorOf(res);
  if (!res.arrayBuffer) throw new AppError('INTERNAL');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch {
    throw new AppError('SYNC_OFFLINE');
  }
  if (sha256Of(bytes) !== doc.sha256) throw new AppError('BLOB_HASH_MISMATCH');
  const at = now();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('plan_documents')
      .values({
        sha256: doc.sha256,
        handover_id: doc.handoverId,
        case_id: doc.caseId,
        pdf: bytes,
        byte_length: bytes.byteLength,
        created_at: at,
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await markUploaded(trx, doc.sha256, doc.caseId, at);
  });
  return bytes;
}
