import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { classifySqliteError } from '../../../src/main/db/sqlite-errors';
import { tempDir } from '../../helpers/temp-dir';

/** Records every pragma and prepare in call order, over the real driver. */
const calls: string[] = [];
vi.mock('better-sqlite3-multiple-ciphers', async (importOriginal) => {
  const real = (await importOriginal()) as { default: new (...args: unknown[]) => object };
  const Base = real.default as unknown as new (...args: unknown[]) => {
    pragma(source: string, options?: unknown): unknown;
    prepare(source: string): unknown;
  };
  class Recording extends Base {
    override pragma(source: string, options?: unknown): unknown {
      calls.push(`pragma ${source.replace(/x'[0-9a-f]+'/i, "x'<key>'")}`);
      return super.pragma(source, options);
    }
    override prepare(source: string): unknown {
      calls.push(`prepare ${source}`);
      return super.prepare(source);
    }
  }
  return { ...real, default: Recording };
});

const { openEncryptedDb, assertIntegrity } = await import('../../../src/main/db/open-encrypted-db');

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir('lotse-open-');
  calls.length = 0;
});
afterEach(async () => {
  await dir.remove();
});

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error('expected an AppError');
}

describe('openEncryptedDb: the fixed order', () => {
  it('selects the cipher, applies the raw key, verifies, then WAL, FULL, foreign keys, secure delete, memory temp store', () => {
    const db = openEncryptedDb(join(dir.path, 'a.db'), randomBytes(32), { create: true });
    try {
      const relevant = calls.filter((c) => !c.startsWith('pragma busy_timeout'));
      expect(relevant.slice(0, 9)).toEqual([
        "pragma cipher='chacha20'",
        `pragma key="x'<key>'"`,
        'prepare SELECT count(*) AS n FROM sqlite_master',
        'pragma journal_mode = WAL',
        'pragma synchronous = FULL',
        'pragma foreign_keys = ON',
        'pragma secure_delete = ON',
        'pragma temp_store = MEMORY',
        'pragma cache_size = -65536',
      ]);
      expect(db.pragma('cipher', { simple: true })).toBe('chacha20');
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('secure_delete', { simple: true })).toBe(1);
      expect(db.pragma('temp_store', { simple: true })).toBe(2);
      expect(db.pragma('cache_size', { simple: true })).toBe(-65536);
    } finally {
      db.close();
    }
  });

  it('writes no plaintext SQLite header (the file is encrypted from byte 0)', async () => {
    const path = join(dir.path, 'b.db');
    const db = openEncryptedDb(path, randomBytes(32), { create: true });
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('Müller-Lüdenscheidt')");
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(bytes.includes(Buffer.from('Müller-Lüdenscheidt'))).toBe(false);
  });

  it('refuses keys that are not 32 raw bytes', () => {
    expect(() => openEncryptedDb(join(dir.path, 'c.db'), randomBytes(16), { create: true })).toThrow();
  });
});

describe('openEncryptedDb: failures sorted into kinds', () => {
  async function makeDb(): Promise<{ path: string; key: Buffer }> {
    const path = join(dir.path, 'k.db');
    const key = randomBytes(32);
    const db = openEncryptedDb(path, key, { create: true });
    db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY, y TEXT)');
    const insert = db.prepare('INSERT INTO t (y) VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} `.repeat(20));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return { path, key };
  }

  it('a wrong key is DB_WRONG_KEY and leaves the file untouched', async () => {
    const { path } = await makeDb();
    const before = await readFile(path);
    expect(code(() => openEncryptedDb(path, randomBytes(32)))).toBe('DB_WRONG_KEY');
    expect((await readFile(path)).equals(before)).toBe(true);
  });

  it('with a key the vault already verified, an unreadable first page is DB_CORRUPTED', async () => {
    const { path, key } = await makeDb();
    const bytes = await readFile(path);
    randomBytes(64).copy(bytes, 100);
    await writeFile(path, bytes);
    expect(code(() => openEncryptedDb(path, key, { keyVerified: true }))).toBe('DB_CORRUPTED');
  });

  it('damage further in the file is found by the integrity check as DB_CORRUPTED', async () => {
    const { path, key } = await makeDb();
    const bytes = await readFile(path);
    // page 5 onwards: ciphertext garbage in table pages
    randomBytes(4096).copy(bytes, 4096 * 4 + 64);
    await writeFile(path, bytes);
    const result = (() => {
      try {
        const db = openEncryptedDb(path, key, { keyVerified: true });
        try {
          assertIntegrity(db);
          return 'ok';
        } finally {
          db.close();
        }
      } catch (error) {
        return (error as AppError).code;
      }
    })();
    expect(result).toBe('DB_CORRUPTED');
  });

  it('a missing file without create is not silently created', () => {
    const path = join(dir.path, 'missing.db');
    expect(code(() => openEncryptedDb(path, randomBytes(32)))).toBe('DB_READ_ONLY');
  });

  it('writing to a read-only handle is DB_READ_ONLY', async () => {
    const { path, key } = await makeDb();
    const db = openEncryptedDb(path, key, { readonly: true });
    try {
      expect(
        code(() => {
          try {
            db.exec("INSERT INTO t (y) VALUES ('x')");
          } catch (error) {
            throw classifySqliteError(error);
          }
        }),
      ).toBe('DB_READ_ONLY');
    } finally {
      db.close();
    }
  });

  it('a full disk is DB_DISK_FULL', async () => {
    const { path, key } = await makeDb();
    const db = openEncryptedDb(path, key);
    try {
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages}`);
      expect(
        code(() => {
          try {
            db.exec(`INSERT INTO t (y) SELECT y || y FROM t`);
          } catch (error) {
            throw classifySqliteError(error);
          }
        }),
      ).toBe('DB_DISK_FULL');
    } finally {
      db.close();
    }
  });

  it('maps errno codes of the file system as well', () => {
    const errno = (c: string) => Object.assign(new Error(c), { code: c });
    expect(classifySqliteError(errno('ENOSPC')).code).toBe('DB_DISK_FULL');
    expect(classifySqliteError(errno('EROFS')).code).toBe('DB_READ_ONLY');
    expect(classifySqliteError(errno('SQLITE_CORRUPT_VTAB')).code).toBe('DB_CORRUPTED');
    expect(classifySqliteError(errno('SQLITE_NOTADB'), { keyVerified: false }).code).toBe('DB_WRONG_KEY');
    expect(classifySqliteError(new Error('other')).code).toBe('INTERNAL');
  });
});
