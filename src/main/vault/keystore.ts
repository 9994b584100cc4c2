import { randomUUID } from 'node:crypto';
import { open as openFile, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';

const SealedSchema = z.object({ iv: z.string(), tag: z.string(), data: z.string() });

/**
 * keystore.json beside the database: the data key, only ever wrapped.
 * - passphrase: AES-256-GCM under scrypt(passphrase) (the root of trust)
 * - safeStorage: the OS key store's blob of { key, expiresAt, fileId } (convenience only, removed
 *   from the file when its window has passed)
 * - recovery: RSA-OAEP-SHA256 under the organisation's recovery public key (optional)
 */
export const KeystoreSchema = z.object({
  format: z.literal('lotse-keystore'),
  version: z.literal(1),
  fileId: z.string().uuid(),
  cipher: z.literal('chacha20'),
  createdAt: z.string(),
  updatedAt: z.string(),
  passphrase: z.object({
    kdf: z.literal('scrypt'),
    salt: z.string(),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    keyLength: z.literal(32),
    wrapped: SealedSchema,
  }),
  safeStorage: z
    .object({
      backend: z.string(),
      blob: z.string(),
      createdAt: z.string(),
      /**
       * End of the quick-unlock window, also sealed inside the blob (they must agree). Lotse
       * deletes the slot once this has passed; slots without it (older versions) are deleted too.
       */
      expiresAt: z.string().optional(),
    })
    .optional(),
  recovery: z
    .object({ algorithm: z.literal('RSA-OAEP-256'), keyId: z.string(), wrapped: z.string() })
    .optional(),
});
export type Keystore = z.infer<typeof KeystoreSchema>;

export const KEYSTORE_FILE = 'keystore.json';

export function keystorePath(dataDir: string): string {
  return join(dataDir, KEYSTORE_FILE);
}

export async function readKeystore(dataDir: string): Promise<Keystore | undefined> {
  let raw: string;
  try {
    raw = await readFile(keystorePath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('VAULT_KEYSTORE_DAMAGED', undefined, { cause: error });
  }
  try {
    return KeystoreSchema.parse(JSON.parse(raw));
  } catch (error) {
    throw new AppError('VAULT_KEYSTORE_DAMAGED', undefined, { cause: error });
  }
}

/** Writes atomically: temp file, fsync, rename, fsync of the folder. */
export async function writeKeystore(dataDir: string, keystore: Keystore): Promise<void> {
  const target = keystorePath(dataDir);
  const temp = join(dataDir, `.${KEYSTORE_FILE}.${randomUUID()}.tmp`);
  const handle = await openFile(temp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(KeystoreSchema.parse(keystore), null, 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  try {
    const dir = await openFile(dataDir, 'r');
    await dir.sync().finally(() => dir.close());
  } catch {
    // Directory fsync is not supported everywhere (Windows); the rename is still atomic.
  }
}
