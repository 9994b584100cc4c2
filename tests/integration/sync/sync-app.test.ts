/**
 * The sync engine wired into the app (src/main/composition.ts) as the Electron shell and the browser
 * bridge compose it: the engine starts when the vault unlocks and a server is configured (signing in
 * with user name and password registers the device), stops when it locks; the sync channels answer
 * over dispatch with German messages; without a server everything local keeps working.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLotseMain, type LotseMain } from '../../../src/main/composition';
import { ERROR_MESSAGES } from '../../../src/shared/errors';
import { createCasesService } from '../../../src/main/features/cases/cases.service';
import { silentLogger } from '../../../src/main/logging/logger';
import { TEST_APP_INFO, TEST_PASSPHRASE, TEST_SCRYPT } from '../../helpers/local-store';
import { sampleFields } from '../../helpers/records';
import { ManualTimer, switchableNetwork, useListeningServer } from '../../helpers/sync-engine';
import { tempDir } from '../../helpers/temp-dir';
import { PASSWORD, USERS } from '../server/harness';

const appInfo = TEST_APP_INFO;

let serverClock: { now(): Date } = { now: () => new Date() };

const net = switchableNetwork();

async function app(dataDir: string, serverUrl?: string, user = 'cw'): Promise<LotseMain> {
  const username = USERS.find((u) => u.key === user)!.username;
  return createLotseMain({
    dataDir,
    appInfo,
    logger: silentLogger(),
    scrypt: TEST_SCRYPT,
    // the device clock agrees with the (fake) server clock; a skew is reported (see sync-faults)
    clock: { now: () => serverClock.now() },
    ...(serverUrl
      ? {
          sync: {
            serverUrl,
            username,
            password: PASSWORD,
            deviceName: 'Testgerät',
            timer: new ManualTimer(),
            fetch: net.fetch,
          },
        }
      : {}),
  });
}

async function call(main: LotseMain, channel: string, input?: unknown) {
  return main.backend.dispatch(channel, input);
}

describe('pglite: the sync engine in the composed app', () => {
  const server = useListeningServer();
  beforeAll(() => {
    serverClock = server.h.clock;
  });

  it('starts on unlock, syncs on demand between two desktops, stops on lock', async () => {
    const dirA = await tempDir('lotse-app-a-');
    const dirB = await tempDir('lotse-app-b-');
    server.dirs.push(dirA, dirB);
    const a = await app(dirA.path, server.url);
    const b = await app(dirB.path, server.url);
    try {
      await a.vault.create(TEST_PASSPHRASE);
      await b.vault.create(TEST_PASSPHRASE);
      const storeA = a.store;
      storeA
        .raw()
        .prepare("INSERT INTO offices (id, code, name, town) VALUES ('oschatz', 'OSZ', 'Oschatz', 'Oschatz')")
        .run();
      const cases = createCasesService({
        db: () => storeA.db(),
        clock: server.h.clock,
        ids: { newId: () => randomUUID() },
        actorId: server.h.userIds['cw']!,
      });
      const { caseId } = await cases.createCase({
        officeId: 'oschatz',
        caseworkerId: server.h.userIds['cw']!,
        openedOn: '2026-03-02',
        person: sampleFields('persons', { caseId: 'x', id: 'x' }),
      });
      const before = await call(a, 'sync:status');
      expect(before).toMatchObject({ ok: true, value: { configured: true } });
      const pushed = await call(a, 'sync:now');
      expect(pushed).toMatchObject({ ok: true, value: { pendingCount: 0, error: null, state: 'idle' } });
      const pulled = await call(b, 'sync:now');
      expect(pulled).toMatchObject({ ok: true, value: { error: null } });
      const list = await call(b, 'cases:list', {});
      expect(list.ok && (list.value as { items: { caseId: string }[] }).items.map((i) => i.caseId)).toEqual([
        caseId,
      ]);
      // both devices are registered at the server under their own client id
      const clients = await server.h.tdb.db.selectFrom('sync_clients').select('client_id').execute();
      expect(clients.length).toBeGreaterThanOrEqual(2);

      expect(await call(b, 'sync:case-issues', { caseId })).toEqual({
        ok: true,
        value: { conflicts: [], rejections: [] },
      });
      const dismiss = await call(b, 'sync:dismiss-rejection', { mutationId: randomUUID() });
      expect(dismiss).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const bad = await call(b, 'sync:resolve-conflict', { conflictId: randomUUID(), choice: 'merged' });
      expect(bad).toMatchObject({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          issues: [{ message: 'Bitte geben Sie den zusammengeführten Text ein.' }],
        },
      });

      await a.vault.lock();
      const locked = await call(a, 'sync:now');
      expect(locked).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    } finally {
      await a.shutdown();
      await b.shutdown();
    }
  });

  it('offline lease: once it ran out, Lotse stays locked until it reaches the server again', async () => {
    const dir = await tempDir('lotse-app-lease-');
    server.dirs.push(dir);
    const main = await app(dir.path, server.url);
    try {
      await main.vault.create(TEST_PASSPHRASE);
      expect(await call(main, 'sync:now')).toMatchObject({ ok: true, value: { error: null } });
      expect(
        main.store
          .raw()
          .prepare(
            "SELECT key FROM sync_state WHERE key IN ('offline_lease', 'lease_public_key') ORDER BY key",
          )
          .all(),
      ).toEqual([{ key: 'lease_public_key' }, { key: 'offline_lease' }]);
      await main.vault.lock();
      // within the lease: unlocking offline works
      net.offline = true;
      server.h.clock.advance(3_600_000);
      await main.vault.unlock(TEST_PASSPHRASE);
      await main.vault.lock();
      // far beyond it (the server grants OFFLINE_LEASE_HOURS): locked while offline
      server.h.clock.advance(400 * 3_600_000);
      await expect(main.vault.unlock(TEST_PASSPHRASE)).rejects.toMatchObject({ code: 'SYNC_LEASE_EXPIRED' });
      expect(main.vault.status().state).toBe('locked');
      expect(main.store.isOpen()).toBe(false);
      // back online: the unlock reaches the server, renews the lease and opens
      net.offline = false;
      await main.vault.unlock(TEST_PASSPHRASE);
      expect(main.vault.status().state).toBe('unlocked');
    } finally {
      net.offline = false;
      await main.shutdown();
    }
  });

  it('without a server: local status, a German refusal of "sync now", local work unaffected', async () => {
    const dir = await tempDir('lotse-app-local-');
    server.dirs.push(dir);
    const main = await app(dir.path);
    try {
      await main.vault.create(TEST_PASSPHRASE);
      expect(await call(main, 'sync:status')).toMatchObject({
        ok: true,
        value: { configured: false, state: 'not_configured', pendingCount: 0 },
      });
      const now = await call(main, 'sync:now');
      expect(now).toMatchObject({ ok: false, error: { code: 'SYNC_NOT_CONFIGURED' } });
      expect(!now.ok && now.error.message).toMatch(/kein Lotse-Server eingerichtet/);
    } finally {
      await main.shutdown();
    }
  });

  it('lists every refused edit not yet dismissed, newest first, with its German message', async () => {
    const dir = await tempDir('lotse-app-rejections-');
    server.dirs.push(dir);
    const main = await app(dir.path);
    try {
      await main.vault.create(TEST_PASSPHRASE);
      expect(await call(main, 'sync:rejections')).toEqual({ ok: true, value: { rejections: [] } });
      const older = randomUUID();
      const newer = randomUUID();
      const caseA = randomUUID();
      const caseB = randomUUID();
      const insert = main.store.raw().prepare(
        `INSERT INTO sync_rejections (mutation_id, entity, entity_id, case_id, reason, payload, created_at, op)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      insert.run(
        older,
        'notes',
        randomUUID(),
        caseA,
        'FORBIDDEN',
        '{"title":{"value":"A"}}',
        '2026-11-20T08:00:00.000Z',
        'update',
      );
      insert.run(
        newer,
        'contacts',
        randomUUID(),
        caseB,
        'SOMETHING_ELSE',
        '{}',
        '2026-11-21T08:00:00.000Z',
        null,
      );
      const listed = await call(main, 'sync:rejections');
      expect(listed).toMatchObject({
        ok: true,
        value: {
          rejections: [
            {
              mutationId: newer,
              caseId: caseB,
              entity: 'contacts',
              op: null,
              message: ERROR_MESSAGES.VALIDATION_FAILED,
            },
            {
              mutationId: older,
              caseId: caseA,
              entity: 'notes',
              op: 'update',
              values: { title: 'A' },
              message: ERROR_MESSAGES.FORBIDDEN,
            },
          ],
        },
      });
      expect(await call(main, 'sync:dismiss-rejection', { mutationId: newer })).toEqual({
        ok: true,
        value: null,
      });
      const after = await call(main, 'sync:rejections');
      expect(
        after.ok &&
          (after.value as { rejections: { mutationId: string }[] }).rejections.map((r) => r.mutationId),
      ).toEqual([older]);
    } finally {
      await main.shutdown();
    }
  });
});
