/**
 * Issue 11, done-when: the plan of both legal regimes rendered to PDF through the real services and
 * Chromium (page.pdf, tagged); pdftotext shows goal, the six points, the review date and the office;
 * no health text appears; the Arabic companion page is right-to-left; the pages are turned into PNGs
 * (pdftoppm, kept under test-results/plan-print for looking at); a stored version reprints with the same hash
 * and "Ausfertigung vom …"; a changed template does not alter a stored version.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../../src/main/features/plans/print/chromium-pdf-renderer';
import type { PlanTemplates } from '../../../src/main/features/plans/print/plan-templates';
import { planTemplatesFrom } from '../../../src/main/features/plans/print/plan-templates';
import type { PdfRenderer } from '../../../src/main/features/plans/print/pdf-renderer';
import { PLAN_TEXT_VERSIONS } from '../../../src/shared/domain/plan/plan-texts';
import { tableRows } from '../../helpers/local-db';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const LOOK_DIR = resolve('test-results/plan-print');
let work: string;
let pdf: PdfRenderer;
let b: WriteBackend | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'lotse-plan-pdf-'));
  mkdirSync(LOOK_DIR, { recursive: true });
  pdf = createChromiumPdfRenderer();
});
afterAll(async () => {
  await pdf.close();
  rmSync(work, { recursive: true, force: true });
});
afterEach(async () => {
  await b?.t.destroy();
  b = undefined;
});

function pdfText(bytes: Uint8Array, name: string, ...args: string[]): string {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [...args, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** The pages as PNGs (60 dpi) for looking at; returns how many pages there are. */
function pngs(bytes: Uint8Array, name: string): number {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, bytes);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(LOOK_DIR, name)]);
  writeFileSync(join(LOOK_DIR, `${name}.pdf`), bytes);
  return readdirSync(LOOK_DIR).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).length;
}

const points = {
  supportServices: { state: 'answered', text: 'Maßnahme bei einem Arbeitgeber (MAG), sechs Wochen' },
  ownEfforts: { state: 'answered', text: 'Bewerbungen wie in der Tabelle' },
  languageCoursePriority: { state: 'not_applicable', note: '' },
  otherAgencies: { state: 'not_applicable', note: 'keine' },
  targetActivities: { state: 'answered', text: 'Lager und Logistik' },
  rehabilitationNeed: { state: 'not_applicable', note: '' },
};

/** A case (Torgau) with a finalized assessment, a health note and a complete plan of `planDate`. */
async function caseWithPlan(backend: WriteBackend, planDate: string, review: string, extra: object = {}) {
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
  await backend.call('assessments:record-entry', {
    assessmentId: draft.id,
    entry: {
      criterionId: 'school-education',
      strength: null,
      need: { focus: 'Hauptschulabschluss nachholen' },
      evidenceSources: [EVIDENCE_SOURCES[0]],
    } as never,
  });
  await backend.call('assessments:update-draft', {
    assessmentId: draft.id,
    changes: { integrationForecast: 'beyond12Months' },
  });
  await backend.call('assessments:finalize', { assessmentId: draft.id });
  await backend.call('notes:create', {
    caseId,
    values: {
      category: 'Gesundheit',
      title: 'Befund Hausarzt',
      body: 'Chronische Rückenschmerzen seit 2019, Physiotherapie zweimal wöchentlich',
    },
  });
  const plan = await backend.call('plans:save-draft', {
    caseId,
    values: {
      planDate,
      goal: 'Arbeit als Fachkraft für Lagerlogistik in Torgau',
      mainSteps: [
        { text: 'Gabelstaplerschein erwerben', dueOn: review, responsible: 'person' },
        { text: 'Lebenslauf gemeinsam überarbeiten', dueOn: null, responsible: 'gemeinsam' },
      ],
      points,
      ownEfforts: [
        {
          description: 'Bewerbungen auf Stellen im Lager',
          frequency: { count: 4, per: 'month' },
          proof: 'bewerbungsliste',
        },
      ],
      measures: [{ assignmentId: null, measureId: 'mag', title: 'Maßnahme bei einem Arbeitgeber (MAG)' }],
      personalOffer: 'Wir begleiten Sie bei Bewerbungen und schlagen Ihnen passende Stellen vor.',
      reviewDueOn: review,
      ...extra,
    } as never,
  });
  return { caseId, planId: plan.id };
}

const contact = { name: 'Frau Kunze', phone: '03421 7744-123', email: null };
const decode = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

