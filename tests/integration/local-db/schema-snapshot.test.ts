import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type TestDb } from '../../helpers/local-db';

let t: TestDb | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

/**
 * Schema guard (STYLE-anchors §9): old and new clients sync the same data, so a migration must not
 * silently drop or change a column. The migrated schema is diffed against a committed snapshot;
 * a deliberate change updates the snapshot in the same commit as its migration (`vitest -u`).
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
