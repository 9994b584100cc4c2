/**
 * Issue 14, item 6: the quick-unlock slot (the data key wrapped by the OS key store) does not
 * outlive its window: it is deleted from keystore.json once expired (at start, at lock, on a quick
 * unlock attempt), and its expiry is bound to the sealed blob, so editing the file does not extend it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, fakeSafeStorage, TEST_PASSPHRASE } from '../../helpers/local-store';
import { tempDir } from '../../helpers/temp-dir';

const HOUR = 3_600_000;
let dir: { path: string; remove: () => Promise<void> };
let now: number;
const clock = { now: () => new Date(now) };

beforeEach(async () => {
  dir = await tempDir('lotse-vault-quick-');
  now = Date.parse('2026-03-02T08:00:00Z');
});
afterEach(async () => {
  await dir.remove();
});

async function slot(): Promise<Record<string, unknown> | undefined> {
  const ks = JSON.parse(await readFile(join(dir.path, 'keystore.json'), 'utf8')) as Record<string, unknown>;
  return ks['safeStorage'] as Record<string, unknown> | undefined;
}

describe('vault: quick unlock ends with its window', () => {
  it('works inside the window; after it the slot is gone from keystore.json (at lock and on the attempt)', async () => {
    const safeStorage = fakeSafeStorage();
    const { vault } = await createTestVault(dir.path, { safeStorage, clock, quickUnlockWindowMs: 8 * HOUR });
    await vault.create(TEST_PASSPHRASE);
    expect(await slot()).toMatchObject({ expiresAt: '2026-03-02T16:00:00.000Z' });
    await vault.lock();
    now += 7 * HOUR;
    expect(vault.status().quickUnlockAvailable).toBe(true);
    await vault.unlockQuick();
    expect(vault.status().state).toBe('unlocked');

    now += 2 * HOUR; // past the window while unlocked
    await vault.lock();
    expect(await slot()).toBeUndefined();
    expect(vault.status().quickUnlockAvailable).toBe(false);
    await expect(vault.unlockQuick()).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  });

  it('an expired slot is refused and deleted on the attempt, and at the next start', async () => {
    const safeStorage = fakeSafeStorage();
    const first = await createTestVault(dir.path, { safeStorage, clock, quickUnlockWindowMs: 8 * HOUR });
    await first.vault.create(TEST_PASSPHRASE);
    await first.vault.lock();
    const copied = await readFile(join(dir.path, 'keystore.json'), 'utf8');

    now += 30 * 24 * HOUR;
    expect(first.vault.status().quickUnlockAvailable).toBe(false);
    await expect(first.vault.unlockQuick()).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(await slot()).toBeUndefined();

    // a copy of the file from inside the window, put back 30 days later, is removed at start
    await writeFile(join(dir.path, 'keystore.json'), copied);
    const second = await createTestVault(dir.path, { safeStorage, clock, quickUnlockWindowMs: 8 * HOUR });
    expect(await slot()).toBeUndefined();
    await expect(second.vault.unlockQuick()).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await second.vault.unlock(TEST_PASSPHRASE);
    expect(second.vault.status().state).toBe('unlocked');
    await second.vault.lock();
  });

  it('an edited expiresAt in the file does not extend the window (bound to the sealed blob)', async () => {
    const safeStorage = fakeSafeStorage();
    const { vault } = await createTestVault(dir.path, { safeStorage, clock, quickUnlockWindowMs: 8 * HOUR });
    await vault.create(TEST_PASSPHRASE);
    await vault.lock();
    const ks = JSON.parse(await readFile(join(dir.path, 'keystore.json'), 'utf8')) as {
      safeStorage: { expiresAt: string };
    };
    ks.safeStorage.expiresAt = '2027-01-01T00:00:00.000Z';
    await writeFile(join(dir.path, 'keystore.json'), JSON.stringify(ks));
    const reopened = await createTestVault(dir.path, { safeStorage, clock, quickUnlockWindowMs: 8 * HOUR });
    now += 9 * HOUR;
    await expect(reopened.vault.unlockQuick()).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(reopened.vault.status().state).toBe('locked');
  });
});
