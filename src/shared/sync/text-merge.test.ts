import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMergeableTextField } from './entities';
import { MAX_EDIT_DISTANCE, diffLines, mergeText, splitLines } from './text-merge';

const lines = (...xs: string[]) => xs.map((x) => `${x}\n`).join('');

describe('splitLines', () => {
  it('keeps line terminators, so joining gives the text back', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a')).toEqual(['a']);
    expect(splitLines('a\n')).toEqual(['a\n']);
    expect(splitLines('a\nb')).toEqual(['a\n', 'b']);
    expect(splitLines('a\r\n\nb\n')).toEqual(['a\r\n', '\n', 'b\n']);
    expect(splitLines('\n\n')).toEqual(['\n', '\n']);
  });
});

describe('mergeText', () => {
  const base = lines('Absatz 1', '', 'Absatz 2', '', 'Absatz 3');

  it('merges changes of different paragraphs', () => {
    const ours = lines('Absatz 1 (ergänzt)', '', 'Absatz 2', '', 'Absatz 3');
    const theirs = lines('Absatz 1', '', 'Absatz 2', '', 'Absatz 3 geändert');
    const merged = lines('Absatz 1 (ergänzt)', '', 'Absatz 2', '', 'Absatz 3 geändert');
    expect(mergeText(base, ours, theirs)).toEqual({ clean: true, text: merged });
    expect(mergeText(base, theirs, ours)).toEqual({ clean: true, text: merged });
  });

  it('merges changes of adjacent lines', () => {
    expect(mergeText(lines('a', 'b'), lines('A', 'b'), lines('a', 'B'))).toEqual({
      clean: true,
      text: lines('A', 'B'),
    });
  });

  it('merges an insertion with a deletion elsewhere, and appends at both ends', () => {
    expect(mergeText(lines('a', 'b', 'c'), lines('a', 'x', 'b', 'c'), lines('a', 'b'))).toEqual({
      clean: true,
      text: lines('a', 'x', 'b'),
    });
    expect(mergeText(lines('m'), lines('top', 'm'), lines('m', 'end'))).toEqual({
      clean: true,
      text: lines('top', 'm', 'end'),
    });
  });

  it('takes identical changes on both sides once', () => {
    const both = lines('Absatz 1', '', 'Absatz 2 neu', '', 'Absatz 3');
    expect(mergeText(base, both, both)).toEqual({ clean: true, text: both });
    // same change plus a different one elsewhere
    const ours = lines('Absatz 1 A', '', 'Absatz 2 neu', '', 'Absatz 3');
    const theirs = lines('Absatz 1', '', 'Absatz 2 neu', '', 'Absatz 3 B');
    expect(mergeText(base, ours, theirs)).toEqual({
      clean: true,
      text: lines('Absatz 1 A', '', 'Absatz 2 neu', '', 'Absatz 3 B'),
    });
  });

  it('reports overlapping different changes as a conflict with the hunk', () => {
    const ours = lines('Absatz 1', '', 'Absatz 2 von A', '', 'Absatz 3');
    const theirs = lines('Absatz 1', '', 'Absatz 2 von B', '', 'Absatz 3');
    expect(mergeText(base, ours, theirs)).toEqual({
      clean: false,
      conflicts: [
        {
          baseStart: 2,
          baseEnd: 3,
          base: 'Absatz 2\n',
          ours: 'Absatz 2 von A\n',
          theirs: 'Absatz 2 von B\n',
        },
      ],
    });
  });

  it('conflicts when a change overlaps a deletion', () => {
    const r = mergeText(lines('a', 'b', 'c'), lines('a', 'c'), lines('a', 'B', 'c'));
    expect(r.clean).toBe(false);
  });

  it('conflicts when both sides insert different text at the same position', () => {
    const r = mergeText(lines('a', 'b'), lines('a', 'x', 'b'), lines('a', 'y', 'b'));
    expect(r).toMatchObject({
      clean: false,
      conflicts: [{ baseStart: 1, baseEnd: 1, ours: 'x\n', theirs: 'y\n' }],
    });
    // appending different lines at the end
    expect(mergeText(lines('a'), lines('a', 'x'), lines('a', 'y')).clean).toBe(false);
  });

  it('conflicts when one side inserts inside a range the other side changes', () => {
    const r = mergeText(lines('a', 'b', 'c', 'd'), lines('a', 'b', 'x', 'c', 'd'), lines('a', 'B', 'C', 'd'));
    expect(r.clean).toBe(false);
  });

  it('handles a missing final newline', () => {
    // theirs adds the final newline, ours edits the first line
    expect(mergeText('a\nb', 'A\nb', 'a\nb\n')).toEqual({ clean: true, text: 'A\nb\n' });
    // ours appends a line (which gives the old last line its newline), theirs edits the first line
    expect(mergeText('a\nb', 'a\nb\nc', 'A\nb')).toEqual({ clean: true, text: 'A\nb\nc' });
    // both append different lines to a text without final newline
    expect(mergeText('a\nb', 'a\nb\nc', 'a\nb\nd').clean).toBe(false);
    // both remove the final newline: same change
    expect(mergeText('a\nb\n', 'a\nb', 'a\nb')).toEqual({ clean: true, text: 'a\nb' });
  });

  it('keeps CRLF line endings as they are', () => {
    const b = 'eins\r\nzwei\r\ndrei\r\n';
    expect(mergeText(b, 'EINS\r\nzwei\r\ndrei\r\n', 'eins\r\nzwei\r\nDREI\r\n')).toEqual({
      clean: true,
      text: 'EINS\r\nzwei\r\nDREI\r\n',
    });
  });

  it('merges from and to empty texts', () => {
    expect(mergeText('', 'a\n', '')).toEqual({ clean: true, text: 'a\n' });
    expect(mergeText('', '', 'b')).toEqual({ clean: true, text: 'b' });
    expect(mergeText('', 'a', 'b').clean).toBe(false);
    // deleting everything and appending touch different lines: the appended line survives
    expect(mergeText(lines('a', 'b'), '', lines('a', 'b', 'c'))).toEqual({ clean: true, text: 'c\n' });
    expect(mergeText(lines('a', 'b'), '', lines('a', 'B')).clean).toBe(false);
    expect(mergeText(lines('a', 'b'), '', '')).toEqual({ clean: true, text: '' });
  });

  it('handles repeated lines (blank lines between paragraphs)', () => {
    const b = lines('', '', 'x', '', '', 'y', '', '');
    const ours = lines('', '', 'x1', '', '', 'y', '', '');
    const theirs = lines('', '', 'x', '', '', 'y', '', '', 'z');
    expect(mergeText(b, ours, theirs)).toEqual({
      clean: true,
      text: lines('', '', 'x1', '', '', 'y', '', '', 'z'),
    });
  });

  // Its speed is measured by the bench (tests/bench/cases/sync.bench.ts), not asserted here.
  it('stays correct (if coarse) beyond the edit-distance budget', () => {
    const n = MAX_EDIT_DISTANCE + 500;
    const b = Array.from({ length: n }, (_, i) => `b${i}\n`).join('');
    const ours = Array.from({ length: n }, (_, i) => `o${i}\n`).join('');
    expect(mergeText(b, ours, b)).toEqual({ clean: true, text: ours });
    // a coarse hunk covers all of ours; theirs edits the first line: conflict, never a wrong text
    const theirs = `x\n${b.slice(b.indexOf('\n') + 1)}`;
    const r = mergeText(b, `${ours}tail\n`, theirs);
    expect(r.clean).toBe(false);
    // big notes with local edits still merge
    const big = Array.from({ length: 5000 }, (_, i) => `Zeile ${i}\n`).join('');
    const o2 = big.replace('Zeile 10\n', 'Zeile zehn\n');
    const t2 = big.replace('Zeile 4000\n', 'Zeile viertausend\n');
    expect(mergeText(big, o2, t2)).toEqual({
      clean: true,
      text: big.replace('Zeile 10\n', 'Zeile zehn\n').replace('Zeile 4000\n', 'Zeile viertausend\n'),
    });
  });
});

