import type { Kysely } from 'kysely';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import { writeEncryptedBackup } from './backup';
import type { Logger } from '../logging/logger';
import { createLocalKysely, type LocalKysely } from './kysely';
import { migrate } from './migrations/run';
import { openEncryptedDb, type RawDatabase } from './open-encrypted-db';

export const DB_FILE = 'lotse.db';

export interface LocalStore {
  /** Opens (creating on first run) and migrates the database with the data key. */
  open(dataKey: Buffer, options: { firstRun: boolean }): Promise<void>;
  close(): Promise<void>;
  isOpen(): boolean;
  /** The Kysely handle; throws VAULT_LOCKED while the store is closed. */
  db(): LocalKysely;
  /** The raw handle, for the few things Kysely cannot express (backup, checkpoint, FTS). */
  raw(): RawDatabase;
  /**
   * Writes an encrypted copy of the open database to `targetPath` (same data key; see
   * writeEncryptedBackup). Restoring it needs this data directory's keystore.json (passphrase or
   * recovery key). Throws VAULT_LOCKED while the store is closed.
   */
  backup(targetPath: string): Promise<{ bytes: number }>;
  readonly path: string;
}

/**
 * The encrypted local database of one data directory. The vault calls open() with the data key
 * after unlocking and close() when locking; features reach the database only through db().
 */
export function createLocalStore(options: { dataDir: string; logger: Logger }): LocalStore {
  const path = join(options.dataDir, DB_FILE);
  let raw: RawDatabase | null = null;
  let kysely: LocalKysely | null = null;
  // The vault's buffer (zeroed by the vault on lock); kept only for backups while open.
  let key: Buffer | null = null;

  return {
    path,
    async open(dataKey, { firstRun }) {
      if (raw) return;
      if (!firstRun && !existsSync(path)) {
        // The keystore exists but the database is gone: never silently create an empty one.
        throw new AppError(
          'DB_CORRUPTED',
          'Die lokale Datenbank fehlt. Bitte wenden Sie sich an den IT-Support.',
        );
      }
      const opened = openEncryptedDb(path, dataKey, { create: firstRun, keyVerified: true });
      const k = createLocalKysely(opened);
      try {
        const result = await migrate(k as unknown as Kysely<unknown>);
        if (result.applied.length > 0) {
          options.logger.info(
            { event: 'db.migrated', from: result.from, to: result.to },
            'database migrated',
          );
        }
      } catch (error) {
        await k.destroy();
        throw error;
      }
      raw = opened;
      key = dataKey;
      kysely = k;
    },
    async close() {
      const k = kysely;
      const r = raw;
      kysely = null;
      raw = null;
      key = null;
      if (r) {
        try {
          r.pragma('wal_checkpoint(TRUNCATE)');
        } catch {
          // best effort: the WAL is encrypted as well
        }
      }
      if (k) await k.destroy();
      else r?.close();
    },
    isOpen: () => raw !== null,
    db() {
      if (!kysely) throw new AppError('VAULT_LOCKED');
      return kysely;
    },
    async backup(targetPath) {
      if (!raw || !key) throw new AppError('VAULT_LOCKED');
      return writeEncryptedBackup(raw, key, targetPath);
    },
    raw() {
      if (!raw) throw new AppError('VAULT_LOCKED');
      return raw;
    },
  };
}
