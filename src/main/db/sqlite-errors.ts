import { AppError } from '../../shared/errors';

/**
 * Sorts SQLite failures into the kinds the recovery screens know. A wrong key and a damaged file
 * look alike to SQLite (SQLITE_NOTADB); the vault verifies the key separately (AES-GCM tag), so by
 * the time a file is opened with a verified key, NOTADB means damage.
 */
export function classifySqliteError(error: unknown, options: { keyVerified?: boolean } = {}): AppError {
  if (error instanceof AppError) return error;
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? String((error as { code: unknown }).code)
      : '';
  if (code === 'SQLITE_NOTADB') {
    return new AppError(options.keyVerified === false ? 'DB_WRONG_KEY' : 'DB_CORRUPTED', undefined, {
      cause: error,
    });
  }
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_'))
    return new AppError('DB_CORRUPTED', undefined, { cause: error });
  if (
    code === 'SQLITE_READONLY' ||
    code.startsWith('SQLITE_READONLY_') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'EACCES' ||
    code === 'EROFS'
  ) {
    return new AppError('DB_READ_ONLY', undefined, { cause: error });
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new AppError('DB_DISK_FULL', undefined, { cause: error });
  return new AppError('INTERNAL', undefined, { cause: error });
}
