/**
 * "Ausfertigung vom …" on a reprint WITHOUT touching the stored document: the notice is appended to
 * the stored PDF as an incremental update (ISO 32000-1 § 7.5.6), the mechanism PDF signatures use.
 * The stored bytes stay an unchanged prefix of the reprint, so the SHA-256 of the first
 * `original.length` bytes still matches the hash recorded at the hand-over; a PDF reader shows the
 * updated first page with one extra line in the top margin (marked as an artifact for screen readers).
 *
 * Supports what Chromium (Skia) writes: classic cross-reference tables, page objects with a direct
 * /Contents reference or array and inline or referenced /Resources. Anything else is refused.
 */
const latin1 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

export class PdfStructureError extends Error {
  constructor(what: string) {
    super(`Die gespeicherte PDF-Datei hat einen unerwarteten Aufbau: ${what}`);
    this.name = 'PdfStructureError';
  }
}

interface Parsed {
  readonly text: string;
  readonly prevXref: number;
  readonly size: number;
  readonly trailer: string;
  readonly offsets: Map<number, number>;
}

function parse(pdf: Uint8Array): Parsed {
  const text = latin1(pdf);
  const sx = [...text.matchAll(/startxref\s+(\d+)/g)].at(-1);
  if (!sx) throw new PdfStructureError('startxref fehlt');
  const prevXref = Number(sx[1]);
  if (!text.startsWith('xref', prevXref)) throw new PdfStructureError('keine klassische Querverweistabelle');
  const trailerAt = text.indexOf('trailer', prevXref);
  if (trailerAt < 0) throw new PdfStructureError('trailer fehlt');
  const trailer = text.slice(trailerAt + 7, sx.index);
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1] ?? NaN);
  if (!Number.isInteger(size)) throw new PdfStructureError('/Size fehlt');
  const offsets = new Map<number, number>();
  const lines = text
    .slice(prevXref + 4, trailerAt)
    .trim()
    .split(/\r?\n|\r/);
  let next = 0;
  for (const line of lines) {
    const sub = /^(\d+)\s+(\d+)$/.exec(line.trim());
    if (sub) {
      next = Number(sub[1]);
      continue;
    }
    const entry = /^(\d{10})\s+(\d{5})\s+([nf])/.exec(line.trim());
    if (!entry) continue;
    if (entry[3] === 'n') offsets.set(next, Number(entry[1]));
    next += 1;
  }
  return { text, prevXref, size, trailer, offsets };
}

function objectBody(p: Parsed, num: number): string {
  const at = p.offsets.get(num);
  if (at === undefined) throw new PdfStructureError(`Objekt ${num} fehlt`);
  const header = new RegExp(`^${num}\\s+0\\s+obj\\s*`).exec(p.text.slice(at, at + 40));
  if (!header) throw new PdfStructureError(`Objekt ${num} steht nicht an seiner Stelle`);
  const end = p.text.indexOf('endobj', at);
  return p.text.slice(at + header[0].length, end).trim();
}

const ref = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

function firstPage(p: Parsed): { num: number; body: string } {
  const root = ref(p.trailer, 'Root');
  if (root === undefined) throw new PdfStructureError('/Root fehlt');
  let node = ref(objectBody(p, root), 'Pages');
  for (let depth = 0; node !== undefined && depth < 32; depth++) {
    const body = objectBody(p, node);
    if (/\/Type\s*\/Page(?!s)/.test(body)) return { num: node, body };
    const kid = /\/Kids\s*\[\s*(\d+)\s+0\s+R/.exec(body);
    node = kid ? Number(kid[1]) : undefined;
  }
  throw new PdfStructureError('keine erste Seite');
}

/** WinAnsi string literal (German letters, en dash, middle dot); other characters become '?'. */
function pdfString(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch === '–' ? 0x96 : ch.codePointAt(0)!;
    if (code === 0x28 || code === 0x29 || code === 0x5c) out += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if ((code >= 0xa0 && code <= 0xff) || code === 0x96) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += '?';
  }
  return `(${out})`;
}

/** Adds a font to a resources dictionary text. */
function withFont(resources: string, fontRef: string): string {
  if (/\/Font\s*<</.test(resources))
    return resources.replace(/\/Font\s*<</, `/Font <</FLotseCopy ${fontRef} `);
  if (/\/Font\s+\d+\s+0\s+R/.test(resources)) throw new PdfStructureError('Schriften als Verweis');
  return resources.replace(/^<</, `<</Font <</FLotseCopy ${fontRef}>> `);
}

