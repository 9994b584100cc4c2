/**
 * Remote wipe (SYNC.md §4.5): the server answered `wipe` to this device. The key store goes first
 * (crypto-shredding: without keystore.json the encrypted database is unreadable even if deleting it
 * fails half-way), then the database with its WAL and SHM files. Returns what was removed, in order.
 */
import { randomBytes } from 'node:crypto';
import { open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DB_FILE } from '../../db/local-store';
import { KEYSTORE_FILE } from '../../vault/keystore';

async function overwriteAndRemove(path: string): Promise<boolean> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return false;
  }
  const fh = await open(path, 'r+');
  try {
    await fh.write(randomBytes(Math.max(1, size)), 0, Math.max(1, size), 0);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rm(path, { force: true });
  return true;
}

export async function wipeLocalData(dataDir: string, closeStore: () => Promise<void>): Promise<string[]> {
  const removed: string[] = [];
  if (await overwriteAndRemove(join(dataDir, KEYSTORE_FILE))) removed.push(KEYSTORE_FILE);
  await closeStore();
  for (const file of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) {
    const path = join(dataDir, file);
    try {
      await stat(path);
    } catch {
      continue;
    }
    await rm(path, { force: true });
    removed.push(file);
  }
  return removed;
}
