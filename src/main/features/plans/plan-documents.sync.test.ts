/**
 * The blob upload's answers to a server that misbehaves in ways the real one (tested against in
 * tests/integration/sync/plan-documents-sync.test.ts) does not: a scripted peer of the protocol.
 */
import { describe, expect, it } from 'vitest';
import type { HttpResponseLike } from '../sync/sync-http';
import { uploadBlob, type BlobHttp } from './plan-documents.sync';

const KEY = { sha256: 'a'.repeat(64), caseId: 'case-1' };
const bytes = () => new Uint8Array(new ArrayBuffer(10)).fill(7);

function answer(status: number, body: unknown): HttpResponseLike {
  return { status, text: () => Promise.resolve(typeof body === 'string' ? body : JSON.stringify(body)) };
}

/** Answers the status read with `status`, then each PUT with the next scripted answer. */
function scripted(status: HttpResponseLike, puts: HttpResponseLike[]) {
  const ranges: string[] = [];
  const http: BlobHttp = {
    exchange: (method, _path, options) => {
      if (method === 'GET') return Promise.resolve(status);
      ranges.push(options?.headers?.['content-range'] ?? '');
      const next = puts.shift();
      return next ? Promise.resolve(next) : Promise.reject(new Error('no more answers'));
    },
  };
  return { http, ranges };
}

const partial = (received: number) => ({ status: 'partial', size: 10, received });

describe('uploadBlob against a scripted server', () => {
  it('continues from the offset a 409 names', async () => {
    const { http, ranges } = scripted(answer(200, partial(0)), [
      answer(409, { error: { code: 'BLOB_OFFSET_MISMATCH', message: 'x', expectedOffset: 6 } }),
      answer(201, { status: 'complete', size: 10, received: 10 }),
    ]);
    await expect(uploadBlob(http, KEY, bytes(), 4)).resolves.toEqual({ sent: 4, alreadyThere: false });
    expect(ranges).toEqual(['bytes 0-3/10', 'bytes 6-9/10']);
  });

  it('starts at the offset of a partial upload and sends nothing for a complete one', async () => {
    const resumed = scripted(answer(200, partial(8)), [answer(201, {})]);
    await uploadBlob(resumed.http, KEY, bytes(), 4);
    expect(resumed.ranges).toEqual(['bytes 8-9/10']);
    const complete = scripted(answer(200, { status: 'complete', size: 10, received: 10 }), []);
    await expect(uploadBlob(complete.http, KEY, bytes())).resolves.toEqual({ sent: 0, alreadyThere: true });
  });

  it('gives up on answers that never move the offset, and on broken or foreign answers', async () => {
    const stuck = scripted(answer(200, partial(0)), [
      answer(202, partial(0)),
      answer(202, partial(0)),
      answer(202, partial(0)),
    ]);
    await expect(uploadBlob(stuck.http, KEY, bytes(), 4)).rejects.toMatchObject({ code: 'INTERNAL' });
    const foreign409 = scripted(answer(200, partial(0)), [answer(409, { error: { code: 'CONFLICT' } })]);
    await expect(uploadBlob(foreign409.http, KEY, bytes())).rejects.toMatchObject({ code: 'CONFLICT' });
    const brokenStatus = scripted(answer(200, { status: 'gone' }), []);
    await expect(uploadBlob(brokenStatus.http, KEY, bytes())).rejects.toMatchObject({ code: 'INTERNAL' });
    const cutOff = scripted(answer(200, partial(0)), [answer(202, '{"stat')]);
    await expect(uploadBlob(cutOff.http, KEY, bytes(), 4)).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
    const beyond = scripted(answer(200, partial(0)), [answer(202, partial(12))]);
    await expect(uploadBlob(beyond.http, KEY, bytes(), 4)).rejects.toMatchObject({
      code: 'BLOB_SIZE_MISMATCH',
    });
  });

  it("passes the server's refusal on with its code, and refuses an empty file before asking", async () => {
    const refused = scripted(answer(200, partial(0)), [
      answer(422, { error: { code: 'BLOB_HASH_MISMATCH', message: 'Prüfsumme falsch' } }),
    ]);
    await expect(uploadBlob(refused.http, KEY, bytes())).rejects.toMatchObject({
      code: 'BLOB_HASH_MISMATCH',
    });
    const empty = scripted(answer(200, partial(0)), []);
    await expect(uploadBlob(empty.http, KEY, new Uint8Array(new ArrayBuffer(0)))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
