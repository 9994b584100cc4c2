import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { DEFAULT_SCRYPT } from '../../../src/main/vault/crypto';
import { createTestVault, fakeSafeStorage, TEST_PASSPHRASE } from '../../helpers/local-store';
import { tempDir } from '../../helpers/temp-dir';

let dir: { path: string; remove: () => Promise<void> };

beforeEach(async () => {
  dir = await tempDir('lotse-vault-');
});
afterEach(async () => {
  await dir.remove();
});

const sha = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

async function expectCode(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('vault: first run, lock, unlock', () => {
  it('creates the keystore and the encrypted database, then locks and unlocks', async () => {
    const { vault, store } = await createTestVault(dir.path);
    expect(vault.status().state).toBe('uninitialized');
    await vault.create(TEST_PASSPHRASE);
    expect(vault.status()).toEqual({ state: 'unlocked', quickUnlockAvailable: false, autoLockMinutes: 15 });
    await store.db().insertInto('sync_state').values({ key: 'marker', value: 'x' }).execute();

    await vault.lock();
    expect(vault.status().state).toBe('locked');
    expect(() => store.db()).toThrow(AppError);

    await vault.unlock(TEST_PASSPHRASE);
    const row = await store
      .db()
      .selectFrom('sync_state')
      .selectAll()
      .where('key', '=', 'marker')
      .executeTakeFirst();
    expect(row?.value).toBe('x');
    expect(await vault.status().state).toBe('unlocked');
  });

  it('keeps only wrapped key material on disk, and the database is unreadable without the key', async () => {
    const { vault } = await createTestVault(dir.path);
    await vault.create(TEST_PASSPHRASE);
    await vault.lock();
    const keystore = JSON.parse(await readFile(join(dir.path, 'keystore.json'), 'utf8'));
    expect(Object.keys(keystore).sort()).toEqual([
      'cipher',
      'createdAt',
      'fileId',
      'format',
      'passphrase',
      'updatedAt',
      'version',
    ]);
    expect(keystore.passphrase.wrapped.data).toBeTypeOf('string');
    const header = (await readFile(join(dir.path, 'lotse.db'))).subarray(0, 16).toString('latin1');
    expect(header).not.toBe('SQLite format 3\u0000');
    expect((await stat(join(dir.path, 'keystore.json'))).mode & 0o077).toBe(0);
  });

  it('refuses a second create', async () => {
    const { vault } = await createTestVault(dir.path);
    await vault.create(TEST_PASSPHRASE);
    await expectCode(vault.create(TEST_PASSPHRASE), 'VAULT_ALREADY_INITIALIZED');
  });

  it('reports a damaged keystore instead of starting over', async () => {
    await writeFile(join(dir.path, 'keystore.json'), '{"format":"nope"}');
    await expectCode(createTestVault(dir.path), 'VAULT_KEYSTORE_DAMAGED');
  });
});

describe('vault: wrong passphrase', () => {
  it('answers VAULT_WRONG_PASSPHRASE with a growing delay and leaves the database bytes unchanged', async () => {
    const first = await createTestVault(dir.path);
    await first.vault.create(TEST_PASSPHRASE);
    await first.vault.lock();
    const before = await sha(join(dir.path, 'lotse.db'));

    // A restart does not reset the delay: a new vault instance reads the persisted failures.
    const { vault, sleeps, store } = await createTestVault(dir.path);
    for (let i = 0; i < 4; i += 1) {
      const error = await expectCode(
        vault.unlock(`falsch ${i} ${TEST_PASSPHRASE}`),
        'VAULT_WRONG_PASSPHRASE',
      );
      expect(error.message).toMatch(/^Die Passphrase ist nicht korrekt\./);
    }
    expect(sleeps).toEqual([1000, 2000, 4000, 8000]);
    const again = await createTestVault(dir.path);
    await expectCode(again.vault.unlock('noch einmal falsch!!'), 'VAULT_WRONG_PASSPHRASE');
    expect(again.sleeps).toEqual([16000]);

    expect(store.isOpen()).toBe(false);
    expect(await sha(join(dir.path, 'lotse.db'))).toBe(before);
    expect((await readdir(dir.path)).filter((f) => f.startsWith('lotse.db'))).toEqual(['lotse.db']);

    await vault.unlock(TEST_PASSPHRASE);
    expect(vault.status().state).toBe('unlocked');
    await vault.lock();
    await expectCode(vault.unlock('wieder falsch, aber nun erst einmal'), 'VAULT_WRONG_PASSPHRASE');
    expect(sleeps.at(-1)).toBe(1000);
  });
  it('tells the lock screen how many seconds the wait after a wrong passphrase still lasts', async () => {
    const first = await createTestVault(dir.path);
    await first.vault.create(TEST_PASSPHRASE);
    await first.vault.lock();

    let now = Date.parse('2026-12-01T08:00:00Z');
    let release: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => {
      release = resolve;
    });
    let hold = false;
    const { vault } = await createTestVault(dir.path, {
      clock: { now: () => new Date(now) },
      sleep: async () => {
        if (hold) await waiting;
      },
    });
    await expectCode(vault.unlock('falsch, aber zweimal!'), 'VAULT_WRONG_PASSPHRASE');
    expect(vault.status().unlockRetryInSeconds).toBeUndefined();
    hold = true;

    // second wrong attempt: 2 s wait, still running while the screen asks
    const answer = expectCode(vault.unlock('wieder falsch, leider!'), 'VAULT_WRONG_PASSPHRASE');
    await vi.waitFor(() => expect(vault.status().unlockRetryInSeconds).toBe(2));
    now += 1_200;
    expect(vault.status().unlockRetryInSeconds).toBe(1);
    release();
    await answer;
    expect(vault.status().unlockRetryInSeconds).toBeUndefined();
    expect(vault.status().state).toBe('locked');
  });
});

