import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Failed unlock attempts, persisted so that restarting Lotse does not reset the delay.
 * Delay after n consecutive failures: 1 s, 2 s, 4 s … capped at 60 s.
 */
const FILE = 'unlock-state.json';
export const MAX_DELAY_MS = 60_000;

export function delayAfterFailures(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(failures - 1, 16));
}

export async function readFailures(dataDir: string): Promise<number> {
  try {
    const value = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as { failures?: unknown };
    return typeof value.failures === 'number' && value.failures >= 0 ? Math.floor(value.failures) : 0;
  } catch {
    return 0;
  }
}

export async function writeFailures(dataDir: string, failures: number): Promise<void> {
  await writeFile(join(dataDir, FILE), JSON.stringify({ failures }), { mode: 0o600 });
}
