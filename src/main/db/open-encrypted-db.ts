import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import { nativeBindingOption } from './native-binding';
import { classifySqliteError } from './sqlite-errors';

export type RawDatabase = Database.Database;

/** The cipher of every Lotse database, set explicitly (never the library default by accident). */
export const DB_CIPHER = 'chacha20';
export const DATA_KEY_BYTES = 32;
/**
 * Page cache of 64 MiB (negative = KiB). Every page read from disk is decrypted and authenticated
 * once (ChaCha20-Poly1305); a caseworker's working set (caseload, open case) then stays decrypted in
 * memory for the lifetime of the connection instead of being decrypted again on every read.
 */
export const DB_CACHE_SIZE_KIB = 65_536;

export interface OpenOptions {
  readonly readonly?: boolean;
  /** Create the file if it does not exist (first run). */
  readonly create?: boolean;
  /**
   * The key was verified independently (the vault's AES-GCM tag), so an unreadable file means
   * damage rather than a wrong key.
   */
  readonly keyVerified?: boolean;
}

/**
 * Opens an encrypted Lotse database in a fixed order:
 * 1. select the cipher explicitly, 2. apply the raw 32-byte key (no library KDF), 3. verify by
 * reading sqlite_master, 4. WAL, synchronous=FULL, foreign_keys=ON, secure_delete=ON,
 * temp_store=MEMORY (no plaintext temp files), a 64 MiB page cache.
 * Failures are thrown as AppError with a DB_* code; the file is never modified or deleted on error.
 */
export function openEncryptedDb(path: string, key: Buffer, options: OpenOptions = {}): RawDatabase {
  if (key.length !== DATA_KEY_BYTES) throw new Error('data key must be 32 bytes');
  let db: RawDatabase;
  // Node build in tests and the browser bridge, the separate Electron build in the desktop
  const binding = nativeBindingOption();
  try {
    db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: !(options.create ?? false),
      ...binding,
    });
  } catch (error) {
    throw classifySqliteError(error);
  }
  try {
    db.pragma(`cipher='${DB_CIPHER}'`);
    db.pragma(`key="x'${key.toString('hex')}'"`);
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma(`cache_size = -${DB_CACHE_SIZE_KIB}`);
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw classifySqliteError(error, { keyVerified: options.keyVerified ?? false });
  }
}

/** Reads one pragma value as a scalar. */
export function pragmaValue(db: RawDatabase, name: string): unknown {
  return db.pragma(name, { simple: true });
}

export function assertIntegrity(db: RawDatabase): void {
  const result = db.pragma('integrity_check', { simple: true });
  if (result !== 'ok') throw new AppError('DB_CORRUPTED');
}