describe('vault: passphrase change', () => {
  it('re-wraps only: the database file is not rewritten; old stops working, new works', async () => {
    const { vault } = await createTestVault(dir.path);
    await vault.create(TEST_PASSPHRASE);
    await vault.lock();
    const dbFile = join(dir.path, 'lotse.db');
    const before = { hash: await sha(dbFile), mtime: (await stat(dbFile)).mtimeMs };

    await vault.changePassphrase(TEST_PASSPHRASE, 'Ein ganz neuer Satz 2026');
    expect(await sha(dbFile)).toBe(before.hash);
    expect((await stat(dbFile)).mtimeMs).toBe(before.mtime);

    await expectCode(vault.unlock(TEST_PASSPHRASE), 'VAULT_WRONG_PASSPHRASE');
    await vault.unlock('Ein ganz neuer Satz 2026');
    expect(vault.status().state).toBe('unlocked');
  });

  it('refuses a change with the wrong current passphrase', async () => {
    const { vault } = await createTestVault(dir.path);
    await vault.create(TEST_PASSPHRASE);
    await expectCode(
      vault.changePassphrase('nicht die richtige', 'Ein ganz neuer Satz 2026'),
      'VAULT_WRONG_PASSPHRASE',
    );
    await vault.lock();
    await vault.unlock(TEST_PASSPHRASE);
  });
});

describe('vault: safeStorage is convenience only', () => {
  it('offers quick unlock when the OS key store works', async () => {
    const safeStorage = fakeSafeStorage();
    const { vault } = await createTestVault(dir.path, { safeStorage });
    await vault.create(TEST_PASSPHRASE);
    await vault.lock();
    expect(vault.status().quickUnlockAvailable).toBe(true);
    await vault.unlockQuick();
    expect(vault.status().state).toBe('unlocked');
  });

  it.each([
    ['unavailable', { available: false }],
    ['the basic_text backend', { backend: 'basic_text' }],
    ['a changed backend', { backend: 'kwallet6' }],
    ['a failing decrypt', { failDecrypt: true }],
  ])('falls back to the passphrase with %s', async (_label, change) => {
    const safeStorage = fakeSafeStorage();
    const { vault } = await createTestVault(dir.path, { safeStorage });
    await vault.create(TEST_PASSPHRASE);
    await vault.lock();
    safeStorage.set(change);
    const error = await expectCode(vault.unlockQuick(), 'VAULT_LOCKED');
    expect(error.message).toMatch(/Passphrase/);
    await vault.unlock(TEST_PASSPHRASE);
    expect(vault.status().state).toBe('unlocked');
  });

  it('never wraps with basic_text, and works without any safeStorage', async () => {
    const { vault } = await createTestVault(dir.path, {
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
    });
    await vault.create(TEST_PASSPHRASE);
    const keystore = JSON.parse(await readFile(join(dir.path, 'keystore.json'), 'utf8'));
    expect(keystore.safeStorage).toBeUndefined();
  });

  it('expires the quick unlock after its window', async () => {
    let now = new Date('2026-11-23T08:00:00Z');
    const safeStorage = fakeSafeStorage();
    const { vault } = await createTestVault(dir.path, {
      safeStorage,
      clock: { now: () => now },
      quickUnlockWindowMs: 60_000,
    });
    await vault.create(TEST_PASSPHRASE);
    await vault.lock();
    now = new Date('2026-11-23T08:02:00Z');
    await expectCode(vault.unlockQuick(), 'VAULT_LOCKED');
  });
});

