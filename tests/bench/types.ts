/**
 * A benchmark case for `npm run bench`. The runner calls `setup` once, then `run` `runs` times
 * (after `warmup` untimed calls) and records the duration of each call in milliseconds unless the
 * case measures its own value (return a number from `run` and set `unit`). `teardown` always runs.
 *
 * Name cases `<area>.<metric>` (e.g. `store.unlock`); put sizes into `params`.
 * Ratios against a baseline are separate cases whose `run` measures both sides in the same run and
 * returns the ratio (unit 'ratio').
 */
export interface BenchCase<S = unknown> {
  readonly name: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  /** 'ms' (default: wall time of run) or anything `run` returns (e.g. 'ratio', 'rows/s'). */
  readonly unit?: string;
  readonly runs?: number;
  readonly warmup?: number;
  /** Lower is better unless false (e.g. throughput). */
  readonly lowerIsBetter?: boolean;
  setup?(): Promise<S> | S;
  run(state: S): Promise<BenchValue | void> | BenchValue | void;
  teardown?(state: S): Promise<void> | void;
}

/**
 * What `run` measured: a number, or a number with further figures of the same run (say the seconds
 * next to rows/s); the report carries the median of each further figure as `extra`.
 */
export type BenchValue =
  number | { readonly value: number; readonly extra: Readonly<Record<string, number>> };

export function defineBench<S>(bench: BenchCase<S>): BenchCase<S> {
  return bench;
}
