import { AppError } from '../../../shared/errors';
import type { VaultStatus } from '../../../shared/ipc/contract';
import { assessPassphrase } from '../../../shared/security/passphrase-policy';
import type { Handlers } from '../../ipc/dispatch';

/** What the IPC layer needs from the vault (src/main/vault implements it). */
export interface VaultPort {
  status(): VaultStatus;
  create(passphrase: string): Promise<void>;
  unlock(passphrase: string): Promise<void>;
  /** Unlock through the OS key store (safeStorage) where offered. */
  unlockQuick(): Promise<void>;
  lock(): Promise<void>;
  changePassphrase(current: string, next: string): Promise<void>;
  /** User activity: postpones the auto-lock. */
  touch(): void;
}

type VaultChannels =
  | 'vault:status'
  | 'vault:create'
  | 'vault:unlock'
  | 'vault:unlock-quick'
  | 'vault:lock'
  | 'vault:change-passphrase'
  | 'vault:touch';

export function requireStrong(passphrase: string): void {
  const assessment = assessPassphrase(passphrase);
  if (!assessment.acceptable) {
    throw new AppError('VAULT_PASSPHRASE_TOO_WEAK', undefined, {
      issues: assessment.hints.map((message) => ({ path: 'passphrase', message })),
    });
  }
}

export function vaultHandlers(vault: VaultPort): Pick<Handlers, VaultChannels> {
  return {
    'vault:status': () => vault.status(),
    'vault:create': async ({ passphrase }) => {
      requireStrong(passphrase);
      await vault.create(passphrase);
      return vault.status();
    },
    'vault:unlock': async ({ passphrase }) => {
      await vault.unlock(passphrase);
      return vault.status();
    },
    'vault:unlock-quick': async () => {
      await vault.unlockQuick();
      return vault.status();
    },
    'vault:lock': async () => {
      await vault.lock();
      return vault.status();
    },
    'vault:change-passphrase': async ({ current, next }) => {
      requireStrong(next);
      await vault.changePassphrase(current, next);
      return vault.status();
    },
    'vault:touch': () => {
      vault.touch();
      return null;
    },
  };
}
