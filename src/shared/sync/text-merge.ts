/**
 * Line-based 3-way merge (diff3) for free-text fields (SYNC.md §4.4, "Notes (free text)"). Pure.
 *
 * Each side is diffed against the base (Myers, line granularity); the resulting hunks are grouped
 * where they overlap. A group changed by one side only takes that side; a group where both sides
 * produce the same text takes it once; anything else is a conflict.
 *
 * - Lines keep their terminator ("\n", so "\r\n" keeps its "\r"): joining the lines gives the text
 *   back exactly. A last line without "\n" is a different line from the same line with "\n", so
 *   adding or removing the final newline is an edit of the last line.
 * - Overlap: two hunks overlap if their base ranges share a line, if both insert at the same
 *   position, or if one inserts strictly inside a range the other changes. Changes of adjacent
 *   lines (and an insertion right before or after a changed range) merge.
 * - The diff is bounded (`MAX_EDIT_DISTANCE`): beyond it the differing middle becomes one hunk,
 *   which can only turn a clean merge into a conflict, never produce a wrong text.
 */

/** A region both sides changed differently. Line indices are 0-based into the base, end exclusive. */
export interface MergeConflict {
  readonly baseStart: number;
  readonly baseEnd: number;
  readonly base: string;
  readonly ours: string;
  readonly theirs: string;
}

export type MergeResult =
  | { readonly clean: true; readonly text: string }
  | { readonly clean: false; readonly conflicts: readonly MergeConflict[] };

/** Beyond this many inserted + deleted lines (after trimming common ends) the diff gets coarse. */
export const MAX_EDIT_DISTANCE = 1000;

/** Splits into lines that keep their "\n"; the last line may lack it. "" has no lines. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) break;
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** Replace base lines [start, end) by `lines`. */
interface Hunk {
  readonly start: number;
  readonly end: number;
  readonly lines: readonly number[];
}

/** Myers diff of two line-id arrays, as hunks against `a`. */
function diff(a: readonly number[], b: readonly number[]): Hunk[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre += 1;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf])
    suf += 1;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  if (n === 0 && m === 0) return [];
  const whole: Hunk[] = [{ start: pre, end: pre + n, lines: b.slice(pre, pre + m) }];
  if (n === 0 || m === 0) return whole;
  const A = (i: number) => a[pre + i]!;
  const B = (j: number) => b[pre + j]!;

  const budget = Math.min(n + m, MAX_EDIT_DISTANCE);
  const off = budget + 1;
  const v = new Int32Array(2 * budget + 3);
  // trace[d]: the V band [-d-1, d+1] before round d
  const trace: Int32Array[] = [];
  let found = -1;
  outer: for (let d = 0; d <= budget; d += 1) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && A(x) === B(y)) {
        x += 1;
        y += 1;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break outer;
      }
    }
  }
  if (found < 0) return whole;

  // Backtrack to the matched diagonals, then read hunks off the gaps between them.
  const matches: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d -= 1) {
    const band = trace[d]!;
    const at = (k: number) => band[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      matches.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  matches.reverse();
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  for (const [mx, my] of [...matches, [n, m] as [number, number]]) {
    if (mx > i || my > j) {
      const lines: number[] = [];
      for (let t = j; t < my; t += 1) lines.push(B(t));
      hunks.push({ start: pre + i, end: pre + mx, lines });
    }
    i = mx + 1;
    j = my + 1;
  }
  return hunks;
}

/** Line diff of `other` against `base` as hunks (exported for tests and tools). */
export function diffLines(
  base: string,
  other: string,
): { readonly start: number; readonly end: number; readonly lines: readonly string[] }[] {
  const ids = new Map<string, number>();
  const intern = (text: string) =>
    splitLines(text).map((line) => {
      let id = ids.get(line);
      if (id === undefined) {
        id = ids.size;
        ids.set(line, id);
      }
      return id;
    });
  const a = intern(base);
  const otherLines = splitLines(other);
  const b = intern(other);
  const byId = new Map(b.map((id, i) => [id, otherLines[i]!]));
  return diff(a, b).map((h) => ({ start: h.start, end: h.end, lines: h.lines.map((id) => byId.get(id)!) }));
}

function overlaps(a: Hunk, s: number, e: number): boolean {
  const aEmpty = a.start === a.end;
  const bEmpty = s === e;
  if (aEmpty && bEmpty) return a.start === s;
  if (aEmpty) return s < a.start && a.start < e;
  if (bEmpty) return a.start < s && s < a.end;
  return a.start < e && s < a.end;
}

/** The text of base lines [start, end) with the side's hunks (all within the range) applied. */
function applyHunks(base: readonly number[], start: number, end: number, hunks: readonly Hunk[]): number[] {
  const out: number[] = [];
  let pos = start;
  for (const h of hunks) {
    for (; pos < h.start; pos += 1) out.push(base[pos]!);
    out.push(...h.lines);
    pos = h.end;
  }
  for (; pos < end; pos += 1) out.push(base[pos]!);
  return out;
}

function sameLines(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** 3-way merge of `ours` and `theirs`, both edited from `base`. */
export function mergeText(base: string, ours: string, theirs: string): MergeResult {
  if (ours === theirs || theirs === base) return { clean: true, text: ours };
  if (ours === base) return { clean: true, text: theirs };

  const ids = new Map<string, number>();
  const texts: string[] = [];
  const intern = (text: string) =>
    splitLines(text).map((line) => {
      let id = ids.get(line);
      if (id === undefined) {
        id = texts.length;
        ids.set(line, id);
        texts.push(line);
      }
      return id;
    });
  const b = intern(base);
  const o = intern(ours);
  const t = intern(theirs);
  const join = (lines: readonly number[]) => lines.map((id) => texts[id]!).join('');

  const tagged = [
    ...diff(b, o).map((h) => ({ h, ours: true })),
    ...diff(b, t).map((h) => ({ h, ours: false })),
  ].sort((x, y) => x.h.start - y.h.start || x.h.end - y.h.end);

  const out: number[] = [];
  const conflicts: MergeConflict[] = [];
  let pos = 0;
  let idx = 0;
  while (idx < tagged.length) {
    let start = tagged[idx]!.h.start;
    let end = tagged[idx]!.h.end;
    const group = [tagged[idx]!];
    idx += 1;
    while (idx < tagged.length && overlaps(tagged[idx]!.h, start, end)) {
      const next = tagged[idx]!;
      group.push(next);
      start = Math.min(start, next.h.start);
      end = Math.max(end, next.h.end);
      idx += 1;
    }
    for (; pos < start; pos += 1) out.push(b[pos]!);
    pos = end;
    const oursHunks = group.filter((g) => g.ours).map((g) => g.h);
    const theirsHunks = group.filter((g) => !g.ours).map((g) => g.h);
    const oursLines = applyHunks(b, start, end, oursHunks);
    const theirsLines = applyHunks(b, start, end, theirsHunks);
    if (theirsHunks.length === 0 || sameLines(oursLines, theirsLines)) out.push(...oursLines);
    else if (oursHunks.length === 0) out.push(...theirsLines);
    else
      conflicts.push({
        baseStart: start,
        baseEnd: end,
        base: join(b.slice(start, end)),
        ours: join(oursLines),
        theirs: join(theirsLines),
      });
  }
  for (; pos < b.length; pos += 1) out.push(b[pos]!);
  return conflicts.length > 0 ? { clean: false, conflicts } : { clean: true, text: join(out) };
}
