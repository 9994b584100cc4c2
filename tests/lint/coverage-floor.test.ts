/**
 * Coverage thresholds only rise. vitest.config.ts sets a line threshold per folder; the floor in
 * tests/lint/coverage-floor.json is the lowest each may be, and the floor itself may not fall
 * below any version of it committed before (read from git, as far as the clone's history goes).
 * Lowering a floor on purpose needs an entry in its `exceptions` with the reason, for review.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config, { ELECTRON_ONLY_FILES } from '../../vitest.config';

const FLOOR_PATH = 'tests/lint/coverage-floor.json';

interface Floor {
  readonly lines: Readonly<Record<string, number>>;
  readonly exceptions: Readonly<Record<string, string>>;
}

function parseFloor(text: string, where: string): Floor {
  const raw = JSON.parse(text) as Partial<Floor>;
  if (typeof raw.lines !== 'object' || raw.lines === null) throw new Error(`${where}: "lines" fehlt`);
  for (const [glob, value] of Object.entries(raw.lines))
    if (typeof value !== 'number') throw new Error(`${where}: ${glob} ist keine Zahl`);
  return { lines: raw.lines, exceptions: raw.exceptions ?? {} };
}

/** The `lines` threshold per glob from vitest.config.ts. */
export function configuredLineThresholds(coverage: unknown): Record<string, number> {
  const thresholds = (coverage as { thresholds?: Record<string, unknown> } | undefined)?.thresholds ?? {};
  const out: Record<string, number> = {};
  for (const [glob, value] of Object.entries(thresholds)) {
    const lines = (value as { lines?: unknown } | null)?.lines;
    if (typeof value === 'object' && typeof lines === 'number') out[glob] = lines;
  }
  return out;
}

/** Messages for every threshold below its floor or without one. */
export function thresholdsBelowFloor(configured: Record<string, number>, floor: Floor): string[] {
  const found: string[] = [];
  for (const [glob, minimum] of Object.entries(floor.lines)) {
    const actual = configured[glob];
    if (actual === undefined)
      found.push(`${glob}: Schwelle fehlt in vitest.config.ts (Untergrenze ${minimum} %)`);
    else if (actual < minimum)
      found.push(
        `${glob}: Schwelle ${actual} % liegt unter der Untergrenze ${minimum} % – Schwellen dürfen nur steigen`,
      );
  }
  for (const glob of Object.keys(configured))
    if (!(glob in floor.lines)) found.push(`${glob}: Schwelle ohne Untergrenze in ${FLOOR_PATH}`);
  return found;
}

/** Messages for every floor lower than (or missing from) an earlier one, unless excepted. */
export function floorsLoweredSince(earlier: Floor, current: Floor, commit: string): string[] {
  const found: string[] = [];
  for (const [glob, before] of Object.entries(earlier.lines)) {
    if (glob in current.exceptions) continue;
    const now = current.lines[glob];
    if (now === undefined)
      found.push(
        `${glob}: Untergrenze ${before} % (Stand ${commit}) entfernt – nur mit Begründung in "exceptions"`,
      );
    else if (now < before)
      found.push(
        `${glob}: Untergrenze von ${before} % (Stand ${commit}) auf ${now} % gesenkt – nur mit Begründung in "exceptions"`,
      );
  }
  return found;
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

const current = parseFloor(readFileSync(FLOOR_PATH, 'utf8'), FLOOR_PATH);
const inGit = git(['rev-parse', '--is-inside-work-tree'])?.trim() === 'true';

describe('coverage thresholds only rise', () => {
  it('measures src/shared, src/main and src/server', () => {
    const include = (config.test?.coverage as { include?: string[] } | undefined)?.include ?? [];
    for (const folder of ['src/shared/**/*.ts', 'src/main/**/*.ts', 'src/server/**/*.ts'])
      expect(include).toContain(folder);
  });

  it('every threshold in vitest.config.ts is at or above its floor, and every folder has one', () => {
    expect(thresholdsBelowFloor(configuredLineThresholds(config.test?.coverage), current)).toEqual([]);
    expect(Object.keys(current.lines).length).toBeGreaterThan(0);
  });

  it('leaves out of the measure only files that import electron', () => {
    for (const file of ELECTRON_ONLY_FILES)
      expect(readFileSync(file, 'utf8'), file).toMatch(/from 'electron(-updater)?'/);
  });

  it.skipIf(!inGit)('no floor is lower than in any committed version of the floor file', () => {
    const commits = (git(['log', '--format=%H', '--', FLOOR_PATH]) ?? '').split('\n').filter(Boolean);
    const found: string[] = [];
    for (const commit of commits) {
      const text = git(['show', `${commit}:${FLOOR_PATH}`]);
      if (text !== undefined)
        found.push(...floorsLoweredSince(parseFloor(text, commit), current, commit.slice(0, 10)));
    }
    expect(found).toEqual([]);
  });

  it('the checks fail for a lowered, missing or unfloored threshold and a lowered floor', () => {
    const floor: Floor = { lines: { 'src/a/**/*.ts': 80, 'src/b/**/*.ts': 70 }, exceptions: {} };
    expect(thresholdsBelowFloor({ 'src/a/**/*.ts': 79, 'src/c/**/*.ts': 50 }, floor)).toEqual([
      'src/a/**/*.ts: Schwelle 79 % liegt unter der Untergrenze 80 % – Schwellen dürfen nur steigen',
      'src/b/**/*.ts: Schwelle fehlt in vitest.config.ts (Untergrenze 70 %)',
      `src/c/**/*.ts: Schwelle ohne Untergrenze in ${FLOOR_PATH}`,
    ]);
    expect(thresholdsBelowFloor({ 'src/a/**/*.ts': 85, 'src/b/**/*.ts': 70 }, floor)).toEqual([]);
    const lowered: Floor = { lines: { 'src/a/**/*.ts': 75 }, exceptions: {} };
    expect(floorsLoweredSince(floor, lowered, 'abc')).toEqual([
      'src/a/**/*.ts: Untergrenze von 80 % (Stand abc) auf 75 % gesenkt – nur mit Begründung in "exceptions"',
      'src/b/**/*.ts: Untergrenze 70 % (Stand abc) entfernt – nur mit Begründung in "exceptions"',
    ]);
    const excepted: Floor = {
      lines: { 'src/a/**/*.ts': 75 },
      exceptions: { 'src/a/**/*.ts': 'Ungetestete Altlast ausgebaut', 'src/b/**/*.ts': 'Ordner entfernt' },
    };
    expect(floorsLoweredSince(floor, excepted, 'abc')).toEqual([]);
    expect(
      configuredLineThresholds({ thresholds: { 'src/a/**/*.ts': { lines: 80 }, lines: 90, perFile: true } }),
    ).toEqual({ 'src/a/**/*.ts': 80 });
  });
});
