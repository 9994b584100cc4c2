/**
 * A desktop with a Lotse server (issue 12 item 4): one encrypted store per user under
 * <data>/users/<userKey>/, each a complete createLotseMain of its own (vault, store, features, sync
 * engine), and a dispatch in front that answers the login channels and forwards everything else to
 * the selected user's backend. The first sign-in of a user registers this device at the server and
 * creates the user's store with a passphrase; later unlocks need only that passphrase (offline).
 * One user's passphrase never opens another user's store: each has its own data key and keystore.
 */
import { staticContactPort } from '../plans/print/plan-contact';
import { randomUUID } from 'node:crypto';
import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, ERROR_MESSAGES } from '../../../shared/errors';
import type { LoginStatus, VaultStatus } from '../../../shared/ipc/contract';
import type { Role } from '../../../shared/auth/roles';
import { fail } from '../../../shared/ipc/result';
import { isIpcChannel, PRE_SESSION_CHANNELS } from '../../../shared/ipc/channels';
import { createLotseMain, type LotseMain, type LotseMainOptions } from '../../composition';
import type { LocalStore } from '../../db/local-store';
import { createDispatch, type Dispatch, type Handlers } from '../../ipc/dispatch';
import { KEYSTORE_FILE } from '../../vault/keystore';
import type { Vault } from '../../vault/vault';
import { appHandlers } from '../app/app.ipc';
import type { SyncController, SyncServerConfig } from '../sync/sync-controller';
import { writeState } from '../sync/sync-local';
import { vaultHandlers } from '../vault/vault.ipc';
import { readAccounts, userDir, userKeyOf, writeAccount, type Account } from './accounts';
import { loginHandlers, type LoginPort } from './login.ipc';
import { signIn, signOut, storedTokenAuth, type StoredTokenAuth, type TokenPair } from './stored-token-auth';

/** The signed-in user whose store is open, from the server's answer at sign-in (for other features). */
export interface Session {
  readonly userId: string;
  readonly userKey: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly officeId: string;
  readonly teamId: string | null;
  readonly clientId: string;
}

/** What the Electron shell and the browser bridge run: one store, or one store per user. */
export interface LotseApp extends LotseMain {
  /** The signed-in user while a user's store is open (null without a server or while locked). */
  session(): Session | null;
}

interface Pending {
  readonly account: Account;
  readonly tokens: TokenPair;
  readonly next: 'create-store' | 'unlock';
}

interface Entry {
  readonly main: LotseMain;
  readonly auth: StoredTokenAuth;
}

/** Login mode: a server is configured and no user is given through the environment. */
export function needsSignIn(sync: SyncServerConfig | undefined): sync is SyncServerConfig {
  return Boolean(sync && !sync.auth && !(sync.username && sync.password));
}

/** With a server and no user from the environment: the per-user stores; otherwise the one store. */
export async function createLotseApp(options: LotseMainOptions): Promise<LotseApp> {
  if (needsSignIn(options.sync)) return createLoginShell({ ...options, sync: options.sync });
  const main = await createLotseMain(options);
  return { ...main, session: () => null };
}

const LOGIN_CHANNELS = new Set<string>(PRE_SESSION_CHANNELS);

