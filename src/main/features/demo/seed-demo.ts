import { createHash } from 'node:crypto';
import { DEMO_CASEWORKERS, generateDemoCases, type DemoOptions } from '../../../shared/demo/demo-data';
import { demoCaseRows } from '../../../shared/demo/demo-rows';
import { OFFICES } from '../../../shared/demo/demo-vocabulary';
import type { SyncedRow } from '../../../shared/sync/protocol';
import { applyServerRows } from '../../db/apply-server-rows';
import type { RawDatabase } from '../../db/open-encrypted-db';
import { demoTeamDirectory } from './demo-directory';
import { TEAM_DIRECTORY_KEY } from '../directory/team-directory';

/** node:crypto's SHA-256 for the pure generator (src/shared/demo). */
export const nodeSha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The four offices as rows of the local `offices` table (cases reference them); idempotent. */
export function seedOffices(raw: RawDatabase): void {
  const insertOffice = raw.prepare(
    'INSERT OR IGNORE INTO offices (id, code, name, town, is_head_office) VALUES (?, ?, ?, ?, ?)',
  );
  for (const o of OFFICES) insertOffice.run(o.id, o.code, o.name, o.town, o.isHeadOffice ? 1 : 0);
}

/**
 * Writes synthetic demo cases into an open local database, as if they had been pulled from the
 * server: through the same apply path as a pull (row_version 1, no outbox entries: they are not
 * local edits). Batched transactions: 100,000 cases take seconds, not minutes.
 */
export function seedDemoData(
  raw: RawDatabase,
  options: Omit<DemoOptions, 'sha256'> & { batchSize?: number; now?: string },
): { cases: number } {
  const now = options.now ?? `${options.today}T07:00:00.000Z`;
  raw.transaction(() => {
    seedOffices(raw);
    // the names of the demo team (quality screens); a server's directory replaces it at hello
    raw
      .prepare(
        'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(TEAM_DIRECTORY_KEY, JSON.stringify(demoTeamDirectory(options.caseworkers ?? DEMO_CASEWORKERS)));
  })();

  const batchSize = options.batchSize ?? 2_000;
  const generator = generateDemoCases({ ...options, sha256: nodeSha256 });
  let written = 0;
  const writeBatch = raw.transaction((count: number) => {
    let n = 0;
    const rows: SyncedRow[] = [];
    for (; n < count; n += 1) {
      const next = generator.next();
      if (next.done) break;
      rows.push(...demoCaseRows(next.value));
    }
    const result = applyServerRows(raw, rows, { now });
    if (result.invalid.length > 0)
      throw new Error(`demo data invalid: ${result.invalid[0]!.entity} ${result.invalid[0]!.problem}`);
    return n;
  });
  for (;;) {
    const n = writeBatch(batchSize) as number;
    written += n;
    if (n < batchSize) break;
  }
  return { cases: written };
}
