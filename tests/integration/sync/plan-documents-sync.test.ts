/**
 * Issue 12 item 8: handed-over plan PDFs reach the server's content-addressed blob routes through
 * the desktop sync engine (chunked, resumable from the server's offset), and a second desktop
 * fetches one by the hash its synced plan_handovers record names. Real encrypted stores, a real
 * server on loopback, PGlite and PostgreSQL.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAssessmentsService } from '../../../src/main/features/assessments/assessments.service';
import {
  fetchPlanDocument,
  planDocumentUploadStatus,
} from '../../../src/main/features/plans/plan-documents.sync';
import { planDocumentsHandlers } from '../../../src/main/features/plans/plan-documents.ipc';
import { createPlanPrintService } from '../../../src/main/features/plans/print/plan-print.service';
import { createPlansService } from '../../../src/main/features/plans/plans.service';
import { purgeCases } from '../../../src/main/features/sync/sync-local';
import { SyncHttp, type FetchLike, type HttpRequestInit } from '../../../src/main/features/sync/sync-http';
import { COMPETENCE_CLASSES, EVIDENCE_SOURCES } from '../../../src/shared/domain/assessment/vocabulary';
import { AppError } from '../../../src/shared/errors';
import { sampleFields } from '../../helpers/records';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { realFetch, rows, sessionAuth, useTwoDesktops, type EngineDesktop } from '../../helpers/sync-engine';
import type { Harness } from '../server/harness';
import { handOverablePlanValues } from '../../helpers/plan-values';

const CHUNK = 16 * 1024;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A PDF stand-in of about 70 KiB (five chunks of 16 KiB). */
function pdfBytes(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(70 * 1024)]));
}

/** A ready plan handed over on desktop `d` with the given PDF. */
async function handOver(d: EngineDesktop, pdf: Uint8Array) {
  const deps = {
    db: d.t.db,
    clock: d.clock,
    ids: { newId: () => crypto.randomUUID() },
    actorId: d.session.userId,
  };
  const { caseId } = await d.cases.createCase({
    officeId: 'oschatz',
    caseworkerId: d.session.userId,
    openedOn: '2026-03-02',
    person: sampleFields('persons', { caseId: 'x', id: 'x' }),
  });
  const assessments = createAssessmentsService(deps);
  const draft = await assessments.createDraft(caseId, {});
  await assessments.recordEntry(draft.id, {
    criterionId: 'work-experience',
    strength: { text: 'Zuverlässig', competenceClass: COMPETENCE_CLASSES[0] },
    evidenceSources: [EVIDENCE_SOURCES[0]],
  } as never);
  await assessments.updateDraft(draft.id, { integrationForecast: 'beyond12Months' } as never);
  await assessments.finalize(draft.id);
  const plans = createPlansService(deps);
  const plan = await plans.saveDraft({
    caseId,
    values: handOverablePlanValues(),
  });
  const handover = await plans.handOver(plan.id, 'ausdruck', undefined, {
    templateVersion: '2026.1+test',
    pdf: new Uint8Array(pdf),
  });
  return { caseId, handover };
}

/** The bytes the server holds for a blob (null while it has no complete one). */
async function serverBytes(url: string, d: EngineDesktop, hash: string, caseId: string) {
  const res = await fetch(`${url}/blobs/${hash}?caseId=${caseId}`, {
    headers: { authorization: `Bearer ${d.session.accessToken}` },
  });
  if (res.status !== 200) return null;
  return new Uint8Array(await res.arrayBuffer());
}

async function serverStatus(url: string, d: EngineDesktop, hash: string, caseId: string) {
  const res = await fetch(`${url}/blobs/${hash}/status?caseId=${caseId}`, {
    headers: { authorization: `Bearer ${d.session.accessToken}` },
  });
  return (await res.json()) as { status: string; received: number; size: number | null };
}

