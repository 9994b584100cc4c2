/**
 * `npm run bench`: runs every case in tests/bench/cases/*.bench.ts and writes
 * bench-results/latest.json (machine info + one entry per case) and a Markdown table for the README.
 *
 *   npm run bench                 all cases, full sizes
 *   npm run bench -- store ipc    only cases whose name starts with one of the prefixes
 *   BENCH_QUICK=1 npm run bench   small sizes (smoke test)
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem, platform, release, arch } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchCase } from './types';

export interface BenchResult {
  readonly name: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly unit: string;
  readonly runs: number;
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
  readonly lowerIsBetter: boolean;
  /** Medians of the further figures a case reports next to its value (absent when none). */
  readonly extra?: Readonly<Record<string, number>>;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarise(
  bench: BenchCase<unknown>,
  samples: readonly number[],
  extras: readonly Readonly<Record<string, number>>[] = [],
): BenchResult {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const extraKeys = [...new Set(extras.flatMap((e) => Object.keys(e)))];
  const extra = Object.fromEntries(
    extraKeys.map((k) => [
      k,
      round(
        quantile(
          extras
            .map((e) => e[k])
            .filter((v): v is number => typeof v === 'number')
            .sort((a, b) => a - b),
          0.5,
        ),
      ),
    ]),
  );
  return {
    name: bench.name,
    params: bench.params,
    unit: bench.unit ?? 'ms',
    runs: samples.length,
    median: round(quantile(sorted, 0.5)),
    p95: round(quantile(sorted, 0.95)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    lowerIsBetter: bench.lowerIsBetter ?? true,
    ...(extraKeys.length > 0 ? { extra } : {}),
  };
}

export async function runCase(bench: BenchCase<unknown>): Promise<BenchResult> {
  const state = bench.setup ? await bench.setup() : undefined;
  const samples: number[] = [];
  const extras: Readonly<Record<string, number>>[] = [];
  try {
    for (let i = 0; i < (bench.warmup ?? 1); i += 1) await bench.run(state);
    for (let i = 0; i < (bench.runs ?? 5); i += 1) {
      const started = performance.now();
      const value = await bench.run(state);
      const elapsed = performance.now() - started;
      if (typeof value === 'number') samples.push(value);
      else if (value !== undefined) {
        samples.push(value.value);
        extras.push(value.extra);
      } else samples.push(elapsed);
    }
  } finally {
    await bench.teardown?.(state);
  }
  return summarise(bench, samples, extras);
}

function fmt(n: number): string {
  return n.toLocaleString('de-DE', { maximumFractionDigits: n < 10 ? 2 : 0 });
}

export function markdownTable(results: readonly BenchResult[]): string {
  const lines = ['| Messung | Parameter | Median | p95 | Einheit | Läufe |', '|---|---|---:|---:|---|---:|'];
  for (const r of results) {
    const params = [
      ...Object.entries(r.params).map(([k, v]) => `${k}=${v}`),
      ...Object.entries(r.extra ?? {}).map(([k, v]) => `${k}: ${fmt(v)}`),
    ].join(', ');
    lines.push(`| \`${r.name}\` | ${params} | ${fmt(r.median)} | ${fmt(r.p95)} | ${r.unit} | ${r.runs} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const dir = resolve('tests/bench/cases');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
  const results: BenchResult[] = [];
  const failures: { name: string; params: BenchCase<unknown>['params']; error: string }[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: BenchCase<unknown>[] };
    for (const bench of mod.default) {
      if (filters.length > 0 && !filters.some((f) => bench.name.startsWith(f))) continue;
      process.stdout.write(`… ${bench.name} ${JSON.stringify(bench.params)}\n`);
      try {
        const result = await runCase(bench);
        results.push(result);
        process.stdout.write(
          `  median ${fmt(result.median)} ${result.unit}, p95 ${fmt(result.p95)} ${result.unit}\n`,
        );
      } catch (error) {
        // one broken case must not hide the figures of the others; the run still fails at the end
        failures.push({ name: bench.name, params: bench.params, error: String(error).slice(0, 500) });
        process.stdout.write(`  FEHLER: ${String(error).slice(0, 300)}\n`);
      }
    }
  }
  const cpu = cpus();
  const report = {
    createdAt: new Date().toISOString(),
    quick: process.env['BENCH_QUICK'] === '1',
    machine: {
      cpu: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      platform: `${platform()} ${release()} ${arch()}`,
      node: process.version,
    },
    results,
    failures,
  };
  await mkdir('bench-results', { recursive: true });
  await writeFile('bench-results/latest.json', JSON.stringify(report, null, 2) + '\n');
  await writeFile('bench-results/latest.md', markdownTable(results) + '\n');
  process.stdout.write(`\n${markdownTable(results)}\n\nbench-results/latest.json geschrieben.\n`);
  if (failures.length > 0) {
    process.stdout.write(
      `${failures.length} Messung(en) fehlgeschlagen: ${failures.map((f) => f.name).join(', ')}\n`,
    );
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
