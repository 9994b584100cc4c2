import { describe, expect, it } from 'vitest';
import { markdownTable, quantile, runCase, summarise } from './run';
import { defineBench } from './types';

describe('bench runner', () => {
  it('computes quantiles by linear interpolation', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([5], 0.95)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21], 0.95)).toBe(
      20,
    );
  });

  it('summarises samples with the shape README and CI rely on', () => {
    const r = summarise(defineBench({ name: 'x.y', params: { cases: 10 }, run: () => undefined }), [3, 1, 2]);
    expect(r).toEqual({
      name: 'x.y',
      params: { cases: 10 },
      unit: 'ms',
      runs: 3,
      median: 2,
      p95: 2.9,
      min: 1,
      max: 3,
      lowerIsBetter: true,
    });
  });

  it('runs setup once, warms up, records returned values, and always tears down', async () => {
    const calls: string[] = [];
    let n = 0;
    const result = await runCase(
      defineBench({
        name: 'a.ratio',
        params: {},
        unit: 'ratio',
        runs: 3,
        warmup: 2,
        setup: () => {
          calls.push('setup');
          return 7;
        },
        run: (s) => {
          n += 1;
          return s * n;
        },
        teardown: () => {
          calls.push('teardown');
        },
      }),
    );
    expect(calls).toEqual(['setup', 'teardown']);
    expect(result.runs).toBe(3);
    expect([result.min, result.median, result.max]).toEqual([21, 28, 35]);
  });

  it('reports the medians of further figures a case returns next to its value', async () => {
    let n = 0;
    const result = await runCase(
      defineBench({
        name: 'a.rate',
        params: {},
        unit: 'rows/s',
        runs: 3,
        warmup: 0,
        run: () => {
          n += 1;
          return { value: 100 * n, extra: { seconds: 10 / n } };
        },
      }),
    );
    expect(result.median).toBe(200);
    expect(result.extra).toEqual({ seconds: 5 });
    expect(markdownTable([result])).toContain('| `a.rate` | seconds: 5 | 200 |');
  });

  it('renders a German-formatted Markdown table', () => {
    const table = markdownTable([
      {
        name: 'store.unlock',
        params: { kdf: true },
        unit: 'ms',
        runs: 5,
        median: 1234.5,
        p95: 1300,
        min: 1,
        max: 2,
        lowerIsBetter: true,
      },
    ]);
    expect(table).toContain('| `store.unlock` | kdf=true | 1.235 | 1.300 | ms | 5 |');
  });
});
