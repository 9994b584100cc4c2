import { AppError } from '../../../shared/errors';
import type { LoginStatus } from '../../../shared/ipc/contract';
import type { Handlers } from '../../ipc/dispatch';
import { requireStrong, type VaultPort } from '../vault/vault.ipc';

/** What the login channels need (login-shell.ts implements it for desktops with a Lotse server). */
export interface LoginPort {
  status(): LoginStatus;
  /** User name and password against the server; registers this device on a user's first sign-in. */
  signIn(username: string, password: string): Promise<void>;
  /** The new user's encrypted store, protected by this passphrase (after signIn). */
  createStore(passphrase: string): Promise<void>;
  /** Drops a sign-in that waits for the passphrase. */
  cancel(): Promise<void>;
  /** Which user's store the lock screen unlocks. */
  selectUser(userKey: string): Promise<void>;
}

type LoginChannels =
  'login:status' | 'login:sign-in' | 'login:create-store' | 'login:cancel' | 'vault:select-user';

export function loginHandlers(login: LoginPort): Pick<Handlers, LoginChannels> {
  return {
    'login:status': () => login.status(),
    'login:sign-in': async ({ username, password }) => {
      await login.signIn(username, password);
      return login.status();
    },
    'login:create-store': async ({ passphrase }) => {
      requireStrong(passphrase);
      await login.createStore(passphrase);
      return login.status();
    },
    'login:cancel': async () => {
      await login.cancel();
      return login.status();
    },
    'vault:select-user': async ({ userKey }) => {
      await login.selectUser(userKey);
      return login.status();
    },
  };
}

/** A desktop without a Lotse server (or signed in through the environment): one local store. */
export function singleStoreLogin(vault: VaultPort): LoginPort {
  const noServer = async (): Promise<never> => {
    throw new AppError('SYNC_NOT_CONFIGURED');
  };
  return {
    status: () => ({
      serverMode: false,
      accounts: [],
      selectedUserKey: null,
      pending: null,
      session: null,
      signInRequired: null,
      vault: vault.status(),
    }),
    signIn: noServer,
    createStore: noServer,
    cancel: async () => undefined,
    selectUser: noServer,
  };
}
