/**
 * The quality report (issue 15 item 3) through the real IPC dispatch on an encrypted store with
 * the demo data (200 cases, seed 2026) spread over a team of three, printed by Chromium (page.pdf):
 * pdftotext shows the title, the scope, the date, German numbers and the per-caseworker figures of
 * the dashboard (caseworkers by the names of the store's team directory), page numbers, and no name of a person of the demo data nor any case number. The
 * pages are turned into PNGs (pdftoppm, kept under test-results/quality-report for looking at).
 * The team scope is refused for a caseworker like the dashboard's.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCases } from '../../../src/shared/demo/demo-data';
import { nodeSha256, seedDemoData } from '../../../src/main/features/demo/seed-demo';
import { demoTeamDirectory } from '../../../src/main/features/demo/demo-directory';
import { createChromiumPdfRenderer } from '../../../src/main/features/plans/print/chromium-pdf-renderer';
import type { PdfRenderer } from '../../../src/main/features/plans/print/pdf-renderer';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';

const TODAY = '2026-11-23';
const DEMO = { cases: 200, seed: 2026, today: TODAY, sha256: nodeSha256 } as const;
const TEAM = ['ifk-7', 'ifk-8', 'ifk-9'];
/** The names the demo data's team directory gives them (the report names caseworkers from it). */
const NAMES = new Map(demoTeamDirectory(TEAM).map((m) => [m.id, m.displayName]));
const LOOK_DIR = resolve('test-results/quality-report');

let work: string;
let pdf: PdfRenderer;
let lead: WriteBackend;
let caseworker: WriteBackend;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lotse-quality-pdf-'));
  mkdirSync(LOOK_DIR, { recursive: true });
  pdf = createChromiumPdfRenderer();
  const clockStart = `${TODAY}T09:00:00.000Z`;
  lead = await createWriteBackend({ clockStart, stepMs: 0, role: 'team_lead', pdf });
  caseworker = await createWriteBackend({ clockStart, stepMs: 0, pdf });
  for (const b of [lead, caseworker]) seedDemoData(b.t.raw, { ...DEMO, caseworkers: TEAM });
}, 60_000);

afterAll(async () => {
  await lead?.t.destroy();
  await caseworker?.t.destroy();
  await pdf?.close();
  rmSync(work, { recursive: true, force: true });
});

function textOf(base64: string, name: string): string {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  writeFileSync(join(LOOK_DIR, `${name}.pdf`), Buffer.from(base64, 'base64'));
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(LOOK_DIR, name)]);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

const generated = [...generateDemoCases({ ...DEMO, caseworkers: TEAM })];

describe('quality:report', () => {
  it('prints the team figures per caseworker without persons or case numbers', async () => {
    const d = await lead.call('quality:dashboard', { scope: 'team' });
    const report = await lead.call('quality:report', { scope: 'team' });
    expect(report.fileName).toBe(`Qualitaetsbericht-Team-${TODAY}.pdf`);
    expect(Buffer.from(report.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const text = textOf(report.pdfBase64, 'team');
    expect(text).toContain('Qualitätsbericht');
    expect(text).toContain('Stand: 23.11.2026');
    expect(text).toMatch(/Team – alle offenen Fälle .*3 Fachkräfte/);
    expect(text).toMatch(/Seite 1 von [2-9]/);
    expect(text).toContain('Verlauf');
    expect(text).toContain('November 2026');
    expect(text).toContain('Dezember 2025');
    // per caseworker: the name (team directory) and the number of cases in one line of the first table
    for (const c of d.caseworkers)
      expect(text).toMatch(
        new RegExp(`${NAMES.get(c.caseworkerId)!}\\s+${c.figures.cases}\\s+${c.figures.phases[1]}\\s`),
      );
    expect(text).not.toContain('ifk-');
    expect(text).toMatch(new RegExp(`Gesamt\\s+${d.total.cases}\\s`));
    // contacts per case with a German decimal comma
    expect(text).toContain(
      new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
        d.total.contactsPerCase,
      ),
    );
    // no person, no case number
    for (const g of generated) {
      expect(text).not.toContain(g.case.caseNumber);
      expect(text).not.toContain(`${g.person.lastName}, ${g.person.firstName}`);
    }
    expect(text).not.toMatch(/Müller|Schmidt|Yılmaz|Bondarenko/);
  }, 60_000);

  it('prints a caseworker their own caseload and refuses the team scope', async () => {
    const report = await caseworker.call('quality:report', { scope: 'own' });
    const text = textOf(report.pdfBase64, 'own');
    expect(text).toContain(`Eigener Bestand der Fachkraft ${NAMES.get('ifk-7')!}`);
    expect(text).not.toContain(NAMES.get('ifk-8')!);
    expect(text).not.toContain('ifk-');
    const refused = await caseworker.refused('quality:report', { scope: 'team' });
    expect(refused.code).toBe('FORBIDDEN');
    expect((await caseworker.refused('quality:report', { scope: 'alle' })).code).toBe('VALIDATION_FAILED');
    expect((await caseworker.refused('quality:report', { scope: 'own', extra: 1 })).code).toBe(
      'VALIDATION_FAILED',
    );
  }, 60_000);
});
