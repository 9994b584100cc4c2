import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/main/db/migrations/index';
import { createDb, type TestDb } from '../../helpers/local-db';
import { checkMigrationsOnlyAdd } from '../../helpers/schema-guard';

let t: TestDb | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

/**
 * Schema guard (STYLE-anchors §9): old and new clients sync the same data, so a migration must not
 * drop or change a table or column. The guard runs every migration as its own step and compares
 * the live schema after each step with the one before (tests/helpers/schema-guard.ts; proven to
 * fail in schema-guard.test.ts); nothing it checks comes from a committed file.
 */
describe('local migrations only add', () => {
  it('every table and column after step N is still there after step N+1, same type and NOT NULL', async () => {
    const { steps, violations } = await checkMigrationsOnlyAdd(MIGRATIONS);
    expect(violations).toEqual([]);
    // not vacuous: every migration ran as its own step, and the schema only grew
    expect(steps.map((s) => s.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const columnCount = (i: number) =>
      [...steps[i]!.schema.values()].reduce((n, columns) => n + columns.size, 0);
    expect(columnCount(0)).toBeGreaterThan(0);
    for (let i = 1; i < steps.length; i += 1)
      expect(columnCount(i)).toBeGreaterThanOrEqual(columnCount(i - 1));
  });
});

/**
 * A readable record of the fully migrated schema (tables, indexes, triggers). It is not the guard:
 * a deliberate change refreshes it in the same commit as its migration (`vitest -u`).
 */
describe('local schema snapshot', () => {
  it('the fully migrated schema matches the committed snapshot', async () => {
    t = await createDb();
    const rows = t.raw
      .prepare(
        `SELECT type, name, sql FROM sqlite_master
         WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index_%'
         ORDER BY type, name`,
      )
      .all() as { type: string; name: string; sql: string }[];
    const text = rows
      .map((r) => `-- ${r.type} ${r.name}\n${r.sql.replace(/\s+/g, ' ').trim()};`)
      .join('\n\n');
    await expect(`${text}\n`).toMatchFileSnapshot('./__snapshots__/local-schema.sql');
  });
});
