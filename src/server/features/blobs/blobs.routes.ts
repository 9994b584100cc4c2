import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { idSchema } from '../../../shared/sync/protocol';
import { parseOrThrow } from '../../../shared/validation';
import type { ServerContext } from '../../context';
import { authenticate } from '../../http/authenticate';
import * as service from './blobs.service';
import { BLOB_CHUNK_MAX_BYTES, BlobOffsetMismatch, type BlobMeta } from './blobs.service';

export const blobParams = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Ungültige Prüfsumme (SHA-256, 64 Hexadezimalzeichen, klein).'),
});
export const blobQuery = z.strictObject({ caseId: idSchema });
const CONTENT_RANGE = /^bytes (\d{1,10})-(\d{1,10})\/(\d{1,10})$/;
export const uploadHeaders = z.object({
  'content-type': z.literal('application/octet-stream', 'Erwartet wird application/octet-stream.'),
  'content-range': z
    .string()
    .regex(CONTENT_RANGE, 'Erwartet wird Content-Range: bytes <Anfang>-<Ende>/<Gesamtgröße>.'),
});

/** Parses and checks `Content-Range: bytes start-end/total` against the body. */
function chunkRange(header: string, length: number): { start: number; total: number } {
  const m = CONTENT_RANGE.exec(header);
  const [start, end, total] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  if (!m || start > end || end >= total || end - start + 1 !== length) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Content-Range passt nicht zum übertragenen Teil der Datei (Länge oder Grenzen).',
    );
  }
  return { start, total };
}

function uploadState(reply: FastifyReply, blob: BlobMeta): void {
  reply.header('upload-offset', String(blob.received));
  if (blob.size !== null) reply.header('upload-length', String(blob.size));
  reply.header('x-blob-status', blob.status);
}

/**
 * PUT    /blobs/:sha256?caseId=…   one chunk (application/octet-stream, <= 1 MiB,
 *                                  Content-Range: bytes start-end/total)
 * HEAD   /blobs/:sha256?caseId=…   resume: Upload-Offset, Upload-Length, X-Blob-Status
 * GET    /blobs/:sha256/status?caseId=…  the same as JSON
 * GET    /blobs/:sha256?caseId=…   the complete content (Range: bytes=… supported)
 */
export function registerBlobRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // Encapsulated: the octet-stream parser exists for these routes only.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => {
      done(null, body);
    });

    scope.put('/blobs/:sha256', { bodyLimit: BLOB_CHUNK_MAX_BYTES }, async (request, reply) => {
      const p = await authenticate(ctx, request);
      const { sha256 } = parseOrThrow(blobParams, request.params);
      const { caseId } = parseOrThrow(blobQuery, request.query);
      const headers = parseOrThrow(uploadHeaders, request.headers);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new AppError('VALIDATION_FAILED', 'Der Teil der Datei fehlt.');
      }
      const { start, total } = chunkRange(headers['content-range'], body.length);
      try {
        const { outcome, blob } = await service.putChunk(ctx, p, {
          caseId,
          sha256,
          start,
          total,
          data: body,
        });
        uploadState(reply, blob);
        const status = outcome === 'completed' ? 201 : outcome === 'already_complete' ? 200 : 202;
        return await reply.status(status).send(blob);
      } catch (error) {
        if (!(error instanceof BlobOffsetMismatch)) throw error;
        reply.header('upload-offset', String(error.expectedOffset));
        return reply.status(409).send({ error: { ...error.toDto(), expectedOffset: error.expectedOffset } });
      }
    });

    scope.head('/blobs/:sha256', async (request, reply) => {
      const p = await authenticate(ctx, request);
      const { sha256 } = parseOrThrow(blobParams, request.params);
      const { caseId } = parseOrThrow(blobQuery, request.query);
      const blob = await service.blobStatus(ctx, p, { caseId, sha256 });
      uploadState(reply, blob);
      reply.header('cache-control', 'no-store');
      return reply.status(blob.status === 'absent' ? 404 : 200).send();
    });

    scope.get('/blobs/:sha256/status', async (request, reply) => {
      const p = await authenticate(ctx, request);
      const { sha256 } = parseOrThrow(blobParams, request.params);
      const { caseId } = parseOrThrow(blobQuery, request.query);
      const blob = await service.blobStatus(ctx, p, { caseId, sha256 });
      uploadState(reply, blob);
      return reply.header('cache-control', 'no-store').send(blob);
    });

    scope.get('/blobs/:sha256', { exposeHeadRoute: false }, async (request, reply) => {
      const p = await authenticate(ctx, request);
      const { sha256 } = parseOrThrow(blobParams, request.params);
      const { caseId } = parseOrThrow(blobQuery, request.query);
      const range = request.headers.range;
      const d = await service.download(
        ctx,
        p,
        { caseId, sha256 },
        typeof range === 'string' ? range : undefined,
      );
      reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', String(d.length))
        .header('etag', `"${sha256}"`)
        .header('accept-ranges', 'bytes')
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff');
      if (d.range) {
        reply.status(206).header('content-range', `bytes ${d.range.start}-${d.range.end}/${d.blob.size}`);
      }
      return reply.send(d.body);
    });
  });
}
