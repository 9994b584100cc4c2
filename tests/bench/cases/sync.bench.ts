/**
 * Three-way text merge of note bodies (src/shared/sync/text-merge.ts), which the server runs inside
 * a push when two desktops edited the same note.
 *
 * - sync.text_merge, beyond_budget: ours and theirs both differ from the base in more lines than
 *   MAX_EDIT_DISTANCE, so the bounded diff falls back to one coarse hunk (a conflict).
 * - sync.text_merge, two_local_edits: a 5,000-line note, each side edits one line far apart (clean).
 * - sync.text_merge_vs_split: the same two merges against a baseline measured in the same run,
 *   splitting the three texts into lines (linear work on the same input): merge time / split time.
 *   A diff that turns quadratic beyond its budget shows as a jump of this ratio, whatever the machine.
 *
 * Every run checks the merge result, so a fast but wrong merge is an error, not a figure.
 */
import {
  MAX_EDIT_DISTANCE,
  mergeText,
  splitLines,
  type MergeResult,
} from '../../../src/shared/sync/text-merge';
import { defineBench } from '../types';

const REPEAT = 5;
const BIG_NOTE_LINES = 5_000;

interface MergeInput {
  readonly base: string;
  readonly ours: string;
  readonly theirs: string;
  check(result: MergeResult): void;
}

const numbered = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}\n`).join('');

/** Both sides rewrite every line of a text longer than the diff budget: one coarse conflict. */
export function beyondBudget(): MergeInput {
  const n = MAX_EDIT_DISTANCE + 500;
  const base = numbered(n, 'b');
  return {
    base,
    ours: `${numbered(n, 'o')}tail\n`,
    theirs: `x\n${base.slice(base.indexOf('\n') + 1)}`,
    check: (result) => {
      if (result.clean) throw new Error('beyond_budget: expected a conflict, got a clean merge');
    },
  };
}

/** A 5,000-line note, one edit near the top on one side and one near the end on the other. */
export function twoLocalEdits(): MergeInput {
  const base = Array.from({ length: BIG_NOTE_LINES }, (_, i) => `Zeile ${i}\n`).join('');
  const ours = base.replace('Zeile 10\n', 'Zeile zehn\n');
  const theirs = base.replace('Zeile 4000\n', 'Zeile viertausend\n');
  const expected = ours.replace('Zeile 4000\n', 'Zeile viertausend\n');
  return {
    base,
    ours,
    theirs,
    check: (result) => {
      if (!result.clean || result.text !== expected) throw new Error('two_local_edits: wrong merge result');
    },
  };
}

function mergeMs(input: MergeInput): number {
  const started = performance.now();
  for (let i = 0; i < REPEAT; i += 1) input.check(mergeText(input.base, input.ours, input.theirs));
  return (performance.now() - started) / REPEAT;
}

function splitMs(input: MergeInput): number {
  const started = performance.now();
  let lines = 0;
  for (let i = 0; i < REPEAT; i += 1)
    lines += splitLines(input.base).length + splitLines(input.ours).length + splitLines(input.theirs).length;
  if (lines === 0) throw new Error('no lines split');
  return (performance.now() - started) / REPEAT;
}

const inputs = [
  { name: 'beyond_budget', make: beyondBudget },
  { name: 'two_local_edits', make: twoLocalEdits },
] as const;

export default inputs.flatMap(({ name, make }) => {
  const params = { case: name, lines: splitLines(make().base).length, maxEditDistance: MAX_EDIT_DISTANCE };
  return [
    defineBench<MergeInput>({
      name: 'sync.text_merge',
      params,
      unit: 'ms/merge',
      setup: make,
      run: mergeMs,
    }),
    defineBench<MergeInput>({
      name: 'sync.text_merge_vs_split',
      params,
      unit: 'ratio',
      setup: make,
      run: (input) => mergeMs(input) / splitMs(input),
    }),
  ];
});