/** The stored PDF plus an incremental update that prints `notice` in the top margin of page 1. */
export function appendCopyNotice(pdf: Uint8Array, notice: string): Uint8Array {
  const p = parse(pdf);
  const page = firstPage(p);
  const height = Number(
    /\/MediaBox\s*\[\s*[\d.]+\s+[\d.]+\s+[\d.]+\s+([\d.]+)\s*\]/.exec(page.body)?.[1] ?? 842,
  );
  const [fontNum, preNum, postNum] = [p.size, p.size + 1, p.size + 2];
  const updated = new Map<number, string>();
  let pageBody = page.body;
  const inline = /\/Resources\s*<</.exec(pageBody);
  const resRef = ref(pageBody, 'Resources');
  if (inline) {
    // the inline dictionary runs to its matching '>>'
    let depth = 0;
    let i = inline.index + inline[0].length - 2;
    for (; i < pageBody.length; i++) {
      if (pageBody.startsWith('<<', i)) {
        depth++;
        i++;
      } else if (pageBody.startsWith('>>', i)) {
        depth--;
        i++;
        if (depth === 0) break;
      }
    }
    const start = inline.index + inline[0].length - 2;
    pageBody =
      pageBody.slice(0, start) +
      withFont(pageBody.slice(start, i + 1), `${fontNum} 0 R`) +
      pageBody.slice(i + 1);
  } else if (resRef !== undefined) {
    updated.set(resRef, withFont(objectBody(p, resRef), `${fontNum} 0 R`));
  } else {
    throw new PdfStructureError('die erste Seite hat keine Ressourcen');
  }
  const single = /\/Contents\s+(\d+)\s+0\s+R/.exec(pageBody);
  const array = /\/Contents\s*\[([^\]]*)\]/.exec(pageBody);
  if (single)
    pageBody = pageBody.replace(single[0], `/Contents [${preNum} 0 R ${single[1]} 0 R ${postNum} 0 R]`);
  else if (array)
    pageBody = pageBody.replace(array[0], `/Contents [${preNum} 0 R ${array[1]!.trim()} ${postNum} 0 R]`);
  else throw new PdfStructureError('die erste Seite hat keinen Inhalt');
  updated.set(page.num, pageBody);

  const stream = (content: string) => `<</Length ${content.length}>>\nstream\n${content}\nendstream`;
  const y = (height - 30).toFixed(2);
  const draw = `Q\nq\n/Artifact BMC\nBT\n/FLotseCopy 8 Tf\n0 g\n62 ${y} Td\n${pdfString(notice)} Tj\nET\nEMC\nQ`;
  updated.set(fontNum, '<</Type /Font\n/Subtype /Type1\n/BaseFont /Helvetica\n/Encoding /WinAnsiEncoding>>');
  updated.set(preNum, stream('q'));
  updated.set(postNum, stream(draw));

  let out = p.text.endsWith('\n') ? '' : '\n';
  const base = pdf.length;
  const offsets: [number, number][] = [];
  for (const [num, body] of [...updated].sort((a, b) => a[0] - b[0])) {
    offsets.push([num, base + out.length]);
    out += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const xrefAt = base + out.length;
  out += 'xref\n';
  for (const [num, at] of offsets) out += `${num} 1\n${String(at).padStart(10, '0')} 00000 n \n`;
  const keep = ['Root', 'Info']
    .map((k) => new RegExp(`/${k}\\s+\\d+\\s+0\\s+R`).exec(p.trailer)?.[0])
    .filter(Boolean)
    .join('\n');
  const id = /\/ID\s*\[[^\]]*\]/.exec(p.trailer)?.[0];
  out += `trailer\n<</Size ${p.size + 3}\n${keep}${id ? `\n${id}` : ''}\n/Prev ${p.prevXref}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  // the leading newline (when the file lacks one) belongs to the update, not to the stored bytes
  const tail = Buffer.from(out, 'latin1');
  const result = new Uint8Array(pdf.length + tail.length);
  result.set(pdf, 0);
  result.set(tail, pdf.length);
  return result;
}
