/**
 * The embedded server of `npm start` creates demo accounts so that the desktop's first sign-in works
 * (DEMO_ACCOUNTS=true); a production configuration with DATABASE_URL refuses the switch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/server/config';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  ensureDemoAccounts,
} from '../../../src/server/features/admin/demo-accounts';
import { createHarness, newClientId, type Harness } from './harness';

describe('demo accounts of the embedded server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('pglite');
    await h.reset();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('creates the demo team and users once; they can sign in with the documented password', async () => {
    const deps = { db: h.tdb.db, clock: h.clock, ids: h.ids, scryptN: 1024 };
    expect(await ensureDemoAccounts(deps)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    expect(await ensureDemoAccounts(deps)).toEqual([]);
    const offices = await h.tdb.db.selectFrom('offices').select('id').orderBy('id').execute();
    expect(offices.map((o) => o.id)).toEqual(['delitzsch', 'eilenburg', 'oschatz', 'torgau']);
    for (const a of DEMO_ACCOUNTS) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: {
          username: a.username,
          password: DEMO_PASSWORD,
          clientId: newClientId(),
          deviceName: 'Demo',
        },
      });
      expect(res.statusCode).toBe(200);
      expect(JSON.stringify(res.json())).toContain(a.role);
    }
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: {
        username: 'demo.ifk',
        password: 'falsch-falsch',
        clientId: newClientId(),
        deviceName: 'Demo',
      },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('is refused next to a production database', () => {
    expect(loadConfig({ DEMO_ACCOUNTS: 'true' }).DEMO_ACCOUNTS).toBe(true);
    expect(loadConfig({}).DEMO_ACCOUNTS).toBe(false);
    expect(() =>
      loadConfig({
        DEMO_ACCOUNTS: 'true',
        DATABASE_URL: 'postgres://lotse@db/lotse',
        TOKEN_SECRET: 'x'.repeat(40),
      }),
    ).toThrow(/DEMO_ACCOUNTS nur mit dem eingebetteten PGlite/);
  });
});
