import { constants, publicEncrypt, privateDecrypt, randomBytes, randomUUID, createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import type { VaultStatus } from '../../shared/ipc/contract';
import type { VaultPort } from '../features/vault/vault.ipc';
import type { Logger } from '../logging/logger';
import { DEFAULT_SCRYPT, deriveKey, open, seal, type ScryptParams } from './crypto';
import { readKeystore, writeKeystore, type Keystore } from './keystore';
import {
  realSleep,
  systemClock,
  systemTimers,
  type Clock,
  type SafeStorageAdapter,
  type Timers,
} from './platform';
import { delayAfterFailures, readFailures, writeFailures } from './unlock-throttle';

export interface VaultOptions {
  readonly dataDir: string;
  readonly logger: Logger;
  /** Opens (and migrates) the database with the data key; throws to keep the vault locked. */
  readonly onUnlock: (dataKey: Buffer, info: { firstRun: boolean }) => Promise<void>;
  /** Closes the database. */
  readonly onLock: () => Promise<void>;
  readonly scrypt?: ScryptParams;
  readonly safeStorage?: SafeStorageAdapter;
  /** How long a quick unlock through the OS key store stays allowed after a passphrase unlock. */
  readonly quickUnlockWindowMs?: number;
  /** PEM of the organisation's recovery public key (RSA); wraps the data key for support. */
  readonly recoveryPublicKeyPem?: string;
  readonly autoLockMinutes?: number;
  readonly clock?: Clock;
  readonly timers?: Timers;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface Vault extends VaultPort {
  /** Called on OS lock / suspend. */
  lockNow(reason: 'auto' | 'system' | 'user'): Promise<void>;
  /** Support: replace a forgotten passphrase using the organisation's recovery private key. */
  resetPassphraseWithRecovery(privateKeyPem: string, newPassphrase: string): Promise<void>;
  isUnlocked(): boolean;
}

const aad = (ks: Pick<Keystore, 'fileId'>, slot: string) => `lotse-keystore:v1:${ks.fileId}:${slot}`;

export function recoveryKeyId(publicKeyPem: string): string {
  return createHash('sha256').update(publicKeyPem.trim()).digest('hex').slice(0, 16);
}

/**
 * The vault: holds the data key only while unlocked, wraps it by passphrase (root of trust),
 * optionally by the OS key store (convenience) and an organisation recovery key, and locks after
 * inactivity or when the system locks. A wrong passphrase never touches the database.
 */
export async function createVault(options: VaultOptions): Promise<Vault> {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const sleep = options.sleep ?? realSleep;
  const scryptParams = options.scrypt ?? DEFAULT_SCRYPT;
  const autoLockMinutes = options.autoLockMinutes ?? 15;
  const quickWindowMs = options.quickUnlockWindowMs ?? 8 * 60 * 60 * 1000;
  const { logger, dataDir } = options;

  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  let keystore = await readKeystore(dataDir);
  let dataKey: Buffer | null = null;
  let autoLockTimer: unknown = null;
  let busy: Promise<unknown> = Promise.resolve();
  /** End (ms since epoch) of the wait after a wrong passphrase that is running now, else 0. */
  let backoffEndsAt = 0;

  /** Serialises vault operations (two unlock clicks must not open the database twice). */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = busy.then(fn, fn);
    busy = run.catch(() => undefined);
    return run;
  }

  function safeStorageUsable(): boolean {
    const s = options.safeStorage;
    if (!s) return false;
    try {
      return s.isAvailable() && s.backend() !== 'basic_text';
    } catch {
      return false;
    }
  }

  function scheduleAutoLock(): void {
    if (autoLockTimer !== null) timers.clearTimeout(autoLockTimer);
    autoLockTimer = timers.setTimeout(() => {
      void lockNow('auto');
    }, autoLockMinutes * 60_000);
  }

  /** A quick-unlock slot whose window has passed (or that does not say when it ends). */
  function slotExpired(ks: Keystore | undefined): boolean {
    const slot = ks?.safeStorage;
    if (!slot) return false;
    const end = slot.expiresAt === undefined ? Number.NaN : Date.parse(slot.expiresAt);
    return !Number.isFinite(end) || end <= clock.now().getTime();
  }

  /**
   * Deletes an expired quick-unlock slot from keystore.json, so that a copy of the file taken
   * from now on holds no OS-wrapped data key. Runs at start, at lock, and before a quick unlock.
   */
  async function dropExpiredSlot(): Promise<void> {
    if (!keystore || !slotExpired(keystore)) return;
    const { safeStorage: _expired, ...rest } = keystore;
    keystore = { ...rest, updatedAt: clock.now().toISOString() };
    await writeKeystore(dataDir, keystore);
    logger.info({ event: 'vault.quick_unlock_expired' }, 'quick-unlock slot removed');
  }

  function status(): VaultStatus {
    return {
      state: !keystore ? 'uninitialized' : dataKey ? 'unlocked' : 'locked',
      quickUnlockAvailable:
        Boolean(keystore?.safeStorage) && !slotExpired(keystore) && !dataKey && safeStorageUsable(),
      autoLockMinutes,
      ...retryIn(),
    };
  }

  /** While main waits after a wrong passphrase: the whole seconds left (the lock screen counts down). */
  function retryIn(): { unlockRetryInSeconds?: number } {
    const remaining = backoffEndsAt - clock.now().getTime();
    return remaining > 0 ? { unlockRetryInSeconds: Math.ceil(remaining / 1000) } : {};
  }

  async function becomeUnlocked(key: Buffer, firstRun: boolean): Promise<void> {
    await options.onUnlock(key, { firstRun });
    dataKey = key;
    scheduleAutoLock();
  }

  async function wrapWithSafeStorage(ks: Keystore, key: Buffer): Promise<Keystore> {
    if (!safeStorageUsable()) return ks;
    try {
      const expiresAt = new Date(clock.now().getTime() + quickWindowMs).toISOString();
      const payload = JSON.stringify({ key: key.toString('base64'), expiresAt, fileId: ks.fileId });
      const blob = options.safeStorage!.encrypt(Buffer.from(payload, 'utf8')).toString('base64');
      return {
        ...ks,
        safeStorage: {
          backend: options.safeStorage!.backend(),
          blob,
          createdAt: clock.now().toISOString(),
          expiresAt,
        },
      };
    } catch {
      logger.warn({ event: 'vault.safe_storage_wrap_failed' }, 'safeStorage wrap skipped');
      return ks;
    }
  }

  async function lockNow(reason: 'auto' | 'system' | 'user'): Promise<void> {
    if (autoLockTimer !== null) {
      timers.clearTimeout(autoLockTimer);
      autoLockTimer = null;
    }
    if (!dataKey) {
      await dropExpiredSlot();
      return;
    }
    const key = dataKey;
    dataKey = null;
    try {
      await options.onLock();
    } finally {
      key.fill(0);
      logger.info({ event: 'vault.locked', reason }, 'vault locked');
      await dropExpiredSlot();
    }
  }

  async function passphraseWrap(
    ks: Pick<Keystore, 'fileId'>,
    passphrase: string,
    key: Buffer,
  ): Promise<Keystore['passphrase']> {
    const salt = randomBytes(16);
    const kek = await deriveKey(passphrase, salt, scryptParams);
    try {
      return {
        kdf: 'scrypt',
        salt: salt.toString('base64'),
        ...scryptParams,
        wrapped: seal(kek, key, aad(ks, 'passphrase')),
      };
    } finally {
      kek.fill(0);
    }
  }

  async function unwrapWithPassphrase(ks: Keystore, passphrase: string): Promise<Buffer | undefined> {
    const p = ks.passphrase;
    const kek = await deriveKey(passphrase, Buffer.from(p.salt, 'base64'), {
      N: p.N,
      r: p.r,
      p: p.p,
      keyLength: 32,
    });
    try {
      return open(kek, p.wrapped, aad(ks, 'passphrase'));
    } finally {
      kek.fill(0);
    }
  }

  /** Verifies the passphrase with the growing delay; returns the data key. */
  async function verifyPassphrase(ks: Keystore, passphrase: string): Promise<Buffer> {
    const key = await unwrapWithPassphrase(ks, passphrase);
    if (!key) {
      const failures = (await readFailures(dataDir)) + 1;
      await writeFailures(dataDir, failures);
      const delay = delayAfterFailures(failures);
      logger.warn({ event: 'vault.wrong_passphrase', failures, delayMs: delay }, 'wrong passphrase');
      backoffEndsAt = clock.now().getTime() + delay;
      try {
        await sleep(delay);
      } finally {
        backoffEndsAt = 0;
      }
      const seconds = Math.ceil(delayAfterFailures(failures + 1) / 1000);
      throw new AppError(
        'VAULT_WRONG_PASSPHRASE',
        `Die Passphrase ist nicht korrekt. Nach jedem weiteren Fehlversuch wartet Lotse länger (nächster Versuch: ${seconds} Sekunde${seconds === 1 ? '' : 'n'}).`,
      );
    }
    if ((await readFailures(dataDir)) !== 0) await writeFailures(dataDir, 0);
    return key;
  }

  const vault: Vault = {
    status,
    isUnlocked: () => dataKey !== null,

    create: (passphrase) =>
      exclusive(async () => {
        if (keystore) throw new AppError('VAULT_ALREADY_INITIALIZED');
        const key = randomBytes(32);
        const now = clock.now().toISOString();
        const fileId = randomUUID();
        let ks: Keystore = {
          format: 'lotse-keystore',
          version: 1,
          fileId,
          cipher: 'chacha20',
          createdAt: now,
          updatedAt: now,
          passphrase: await passphraseWrap({ fileId }, passphrase, key),
        };
        if (options.recoveryPublicKeyPem) {
          const wrapped = publicEncrypt(
            {
              key: options.recoveryPublicKeyPem,
              padding: constants.RSA_PKCS1_OAEP_PADDING,
              oaepHash: 'sha256',
            },
            key,
          ).toString('base64');
          ks = {
            ...ks,
            recovery: {
              algorithm: 'RSA-OAEP-256',
              keyId: recoveryKeyId(options.recoveryPublicKeyPem),
              wrapped,
            },
          };
        }
        ks = await wrapWithSafeStorage(ks, key);
        await writeKeystore(dataDir, ks);
        keystore = ks;
        await becomeUnlocked(key, true);
        logger.info({ event: 'vault.created', fileId }, 'vault created');
      }),

    unlock: (passphrase) =>
      exclusive(async () => {
        if (!keystore) throw new AppError('VAULT_NOT_INITIALIZED');
        if (dataKey) return;
        const key = await verifyPassphrase(keystore, passphrase);
        await becomeUnlocked(key, false);
        const refreshed = await wrapWithSafeStorage(keystore, key);
        if (refreshed !== keystore) {
          keystore = { ...refreshed, updatedAt: clock.now().toISOString() };
          await writeKeystore(dataDir, keystore);
        }
        logger.info({ event: 'vault.unlocked', via: 'passphrase' }, 'vault unlocked');
      }),

    unlockQuick: () =>
      exclusive(async () => {
        if (!keystore) throw new AppError('VAULT_NOT_INITIALIZED');
        if (dataKey) return;
        const stored = keystore.safeStorage;
        const fallback = () =>
          new AppError(
            'VAULT_LOCKED',
            'Die schnelle Entsperrung ist nicht verfügbar. Bitte entsperren Sie mit Ihrer Passphrase.',
          );
        if (slotExpired(keystore)) {
          await dropExpiredSlot();
          throw fallback();
        }
        if (!stored || !safeStorageUsable() || options.safeStorage!.backend() !== stored.backend) {
          throw fallback();
        }
        let payload: { key?: string; expiresAt?: string; fileId?: string };
        try {
          payload = JSON.parse(
            options.safeStorage!.decrypt(Buffer.from(stored.blob, 'base64')).toString('utf8'),
          );
        } catch {
          logger.warn(
            { event: 'vault.safe_storage_decrypt_failed' },
            'safeStorage decrypt failed; passphrase needed',
          );
          throw fallback();
        }
        const expired = !payload.expiresAt || Date.parse(payload.expiresAt) <= clock.now().getTime();
        // The sealed expiry must be the slot's: an edited expiresAt in the file does not extend it.
        const bound = payload.expiresAt === stored.expiresAt;
        if (expired || !bound || payload.fileId !== keystore.fileId || !payload.key) throw fallback();
        const key = Buffer.from(payload.key, 'base64');
        // The quick path must still prove it has the right key: compare with the passphrase-wrapped one is
        // impossible without the passphrase, so the database open (keyed, verified) is the proof.
        await becomeUnlocked(key, false);
        logger.info({ event: 'vault.unlocked', via: 'safeStorage' }, 'vault unlocked');
      }),

    lock: () => exclusive(() => lockNow('user')),
    lockNow: (reason) => exclusive(() => lockNow(reason)),

    changePassphrase: (current, next) =>
      exclusive(async () => {
        if (!keystore) throw new AppError('VAULT_NOT_INITIALIZED');
        const key = await verifyPassphrase(keystore, current);
        try {
          const { safeStorage: _dropped, ...rest } = keystore;
          const ks: Keystore = {
            ...rest,
            updatedAt: clock.now().toISOString(),
            passphrase: await passphraseWrap(keystore, next, key),
          };
          const rewrapped = await wrapWithSafeStorage(ks, key);
          await writeKeystore(dataDir, rewrapped);
          keystore = rewrapped;
          logger.info({ event: 'vault.passphrase_changed' }, 'passphrase changed');
        } finally {
          if (key !== dataKey) key.fill(0);
        }
      }),

    resetPassphraseWithRecovery: (privateKeyPem, newPassphrase) =>
      exclusive(async () => {
        if (!keystore?.recovery)
          throw new AppError(
            'VAULT_NOT_INITIALIZED',
            'Für dieses Gerät ist kein Wiederherstellungsschlüssel hinterlegt.',
          );
        let key: Buffer;
        try {
          key = privateDecrypt(
            { key: privateKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
            Buffer.from(keystore.recovery.wrapped, 'base64'),
          );
        } catch (error) {
          throw new AppError(
            'VAULT_WRONG_PASSPHRASE',
            'Der Wiederherstellungsschlüssel passt nicht zu diesem Gerät.',
            { cause: error },
          );
        }
        const { safeStorage: _dropped, ...rest } = keystore;
        const ks: Keystore = {
          ...rest,
          updatedAt: clock.now().toISOString(),
          passphrase: await passphraseWrap(keystore, newPassphrase, key),
        };
        await writeKeystore(dataDir, ks);
        keystore = ks;
        await writeFailures(dataDir, 0);
        key.fill(0);
        logger.info({ event: 'vault.recovered' }, 'passphrase reset with recovery key');
      }),

    touch: () => {
      if (dataKey) scheduleAutoLock();
    },
  };
  await dropExpiredSlot(); // a slot that expired while Lotse was not running
  return vault;
}
