/**
 * The blank consent forms (issue 12 item 6) printed by Chromium (page.pdf) as a person gets them:
 * one A4 page per copy (no form runs onto a second page), the German wording in reading order, the
 * tick boxes beside each purpose. The pages are turned into PNGs (pdftoppm, kept under
 * test-results/consent-form for looking at).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../../src/main/features/plans/print/chromium-pdf-renderer';
import type { PdfRenderer } from '../../../src/main/features/plans/print/pdf-renderer';
import { renderConsentForms } from '../../../src/shared/domain/outreach/consent-form';

const LOCATION = 'JVA Torgau, Haus 2 (Sozialdienst, Besprechungsraum im Erdgeschoss)'.padEnd(
  200,
  ', Zugang über die Pforte am Hauptgebäude',
);
const LOOK_DIR = resolve('test-results/consent-form');
let work: string;
let pdf: PdfRenderer;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'lotse-consent-pdf-'));
  mkdirSync(LOOK_DIR, { recursive: true });
  pdf = createChromiumPdfRenderer();
});
afterAll(async () => {
  await pdf.close();
  rmSync(work, { recursive: true, force: true });
});

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8' });
}

describe('blank consent forms as PDF', () => {
  it('prints one A4 page per form with every part of the form on it', async () => {
    const bytes = await pdf.render(
      renderConsentForms({
        day: '2026-12-02',
        // the longest place the input allows (200 characters) must not push a form onto a second page
        location: LOCATION,
        officeName: 'Jobcenter Nordsachsen, Standort Torgau',
        copies: 2,
      }),
    );
    const file = join(work, 'forms.pdf');
    writeFileSync(file, bytes);
    writeFileSync(join(LOOK_DIR, 'forms.pdf'), bytes);
    run('pdftoppm', ['-png', '-r', '60', file, join(LOOK_DIR, 'forms')]);
    expect(LOCATION).toHaveLength(200);
    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/Pages:\s+2\n/);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    for (const page of [1, 2]) {
      const text = run('pdftotext', [
        '-f',
        String(page),
        '-l',
        String(page),
        '-enc',
        'UTF-8',
        file,
        '-',
      ]).replace(/\s+/g, ' ');
      expect(text).toContain('Einwilligung in die Verarbeitung personenbezogener Daten');
      expect(text).toContain('Sprechtag am 02.12.2026 in JVA Torgau, Haus 2');
      expect(text).toContain('nein');
      expect(text).toContain('Unterschrift der Person');
      expect(text).toContain('Nur für das Jobcenter');
      // each purpose is answered with its own "ja" and "nein" box, nothing pre-ticked
      expect(text.match(/ ja nein/g)).toHaveLength(3);
      expect(text).toContain('Art. 7 Abs. 3 DSGVO');
    }
  }, 60_000);
});
