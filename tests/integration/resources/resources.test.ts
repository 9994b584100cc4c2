/**
 * Every file in resources/ that holds catalogue or rule data is validated by its schema, and a
 * malformed copy fails with a message that names the file and the entry. The HTML templates of the
 * Kooperationsplan are checked for their slots.
 */
import { inlineIncludes } from '../../../src/main/features/plans/print/plan-templates';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResourceDataError } from '../../../src/shared/domain/common/resource-data';
import { defaultLegalRegimes, REGIME_IDS } from '../../../src/shared/domain/legal/legal-regimes';
import { templateProblems } from '../../../src/shared/domain/plan/plan-document';
import { parsePlanTexts } from '../../../src/shared/domain/plan/plan-texts';
import { RESOURCE_PARSERS } from '../../../src/shared/domain/reference-data';

const ROOT = join(import.meta.dirname, '../../../resources');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return jsonFiles(path);
    return e.name.endsWith('.json') ? [relative(ROOT, path).split('\\').join('/')] : [];
  });
}

type Entry = Record<string, unknown>;
/** How an entry is named: its id, or its code (occupations). */
const keyOf = (e: Entry) => (typeof e.id === 'string' ? 'id' : 'code');

/** The first array of objects with string ids (or codes) anywhere in the document (depth-first). */
function firstIdList(node: unknown): Entry[] | undefined {
  if (Array.isArray(node)) {
    const named = (x: unknown) =>
      x !== null &&
      typeof x === 'object' &&
      (typeof (x as Entry).id === 'string' || typeof (x as Entry).code === 'string');
    if (node.length > 0 && node.every(named)) return node as Entry[];
    for (const x of node) {
      const found = firstIdList(x);
      if (found) return found;
    }
  } else if (node !== null && typeof node === 'object') {
    for (const value of Object.values(node)) {
      const found = firstIdList(value);
      if (found) return found;
    }
  }
  return undefined;
}

function failure(
  parse: (d: unknown, s: string) => unknown,
  data: unknown,
  source: string,
): ResourceDataError {
  try {
    parse(data, source);
  } catch (error) {
    if (error instanceof ResourceDataError) return error;
    throw error;
  }
  throw new Error(`${source}: the malformed copy was accepted`);
}

const files = jsonFiles(ROOT);

describe('resources/', () => {
  it('holds the catalogue and rule files, each with a schema', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
    expect(files.filter((f) => !RESOURCE_PARSERS[f])).toEqual([]);
  });

  describe.each(files)('%s', (file) => {
    const data: unknown = JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
    const parse = RESOURCE_PARSERS[file]!;

    it('is valid', () => {
      expect(() => parse(data, file)).not.toThrow();
    });

    it('an empty document fails naming the file', () => {
      const error = failure(parse, {}, file);
      expect(error.message.startsWith(`${file}:`)).toBe(true);
      expect(error.problems.length).toBeGreaterThan(0);
    });

    it('a duplicated entry fails naming the file and the entry id', () => {
      const copy = structuredClone(data);
      const list = firstIdList(copy);
      expect(list, 'the document has a list of entries with ids').toBeDefined();
      const first = list![0]!;
      list!.push(structuredClone(first));
      const error = failure(parse, copy, file);
      expect(error.message).toContain(file);
      expect(error.problems.join('\n')).toContain(`"${String(first[keyOf(first)])}"`);
    });

    it('an entry with a wrongly typed field fails naming the file and the entry id', () => {
      const copy = structuredClone(data);
      const first = firstIdList(copy)![0]!;
      const key = keyOf(first);
      const field = Object.keys(first).find((k) => k !== key && typeof first[k] === 'string');
      expect(field, 'the entry has a text field besides its id').toBeDefined();
      first[field!] = 42;
      const error = failure(parse, copy, file);
      expect(error.message).toContain(file);
      expect(error.problems.join('\n')).toContain(`(${key} "${String(first[key])}") › ${field}`);
    });
  });
});

describe('resources/templates/kooperationsplan (HTML templates, one per legal regime)', () => {
  const dir = join(ROOT, 'templates/kooperationsplan');
  const htmlFiles = readdirSync(dir).filter((f) => f.endsWith('.html'));

  it('has a template for every regime and no other', () => {
    expect(htmlFiles.sort()).toEqual(REGIME_IDS.map((r) => `${r}.html`).sort());
  });

  describe.each(REGIME_IDS)('%s.html', (id) => {
    const html = inlineIncludes(readFileSync(join(dir, `${id}.html`), 'utf8'), (name) =>
      readFileSync(join(dir, name), 'utf8'),
    );
    const regime = defaultLegalRegimes.regimes.find((r) => r.id === id)!;

    it('has every slot its regime needs, A4 print CSS and lang="de"', () => {
      expect(templateProblems(html, regime)).toEqual([]);
      expect(html).toMatch(/@page\s*\{[^}]*size:\s*A4/);
    });

    it('a copy without a slot or with an unknown slot fails naming it', () => {
      expect(templateProblems(html.replace('<!--slot:points-->', ''), regime)).toEqual([
        'der Platzhalter <!--slot:points--> fehlt',
      ]);
      expect(templateProblems(`${html}<!--slot:diagnose-->`, regime)).toEqual([
        'unbekannter Platzhalter diagnose',
      ]);
    });
  });

  it('inlines the shared print CSS; an include of a missing file fails when read', () => {
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    const html = inlineIncludes('<head><!--include:plan.css--></head>', read);
    expect(html).toContain('size: A4');
    expect(html).not.toContain('<!--include:');
    expect(() => inlineIncludes('<!--include:fehlt.css-->', read)).toThrow(/fehlt\.css/);
  });

  it('the Grundsicherung template prints the personal offer, the Bürgergeld one need not', () => {
    const gs = defaultLegalRegimes.regimes.find((r) => r.id === 'grundsicherung')!;
    const without = readFileSync(join(dir, 'grundsicherung.html'), 'utf8').replace(
      '<!--slot:personalOffer-->',
      '',
    );
    expect(templateProblems(without, gs)).toEqual(['der Platzhalter <!--slot:personalOffer--> fehlt']);
  });

  it('every text version file is named after its version and lists every office and language', () => {
    const texts = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(texts.length).toBeGreaterThanOrEqual(1);
    for (const f of texts) {
      const data = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { version: string };
      const file = `templates/kooperationsplan/${f}`;
      expect(() => parsePlanTexts(data, file)).not.toThrow();
      expect(() => parsePlanTexts(data, 'templates/kooperationsplan/texte-1999.1.json')).toThrow(
        /texte-2026\.1\.json|heißen/,
      );
      const copy = structuredClone(data) as unknown as { companion: { id: string }[] };
      copy.companion = copy.companion.filter((c) => c.id !== 'ar');
      expect(() => parsePlanTexts(copy, file)).toThrow(/die Sprache "ar" fehlt/);
    }
  });
});
