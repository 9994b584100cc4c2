/**
 * The print channels at the IPC boundary: zod-validated inputs with German errors, nothing changed by
 * bad input, and German refusals when a stored document is missing or damaged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PdfRenderer } from '../../../src/main/features/plans/print/pdf-renderer';
import { tableRows } from '../../helpers/local-db';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';
import { handOverablePlanValues } from '../../helpers/plan-values';

/** A stand-in that must never be reached: these tests stop before anything is printed. */
const unreachable: PdfRenderer = {
  name: 'unreachable',
  render: () => Promise.reject(new Error('rendered although refused')),
  close: async () => undefined,
};

let b: WriteBackend;
beforeEach(async () => {
  b = await createWriteBackend({ pdf: unreachable });
});
afterEach(async () => {
  await b.t.destroy();
});

describe('print channels', () => {
  it('refuse bad input in German and change nothing', async () => {
    const before = tableRows(b.t.raw, 'sync_outbox').length;
    const control = await b.refused('plans:preview', { planId: 'plan\u0007' });
    expect(control.code).toBe('VALIDATION_FAILED');
    const extra = await b.refused('plans:missing', { planId: 'p1', html: '<script>' });
    expect(extra.code).toBe('VALIDATION_FAILED');
    const contact = await b.refused('plans:preview', { planId: 'p1', contact: { name: '', email: 'kein' } });
    expect(contact.issues?.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        'Bitte den Namen der Ansprechperson angeben.',
        'Bitte eine gültige E-Mail-Adresse angeben.',
      ]),
    );
    const handOver = await b.refused('plans:hand-over', {
      planId: 'p1',
      form: 'ausdruck',
      contact: { name: 'x'.repeat(121) },
    });
    expect(handOver.issues?.[0]?.message).toBe('Der Name ist zu lang (höchstens 120 Zeichen).');
    expect((await b.refused('plans:reprint', {})).code).toBe('VALIDATION_FAILED');
    expect(tableRows(b.t.raw, 'sync_outbox')).toHaveLength(before);
  });

  it('unknown plans and versions are NOT_FOUND; a plan that is not ready renders nothing', async () => {
    expect((await b.refused('plans:preview', { planId: 'no-such-plan' })).code).toBe('NOT_FOUND');
    expect((await b.refused('plans:missing', { planId: 'no-such-plan' })).code).toBe('NOT_FOUND');
    expect((await b.refused('plans:document', { handoverId: 'no-such' })).code).toBe('NOT_FOUND');
    const { caseId } = await b.newCase();
    const plan = await b.call('plans:save-draft', {
      caseId,
      values: { planDate: '2026-03-02', points: {} } as never,
    });
    const missing = await b.call('plans:missing', { planId: plan.id });
    expect(missing.missing.map((m) => m.field)).toContain('assessment');
    const refused = await b.refused('plans:hand-over', { planId: plan.id, form: 'portal' });
    expect(refused.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(refused.message).toMatch(/^Der Kooperationsplan kann noch nicht ausgehändigt werden/);
    const preview = await b.call('plans:preview', { planId: plan.id });
    expect(preview.html).toContain('<html lang="de">');
    expect(preview.missing.length).toBe(missing.missing.length);
  });

  it('a version handed over without a PDF, or whose PDF is not on this device or damaged, is refused in German', async () => {
    const handover = await handedOverWithoutPdf(b);
    const none = await b.refused('plans:reprint', { handoverId: handover.id });
    expect(none).toMatchObject({ code: 'NOT_FOUND' });
    expect(none.message).toContain('kein PDF gespeichert');

    // a version with a PDF hash whose bytes are not here (synced from another device)
    const pdf = new Uint8Array(Buffer.from('%PDF-1.7 stand-in'));
    const withPdf = await b.writes.plans.handOver(handover.planId, 'ausdruck', undefined, {
      templateVersion: '2026.1+test',
      pdf,
    });
    b.t.raw
      .prepare('UPDATE plan_documents SET pdf = ? WHERE sha256 = ?')
      .run(Buffer.from('%PDF-changed'), withPdf.pdfSha256);
    const damaged = await b.refused('plans:document', { handoverId: withPdf.id });
    expect(damaged).toMatchObject({ code: 'INTERNAL' });
    expect(damaged.message).toContain('Prüfwert');
    b.t.raw.prepare('DELETE FROM plan_documents').run();
    const absent = await b.refused('plans:document', { handoverId: withPdf.id });
    expect(absent.message).toContain('liegt auf diesem Gerät nicht vor');
  });
});

