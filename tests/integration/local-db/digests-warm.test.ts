import { afterEach, describe, expect, it } from 'vitest';
import { createLotseMain, type LotseMain } from '../../../src/main/composition';
import { seedDemoData } from '../../../src/main/features/demo/seed-demo';
import { silentLogger } from '../../../src/main/logging/logger';
import type { Role } from '../../../src/shared/auth/roles';
import { TEST_APP_INFO, TEST_PASSPHRASE, TEST_SCRYPT } from '../../helpers/local-store';
import { tempDir } from '../../helpers/temp-dir';

/**
 * After an unlock the day's per-case digests are computed in the background (case_digests), so
 * the first Mein Bestand of a caseworker and the first team dashboard of a team lead read them
 * instead of running the quality rules over every record.
 */
const appInfo = { ...TEST_APP_INFO, demo: true };
let now = new Date('2026-03-02T08:30:00.000Z');
const mains: LotseMain[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const m of mains.splice(0)) await m.shutdown();
  for (const c of cleanups.splice(0)) await c();
});

async function unlockedApp(role: Role, actorId: string): Promise<LotseMain> {
  const dir = await tempDir('lotse-warm-');
  cleanups.push(dir.remove);
  const main = await createLotseMain({
    dataDir: dir.path,
    appInfo,
    logger: silentLogger(),
    scrypt: TEST_SCRYPT,
    clock: { now: () => now },
    actorId,
    role,
    onFirstRun: async (store) => {
      seedDemoData(store.raw(), {
        cases: 120,
        seed: 4_711,
        today: '2026-03-02',
        caseworkers: ['ifk-0', 'ifk-1'],
      });
    },
  });
  mains.push(main);
  await main.vault.create(TEST_PASSPHRASE);
  return main;
}

const digestRows = (main: LotseMain, day = '2026-03-02') =>
  Number(main.store.raw().prepare('SELECT count(*) FROM case_digests WHERE on_day = ?').pluck().get(day));
const openCases = (main: LotseMain, where = '') =>
  Number(
    main.store
      .raw()
      .prepare(`SELECT count(*) FROM cases WHERE status <> 'abgeschlossen' AND archived_at IS NULL ${where}`)
      .pluck()
      .get(),
  );

describe('digests warmed after unlock', () => {
  it("a caseworker's caseload, with target groups", async () => {
    const main = await unlockedApp('caseworker', 'ifk-0');
    const own = openCases(main, "AND caseworker_id = 'ifk-0'");
    expect(own).toBeGreaterThan(0);
    await expect.poll(() => digestRows(main)).toBe(own);
    expect(
      main.store.raw().prepare('SELECT count(*) FROM case_digests WHERE target_groups IS NULL').pluck().get(),
    ).toBe(0);
  });

  it("a team lead's whole team, again after the next unlock of a new day", async () => {
    const main = await unlockedApp('team_lead', 'teamleitung-0');
    await expect.poll(() => digestRows(main)).toBe(openCases(main));
    await main.vault.lockNow('user');
    now = new Date('2026-03-03T07:45:00.000Z');
    await main.vault.unlock(TEST_PASSPHRASE);
    await expect.poll(() => digestRows(main, '2026-03-03')).toBe(openCases(main));
    now = new Date('2026-03-02T08:30:00.000Z');
  });
});
