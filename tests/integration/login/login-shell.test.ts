/**
 * Sign-in and per-user stores (issue 12 item 4) against a real server on 127.0.0.1 and the real
 * encrypted stores: the first sign-in registers the device and creates the user's store; later
 * unlocks work offline with the passphrase; a second user on the same machine gets a separate store
 * that the first one's passphrase does not open; the refresh token lives only inside the store.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLotseApp, type LotseApp } from '../../../src/main/features/login/login-shell';
import { readAccounts, userKeyOf } from '../../../src/main/features/login/accounts';
import * as admin from '../../../src/server/features/admin/admin.service';
import { REFRESH_TOKEN_KEY } from '../../../src/main/features/login/stored-token-auth';
import { silentLogger } from '../../../src/main/logging/logger';
import { TEST_APP_INFO, TEST_SCRYPT } from '../../helpers/local-store';
import { ManualTimer, listen, switchableNetwork } from '../../helpers/sync-engine';
import { tempDir } from '../../helpers/temp-dir';
import { createHarness, PASSWORD, USERS, type Harness } from '../server/harness';

const appInfo = TEST_APP_INFO;
const PASS_A = 'Elbwiesen bei Torgau im Mai';
const PASS_B = 'Muldental im Herbstnebel 7';

const net = switchableNetwork();
const username = (key: string) => USERS.find((u) => u.key === key)!.username;

describe('pglite: sign-in and one encrypted store per user', () => {
  let h: Harness;
  let url: string;
  let dir: { path: string; remove(): Promise<void> };
  const apps: LotseApp[] = [];

  async function app(serverUrl = url): Promise<LotseApp> {
    const a = await createLotseApp({
      dataDir: dir.path,
      appInfo,
      logger: silentLogger(),
      scrypt: TEST_SCRYPT,
      clock: { now: () => h.clock.now() },
      sync: { serverUrl, deviceName: 'Testgerät', timer: new ManualTimer(), fetch: net.fetch },
    });
    apps.push(a);
    return a;
  }
  const call = (a: LotseApp, channel: string, input?: unknown) => a.backend.dispatch(channel, input);

  beforeAll(async () => {
    h = await createHarness('pglite');
    await h.reset();
    url = await listen(h);
    dir = await tempDir('lotse-login-');
  });
  afterAll(async () => {
    for (const a of apps) await a.shutdown().catch(() => undefined);
    await dir?.remove();
    await h?.close();
  });

  it('first sign-in registers the device, creates the store and keeps the refresh token inside it', async () => {
    const a = await app();
    expect(await call(a, 'login:status')).toMatchObject({
      ok: true,
      value: {
        serverMode: true,
        accounts: [],
        pending: null,
        session: null,
        vault: { state: 'uninitialized' },
      },
    });
    // nothing works before a sign-in
    expect(await call(a, 'cases:list', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    expect(await call(a, 'vault:create', { passphrase: PASS_A, confirmation: PASS_A })).toMatchObject({
      ok: false,
      error: { code: 'LOGIN_REQUIRED' },
    });
    // bad input, wrong password, unreachable server: German messages with stable codes
    expect(await call(a, 'login:sign-in', { username: '', password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [{ message: 'Bitte geben Sie Ihren Benutzernamen ein.' }] },
    });
    expect(
      await call(a, 'login:sign-in', { username: username('cw'), password: 'falsch-falsch' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'AUTH_INVALID_CREDENTIALS', message: 'Benutzername oder Passwort ist nicht korrekt.' },
    });
    net.offline = true;
    expect(await call(a, 'login:sign-in', { username: username('cw'), password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'LOGIN_SERVER_UNREACHABLE' },
    });
    net.offline = false;
    expect(await h.tdb.db.selectFrom('sync_clients').select('client_id').execute()).toEqual([]);

    const signedIn = await call(a, 'login:sign-in', { username: username('cw'), password: PASSWORD });
    expect(signedIn).toMatchObject({
      ok: true,
      value: {
        pending: { next: 'create-store', role: 'caseworker', displayName: username('cw') },
        session: null,
      },
    });
    // a weak passphrase is refused and nothing is created
    expect(await call(a, 'login:create-store', { passphrase: 'kurz', confirmation: 'kurz' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const created = await call(a, 'login:create-store', { passphrase: PASS_A, confirmation: PASS_A });
    expect(created).toMatchObject({
      ok: true,
      value: {
        pending: null,
        vault: { state: 'unlocked' },
        session: { displayName: username('cw'), role: 'caseworker' },
        accounts: [{ username: username('cw'), role: 'caseworker' }],
      },
    });
    expect(a.session()).toMatchObject({ userId: h.userIds['cw'], role: 'caseworker', officeId: 'oschatz' });

    // the device the server registered is this store's client id, for this user
    const clients = await h.tdb.db.selectFrom('sync_clients').select(['client_id', 'user_id']).execute();
    expect(clients).toHaveLength(1);
    expect(clients[0]!.user_id).toBe(h.userIds['cw']);
    const state = new Map(
      (await a.store.db().selectFrom('sync_state').select(['key', 'value']).execute()).map((r) => [
        r.key,
        r.value,
      ]),
    );
    expect(state.get('client_id')).toBe(clients[0]!.client_id);
    const token = state.get(REFRESH_TOKEN_KEY)!;
    expect(token.length).toBeGreaterThan(20);
    // in the user's own folder, and nowhere in plaintext
    const folder = join(dir.path, 'users', userKeyOf(h.userIds['cw']!));
    for (const file of await readdir(folder)) {
      expect((await readFile(join(folder, file))).includes(Buffer.from(token.split('.')[1]!))).toBe(false);
    }
    // the sync engine signs in with the stored token
    expect(await call(a, 'sync:now')).toMatchObject({ ok: true, value: { state: 'idle', error: null } });
  });

  it('a later unlock works offline with the passphrase, also after a restart', async () => {
    const a = apps[0]!;
    await call(a, 'vault:lock');
    net.offline = true;
    try {
      expect(await call(a, 'vault:unlock', { passphrase: PASS_A })).toMatchObject({
        ok: true,
        value: { state: 'unlocked' },
      });
      await a.shutdown();
      const again = await app();
      const status = await call(again, 'login:status');
      expect(status).toMatchObject({
        ok: true,
        value: {
          selectedUserKey: userKeyOf(h.userIds['cw']!),
          vault: { state: 'locked' },
          session: null,
          accounts: [{ displayName: username('cw') }],
        },
      });
      expect(await call(again, 'vault:unlock', { passphrase: PASS_A })).toMatchObject({ ok: true });
      expect(again.session()).toMatchObject({ role: 'caseworker' });
      expect(await call(again, 'cases:list', {})).toMatchObject({ ok: true, value: { total: 0 } });
    } finally {
      net.offline = false;
    }
    // back online: the stored refresh token still signs in (and rotates)
    const again = apps.at(-1)!;
    expect(await call(again, 'sync:now')).toMatchObject({ ok: true, value: { state: 'idle', error: null } });
  });

  it('a second user gets a separate store that the first passphrase does not open', async () => {
    const a = apps.at(-1)!;
    // signing in while a store is open is refused
    expect(await call(a, 'login:sign-in', { username: username('lead'), password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    await call(a, 'vault:lock');
    expect(await call(a, 'login:sign-in', { username: username('lead'), password: PASSWORD })).toMatchObject({
      ok: true,
      value: { pending: { next: 'create-store', role: 'team_lead' } },
    });
    // cancelling drops the sign-in; signing in again works
    expect(await call(a, 'login:cancel')).toMatchObject({ ok: true, value: { pending: null } });
    await call(a, 'login:sign-in', { username: username('lead'), password: PASSWORD });
    const created = await call(a, 'login:create-store', { passphrase: PASS_B, confirmation: PASS_B });
    expect(created).toMatchObject({
      ok: true,
      value: { session: { role: 'team_lead' }, vault: { state: 'unlocked' } },
    });
    expect(a.session()).toMatchObject({ userId: h.userIds['lead'], role: 'team_lead' });
    const keyA = userKeyOf(h.userIds['cw']!);
    const keyB = userKeyOf(h.userIds['lead']!);
    expect(keyA).not.toBe(keyB);
    const ksA = JSON.parse(await readFile(join(dir.path, 'users', keyA, 'keystore.json'), 'utf8'));
    const ksB = JSON.parse(await readFile(join(dir.path, 'users', keyB, 'keystore.json'), 'utf8'));
    expect(ksA.fileId).not.toBe(ksB.fileId);
    expect(ksA.passphrase.wrapped.data).not.toBe(ksB.passphrase.wrapped.data);

    // selecting the other user locks this one; the wrong user's passphrase does not open it
    await call(a, 'vault:lock');
    expect(await call(a, 'vault:select-user', { userKey: keyA })).toMatchObject({
      ok: true,
      value: { selectedUserKey: keyA, vault: { state: 'locked' } },
    });
    expect(await call(a, 'vault:unlock', { passphrase: PASS_B })).toMatchObject({
      ok: false,
      error: { code: 'VAULT_WRONG_PASSPHRASE' },
    });
    expect(await call(a, 'vault:select-user', { userKey: 'f'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'LOGIN_UNKNOWN_ACCOUNT' },
    });
    await call(a, 'vault:select-user', { userKey: keyB });
    expect(await call(a, 'vault:unlock', { passphrase: PASS_A })).toMatchObject({
      ok: false,
      error: { code: 'VAULT_WRONG_PASSPHRASE' },
    });
    expect(await call(a, 'vault:unlock', { passphrase: PASS_B })).toMatchObject({ ok: true });
    const status = await call(a, 'login:status');
    expect(status.ok && (status.value as { accounts: unknown[] }).accounts).toHaveLength(2);
  });

  it('a known user signing in again (e.g. after the lease ran out) finishes with the passphrase', async () => {
    const a = apps.at(-1)!;
    await call(a, 'vault:lock');
    expect(await call(a, 'login:sign-in', { username: username('cw'), password: PASSWORD })).toMatchObject({
      ok: true,
      value: { pending: { next: 'unlock' }, selectedUserKey: userKeyOf(h.userIds['cw']!) },
    });
    expect(await call(a, 'vault:unlock', { passphrase: PASS_A })).toMatchObject({ ok: true });
    expect(await call(a, 'login:status')).toMatchObject({ ok: true, value: { pending: null } });
    // still one device for this user: the known client id was reused
    const clients = await h.tdb.db
      .selectFrom('sync_clients')
      .select('client_id')
      .where('user_id', '=', h.userIds['cw']!)
      .execute();
    expect(clients).toHaveLength(1);
    expect(await call(a, 'sync:now')).toMatchObject({ ok: true, value: { error: null } });
  });

  it('a revoked device is refused at sign-in with its own code, and nothing changes locally', async () => {
    const a = apps.at(-1)!;
    await call(a, 'vault:lock');
    const account = a.session() ?? null;
    expect(account).toBeNull();
    const [client] = await h.tdb.db
      .selectFrom('sync_clients')
      .select('client_id')
      .where('user_id', '=', h.userIds['cw']!)
      .execute();
    await admin.revokeDevice(
      { db: h.tdb.db, clock: h.clock, ids: h.ids, scryptN: 1024 },
      'test',
      client!.client_id,
      false,
    );
    const refused = await call(a, 'login:sign-in', { username: username('cw'), password: PASSWORD });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LOGIN_DEVICE_REFUSED' } });
    expect(!refused.ok && refused.error.message).toMatch(
      /^Der Lotse-Server hat dieses Gerät für Ihr Konto abgelehnt\./,
    );
    expect(await call(a, 'login:status')).toMatchObject({ ok: true, value: { pending: null } });
    expect(await readAccounts(dir.path)).toHaveLength(2);
  });
});
