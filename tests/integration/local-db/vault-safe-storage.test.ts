import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SafeStorageAdapter } from '../../../src/main/vault/platform';
import { createTestVault, TEST_PASSPHRASE } from '../../helpers/local-store';
import { tempDir } from '../../helpers/temp-dir';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir('lotse-vault-ss-');
});
afterEach(async () => {
  await dir.remove();
});

const throwing = (where: 'encrypt' | 'isAvailable' | 'backend'): SafeStorageAdapter => ({
  isAvailable: () => {
    if (where === 'isAvailable') throw new Error('safeStorage cannot be used before app ready');
    return true;
  },
  backend: () => {
    if (where === 'backend') throw new Error('no backend');
    return 'gnome_libsecret';
  },
  encrypt: () => {
    if (where === 'encrypt')
      throw new Error('Error while encrypting the text provided to safeStorage.encryptString.');
    return Buffer.from('never');
  },
  decrypt: () => {
    throw new Error('unreachable');
  },
});

describe('vault: a failing safeStorage never blocks the passphrase', () => {
  it.each(['encrypt', 'isAvailable', 'backend'] as const)(
    'when %s throws, create and passphrase unlock still work',
    async (where) => {
      const { vault, store } = await createTestVault(dir.path, { safeStorage: throwing(where) });
      await vault.create(TEST_PASSPHRASE);
      const keystore = JSON.parse(await readFile(join(dir.path, 'keystore.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(keystore['safeStorage']).toBeUndefined();
      expect(vault.status().quickUnlockAvailable).toBe(false);
      await vault.lock();
      expect(store.isOpen()).toBe(false);
      await expect(vault.unlockQuick()).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
      await vault.unlock(TEST_PASSPHRASE);
      expect(vault.status().state).toBe('unlocked');
      expect(store.isOpen()).toBe(true);
      await vault.lock();
    },
  );
});
