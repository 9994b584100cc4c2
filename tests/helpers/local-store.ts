import { silentLogger } from '../../src/main/logging/logger';
import { createLocalStore, type LocalStore } from '../../src/main/db/local-store';
import type { ScryptParams } from '../../src/main/vault/crypto';
import type { AppInfo } from '../../src/shared/ipc/contract';
import type { SafeStorageAdapter } from '../../src/main/vault/platform';
import { createVault, type Vault, type VaultOptions } from '../../src/main/vault/vault';

/** Cheap scrypt parameters for tests (the production default is exercised once on its own). */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 12, r: 8, p: 1, keyLength: 32 };

/** The app's self-description in tests of the composed app (browser bridge, no demo data). */
export const TEST_APP_INFO: AppInfo = {
  name: 'Lotse',
  version: '0.1.0',
  runtime: 'browser-bridge',
  platform: 'linux',
  locale: 'de-DE',
  demo: false,
};

export const TEST_PASSPHRASE = 'Elbwiesen bei Torgau im Mai';

export interface TestVault {
  vault: Vault;
  store: LocalStore;
  sleeps: number[];
}

/** A real vault over a real encrypted store in `dataDir`, with recorded (not real) delays. */
export async function createTestVault(
  dataDir: string,
  extra: Partial<Omit<VaultOptions, 'dataDir' | 'logger' | 'onUnlock' | 'onLock'>> = {},
): Promise<TestVault> {
  const logger = silentLogger();
  const store = createLocalStore({ dataDir, logger });
  const sleeps: number[] = [];
  const vault = await createVault({
    dataDir,
    logger,
    scrypt: TEST_SCRYPT,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onUnlock: (key, info) => store.open(key, info),
    onLock: () => store.close(),
    ...extra,
  });
  return { vault, store, sleeps };
}

/** A safeStorage stand-in with the behaviours the vault must survive. */
export function fakeSafeStorage(
  options: { available?: boolean; backend?: string; failDecrypt?: boolean } = {},
): SafeStorageAdapter & {
  set(next: { available?: boolean; backend?: string; failDecrypt?: boolean }): void;
} {
  let state = { available: true, backend: 'gnome_libsecret', failDecrypt: false, ...options };
  const mask = Buffer.from('lotse-test-mask-0123456789abcdef');
  const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ mask[i % mask.length]!));
  return {
    isAvailable: () => state.available,
    backend: () => state.backend,
    encrypt: (plain) => xor(plain),
    decrypt: (blob) => {
      if (state.failDecrypt)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return xor(blob);
    },
    set(next) {
      state = { ...state, ...next };
    },
  };
}
