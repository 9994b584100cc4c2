import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../src/main/features/plans/print/chromium-pdf-renderer';
import cases, { threePagePlanHtml } from './cases/pdf.bench';
import { runCase } from './run';

describe('pdf bench cases', () => {
  it('the benchmarked plan has three pages', async () => {
    const pdf = createChromiumPdfRenderer();
    const dir = mkdtempSync(join(tmpdir(), 'lotse-pdf-bench-'));
    try {
      const file = join(dir, 'plan.pdf');
      writeFileSync(file, await pdf.render(threePagePlanHtml()));
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Pages:\s+3$/m);
    } finally {
      await pdf.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(cases.map((c) => [`${c.name} ${String(c.params['phase'])}`, c] as const))(
    '%s runs and reports a finite figure',
    async (_, bench) => {
      const result = await runCase({ ...bench, runs: 1, warmup: 0 } as never);
      expect(Number.isFinite(result.median)).toBe(true);
      expect(result.median).toBeGreaterThan(0);
    },
  );
});
