import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import type { Executor } from '../../db/server-db';
import type { BlobRow } from '../../db/tables/blobs.table';
import { filterCases } from '../access/access.repository';
import { appendAudit } from '../audit/audit.repository';
import type { Principal } from '../auth/roles';
import * as repo from './blobs.repository';

/**
 * Content-addressed, immutable files of a case (agreement documents, SYNC.md §4.1/§4.4). The bytes
 * live in the database (`blob_chunks`, bytea) so every server process can serve any upload and the
 * server keeps no state outside PostgreSQL. A blob is identified by (caseId, sha256): the same
 * content in two cases is stored twice, so nothing about one case can be learned through another.
 */
export const BLOB_CHUNK_MAX_BYTES = 1024 * 1024;
export const BLOB_MAX_BYTES = 20 * 1024 * 1024;

export interface BlobKey {
  readonly caseId: string;
  readonly sha256: string;
}

export interface BlobMeta {
  readonly caseId: string;
  readonly sha256: string;
  readonly status: 'absent' | 'partial' | 'complete';
  /** Declared total size (null while absent). */
  readonly size: number | null;
  /** Bytes the server holds: the offset of the next chunk. */
  readonly received: number;
  readonly completedAt: string | null;
}

/** 409 that names the offset the server expects next (body `expectedOffset`, header `Upload-Offset`). */
export class BlobOffsetMismatch extends AppError {
  constructor(readonly expectedOffset: number) {
    super('BLOB_OFFSET_MISMATCH', `Der Upload muss bei Byte ${expectedOffset} fortgesetzt werden.`);
  }
}

function meta(k: BlobKey, row: BlobRow | undefined): BlobMeta {
  if (!row) return { ...k, status: 'absent', size: null, received: 0, completedAt: null };
  return {
    ...k,
    status: row.status,
    size: Number(row.size),
    received: Number(row.received),
    completedAt: row.completed_at ? row.completed_at.toISOString() : null,
  };
}

async function assertCase(db: Executor, p: Principal, now: Date, caseId: string, mode: 'read' | 'write') {
  const allowed = await filterCases(db, p, now, [caseId], mode);
  if (!allowed.has(caseId)) {
    throw new AppError(
      'FORBIDDEN',
      mode === 'write'
        ? 'Sie dürfen zu diesem Fall keine Dateien hochladen.'
        : 'Sie haben keinen Zugriff auf diesen Fall.',
    );
  }
}

async function hashOf(db: Executor, k: BlobKey): Promise<{ sha256: string; length: number }> {
  const hash = createHash('sha256');
  let length = 0;
  for (const chunk of await repo.chunkIndex(db, k)) {
    if (chunk.offset !== length) return { sha256: '', length: -1 }; // a gap can not happen; refuse anyway
    hash.update(await repo.readChunk(db, k, chunk.offset));
    length += chunk.length;
  }
  return { sha256: hash.digest('hex'), length };
}

export interface ChunkUpload extends BlobKey {
  /** First byte of this chunk (Content-Range start). */
  readonly start: number;
  /** Declared size of the whole blob (Content-Range total). */
  readonly total: number;
  readonly data: Buffer;
}

export type PutOutcome = 'partial' | 'completed' | 'already_complete';

/**
 * Takes one chunk. Idempotent: a complete blob answers with its metadata and changes nothing; bytes
 * the server already holds are skipped; a chunk beyond the held bytes gets BlobOffsetMismatch. The
 * chunk that reaches the declared size triggers verification of the SHA-256 over all chunks: a
 * mismatch discards the whole upload (committed) and throws BLOB_HASH_MISMATCH.
 */
