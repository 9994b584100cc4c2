/**
 * The team directory on the desktop: the last list of the own team's members the server announced
 * at hello (src/shared/auth/team-directory.ts), kept in sync_state so it is known offline, plus the
 * signed-in user (whose name the sign-in delivered), so the directory is never empty for oneself.
 */
import {
  normalizeDirectory,
  teamDirectorySchema,
  type TeamMember,
} from '../../../shared/auth/team-directory';
import type { Executor, LocalKysely } from '../../db/kysely';
import { writeUncounted } from '../../db/uncounted-writes';
import { readState, writeState } from '../sync/sync-local';

export const TEAM_DIRECTORY_KEY = 'team_directory';

/** The stored directory (empty when none was received or it cannot be read). */
export async function readStoredDirectory(db: Executor): Promise<TeamMember[]> {
  const stored = (await readState(db, [TEAM_DIRECTORY_KEY])).get(TEAM_DIRECTORY_KEY);
  if (stored === undefined) return [];
  try {
    const parsed = teamDirectorySchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/**
 * Stores the announced directory when it differs from the stored one; returns whether it changed.
 * Bookkeeping that changes no case: written through writeUncounted (Mein Bestand's change stamp
 * stays). An announcement that does not parse is ignored (the last known directory stays).
 */
export async function storeDirectory(db: LocalKysely, announced: unknown): Promise<boolean> {
  const parsed = teamDirectorySchema.safeParse(announced);
  if (!parsed.success) return false;
  const value = JSON.stringify(normalizeDirectory(parsed.data));
  const stored = (await readState(db, [TEAM_DIRECTORY_KEY])).get(TEAM_DIRECTORY_KEY);
  if (stored === value) return false;
  await writeUncounted(db, (trx) => writeState(trx, { [TEAM_DIRECTORY_KEY]: value }));
  return true;
}

/** The signed-in user as the directory lists them (name from the sign-in). */
export interface DirectorySelf {
  readonly id: string;
  readonly displayName: string | null;
  readonly role: TeamMember['role'];
}

/** The stored directory with the signed-in user (their own name from the sign-in wins). */
export async function teamDirectory(db: Executor, self: DirectorySelf): Promise<TeamMember[]> {
  const stored = await readStoredDirectory(db);
  const own = self.displayName?.trim()
    ? [{ id: self.id, displayName: self.displayName.trim(), role: self.role }]
    : [];
  return normalizeDirectory([...own, ...stored]);
}
