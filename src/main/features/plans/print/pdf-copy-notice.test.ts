import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendCopyNotice, PdfStructureError } from './pdf-copy-notice';

/** A minimal classic PDF from object bodies (numbered from 1), with a correct xref table. */
function pdfOf(objects: string[], trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<</Size ${objects.length + 1}\n/Root 1 0 R${trailerExtra}>>\nstartxref\n${xref}\n%%EOF`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('appendCopyNotice (incremental update)', () => {
  it('nested page tree, referenced resources, a contents array: the stored bytes stay a prefix', () => {
    const original = pdfOf(
      [
        '<</Type /Catalog /Pages 2 0 R>>',
        '<</Type /Pages /Kids [3 0 R] /Count 1>>',
        '<</Type /Pages /Parent 2 0 R /Kids [4 0 R] /Count 1>>',
        '<</Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents [6 0 R]>>',
        '<</Font <</F1 7 0 R>>>>',
        '<</Length 0>>\nstream\n\nendstream',
        '<</Type /Font /Subtype /Type1 /BaseFont /Times-Roman>>',
      ],
      '\n/ID [<AA> <AA>]',
    );
    const out = appendCopyNotice(original, 'Ausfertigung vom 01.12.2026 – (Zweitschrift) ä\\ €');
    expect(sha(out.subarray(0, original.length))).toBe(sha(original));
    const tail = text(out.subarray(original.length));
    expect(tail).toContain(
      '4 0 obj\n<</Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents [9 0 R 6 0 R 10 0 R]>>',
    );
    expect(tail).toContain('5 0 obj\n<</Font <</FLotseCopy 8 0 R /F1 7 0 R>>>>');
    expect(tail).toContain('(Ausfertigung vom 01.12.2026 \\226 \\(Zweitschrift\\) \\344\\\\ ?) Tj');
    expect(tail).toContain('62 812.00 Td');
    expect(tail).toMatch(/\/Prev \d+>>\nstartxref\n\d+\n%%EOF\n$/);
    expect(tail).toContain('/ID [<AA> <AA>]');
    // every new xref entry points at its object
    const whole = text(out);
    for (const m of tail.matchAll(/^(\d+) 1\n(\d{10}) 00000 n $/gm)) {
      expect(whole.startsWith(`${m[1]} 0 obj`, Number(m[2]))).toBe(true);
    }
    // a second reprint of the same bytes is the same (deterministic)
    expect(appendCopyNotice(original, 'x')).toEqual(appendCopyNotice(original, 'x'));
  });

  it('inline resources without fonts, single contents: a font dictionary is added', () => {
    const original = pdfOf([
      '<</Type /Catalog /Pages 2 0 R>>',
      '<</Type /Pages /Kids [3 0 R] /Count 1>>',
      '<</Type /Page /Parent 2 0 R /Resources <</ProcSet [/PDF] /ExtGState <</G1 5 0 R>>>> /Contents 4 0 R>>',
      '<</Length 0>>\nstream\n\nendstream',
      '<</Type /ExtGState>>',
    ]);
    const tail = text(appendCopyNotice(original, 'A').subarray(original.length));
    expect(tail).toContain(
      '/Resources <</Font <</FLotseCopy 6 0 R>> /ProcSet [/PDF] /ExtGState <</G1 5 0 R>>>> /Contents [7 0 R 4 0 R 8 0 R]',
    );
    expect(tail).toContain('62 812.00 Td'); // A4 height assumed without a MediaBox on the page
  });

  it('refuses what it does not understand, naming it in German', () => {
    const bad = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
    expect(() => appendCopyNotice(bad('%PDF-1.7\n'), 'x')).toThrow(/startxref fehlt/);
    expect(() => appendCopyNotice(bad('%PDF-1.7\n1 0 obj\n<<>>\nendobj\nstartxref\n9\n%%EOF'), 'x')).toThrow(
      /keine klassische Querverweistabelle/,
    );
    const noResources = pdfOf([
      '<</Type /Catalog /Pages 2 0 R>>',
      '<</Type /Pages /Kids [3 0 R] /Count 1>>',
      '<</Type /Page /Parent 2 0 R /Contents 4 0 R>>',
      '<</Length 0>>\nstream\n\nendstream',
    ]);
    expect(() => appendCopyNotice(noResources, 'x')).toThrow(PdfStructureError);
    const noContents = pdfOf([
      '<</Type /Catalog /Pages 2 0 R>>',
      '<</Type /Pages /Kids [3 0 R] /Count 1>>',
      '<</Type /Page /Parent 2 0 R /Resources <<>>>>',
    ]);
    expect(() => appendCopyNotice(noContents, 'x')).toThrow(/keinen Inhalt/);
    const noPages = pdfOf(['<</Type /Catalog>>']);
    expect(() => appendCopyNotice(noPages, 'x')).toThrow(/keine erste Seite/);
  });
});
