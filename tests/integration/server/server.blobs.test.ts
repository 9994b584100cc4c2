import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAppErrorCode } from '../../../src/shared/errors';
import { SERVER_DIALECTS, skipReason, tableCounts } from '../../helpers/server-db';
import { createCase, createHarness, login, post, type Harness, type Session } from './harness';

const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function putChunk(
  h: Harness,
  s: Session | undefined,
  o: { sha256: string; caseId: string; data: Buffer; start: number; total: number },
) {
  return h.app.inject({
    method: 'PUT',
    url: `/blobs/${o.sha256}?caseId=${o.caseId}`,
    payload: o.data,
    headers: {
      'content-type': 'application/octet-stream',
      'content-range': `bytes ${o.start}-${o.start + o.data.length - 1}/${o.total}`,
      ...(s ? { authorization: `Bearer ${s.accessToken}` } : {}),
    },
  });
}

/** Uploads `data` in chunks of `chunk` bytes; returns every response. */
async function upload(h: Harness, s: Session, caseId: string, data: Buffer, chunk = MiB, sha256 = sha(data)) {
  const responses = [];
  for (let start = 0; start < data.length; start += chunk) {
    responses.push(
      await putChunk(h, s, {
        sha256,
        caseId,
        data: data.subarray(start, start + chunk),
        start,
        total: data.length,
      }),
    );
  }
  return responses;
}

function get(h: Harness, s: Session, sha256: string, caseId: string, headers: Record<string, string> = {}) {
  return h.app.inject({
    method: 'GET',
    url: `/blobs/${sha256}?caseId=${caseId}`,
    headers: { authorization: `Bearer ${s.accessToken}`, ...headers },
  });
}

function head(h: Harness, s: Session, sha256: string, caseId: string) {
  return h.app.inject({
    method: 'HEAD',
    url: `/blobs/${sha256}?caseId=${caseId}`,
    headers: { authorization: `Bearer ${s.accessToken}` },
  });
}