describe('vault: organisation recovery key', () => {
  it('lets support set a new passphrase without losing the local data', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
    const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const priv = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { vault, store } = await createTestVault(dir.path, { recoveryPublicKeyPem: pub });
    await vault.create(TEST_PASSPHRASE);
    await store.db().insertInto('sync_state').values({ key: 'unsynced', value: 'work' }).execute();
    await vault.lock();

    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    await expectCode(
      vault.resetPassphraseWithRecovery(other, 'Neue Passphrase nach Vergessen'),
      'VAULT_WRONG_PASSPHRASE',
    );

    await vault.resetPassphraseWithRecovery(priv, 'Neue Passphrase nach Vergessen');
    await expectCode(vault.unlock(TEST_PASSPHRASE), 'VAULT_WRONG_PASSPHRASE');
    await vault.unlock('Neue Passphrase nach Vergessen');
    const row = await store
      .db()
      .selectFrom('sync_state')
      .selectAll()
      .where('key', '=', 'unsynced')
      .executeTakeFirst();
    expect(row?.value).toBe('work');
  });
});

describe('vault: auto-lock', () => {
  it('locks after the inactivity period, and activity postpones it', async () => {
    vi.useFakeTimers();
    try {
      const { vault, store } = await createTestVault(dir.path, {
        autoLockMinutes: 15,
        timers: {
          setTimeout: (fn, ms) => setTimeout(fn, ms),
          clearTimeout: (h) => clearTimeout(h as number),
        },
      });
      await vault.create(TEST_PASSPHRASE);
      await vi.advanceTimersByTimeAsync(14 * 60_000);
      vault.touch();
      await vi.advanceTimersByTimeAsync(14 * 60_000);
      expect(vault.status().state).toBe('unlocked');
      await vi.advanceTimersByTimeAsync(2 * 60_000);
      expect(vault.status().state).toBe('locked');
      expect(store.isOpen()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('locks on OS lock or suspend', async () => {
    const { vault, store } = await createTestVault(dir.path);
    await vault.create(TEST_PASSPHRASE);
    await vault.lockNow('system');
    expect(vault.status().state).toBe('locked');
    expect(store.isOpen()).toBe(false);
  });
});

describe('vault: production KDF parameters', () => {
  it('uses scrypt N=2^17, r=8 by default and still unlocks', async () => {
    const { vault } = await createTestVault(dir.path, { scrypt: DEFAULT_SCRYPT });
    await vault.create(TEST_PASSPHRASE);
    await vault.lock();
    const keystore = JSON.parse(await readFile(join(dir.path, 'keystore.json'), 'utf8'));
    expect(keystore.passphrase).toMatchObject({ kdf: 'scrypt', N: 131072, r: 8, p: 1 });
    await vault.unlock(TEST_PASSPHRASE);
  });
});

describe('local store: schema versions', () => {
  it('refuses a database from a newer Lotse and leaves it untouched', async () => {
    const { vault, store } = await createTestVault(dir.path);
    await vault.create(TEST_PASSPHRASE);
    await sql.raw('PRAGMA user_version = 9990').execute(store.db());
    await vault.lock();
    const before = await sha(join(dir.path, 'lotse.db'));
    const error = await expectCode(vault.unlock(TEST_PASSPHRASE), 'DB_FROM_FUTURE');
    expect(error.message).toMatch(/neueren Lotse-Version/);
    expect(vault.status().state).toBe('locked');
    expect(await sha(join(dir.path, 'lotse.db'))).toBe(before);
  });
});
