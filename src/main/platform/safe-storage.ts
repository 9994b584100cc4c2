import { safeStorage } from 'electron';
import type { SafeStorageAdapter } from '../vault/platform';

/** Electron safeStorage for the vault's optional quick unlock. */
export const electronSafeStorage: SafeStorageAdapter = {
  isAvailable: () => safeStorage.isEncryptionAvailable(),
  backend: () =>
    process.platform === 'linux'
      ? safeStorage.getSelectedStorageBackend()
      : process.platform === 'win32'
        ? 'dpapi'
        : 'keychain',
  encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
  decrypt: (blob) => Buffer.from(safeStorage.decryptString(blob), 'base64'),
};