async function blobRows(h: Harness) {
  const blobs = await h.tdb.db.selectFrom('blobs').selectAll().execute();
  const chunks = await h.tdb.db.selectFrom('blob_chunks').select(['sha256', 'offset']).execute();
  return { blobs, chunks };
}

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: blobs`, () => {
    let h: Harness;
    let s: Record<string, Session>;
    beforeAll(async () => {
      h = await createHarness(dialect);
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(async () => {
      await h.reset();
      s = {};
      for (const key of ['cw', 'cwOther', 'cwOtherTeam', 'lead', 'admin', 'dp']) s[key] = await login(h, key);
      await createCase(h, s.cw!, 'C-1');
      await createCase(h, s.cwOther!, 'C-dz');
    });

    it('uploads in 3 chunks and downloads byte-identical, with Range; both are audited', async () => {
      const data = randomBytes(2 * MiB + 12_345);
      const digest = sha(data);
      const res = await upload(h, s.cw!, 'C-1', data);
      expect(res.map((r) => r.statusCode)).toEqual([202, 202, 201]);
      expect(res[0]!.json()).toMatchObject({ status: 'partial', received: MiB, size: data.length });
      expect(res[0]!.headers['upload-offset']).toBe(String(MiB));
      expect(res[2]!.json()).toMatchObject({
        caseId: 'C-1',
        sha256: digest,
        status: 'complete',
        size: data.length,
      });

      const got = await get(h, s.cw!, digest, 'C-1');
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe('application/octet-stream');
      expect(got.headers.etag).toBe(`"${digest}"`);
      expect(got.headers['content-length']).toBe(String(data.length));
      expect(got.rawPayload.equals(data)).toBe(true);

      const part = await get(h, s.cw!, digest, 'C-1', { range: `bytes=${MiB - 10}-${MiB + 9}` });
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes ${MiB - 10}-${MiB + 9}/${data.length}`);
      expect(part.rawPayload.equals(data.subarray(MiB - 10, MiB + 10))).toBe(true);
      const tail = await get(h, s.cw!, digest, 'C-1', { range: 'bytes=-5' });
      expect(tail.rawPayload.equals(data.subarray(data.length - 5))).toBe(true);
      const beyond = await get(h, s.cw!, digest, 'C-1', { range: `bytes=${data.length}-` });
      expect(beyond.statusCode).toBe(416);
      expect(beyond.json().error.code).toBe('BLOB_RANGE_NOT_SATISFIABLE');

      // the team lead of the team reads too
      const lead = await get(h, s.lead!, digest, 'C-1');
      expect(lead.statusCode).toBe(200);
      expect(lead.rawPayload.equals(data)).toBe(true);

      const audit = await h.tdb.db
        .selectFrom('audit_log')
        .select(['action', 'user_id', 'client_id', 'case_id', 'entity_id'])
        .where('action', 'like', 'blob_%')
        .orderBy('id')
        .execute();
      const entry = (who: Session, action: string) => ({
        action,
        user_id: who.userId,
        client_id: who.clientId,
        case_id: 'C-1',
        entity_id: digest,
      });
      expect(audit).toEqual([
        entry(s.cw!, 'blob_uploaded'),
        entry(s.cw!, 'blob_downloaded'),
        entry(s.cw!, 'blob_downloaded'),
        entry(s.cw!, 'blob_downloaded'),
        entry(s.lead!, 'blob_downloaded'),
      ]);
    });

    it('resumes an interrupted upload at the offset HEAD reports; resent chunks are harmless', async () => {
      const data = randomBytes(3 * MiB);
      const digest = sha(data);
      expect((await head(h, s.cw!, digest, 'C-1')).statusCode).toBe(404);
      const first = await putChunk(h, s.cw!, {
        sha256: digest,
        caseId: 'C-1',
        data: data.subarray(0, MiB),
        start: 0,
        total: data.length,
      });
      expect(first.statusCode).toBe(202);
      // connection lost; the desktop asks where to continue
      const probe = await head(h, s.cw!, digest, 'C-1');
      expect(probe.statusCode).toBe(200);
      expect(probe.headers['upload-offset']).toBe(String(MiB));
      expect(probe.headers['upload-length']).toBe(String(data.length));
      expect(probe.headers['x-blob-status']).toBe('partial');
      const status = await h.app.inject({
        method: 'GET',
        url: `/blobs/${digest}/status?caseId=C-1`,
        headers: { authorization: `Bearer ${s.cw!.accessToken}` },
      });
      expect(status.json()).toMatchObject({ status: 'partial', received: MiB, size: data.length });
      const early = await get(h, s.cw!, digest, 'C-1');
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('BLOB_INCOMPLETE');

      // the first chunk again: nothing changes
      const again = await putChunk(h, s.cw!, {
        sha256: digest,
        caseId: 'C-1',
        data: data.subarray(0, MiB),
        start: 0,
        total: data.length,
      });
      expect(again.statusCode).toBe(202);
      expect(again.json().received).toBe(MiB);
      // an overlapping chunk: only its new tail is taken
      const overlap = await putChunk(h, s.cw!, {
        sha256: digest,
        caseId: 'C-1',
        data: data.subarray(MiB / 2, MiB / 2 + MiB),
        start: MiB / 2,
        total: data.length,
      });
      expect(overlap.json().received).toBe(MiB + MiB / 2);
      const offset = Number((await head(h, s.cw!, digest, 'C-1')).headers['upload-offset']);
      for (let start = offset; start < data.length; start += MiB) {
        const r = await putChunk(h, s.cw!, {
          sha256: digest,
          caseId: 'C-1',
          data: data.subarray(start, start + MiB),
          start,
          total: data.length,
        });
        expect([202, 201]).toContain(r.statusCode);
      }
      const got = await get(h, s.cw!, digest, 'C-1');
      expect(got.rawPayload.equals(data)).toBe(true);
    });

    it('a wrong hash discards the upload: nothing complete, nothing kept', async () => {
      const data = randomBytes(MiB + 100);
      const claimed = sha(Buffer.from('etwas anderes'));
      const res = await upload(h, s.cw!, 'C-1', data, MiB, claimed);
      expect(res[0]!.statusCode).toBe(202);
      expect(res[1]!.statusCode).toBe(422);
      expect(res[1]!.json().error.code).toBe('BLOB_HASH_MISMATCH');
      expect(res[1]!.json().error.message).toMatch(/Prüfsumme/);
      expect(await blobRows(h)).toEqual({ blobs: [], chunks: [] });
      expect((await get(h, s.cw!, claimed, 'C-1')).json().error.code).toBe('NOT_FOUND');
      const audit = await h.tdb.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'blob_uploaded')
        .execute();
      expect(audit).toEqual([]);
    });

    it('a chunk at the wrong offset gets 409 with the expected offset; a changed size is refused', async () => {
      const data = randomBytes(3 * MiB);
      const digest = sha(data);
      const ahead = await putChunk(h, s.cw!, {
        sha256: digest,
        caseId: 'C-1',
        data: data.subarray(MiB, 2 * MiB),
        start: MiB,
        total: data.length,
      });
      expect(ahead.statusCode).toBe(409);
      expect(ahead.json().error).toMatchObject({ code: 'BLOB_OFFSET_MISMATCH', expectedOffset: 0 });
      expect(await blobRows(h)).toEqual({ blobs: [], chunks: [] });
      await putChunk(h, s.cw!, {
        sha256: digest,
        caseId: 'C-1',
        data: data.subarray(0, MiB),
        start: 0,
        total: data.length,
      });
      const gap = await putChunk(h, s.cw!, {
        sha256: digest,
        caseId: 'C-1',
        data: data.subarray(2 * MiB),
        start: 2 * MiB,
        total: data.length,
      });
      expect(gap.statusCode).toBe(409);
      expect(gap.headers['upload-offset']).toBe(String(MiB));
      expect(gap.json().error).toMatchObject({ code: 'BLOB_OFFSET_MISMATCH', expectedOffset: MiB });
      expect(gap.json().error.message).toContain(String(MiB));
      const resized = await putChunk(h, s.cw!, {
        sha256: digest,
        caseId: 'C-1',
        data: data.subarray(MiB, 2 * MiB),
        start: MiB,
        total: data.length + 1,
      });
      expect(resized.statusCode).toBe(409);
      expect(resized.json().error.code).toBe('BLOB_SIZE_MISMATCH');
      expect((await blobRows(h)).chunks).toHaveLength(1);
    });

    it('refuses a blob over 20 MiB and a chunk over 1 MiB', async () => {
      const big = await putChunk(h, s.cw!, {
        sha256: sha(Buffer.from('x')),
        caseId: 'C-1',
        data: randomBytes(1000),
        start: 0,
        total: 20 * MiB + 1,
      });
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('BLOB_TOO_LARGE');
      const chunk = await putChunk(h, s.cw!, {
        sha256: sha(Buffer.from('x')),
        caseId: 'C-1',
        data: randomBytes(MiB + 1),
        start: 0,
        total: 2 * MiB,
      });
      expect(chunk.statusCode).toBe(413);
      expect(chunk.json().error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await blobRows(h)).toEqual({ blobs: [], chunks: [] });
    });

    it('uploading a complete blob again answers 200 with its metadata and changes nothing', async () => {
      const data = randomBytes(200_000);
      const digest = sha(data);
      const [first] = await upload(h, s.cw!, 'C-1', data);
      expect(first!.statusCode).toBe(201);
      const before = await tableCounts(h.tdb.db);
      const rows = await blobRows(h);
      for (const start of [0, 100_000]) {
        const again = await putChunk(h, s.cw!, {
          sha256: digest,
          caseId: 'C-1',
          data: data.subarray(start),
          start,
          total: data.length,
        });
        expect(again.statusCode).toBe(200);
        expect(again.json()).toEqual(first!.json());
      }
      expect(await tableCounts(h.tdb.db)).toEqual(before);
      expect(await blobRows(h)).toEqual(rows);
    });

    it('other offices, other teams and read-only roles get 403 with a code; nothing is stored', async () => {
      const data = randomBytes(5000);
      const digest = sha(data);
      await upload(h, s.cw!, 'C-1', data);
      const dz = randomBytes(5000);
      await upload(h, s.cwOther!, 'C-dz', dz);
      const before = await tableCounts(h.tdb.db);
      const refused = [
        ...(await Promise.all(
          ['cwOther', 'cwOtherTeam', 'lead', 'admin', 'dp'].map((key) =>
            putChunk(h, s[key], { sha256: sha(dz), caseId: 'C-1', data: dz, start: 0, total: dz.length }),
          ),
        )),
        ...(await Promise.all(
          ['cwOther', 'cwOtherTeam', 'admin', 'dp'].map((key) => get(h, s[key]!, digest, 'C-1')),
        )),
        await head(h, s.cwOther!, digest, 'C-1'),
        await get(h, s.cw!, sha(dz), 'C-dz'),
        // the hash of another case's blob does not open it through an own case
        ...(await Promise.all([get(h, s.cw!, sha(dz), 'C-1')])),
      ];
      for (const res of refused.slice(0, -1)) {
        expect(res.statusCode, res.body).toBe(403);
        if (res.body !== '') expect(res.json().error.code).toBe('FORBIDDEN'); // HEAD has no body
      }
      expect(refused.at(-1)!.statusCode).toBe(404);
      expect(await tableCounts(h.tdb.db)).toEqual(before);

      // break-glass opens the case for Datenschutz, read-only and audited
      const granted = await post(h, s.dp!, '/break-glass', {
        caseId: 'C-1',
        reason: 'Auskunftsersuchen nach Art. 15 DSGVO, Az. 2026-17',
        minutes: 30,
      });
      expect(granted.statusCode).toBe(201);
      const read = await get(h, s.dp!, digest, 'C-1');
      expect(read.statusCode).toBe(200);
      expect(read.rawPayload.equals(data)).toBe(true);
      const write = await putChunk(h, s.dp!, {
        sha256: sha(dz),
        caseId: 'C-1',
        data: dz,
        start: 0,
        total: dz.length,
      });
      expect(write.statusCode).toBe(403);
      const unauthenticated = await putChunk(h, undefined, {
        sha256: digest,
        caseId: 'C-1',
        data,
        start: 0,
        total: data.length,
      });
      expect(unauthenticated.statusCode).toBe(401);
    });

    it('hostile chunks, headers and parameters: always 4xx with a code, nothing stored, server up', async () => {
      const before = await tableCounts(h.tdb.db);
      const hostileString = fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.constantFrom('', '\u0000', "'; drop table blobs; --", '../../etc/passwd', 'x'.repeat(5000), '%00'),
      );
      const hex = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
      // Mostly well-formed, with one or more fields hostile, so the runs reach the deep checks too.
      const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
        fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: bad });
      const request = fc.record({
        method: fc.constantFrom('PUT', 'PUT', 'PUT', 'GET'),
        sha256: mostly(
          hex,
          fc.oneof(
            hex.map((x) => x.toUpperCase()),
            hostileString,
          ),
        ),
        caseId: mostly(fc.constantFrom('C-1', 'C-1', 'C-dz', 'C-unbekannt'), hostileString),
        body: fc.uint8Array({ maxLength: 3000 }),
        contentType: mostly(
          fc.constant('application/octet-stream'),
          fc.constantFrom('application/json', 'text/plain', 'application/xml', ''),
        ),
        range: fc.oneof(
          // the whole body as one complete chunk: the random hash never matches
          fc.constant('whole'),
          // a well-formed chunk beyond the (empty) upload
          fc.record({ beyond: fc.integer({ min: 1, max: 20 * MiB }), extra: fc.nat(MiB) }),
          fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([a, b, c]) => `bytes ${a}-${b}/${c}`),
          hostileString,
        ),
        token: mostly(fc.constant('valid'), fc.constantFrom('forged', 'none', 'lead')),
        extraQuery: mostly(fc.constant(undefined), hostileString),
      });
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const body = Buffer.from(r.body);
          const contentRange =
            r.range === 'whole'
              ? `bytes 0-${body.length - 1}/${body.length}`
              : typeof r.range === 'string'
                ? r.range
                : `bytes ${r.range.beyond}-${r.range.beyond + body.length - 1}/${r.range.beyond + body.length + r.range.extra}`;
          const headers: Record<string, string> = {};
          if (r.contentType) headers['content-type'] = r.contentType;
          if (r.method === 'PUT') headers['content-range'] = contentRange;
          else headers.range = contentRange;
          if (r.token === 'valid') headers.authorization = `Bearer ${s.cw!.accessToken}`;
          if (r.token === 'lead') headers.authorization = `Bearer ${s.lead!.accessToken}`;
          if (r.token === 'forged') headers.authorization = 'Bearer eyJhbGciOi.forged';
          const query = new URLSearchParams({ caseId: r.caseId });
          if (r.extraQuery !== undefined) query.set('x', r.extraQuery);
          const res = await h.app.inject({
            method: r.method as 'PUT' | 'GET',
            url: `/blobs/${encodeURIComponent(r.sha256)}?${query.toString()}`,
            headers,
            ...(r.method === 'PUT' ? { payload: body } : {}),
          });
          expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, res.body).toBeLessThan(500);
          const error = res.json<{ error: { code: string; message: string } }>().error;
          expect(isAppErrorCode(error.code), res.body).toBe(true);
          expect(error.message.length).toBeGreaterThan(0);
          seen.add(error.code);
        }),
        { numRuns: 200, seed: 20261202 },
      );
      expect(await tableCounts(h.tdb.db)).toEqual(before);
      expect((await h.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      for (const code of [
        'VALIDATION_FAILED',
        'AUTH_TOKEN_INVALID',
        'FORBIDDEN',
        'NOT_FOUND',
        'BLOB_HASH_MISMATCH',
        'BLOB_OFFSET_MISMATCH',
        'BLOB_TOO_LARGE',
      ])
        expect([...seen], [...seen].join()).toContain(code);
    });
  });
}
