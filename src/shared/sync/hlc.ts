/**
 * Hybrid logical clock (Kulkarni et al.): physical milliseconds plus a counter, so timestamps are
 * monotonic per device even if the wall clock jumps back. Encoded as a fixed-width string that
 * sorts lexicographically: `<15-digit ms>-<5-digit counter>-<node>`.
 *
 * Server order decides; the HLC only breaks ties between concurrent edits (SYNC.md §4.4).
 */
export interface Hlc {
  readonly millis: number;
  readonly counter: number;
  readonly node: string;
}

const MAX_COUNTER = 99_999;

export function encodeHlc(h: Hlc): string {
  return `${String(h.millis).padStart(15, '0')}-${String(h.counter).padStart(5, '0')}-${h.node}`;
}

export function decodeHlc(value: string): Hlc {
  const match = /^(\d{15})-(\d{5})-(.+)$/.exec(value);
  if (!match) throw new Error('invalid HLC timestamp');
  return { millis: Number(match[1]), counter: Number(match[2]), node: match[3]! };
}

/** Next timestamp for a local event. */
export function tick(last: Hlc, nowMillis: number): Hlc {
  if (nowMillis > last.millis) return { millis: nowMillis, counter: 0, node: last.node };
  if (last.counter >= MAX_COUNTER) return { millis: last.millis + 1, counter: 0, node: last.node };
  return { millis: last.millis, counter: last.counter + 1, node: last.node };
}

/** Merges a remote timestamp into the local clock (on receive). */
export function receive(last: Hlc, remote: Hlc, nowMillis: number): Hlc {
  const millis = Math.max(last.millis, remote.millis, nowMillis);
  let counter: number;
  if (millis === last.millis && millis === remote.millis)
    counter = Math.max(last.counter, remote.counter) + 1;
  else if (millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { millis: millis + 1, counter: 0, node: last.node };
  return { millis, counter, node: last.node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
