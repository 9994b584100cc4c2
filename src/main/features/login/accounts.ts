/**
 * The users known on this machine (desktops with a Lotse server): each has its own folder
 * <data>/users/<userKey>/ with its own keystore.json and encrypted lotse.db, and an account.json
 * that the lock screen reads before anything is unlocked (who may be chosen). account.json holds no
 * secret: the server's ids, the user name, display name and role, and the device's client id for
 * this user. The refresh token lives inside the encrypted store (see stored-token-auth.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open as openFile, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ROLES } from '../../../shared/auth/roles';

export const USERS_DIR = 'users';
export const ACCOUNT_FILE = 'account.json';

export const AccountSchema = z.object({
  format: z.literal('lotse-account'),
  version: z.literal(1),
  userId: z.string().min(1),
  username: z.string().min(1),
  displayName: z.string(),
  role: z.enum(ROLES),
  officeId: z.string(),
  teamId: z.string().nullable(),
  /** The client id this device registered at the server for this user (also in the store). */
  clientId: z.string().uuid(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
});
export type Account = z.infer<typeof AccountSchema>;

/** The folder name of a user's store: a hash of the server's user id (no name on disk). */
export function userKeyOf(userId: string): string {
  return createHash('sha256').update(`lotse-user:v1:${userId}`).digest('hex').slice(0, 32);
}

export function usersDir(dataDir: string): string {
  return join(dataDir, USERS_DIR);
}

export function userDir(dataDir: string, userKey: string): string {
  return join(usersDir(dataDir), userKey);
}

/** Every readable account under <data>/users, most recently used first (damaged ones are skipped). */
export async function readAccounts(dataDir: string): Promise<Account[]> {
  let names: string[];
  try {
    names = await readdir(usersDir(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const accounts: Account[] = [];
  for (const name of names) {
    if (!/^[0-9a-f]{32}$/.test(name)) continue;
    try {
      const parsed = AccountSchema.parse(
        JSON.parse(await readFile(join(usersDir(dataDir), name, ACCOUNT_FILE), 'utf8')),
      );
      if (userKeyOf(parsed.userId) === name) accounts.push(parsed);
    } catch {
      // a folder without a (valid) account.json is not offered on the lock screen
    }
  }
  return accounts.sort((a, b) => b.lastUsedAt.localeCompare(a.lastUsedAt));
}

/** Writes account.json atomically (temp file, fsync, rename), creating the user's folder. */
export async function writeAccount(dataDir: string, account: Account): Promise<void> {
  const dir = userDir(dataDir, userKeyOf(account.userId));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${ACCOUNT_FILE}.${randomUUID()}.tmp`);
  const handle = await openFile(temp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(AccountSchema.parse(account), null, 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, join(dir, ACCOUNT_FILE));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