// ------------------------------------------------------------------ properties

/** Texts from a small line alphabet, so that repeated and shared lines are common. */
const lineArb = fc.constantFrom('a', 'b', 'c', '', 'Absatz', 'x y');
const textArb = fc
  .tuple(fc.array(lineArb, { maxLength: 12 }), fc.boolean(), fc.boolean())
  .map(([ls, finalNewline, crlf]) => {
    const nl = crlf ? '\r\n' : '\n';
    const body = ls.join(nl);
    return ls.length > 0 && finalNewline ? body + nl : body;
  });

/** A random base split into blocks, and per block an optional replacement for each side. */
const editArb = fc
  .array(
    fc.record({
      block: fc.array(
        fc.string({ maxLength: 4 }).map((s) => s.replace(/\n/g, '')),
        { maxLength: 3 },
      ),
      ours: fc.option(
        fc.array(
          fc.string({ maxLength: 4 }).map((s) => `o${s.replace(/\n/g, '')}`),
          { maxLength: 3 },
        ),
      ),
      theirs: fc.option(
        fc.array(
          fc.string({ maxLength: 4 }).map((s) => `t${s.replace(/\n/g, '')}`),
          { maxLength: 3 },
        ),
      ),
    }),
    { maxLength: 8 },
  )
  .map((blocks) => {
    // Separator lines keep every edit away from the next one, so the edits never overlap.
    const sep = (i: number) => [`--- ${i} ---`];
    const build = (pick: (b: (typeof blocks)[number]) => string[]) =>
      blocks
        .flatMap((b, i) => [...sep(i), ...pick(b)])
        .map((l) => `${l}\n`)
        .join('');
    const oursOnly = (b: (typeof blocks)[number], i: number) => b.ours !== null && i % 2 === 0;
    const theirsOnly = (b: (typeof blocks)[number], i: number) => b.theirs !== null && i % 2 === 1;
    const base = build((b) => b.block);
    const ours = blocks
      .flatMap((b, i) => [...sep(i), ...(oursOnly(b, i) ? b.ours! : b.block)])
      .map((l) => `${l}\n`)
      .join('');
    const theirs = blocks
      .flatMap((b, i) => [...sep(i), ...(theirsOnly(b, i) ? b.theirs! : b.block)])
      .map((l) => `${l}\n`)
      .join('');
    const expected = blocks
      .flatMap((b, i) => [...sep(i), ...(oursOnly(b, i) ? b.ours! : theirsOnly(b, i) ? b.theirs! : b.block)])
      .map((l) => `${l}\n`)
      .join('');
    return { base, ours, theirs, expected };
  });