export async function putChunk(
  ctx: ServerContext,
  p: Principal,
  req: ChunkUpload,
): Promise<{ outcome: PutOutcome; blob: BlobMeta }> {
  if (req.total > BLOB_MAX_BYTES) {
    throw new AppError(
      'BLOB_TOO_LARGE',
      `Die Datei ist zu groß (höchstens ${BLOB_MAX_BYTES / (1024 * 1024)} MiB).`,
    );
  }
  const k: BlobKey = { caseId: req.caseId, sha256: req.sha256 };
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    await assertCase(trx, p, now, req.caseId, 'write');
    let row = await repo.lockBlob(trx, k);
    if (!row) {
      if (req.start !== 0) throw new BlobOffsetMismatch(0);
      await repo.insertBlobIfAbsent(trx, {
        ...k,
        size: req.total,
        uploadedBy: p.userId,
        clientId: p.clientId,
        at: now,
      });
      row = await repo.lockBlob(trx, k);
      if (!row) throw new AppError('INTERNAL');
    }
    if (row.status === 'complete') return { outcome: 'already_complete' as const, blob: meta(k, row) };
    const size = Number(row.size);
    if (size !== req.total) {
      throw new AppError(
        'BLOB_SIZE_MISMATCH',
        `Die angegebene Dateigröße passt nicht zum begonnenen Upload (${size} Bytes).`,
      );
    }
    const received = Number(row.received);
    if (req.start > received) throw new BlobOffsetMismatch(received);
    const end = req.start + req.data.length; // exclusive
    if (end <= received) return { outcome: 'partial' as const, blob: meta(k, row) }; // already held
    await repo.appendChunk(trx, k, received, req.data.subarray(received - req.start));
    if (end < size) {
      return { outcome: 'partial' as const, blob: meta(k, { ...row, received: String(end) }) };
    }
    const actual = await hashOf(trx, k);
    if (actual.sha256 !== req.sha256 || actual.length !== size) {
      await repo.discardUpload(trx, k);
      return { outcome: 'hash_mismatch' as const, blob: meta(k, undefined) };
    }
    await repo.markComplete(trx, k, now);
    await appendAudit(trx, {
      at: now,
      userId: p.userId,
      clientId: p.clientId,
      action: 'blob_uploaded',
      caseId: req.caseId,
      entity: 'blob',
      entityId: req.sha256,
      detail: { size },
    });
    return {
      outcome: 'completed' as const,
      blob: meta(k, { ...row, received: String(size), status: 'complete', completed_at: now }),
    };
  });
  if (result.outcome === 'hash_mismatch') throw new AppError('BLOB_HASH_MISMATCH');
  return { outcome: result.outcome, blob: result.blob };
}

/** How far an upload got (resume), for anyone who may read the case. */
export async function blobStatus(ctx: ServerContext, p: Principal, k: BlobKey): Promise<BlobMeta> {
  await assertCase(ctx.db, p, ctx.clock.now(), k.caseId, 'read');
  return meta(k, await repo.findBlob(ctx.db, k));
}

export interface ByteRange {
  readonly start: number;
  /** inclusive */
  readonly end: number;
}

/**
 * Parses a single `Range: bytes=a-b | a- | -n`. Anything else (several ranges, other units, junk)
 * is ignored and the whole content is sent (RFC 9110 allows that); a range starting beyond the end
 * is unsatisfiable.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'ignore' | 'unsatisfiable' {
  if (header === undefined) return 'ignore';
  const m = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'ignore';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return 'ignore';
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

export interface Download {
  readonly blob: BlobMeta & { size: number };
  /** null: the whole content. */
  readonly range: ByteRange | null;
  readonly length: number;
  readonly body: Readable;
}

/** A complete blob for someone who may read the case, streamed chunk by chunk; audited. */
export async function download(
  ctx: ServerContext,
  p: Principal,
  k: BlobKey,
  rangeHeader: string | undefined,
): Promise<Download> {
  const now = ctx.clock.now();
  await assertCase(ctx.db, p, now, k.caseId, 'read');
  const row = await repo.findBlob(ctx.db, k);
  if (!row) throw new AppError('NOT_FOUND', 'Diese Datei gibt es zu diesem Fall nicht.');
  if (row.status !== 'complete') throw new AppError('BLOB_INCOMPLETE');
  const size = Number(row.size);
  const parsed = parseRange(rangeHeader, size);
  if (parsed === 'unsatisfiable') throw new AppError('BLOB_RANGE_NOT_SATISFIABLE');
  const range = parsed === 'ignore' ? null : parsed;
  const from = range?.start ?? 0;
  const to = range ? range.end + 1 : size; // exclusive
  await appendAudit(ctx.db, {
    at: now,
    userId: p.userId,
    clientId: p.clientId,
    action: 'blob_downloaded',
    caseId: k.caseId,
    entity: 'blob',
    entityId: k.sha256,
    detail: range ? { size, rangeStart: range.start, rangeEnd: range.end } : { size },
  });
  const chunks = (await repo.chunkIndex(ctx.db, k)).filter(
    (c) => c.offset < to && c.offset + c.length > from,
  );
  const db = ctx.db;
  async function* bytes(): AsyncGenerator<Buffer> {
    for (const c of chunks) {
      const data = await repo.readChunk(db, k, c.offset);
      yield data.subarray(Math.max(0, from - c.offset), Math.min(c.length, to - c.offset));
    }
  }
  return {
    blob: { ...meta(k, row), size },
    range,
    length: to - from,
    body: Readable.from(bytes(), { objectMode: false }),
  };
}
