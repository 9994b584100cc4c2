import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';
import { openEncryptedDb, type RawDatabase } from './open-encrypted-db';
import { classifySqliteError } from './sqlite-errors';

/**
 * Writes an encrypted, consistent copy of the open database to `targetPath`.
 *
 * SQLite3 Multiple Ciphers encrypts the output of `VACUUM INTO` with the cipher and key of the
 * source, so the copy is keyed with the same data key and never exists in plaintext (the SQLite
 * backup API refuses an un-keyed target: "incompatible source and target databases", which is the
 * behaviour we want). The copy is written under a temporary name in the target folder, verified
 * (opened with the key, integrity_check) and only then renamed into place. An existing file at
 * `targetPath` is never overwritten.
 */
export async function writeEncryptedBackup(
  raw: RawDatabase,
  dataKey: Buffer,
  targetPath: string,
): Promise<{ bytes: number }> {
  if (existsSync(targetPath)) throw new Error('backup target exists');
  const temp = join(dirname(targetPath), `.${basename(targetPath)}.${randomUUID()}.tmp`);
  try {
    try {
      raw.prepare('VACUUM INTO ?').run(temp);
    } catch (error) {
      throw classifySqliteError(error);
    }
    const copy = openEncryptedDb(temp, dataKey, { readonly: true, keyVerified: true });
    let bytes: number;
    try {
      if (copy.pragma('integrity_check', { simple: true }) !== 'ok') throw new AppError('DB_CORRUPTED');
      bytes =
        (copy.pragma('page_count', { simple: true }) as number) *
        (copy.pragma('page_size', { simple: true }) as number);
    } finally {
      copy.close();
    }
    await rename(temp, targetPath);
    return { bytes };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
