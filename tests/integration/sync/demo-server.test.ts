/**
 * `npm start`'s demo: the embedded server holds the demo caseworker's caseload
 * (src/server/features/admin/demo-cases.ts), and a desktop that signs in as demo.ifk gets it with its
 * first sync into its own Mein Bestand; demo.teamleitung gets the same cases as the team's. The
 * desktop seeds nothing itself when a server is configured (src/main/index.ts, scripts/dev-browser.ts).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createLotseMain, type LotseMain } from '../../../src/main/composition';
import { silentLogger } from '../../../src/main/logging/logger';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  ensureDemoAccounts,
} from '../../../src/server/features/admin/demo-accounts';
import { ensureDemoCases } from '../../../src/server/features/admin/demo-cases';
import { TEST_APP_INFO, TEST_PASSPHRASE, TEST_SCRYPT } from '../../helpers/local-store';
import { ManualTimer, switchableNetwork, useListeningServer } from '../../helpers/sync-engine';
import { tempDir } from '../../helpers/temp-dir';

const appInfo = { ...TEST_APP_INFO, demo: true };

const net = switchableNetwork();
const CASES = 12;

describe('pglite: the demo server’s caseload reaches the demo desktops by sync', () => {
  const server = useListeningServer();

  async function desktop(username: string): Promise<LotseMain> {
    const user = await server.h.tdb.db
      .selectFrom('users')
      .select(['id', 'role', 'display_name'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const dir = await tempDir('lotse-demo-server-');
    server.dirs.push(dir);
    const main = await createLotseMain({
      dataDir: dir.path,
      appInfo,
      logger: silentLogger(),
      scrypt: TEST_SCRYPT,
      clock: { now: () => server.h.clock.now() },
      actorId: user.id,
      role: user.role as 'caseworker' | 'team_lead',
      displayName: user.display_name,
      sync: {
        serverUrl: server.url,
        username,
        password: DEMO_PASSWORD,
        deviceName: 'Demogerät',
        timer: new ManualTimer(),
        fetch: net.fetch,
      },
    });
    await main.vault.create(TEST_PASSPHRASE);
    return main;
  }

  it('writes the caseload once, and both demo accounts receive it with their first sync', async () => {
    const deps = { db: server.h.tdb.db, clock: server.h.clock, ids: server.h.ids, scryptN: 1024 };
    expect(await ensureDemoAccounts(deps)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    const demo = { username: 'demo.ifk', cases: CASES, seed: 2026, today: '2026-03-02' };
    expect(await ensureDemoCases(deps, demo)).toBe(CASES);
    // a restart of the demo server adds nothing
    expect(await ensureDemoCases(deps, demo)).toBe(0);
    expect(await ensureDemoCases(deps, { ...demo, username: 'niemand' })).toBe(0);
    // the bulk load leaves fresh planner statistics behind (the pull reads the change log in index order)
    const analysed = await sql<{ relname: string }>`
      select relname from pg_stat_user_tables
      where relname in ('case_directory', 'sync_records', 'change_log') and last_analyze is not null
      order by relname`.execute(server.h.tdb.db);
    expect(analysed.rows.map((r) => r.relname)).toEqual(['case_directory', 'change_log', 'sync_records']);

    const ifk = await desktop('demo.ifk');
    const lead = await desktop('demo.teamleitung');
    try {
      // before the first sync the new store is empty: nothing is seeded locally next to a server
      const before = await ifk.backend.dispatch('caseload:list', {});
      expect(before).toMatchObject({ ok: true, value: { total: 0 } });

      expect(await ifk.backend.dispatch('sync:now', undefined)).toMatchObject({
        ok: true,
        value: { error: null },
      });
      const mine = await ifk.backend.dispatch('caseload:list', {});
      expect(mine).toMatchObject({ ok: true, value: { total: CASES } });
      const raw = ifk.store.raw();
      const owners = raw.prepare('SELECT DISTINCT caseworker_id AS id FROM cases').all() as { id: string }[];
      expect(owners.map((o) => o.id)).toEqual([
        (
          await server.h.tdb.db
            .selectFrom('users')
            .select('id')
            .where('username', '=', 'demo.ifk')
            .executeTakeFirstOrThrow()
        ).id,
      ]);
      // the whole 4PM record set arrived, not only the case headers
      for (const table of ['persons', 'assessments', 'goals', 'notes'])
        expect(
          Number((raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n),
        ).toBeGreaterThan(0);

      expect(await lead.backend.dispatch('sync:now', undefined)).toMatchObject({
        ok: true,
        value: { error: null },
      });
      expect(
        Number((lead.store.raw().prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n),
      ).toBe(CASES);
    } finally {
      await ifk.shutdown();
      await lead.shutdown();
    }
  });
});