describe('the printed Kooperationsplan as PDF', () => {
  it('Bürgergeld: goal, six points, review date, office; no health note; Arabic page right-to-left; reprint with the same hash', async () => {
    b = await createWriteBackend({ clockStart: '2026-03-02T08:00:00.000Z', pdf });
    const { caseId, planId } = await caseWithPlan(b, '2026-03-02', '2026-08-31', { companionLanguage: 'ar' });

    const preview = await b.call('plans:preview', { planId, contact });
    expect(preview.missing).toEqual([]);
    expect(preview.regimeId).toBe('buergergeld');
    expect(preview.html).toContain('<section class="companion" lang="ar" dir="rtl"');

    const handover = await b.call('plans:hand-over', { planId, form: 'ausdruck', contact });
    expect(handover.templateVersion).toBe(preview.templateVersion);
    expect(handover.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await b.cases.getCase(caseId)).case.nextReviewOn).toBe('2026-08-31');

    const doc = await b.call('plans:document', { handoverId: handover.id });
    const bytes = decode(doc.pdfBase64);
    expect(sha256(bytes)).toBe(handover.pdfSha256);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(Buffer.from(bytes).toString('latin1')).toContain('/StructTreeRoot'); // tagged PDF

    expect(pngs(bytes, 'buergergeld-ar')).toBeGreaterThanOrEqual(2);
    const text = pdfText(bytes, 'bg');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Arbeit als Fachkraft für Lagerlogistik in Torgau');
    for (const n of [1, 2, 3, 4, 5, 6]) expect(flat).toContain(`(Nr. ${n})`);
    expect(flat.match(/entfällt/g)?.length).toBeGreaterThanOrEqual(3);
    expect(flat).toContain('spätestens am 31.08.2026');
    expect(flat).toContain('Jobcenter Nordsachsen, Standort Torgau');
    expect(flat).toContain('Frau Kunze');
    expect(flat).toContain('4-mal pro Monat');
    expect(flat).toContain('Liste der Bewerbungen');
    expect(flat).toContain('rechtlich nicht bindend');
    expect(flat).toContain('Schlichtungsverfahren');
    expect(flat).toContain('Käthe Rößler');
    expect(flat).not.toMatch(/Rückenschmerzen|Physiotherapie|Befund|Hausarzt/);

    // the Arabic companion page: after the German plan, right-to-left
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    const last = pages
      .at(-1)!
      .replace(/[\u200E\u200F\u202A-\u202E]/g, '')
      .replace(/\s+/g, ' ');
    expect(last).toContain('Maßgeblich ist allein der deutsche Kooperationsplan.');
    expect(last).toMatch(/[\u0600-\u06FF]/);
    expect(pages.slice(0, -1).join('')).not.toMatch(/[\u0600-\u06FF]/);
    const bidi = /[\u202A-\u202E]/g;
    const raw = pdfText(bytes, 'bg-raw', '-raw', '-f', String(pages.length), '-l', String(pages.length));
    // poppler marks each right-to-left run it finds with the RTL embedding mark
    expect(raw.match(/\u202B/g)?.length ?? 0).toBeGreaterThan(20);
    const layout = pdfText(
      bytes,
      'bg-layout',
      '-layout',
      '-f',
      String(pages.length),
      '-l',
      String(pages.length),
    )
      .replace(bidi, '')
      .split('\n');
    const title = layout.find((l) => l.includes('خطة') && l.includes('التعاون'))!;
    expect(title, 'the Arabic title is on the last page').toBeDefined();
    // a short right-to-left heading sits at the right margin: far from the left edge
    expect(title.search(/\S/)).toBeGreaterThan(25);

    // a reprint: stored bytes unchanged as prefix (same hash), plus "Ausfertigung vom …"
    const reprint = await b.call('plans:reprint', { handoverId: handover.id });
    const again = decode(reprint.pdfBase64);
    expect(reprint.sha256).toBe(handover.pdfSha256);
    expect(sha256(again.subarray(0, reprint.byteLength))).toBe(handover.pdfSha256);
    expect(again.byteLength).toBeGreaterThan(reprint.byteLength);
    const reprintText = pdfText(again, 'bg-reprint').replace(/\s+/g, ' ');
    expect(reprintText).toMatch(
      /Ausfertigung vom \d\d\.\d\d\.2026 – unveränderte Zweitschrift der am 02\.03\.2026 ausgehändigten Fassung 1/,
    );
    expect(reprintText).toContain('Arbeit als Fachkraft für Lagerlogistik in Torgau');
    pngs(again, 'buergergeld-reprint');
    // the stored document is what it was
    expect(sha256(decode((await b.call('plans:document', { handoverId: handover.id })).pdfBase64))).toBe(
      handover.pdfSha256,
    );
  });

  it('Grundsicherung: personal offer and the consequences when no plan is agreed or kept; a changed template leaves the stored version alone', async () => {
    const base = planTemplatesFrom();
    let changed = false;
    const templates: PlanTemplates = {
      forPlan(regimeId, planDate) {
        const t = base.forPlan(regimeId, planDate);
        if (!changed) return t;
        const texts = { ...t.texts, version: '2026.2' };
        const html = t.html.replace('<!--slot:heading-->', '<!--slot:heading--><p>GEÄNDERTE VORLAGE</p>');
        return { html, texts, version: '2026.2+geaendert' };
      },
    };
    b = await createWriteBackend({ clockStart: '2026-07-06T08:00:00.000Z', pdf, templates });

    const { planId } = await caseWithPlan(b, '2026-07-06', '2026-12-01', { companionLanguage: 'uk' });
    const handover = await b.call('plans:hand-over', { planId, form: 'e-mail', contact });
    const stored = decode((await b.call('plans:document', { handoverId: handover.id })).pdfBase64);
    const flat = pdfText(stored, 'gs').replace(/\s+/g, ' ');
    expect(flat).toContain('Neue Grundsicherung');
    expect(flat).toContain('Unser persönliches Angebot an Sie');
    expect(flat).toContain('Kommt kein Plan zustande oder halten Sie die vereinbarten Schritte nicht ein');
    expect(flat).toContain('Verwaltungsakt');
    expect(flat).not.toContain('Schlichtung');
    expect(flat).toContain('spätestens am 01.12.2026');
    expect(flat).toContain('Jobcenter Nordsachsen, Standort Torgau');
    expect(flat).toContain('Юридичну силу має лише німецький план');
    expect(flat).not.toMatch(/Rückenschmerzen|Physiotherapie/);
    expect(pngs(stored, 'grundsicherung-uk')).toBeGreaterThanOrEqual(2);

    // Fachadministration revises the template: the preview changes, the stored version does not
    changed = true;
    const preview = await b.call('plans:preview', { planId });
    expect(preview.html).toContain('GEÄNDERTE VORLAGE');
    expect(preview.templateVersion).toBe('2026.2+geaendert');
    const after = await b.call('plans:document', { handoverId: handover.id });
    expect(after.sha256).toBe(handover.pdfSha256);
    expect(decode(after.pdfBase64)).toEqual(stored);
    expect(pdfText(decode(after.pdfBase64), 'gs-after')).not.toContain('GEÄNDERTE VORLAGE');
    const reprint = await b.call('plans:reprint', { handoverId: handover.id });
    expect(sha256(decode(reprint.pdfBase64).subarray(0, reprint.byteLength))).toBe(handover.pdfSha256);
    expect(handover.templateVersion).toBe(base.forPlan('grundsicherung', '2026-07-06').version);
    expect(PLAN_TEXT_VERSIONS.map((v) => v.version)).toContain(handover.templateVersion!.split('+')[0]);
  });

  it('a health term typed into a step blocks the hand-over naming the step; preview and nothing stored print no health text', async () => {
    b = await createWriteBackend({ clockStart: '2026-03-02T08:00:00.000Z', pdf });
    const { planId } = await caseWithPlan(b, '2026-03-02', '2026-08-31', {
      mainSteps: [
        { text: 'Gabelstaplerschein erwerben', dueOn: null, responsible: 'person' },
        { text: 'Wegen der Depression regelmäßig zur Therapie gehen', dueOn: null, responsible: 'person' },
      ],
    });
    const missing = await b.call('plans:missing', { planId });
    expect(missing.missing).toHaveLength(1);
    expect(missing.missing[0]).toMatchObject({ field: 'mainSteps.1.text' });
    expect(missing.missing[0]!.message).toMatch(/^Schritt 2 enthält Gesundheitsangaben \(„Depression“\)/);

    const refused = await b.refused('plans:hand-over', { planId, form: 'ausdruck' });
    expect(refused.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(refused.issues).toEqual([{ path: 'mainSteps.1.text', message: missing.missing[0]!.message }]);
    expect(tableRows(b.t.raw, 'plan_handovers')).toHaveLength(0);
    expect(tableRows(b.t.raw, 'plan_documents')).toHaveLength(0);
    // the write service alone refuses it too (no path around the check)
    await expect(b.writes.plans.handOver(planId, 'ausdruck')).rejects.toMatchObject({
      code: 'DOMAIN_RULE_VIOLATED',
    });

    const preview = await b.call('plans:preview', { planId });
    const printed = pdfText(await pdf.render(preview.html), 'health').replace(/\s+/g, ' ');
    expect(printed).not.toMatch(/Depression|Therapie|Rückenschmerzen|Physiotherapie|Befund/);
    expect(printed).toContain('(Diese Angabe wird nicht gedruckt.)');
    expect(printed).toContain('Gabelstaplerschein erwerben');
  });
});
