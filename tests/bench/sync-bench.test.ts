import { describe, expect, it } from 'vitest';
import cases, { beyondBudget, twoLocalEdits } from './cases/sync.bench';
import { runCase } from './run';

describe('sync bench cases', () => {
  it.each(cases.map((c) => [`${c.name} ${String(c.params['case'])}`, c] as const))(
    '%s runs and reports a finite figure',
    async (_, bench) => {
      const result = await runCase({ ...bench, runs: 1, warmup: 0 } as never);
      expect(Number.isFinite(result.median)).toBe(true);
      expect(result.median).toBeGreaterThan(0);
    },
  );

  it('refuses a wrong merge result instead of timing it', () => {
    expect(() => beyondBudget().check({ clean: true, text: '' })).toThrow(/beyond_budget/);
    expect(() => twoLocalEdits().check({ clean: true, text: 'falsch\n' })).toThrow(/two_local_edits/);
    expect(() => twoLocalEdits().check({ clean: false, conflicts: [] })).toThrow(/two_local_edits/);
  });
});
