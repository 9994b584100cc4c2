/**
 * Issue 12: the server refuses the stored refresh token (its family revoked, as by an
 * administrator or a logout elsewhere): the desktop stops syncing instead of retrying silently, the
 * login status asks the open store's user to sign in again (German explanation), local work and
 * the outbox stay; after signing in again sync carries on and the pending change reaches the server.
 * A real server on 127.0.0.1 and the real encrypted store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLotseApp, type LotseApp } from '../../../src/main/features/login/login-shell';
import type { FetchLike } from '../../../src/main/features/sync/sync-http';
import { silentLogger } from '../../../src/main/logging/logger';
import { ERROR_MESSAGES } from '../../../src/shared/errors';
import { TEST_APP_INFO, TEST_SCRYPT } from '../../helpers/local-store';
import { ManualTimer, listen } from '../../helpers/sync-engine';
import { tempDir } from '../../helpers/temp-dir';
import { createHarness, PASSWORD, USERS, type Harness } from '../server/harness';

const appInfo = TEST_APP_INFO;
const PASS = 'Elbwiesen bei Torgau im Mai';
const cw = USERS.find((u) => u.key === 'cw')!.username;
const lead = USERS.find((u) => u.key === 'lead')!.username;

describe('pglite: a refused sign-in asks for a new one and keeps the outbox', () => {
  let h: Harness;
  let dir: { path: string; remove(): Promise<void> };
  let a: LotseApp;
  const requests: string[] = [];
  const fetcher: FetchLike = async (url, init) => {
    requests.push(new URL(url).pathname);
    return fetch(url, init);
  };
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const r = await a.backend.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };

  beforeAll(async () => {
    h = await createHarness('pglite');
    await h.reset();
    const url = await listen(h);
    dir = await tempDir('lotse-reauth-');
    a = await createLotseApp({
      dataDir: dir.path,
      appInfo,
      logger: silentLogger(),
      scrypt: TEST_SCRYPT,
      clock: { now: () => h.clock.now() },
      sync: { serverUrl: url, deviceName: 'Testgerät', timer: new ManualTimer(), fetch: fetcher },
    });
  });
  afterAll(async () => {
    await a?.shutdown().catch(() => undefined);
    await dir?.remove();
    await h?.close();
  });

  it('revoked token family: sign in again, then the pending note reaches the server', async () => {
    await call('login:sign-in', { username: cw, password: PASSWORD });
    await call('login:create-store', { passphrase: PASS, confirmation: PASS });
    const c = await call<{ caseId: string }>('cases:create', {
      officeId: 'oschatz',
      caseworkerId: h.userIds['cw'],
      openedOn: '2026-03-02',
      person: { customerNumber: '123D456789', firstName: 'Nora', lastName: 'Vogel', birthDate: '1991-02-03' },
    });
    expect(await call('sync:now')).toMatchObject({ state: 'idle', pendingCount: 0 });

    // the server ends every sign-in of this user (the token family is revoked)
    await h.tdb.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: h.clock.now() })
      .where('user_id', '=', h.userIds['cw']!)
      .execute();
    const note = await call<{ id: string }>('notes:create', {
      caseId: c.caseId,
      values: { category: 'Beratung', title: 'Nach dem Widerruf', body: 'Offline geschrieben.' },
    });
    const refused = await call<{ state: string; pendingCount: number; error: { code: string } | null }>(
      'sync:now',
    );
    expect(refused).toMatchObject({
      state: 'signed_out',
      pendingCount: 1,
      error: { code: 'SYNC_SIGN_IN_REQUIRED', message: ERROR_MESSAGES.SYNC_SIGN_IN_REQUIRED },
    });
    expect(await call('login:status')).toMatchObject({
      vault: { state: 'unlocked' },
      signInRequired: { username: cw, message: expect.stringContaining('erneut an') },
    });
    // no silent retrying: neither a sync on demand nor the timer asks the server again
    requests.length = 0;
    expect(await call('sync:now')).toMatchObject({ state: 'signed_out' });
    expect(requests).toEqual([]);
    // local work goes on
    expect(await call<{ notes: { id: string }[] }>('cases:get', { caseId: c.caseId })).toMatchObject({
      notes: [{ id: note.id }],
    });

    // another account cannot take over the open store (the server refuses it this device)
    await expect(call('login:sign-in', { username: lead, password: PASSWORD })).rejects.toThrow(
      /LOGIN_DEVICE_REFUSED/,
    );
    const back = await call<{ signInRequired: unknown; vault: { state: string } }>('login:sign-in', {
      username: cw,
      password: PASSWORD,
    });
    expect(back).toMatchObject({ signInRequired: null, vault: { state: 'unlocked' } });
    expect(await call('sync:now')).toMatchObject({ state: 'idle', pendingCount: 0, error: null });
    const onServer = await h.tdb.db
      .selectFrom('sync_records')
      .select('data')
      .where('id', '=', note.id)
      .executeTakeFirstOrThrow();
    expect(onServer.data).toMatchObject({ body: 'Offline geschrieben.' });
  });
});