/** Length of the longest common subsequence (quadratic, for small inputs). */
function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j += 1) {
      const up = row[j]!;
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

describe('diffLines properties', () => {
  it('gives sorted, disjoint hunks that turn base into the other text with a minimal number of line edits', () => {
    fc.assert(
      fc.property(textArb, textArb, (base, other) => {
        const hunks = diffLines(base, other);
        const a = splitLines(base);
        const out: string[] = [];
        let pos = 0;
        let edits = 0;
        for (const h of hunks) {
          expect(h.start).toBeGreaterThanOrEqual(pos);
          expect(h.start < h.end || h.lines.length > 0).toBe(true);
          out.push(...a.slice(pos, h.start), ...h.lines);
          edits += h.end - h.start + h.lines.length;
          pos = h.end;
        }
        out.push(...a.slice(pos));
        expect(out.join('')).toBe(other);
        const b = splitLines(other);
        expect(edits).toBe(a.length + b.length - 2 * lcs(a, b));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('mergeText properties', () => {
  it('one-sided edits win: merge(base, x, base) = x and merge(base, base, x) = x', () => {
    fc.assert(
      fc.property(textArb, textArb, (base, x) => {
        expect(mergeText(base, x, base)).toEqual({ clean: true, text: x });
        expect(mergeText(base, base, x)).toEqual({ clean: true, text: x });
      }),
      { numRuns: 500 },
    );
  });

  it('identical edits merge to themselves: merge(base, x, x) = x', () => {
    fc.assert(
      fc.property(textArb, textArb, (base, x) => {
        expect(mergeText(base, x, x)).toEqual({ clean: true, text: x });
      }),
      { numRuns: 500 },
    );
  });

  it('is symmetric: swapping sides gives the same clean text or a conflict again', () => {
    fc.assert(
      fc.property(textArb, textArb, textArb, (base, x, y) => {
        const a = mergeText(base, x, y);
        const b = mergeText(base, y, x);
        expect(b.clean).toBe(a.clean);
        if (a.clean && b.clean) expect(b.text).toBe(a.text);
      }),
      { numRuns: 1000 },
    );
  });

  it('reports conflicts inside the base, with two different sides', () => {
    fc.assert(
      fc.property(textArb, textArb, textArb, (base, x, y) => {
        const r = mergeText(base, x, y);
        if (r.clean) return;
        expect(r.conflicts.length).toBeGreaterThan(0);
        const n = splitLines(base).length;
        for (const c of r.conflicts) {
          expect(0 <= c.baseStart && c.baseStart <= c.baseEnd && c.baseEnd <= n).toBe(true);
          expect(c.ours).not.toBe(c.theirs);
          expect(c.base).toBe(splitLines(base).slice(c.baseStart, c.baseEnd).join(''));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('non-overlapping edits of a random base merge cleanly and commute', () => {
    fc.assert(
      fc.property(editArb, ({ base, ours, theirs, expected }) => {
        expect(mergeText(base, ours, theirs)).toEqual({ clean: true, text: expected });
        expect(mergeText(base, theirs, ours)).toEqual({ clean: true, text: expected });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isMergeableTextField', () => {
  it('names note bodies only', () => {
    expect(isMergeableTextField('notes', 'body')).toBe(true);
    expect(isMergeableTextField('notes', 'title')).toBe(false);
    expect(isMergeableTextField('persons', 'body')).toBe(false);
    expect(isMergeableTextField('__proto__', 'body')).toBe(false);
  });
});