/** A ready plan handed over through the plans service alone (as before printing existed). */
async function handedOverWithoutPdf(backend: WriteBackend) {
  const { caseId } = await backend.newCase();
  const { COMPETENCE_CLASSES, EVIDENCE_SOURCES } =
    await import('../../../src/shared/domain/assessment/vocabulary');
  const draft = await backend.call('assessments:create-draft', { caseId, values: {} });
  await backend.call('assessments:record-entry', {
    assessmentId: draft.id,
    entry: {
      criterionId: 'work-experience',
      strength: { text: 'Zuverlässig', competenceClass: COMPETENCE_CLASSES[0] },
      evidenceSources: [EVIDENCE_SOURCES[0]],
    } as never,
  });
  await backend.call('assessments:update-draft', {
    assessmentId: draft.id,
    changes: { integrationForecast: 'beyond12Months' },
  });
  await backend.call('assessments:finalize', { assessmentId: draft.id });
  const plan = await backend.call('plans:save-draft', {
    caseId,
    values: handOverablePlanValues(),
  });
  return backend.writes.plans.handOver(plan.id, 'ausdruck');
}

describe('plans:print (system print dialog of the desktop app)', () => {
  it('refuses in German where no print dialog exists (browser bridge)', async () => {
    const handover = await handedOverWithoutPdf(b);
    const refused = await b.refused('plans:print', { handoverId: handover.id, copy: false });
    expect(refused.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(refused.message).toContain('nur in der Desktop-App');
  });

  it('hands the stored PDF unchanged, or its reprint, to the print dialog port', async () => {
    const shown: { pdf: Uint8Array; title: string }[] = [];
    await b.t.destroy();
    b = await createWriteBackend({
      pdf: unreachable,
      printDialog: { showPdf: async (pdf, title) => void shown.push({ pdf, title }) },
    });
    const plain = await handedOverWithoutPdf(b);
    const stored = await smallPdf();
    const handover = await b.writes.plans.handOver(plain.planId, 'ausdruck', undefined, {
      templateVersion: '2026.1+test',
      pdf: stored,
    });
    expect(await b.call('plans:print', { handoverId: handover.id, copy: false })).toBeNull();
    expect(shown[0]).toEqual({ pdf: stored, title: 'Kooperationsplan' });
    await b.call('plans:print', { handoverId: handover.id, copy: true });
    expect(shown[1]!.title).toBe('Kooperationsplan – Ausfertigung');
    expect(shown[1]!.pdf.subarray(0, stored.length)).toEqual(stored);
    expect(Buffer.from(shown[1]!.pdf.subarray(stored.length)).toString('latin1')).toContain(
      'Ausfertigung vom 02.03.2026',
    );
  });
});

/** A small real PDF (Chromium-like structure) written by hand: one page, inline resources. */
async function smallPdf(): Promise<Uint8Array> {
  const objects = [
    '<</Type /Catalog /Pages 2 0 R>>',
    '<</Type /Pages /Kids [3 0 R] /Count 1>>',
    '<</Type /Page /Parent 2 0 R /MediaBox [0 0 595.92 842.88] /Resources <</Font <</F1 5 0 R>>>> /Contents 4 0 R>>',
    '<</Length 38>>\nstream\nBT /F1 12 Tf 72 770 Td (Plan) Tj ET\n\nendstream',
    '<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<</Size ${objects.length + 1} /Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