export async function createLoginShell(
  options: LotseMainOptions & { readonly sync: SyncServerConfig },
): Promise<LotseApp> {
  const { dataDir, logger } = options;
  const server = options.sync;
  const baseUrl = server.serverUrl.replace(/\/+$/, '');
  const fetcher = server.fetch ?? ((url, init) => fetch(url, init));
  const deviceName = server.deviceName ?? 'Lotse-Arbeitsplatz';
  const clock = options.clock ?? { now: () => new Date() };
  let accounts = await readAccounts(dataDir);
  let selected: string | null = accounts[0] ? userKeyOf(accounts[0].userId) : null;
  let pending: Pending | null = null;
  const entries = new Map<string, Promise<Entry>>();
  /** Client ids of sign-ins whose store was not created yet (a retry reuses the registration). */
  const draftClientIds = new Map<string, string>();

  const accountOf = (userKey: string | null) =>
    userKey ? accounts.find((a) => userKeyOf(a.userId) === userKey) : undefined;

  function entryFor(account: Account): Promise<Entry> {
    const key = userKeyOf(account.userId);
    let entry = entries.get(key);
    if (!entry) {
      entry = openEntry(account);
      entries.set(key, entry);
      entry.catch(() => entries.delete(key));
    }
    return entry;
  }

  async function openEntry(account: Account): Promise<Entry> {
    const key = userKeyOf(account.userId);
    let store: LocalStore | null = null;
    const auth = storedTokenAuth({
      baseUrl,
      fetch: fetcher,
      db: () => {
        if (!store) throw new AppError('VAULT_LOCKED');
        return store.db();
      },
    });
    const { sync: _server, ...rest } = options;
    const main = await createLotseMain({
      ...rest,
      dataDir: userDir(dataDir, key),
      actorId: account.userId,
      role: account.role,
      displayName: account.displayName,
      // the signed-in caseworker is the plan's contact person (phone and e-mail: the office's)
      contacts: staticContactPort({
        [account.userId]: { name: account.displayName, phone: null, email: null },
      }),
      sync: { ...server, auth },
      beforeSync: async (opened, info) => {
        auth.forget();
        // the store's device id is the one the server registered for this user at sign-in
        if (info.firstRun) await writeState(opened.db(), { client_id: account.clientId });
        if (pending && userKeyOf(pending.account.userId) === key) {
          await auth.adopt(pending.tokens, opened.db());
        }
      },
    });
    store = main.store;
    return { main, auth };
  }

  async function selectedEntry(): Promise<Entry | undefined> {
    const account = accountOf(selected);
    return account ? entryFor(account) : undefined;
  }

  /** Only one user's store is open at a time: the others are locked before a switch. */
  async function lockOthers(keep: string | null): Promise<void> {
    for (const [key, entry] of entries) {
      if (key === keep) continue;
      const e = await entry.catch(() => undefined);
      if (e?.main.vault.isUnlocked()) await e.main.vault.lockNow('user');
    }
  }

  function currentEntrySync(): Entry | undefined {
    return settled.get(selected ?? '');
  }
  /** Entries that finished opening, for the synchronous status calls. */
  const settled = new Map<string, Entry>();
  async function settle(account: Account): Promise<Entry> {
    const e = await entryFor(account);
    settled.set(userKeyOf(account.userId), e);
    return e;
  }

  function vaultStatus(): VaultStatus {
    const e = currentEntrySync();
    if (e && !(pending?.next === 'create-store')) return e.main.vault.status();
    return {
      state: 'uninitialized',
      quickUnlockAvailable: false,
      autoLockMinutes: options.autoLockMinutes ?? 15,
    };
  }

  function session(): Session | null {
    const account = accountOf(selected);
    const e = currentEntrySync();
    if (!account || !e?.main.vault.isUnlocked()) return null;
    return {
      userId: account.userId,
      userKey: userKeyOf(account.userId),
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      officeId: account.officeId,
      teamId: account.teamId,
      clientId: account.clientId,
    };
  }

  async function touchAccount(account: Account): Promise<void> {
    const updated = { ...account, lastUsedAt: clock.now().toISOString() };
    await writeAccount(dataDir, updated).catch(() => undefined);
    accounts = accounts.map((a) => (a.userId === updated.userId ? updated : a));
  }

  /**
   * The server refused the open store's stored sign-in: the same user signs in again while the
   * store stays open; the new refresh token goes into it and a new sync engine carries on with the
   * outbox. Another account is refused (Lotse is unlocked for this one).
   */
  async function signInAgain(open: Entry, username: string, password: string): Promise<void> {
    const account = accountOf(selected);
    if (!account) throw new AppError('LOGIN_REQUIRED');
    const tokens = await signIn({
      baseUrl,
      fetch: fetcher,
      username,
      password,
      clientId: account.clientId,
      deviceName,
    });
    if (tokens.user.id !== account.userId) {
      await signOut(baseUrl, fetcher, tokens.refreshToken);
      throw new AppError(
        'VALIDATION_FAILED',
        `Bitte melden Sie sich als ${account.username} an: Lotse ist für dieses Konto entsperrt.`,
      );
    }
    await open.auth.adopt(tokens, open.main.store.db());
    await touchAccount(account);
    await open.main.sync.restart();
    logger.info({ event: 'login.signed_in_again' }, 'signed in again at the server');
  }

  const login: LoginPort = {
    status(): LoginStatus {
      const s = session();
      return {
        serverMode: true,
        accounts: accounts
          .map((a) => ({
            userKey: userKeyOf(a.userId),
            username: a.username,
            displayName: a.displayName,
            role: a.role,
          }))
          .sort((a, b) => a.displayName.localeCompare(b.displayName, 'de')),
        selectedUserKey: accountOf(selected) ? selected : null,
        pending: pending
          ? {
              userKey: userKeyOf(pending.account.userId),
              displayName: pending.account.displayName,
              role: pending.account.role,
              next: pending.next,
            }
          : null,
        session: s ? { userKey: s.userKey, displayName: s.displayName, role: s.role } : null,
        signInRequired:
          s && currentEntrySync()?.main.sync.signInRequired()
            ? {
                userKey: s.userKey,
                username: s.username,
                displayName: s.displayName,
                message: ERROR_MESSAGES.SYNC_SIGN_IN_REQUIRED,
              }
            : null,
        vault: vaultStatus(),
      };
    },

    async signIn(username, password) {
      const open = currentEntrySync();
      if (open?.main.vault.isUnlocked() && open.main.sync.signInRequired()) {
        await signInAgain(open, username, password);
        return;
      }
      if (open?.main.vault.isUnlocked()) {
        throw new AppError(
          'VALIDATION_FAILED',
          'Bitte sperren Sie Lotse, bevor sich jemand anderes anmeldet.',
        );
      }
      const known = accounts.find((a) => a.username === username);
      const clientId = known?.clientId ?? draftClientIds.get(username) ?? randomUUID();
      let tokens = await signIn({ baseUrl, fetch: fetcher, username, password, clientId, deviceName });
      let existing = accounts.find((a) => a.userId === tokens.user.id);
      if (existing && existing.clientId !== clientId) {
        // known here under another user name: sign in again with this store's device id
        await signOut(baseUrl, fetcher, tokens.refreshToken);
        tokens = await signIn({
          baseUrl,
          fetch: fetcher,
          username,
          password,
          clientId: existing.clientId,
          deviceName,
        });
        existing = accounts.find((a) => a.userId === tokens.user.id);
      }
      if (pending) await signOut(baseUrl, fetcher, pending.tokens.refreshToken);
      const now = clock.now().toISOString();
      const account: Account = {
        format: 'lotse-account',
        version: 1,
        userId: tokens.user.id,
        username,
        displayName: tokens.user.displayName,
        role: tokens.user.role,
        officeId: tokens.user.officeId,
        teamId: tokens.user.teamId,
        clientId: existing?.clientId ?? clientId,
        createdAt: existing?.createdAt ?? now,
        lastUsedAt: now,
      };
      if (existing) {
        await writeAccount(dataDir, account);
        accounts = accounts.map((a) => (a.userId === account.userId ? account : a));
        await lockOthers(null);
        selected = userKeyOf(account.userId);
        await settle(account);
        pending = { account, tokens, next: 'unlock' };
      } else {
        draftClientIds.set(username, clientId);
        pending = { account, tokens, next: 'create-store' };
      }
      logger.info({ event: 'login.signed_in', next: pending.next }, 'signed in at the server');
    },

    async createStore(passphrase) {
      const p = pending;
      if (!p || p.next !== 'create-store') throw new AppError('LOGIN_REQUIRED');
      const key = userKeyOf(p.account.userId);
      const dir = userDir(dataDir, key);
      const keystoreExists = await access(join(dir, KEYSTORE_FILE)).then(
        () => true,
        () => false,
      );
      if (keystoreExists) throw new AppError('VAULT_ALREADY_INITIALIZED');
      await lockOthers(null);
      await writeAccount(dataDir, p.account);
      accounts = [p.account, ...accounts.filter((a) => a.userId !== p.account.userId)];
      selected = key;
      try {
        const e = await settle(p.account);
        await e.main.vault.create(passphrase);
      } catch (error) {
        // nothing of a half-created store stays behind (the user may simply try again)
        const e = settled.get(key);
        settled.delete(key);
        entries.delete(key);
        await e?.main.shutdown().catch(() => undefined);
        accounts = accounts.filter((a) => a.userId !== p.account.userId);
        selected = accounts[0] ? userKeyOf(accounts[0].userId) : null;
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      pending = null;
      draftClientIds.delete(p.account.username);
      logger.info({ event: 'login.store_created' }, 'store of a new user created');
    },

    async cancel() {
      const p = pending;
      pending = null;
      if (p) await signOut(baseUrl, fetcher, p.tokens.refreshToken);
    },

    async selectUser(userKey) {
      const account = accountOf(userKey);
      if (!account) throw new AppError('LOGIN_UNKNOWN_ACCOUNT');
      if (selected === userKey) {
        await settle(account);
        return;
      }
      await lockOthers(null);
      if (pending && userKeyOf(pending.account.userId) !== userKey) await login.cancel();
      selected = userKey;
      await settle(account);
    },
  };

  const requireSelected = async (): Promise<Entry> => {
    if (pending?.next === 'create-store') throw new AppError('LOGIN_REQUIRED');
    const e = await selectedEntry();
    if (!e) throw new AppError('LOGIN_REQUIRED');
    settled.set(selected!, e);
    return e;
  };

  const vault: Vault = {
    status: vaultStatus,
    isUnlocked: () => currentEntrySync()?.main.vault.isUnlocked() ?? false,
    create: async () => {
      throw new AppError('LOGIN_REQUIRED');
    },
    async unlock(passphrase) {
      const e = await requireSelected();
      await e.main.vault.unlock(passphrase);
      const account = accountOf(selected);
      if (pending && account && pending.account.userId === account.userId) pending = null;
      if (account) await touchAccount(account);
    },
    async unlockQuick() {
      const e = await requireSelected();
      await e.main.vault.unlockQuick();
      if (pending) await login.cancel();
    },
    lock: async () => {
      await currentEntrySync()?.main.vault.lock();
    },
    lockNow: async (reason) => {
      for (const e of settled.values()) await e.main.vault.lockNow(reason);
    },
    changePassphrase: async (current, next) =>
      (await requireSelected()).main.vault.changePassphrase(current, next),
    resetPassphraseWithRecovery: async (pem, next) =>
      (await requireSelected()).main.vault.resetPassphraseWithRecovery(pem, next),
    touch: () => currentEntrySync()?.main.vault.touch(),
  };

  const own: Partial<Handlers> = {
    ...appHandlers(options.appInfo),
    ...vaultHandlers(vault),
    ...loginHandlers(login),
  };
  const ownDispatch = createDispatch(own as Handlers, logger);
  const dispatch: Dispatch = async (channel, input) => {
    if (typeof channel === 'string' && LOGIN_CHANNELS.has(channel)) return ownDispatch(channel, input);
    const e = currentEntrySync();
    // the selected user's backend (it refuses unknown channels and answers VAULT_LOCKED while locked)
    if (e) return e.main.backend.dispatch(channel, input);
    if (!isIpcChannel(channel)) return fail(new AppError('IPC_UNKNOWN_CHANNEL').toDto());
    return fail(new AppError('VAULT_LOCKED').toDto());
  };

  if (selected) await settle(accountOf(selected)!).catch(() => undefined);

  const current = (): LotseMain => {
    const e = currentEntrySync();
    if (!e) throw new AppError('VAULT_LOCKED');
    return e.main;
  };

  return {
    backend: { dispatch },
    get sync(): SyncController {
      return current().sync;
    },
    get store(): LocalStore {
      return current().store;
    },
    vault,
    session,
    async shutdown() {
      const p = pending;
      pending = null;
      if (p) await signOut(baseUrl, fetcher, p.tokens.refreshToken);
      for (const e of settled.values()) await e.main.shutdown();
    },
  };
}
