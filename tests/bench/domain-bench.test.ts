import { describe, expect, it } from 'vitest';
import cases from './cases/domain.bench';
import { runCase } from './run';

describe('domain bench cases', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s runs and reports a finite figure', async (_, bench) => {
    const result = await runCase({ ...bench, runs: 1, warmup: 0 } as never);
    expect(Number.isFinite(result.median)).toBe(true);
    expect(result.median).toBeGreaterThan(0);
  });
});