/** Records the blob requests (PUT chunks and status reads) the engine makes. */
function recordBlobs(d: EngineDesktop, fail?: (puts: number) => 'drop-request' | 'drop-response' | null) {
  const seen = { puts: [] as string[], statuses: 0 };
  d.fault = (u) => {
    if (!u.includes('/blobs/')) return null;
    if (u.includes('/status?')) {
      seen.statuses += 1;
      return null;
    }
    seen.puts.push(u);
    return fail?.(seen.puts.length) ?? null;
  };
  return seen;
}

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: plan PDFs through the blob routes`, () => {
    let h: Harness;
    let url: string;
    let a: EngineDesktop;
    let b: EngineDesktop;
    useTwoDesktops(dialect, (s) => ({ h, url, a, b } = s), { blobChunkBytes: CHUNK });

    it('uploads the PDF after the hand-over in chunks; the synced record names its hash; a second round sends nothing', async () => {
      const pdf = pdfBytes();
      const { caseId, handover } = await handOver(a, pdf);
      expect(handover.pdfSha256).toBe(sha256(pdf));
      expect((await planDocumentUploadStatus(a.t.db)).pending).toBe(1);
      const seen = recordBlobs(a);
      const s = await a.engine.syncNow();
      expect(s.error).toBeNull();
      expect(seen.puts).toHaveLength(Math.ceil(pdf.byteLength / CHUNK));
      expect(await planDocumentUploadStatus(a.t.db)).toEqual({ pending: 0, pendingBytes: 0, refused: [] });
      const held = await serverBytes(url, a, handover.pdfSha256!, caseId);
      expect(held && sha256(held)).toBe(handover.pdfSha256);

      const again = recordBlobs(a);
      await a.engine.syncNow();
      expect(again).toEqual({ puts: [], statuses: 0 });

      // the other desktop gets the record with the hash, not the bytes
      await b.engine.syncNow();
      expect(rows(b, 'SELECT pdf_sha256 FROM plan_handovers WHERE id = ?', handover.id)).toEqual([
        { pdf_sha256: handover.pdfSha256 },
      ]);
      expect(rows(b, 'SELECT count(*) AS n FROM plan_documents')).toEqual([{ n: 0 }]);
    });

    it('identical bytes the server already holds are not sent again (the answer to the last chunk was lost)', async () => {
      const pdf = pdfBytes();
      const { caseId, handover } = await handOver(a, pdf);
      const chunks = Math.ceil(pdf.byteLength / CHUNK);
      recordBlobs(a, (n) => (n === chunks ? 'drop-response' : null));
      const s1 = await a.engine.syncNow();
      expect(s1.error?.code).toBe('SYNC_OFFLINE');
      expect((await serverStatus(url, a, handover.pdfSha256!, caseId)).status).toBe('complete');
      expect((await planDocumentUploadStatus(a.t.db)).pending).toBe(1);
      const seen = recordBlobs(a);
      const s2 = await a.engine.syncNow();
      expect(s2.error).toBeNull();
      expect(seen).toEqual({ puts: [], statuses: 1 });
      expect((await planDocumentUploadStatus(a.t.db)).pending).toBe(0);
    });

    it('an upload interrupted after the second chunk resumes from the server offset after an app restart', async () => {
      const pdf = pdfBytes();
      const { caseId, handover } = await handOver(a, pdf);
      const chunks = Math.ceil(pdf.byteLength / CHUNK);
      recordBlobs(a, (n) => (n > 2 ? 'drop-request' : null));
      const s1 = await a.engine.syncNow();
      expect(s1.state).toBe('offline');
      expect(await serverStatus(url, a, handover.pdfSha256!, caseId)).toMatchObject({
        status: 'partial',
        received: 2 * CHUNK,
        size: pdf.byteLength,
      });
      expect(await serverBytes(url, a, handover.pdfSha256!, caseId)).toBeNull();

      // the app restarts: a new engine on the same store
      await a.engine.stop();
      const restarted = a.rebuild({});
      const seen = recordBlobs(a);
      const s2 = await restarted.syncNow();
      expect(s2.error).toBeNull();
      expect(seen.puts).toHaveLength(chunks - 2);
      const held = await serverBytes(url, a, handover.pdfSha256!, caseId);
      expect(held?.byteLength).toBe(pdf.byteLength);
      expect(sha256(held!)).toBe(handover.pdfSha256);
      expect((await planDocumentUploadStatus(a.t.db)).pending).toBe(0);
    });

    it('an altered chunk is detected: the server refuses the upload, the refusal is kept, the next round uploads it', async () => {
      const pdf = pdfBytes();
      const { caseId, handover } = await handOver(a, pdf);
      let altered = 0;
      const altering: FetchLike = (u, init: HttpRequestInit) => {
        if (init.method === 'PUT' && init.body instanceof Uint8Array && altered === 0) {
          altered += 1;
          const body = new Uint8Array(init.body);
          body[10] = body[10]! ^ 0xff;
          return realFetch(u, { ...init, body });
        }
        return realFetch(u, init);
      };
      await a.engine.stop();
      const faulty = a.rebuild({ http: new SyncHttp(url, altering, sessionAuth(h, a.session)) });
      const s1 = await faulty.syncNow();
      expect(altered).toBe(1);
      expect(s1.error).toBeNull(); // a document's refusal does not fail the round
      const status = await planDocumentUploadStatus(a.t.db);
      expect(status.pending).toBe(1);
      expect(status.refused).toMatchObject([
        { sha256: handover.pdfSha256, caseId, code: 'BLOB_HASH_MISMATCH' },
      ]);
      expect((await serverStatus(url, a, handover.pdfSha256!, caseId)).status).toBe('absent');
      // the sync page's channel names it in German
      const page = await planDocumentsHandlers(() => a.t.db)['sync:plan-documents'](undefined, {} as never);
      expect(page).toMatchObject({ pending: 1, pendingBytes: pdf.byteLength });
      expect(page.refused[0]?.message).toMatch(/Prüfsumme|Prüfwert|stimmt nicht/);

      const s2 = await faulty.syncNow();
      expect(s2.error).toBeNull();
      expect(await planDocumentUploadStatus(a.t.db)).toEqual({ pending: 0, pendingBytes: 0, refused: [] });
      const held = await serverBytes(url, a, handover.pdfSha256!, caseId);
      expect(sha256(held!)).toBe(handover.pdfSha256);
    });

    it('a revoked case is purged together with its plan PDFs and their upload markers', async () => {
      const { caseId } = await handOver(a, pdfBytes());
      await a.engine.syncNow();
      expect(rows(a, 'SELECT count(*) AS n FROM plan_document_uploads')).toEqual([{ n: 1 }]);
      const purged = await a.t.db.transaction().execute((trx) => purgeCases(trx, a.t.raw, [caseId]));
      expect(purged).toEqual([caseId]);
      expect(rows(a, 'SELECT count(*) AS n FROM plan_documents')).toEqual([{ n: 0 }]);
      expect(rows(a, 'SELECT count(*) AS n FROM plan_document_uploads')).toEqual([{ n: 0 }]);
    });

    it('a PDF damaged at rest is never sent under its hash', async () => {
      const pdf = pdfBytes();
      const { handover } = await handOver(a, pdf);
      a.t.raw
        .prepare('UPDATE plan_documents SET pdf = ? WHERE sha256 = ?')
        .run(Buffer.from('%PDF-changed'), handover.pdfSha256);
      const seen = recordBlobs(a);
      await a.engine.syncNow();
      expect(seen).toEqual({ puts: [], statuses: 0 });
      expect((await planDocumentUploadStatus(a.t.db)).refused[0]?.code).toBe('BLOB_HASH_MISMATCH');
    });

    it('the second desktop fetches the PDF by its hash on demand; an altered download is refused and nothing stored', async () => {
      const pdf = pdfBytes();
      const { caseId, handover } = await handOver(a, pdf);
      await a.engine.syncNow();
      await b.engine.syncNow();
      const doc = { sha256: handover.pdfSha256!, caseId, handoverId: handover.id };
      const now = () => b.clock.now().toISOString();

      const tampering: FetchLike = async (u, init) => {
        const res = await fetch(u, init);
        if (!u.includes('/blobs/')) return res;
        const bytes = new Uint8Array(await res.arrayBuffer());
        bytes[0] = bytes[0]! ^ 0xff;
        return new Response(bytes, { status: res.status });
      };
      await expect(
        fetchPlanDocument(b.t.db, new SyncHttp(url, tampering, sessionAuth(h, b.session)), doc, now),
      ).rejects.toMatchObject({ code: 'BLOB_HASH_MISMATCH' });
      expect(rows(b, 'SELECT count(*) AS n FROM plan_documents')).toEqual([{ n: 0 }]);

      // the reprint path: the print service asks the engine for the PDF it does not hold
      const deps = { db: b.t.db, clock: b.clock, ids: { newId: () => crypto.randomUUID() } };
      const offline = createPlanPrintService(
        { ...deps, fetchDocument: () => Promise.reject(new AppError('SYNC_OFFLINE')) },
        createPlansService(deps),
      );
      await expect(offline.document(handover.id)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('liegt auf diesem Gerät nicht vor') as unknown,
      });
      const planPrint = createPlanPrintService(
        { ...deps, fetchDocument: (d) => b.engine.fetchPlanDocument(d) },
        createPlansService(deps),
      );
      const printed = await planPrint.document(handover.id);
      expect(printed.sha256).toBe(handover.pdfSha256);
      expect(Buffer.from(printed.pdf).equals(Buffer.from(pdf))).toBe(true);
      await planPrint.close();
      await offline.close();
      const http = new SyncHttp(url, realFetch, sessionAuth(h, b.session));
      const fetched = await fetchPlanDocument(b.t.db, http, doc, now);
      expect(Buffer.from(fetched).equals(Buffer.from(pdf))).toBe(true);
      expect(rows(b, 'SELECT sha256, byte_length FROM plan_documents')).toEqual([
        { sha256: handover.pdfSha256, byte_length: pdf.byteLength },
      ]);
      // held by the server already: b never uploads it
      const seen = recordBlobs(b);
      await b.engine.syncNow();
      expect(seen).toEqual({ puts: [], statuses: 0 });

      const missing = { ...doc, sha256: 'a'.repeat(64) };
      await expect(fetchPlanDocument(b.t.db, http, missing, now)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });
}
