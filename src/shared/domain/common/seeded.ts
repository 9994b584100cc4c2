/**
 * Small deterministic helpers for reproducible choices: the sampled case audit (its draw is
 * recorded with its seed), the demo data (the same seed gives the same data everywhere) and the
 * update rollout buckets. Not for secrets. Pure.
 */

/** mulberry32: a small, well-known 32-bit PRNG; numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a (32 bit) over UTF-16 code units: stable across runtimes and releases. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
