/**
 * The team directory: the users a signed-in user may know by name, i.e. the members of the own team
 * (id, display name, role) and nobody else. The server announces it at /sync/hello; the desktop
 * keeps the last one it received (offline too) and adds the signed-in user, so the quality screens
 * and the quality report show names instead of user ids. No other personal data.
 */
import { z } from 'zod';
import { ROLES } from './roles';

export const teamMemberSchema = z.object({
  id: z.string().min(1).max(200),
  displayName: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

/** What a sync round reports (sync:status → dataChanges) when it stored a changed directory. */
export const TEAM_DIRECTORY_CHANGE = 'team_directory';

/** At most this many members are announced (a team is a handful; the rest would be an error). */
export const MAX_TEAM_MEMBERS = 500;
export const teamDirectorySchema = z.array(teamMemberSchema).max(MAX_TEAM_MEMBERS);

/** The members sorted by name (German collation), then id; each id once (the first one wins). */
export function normalizeDirectory(members: readonly TeamMember[]): TeamMember[] {
  const seen = new Set<string>();
  const out: TeamMember[] = [];
  for (const m of members) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    out.push({ id: m.id, displayName: m.displayName, role: m.role });
  }
  return out.sort((a, b) => a.displayName.localeCompare(b.displayName, 'de') || a.id.localeCompare(b.id));
}

/** The first characters of an unknown user id ("3f2a…"). */
export function shortId(id: string): string {
  return id.length <= 8 ? id : `${id.slice(0, 4)}…`;
}

/**
 * How a caseworker appears on the quality screens and in the report: the display name, with
 * "(Sie)" for the signed-in user; a user not in the directory as "unbekannt (3f2a…)". Without a
 * directory (not loaded yet) the user id, as before the directory existed.
 */
export function caseworkerName(
  id: string,
  me: string,
  directory: readonly Pick<TeamMember, 'id' | 'displayName'>[] | undefined,
): string {
  const label =
    directory === undefined
      ? id
      : (directory.find((m) => m.id === id)?.displayName ?? `unbekannt (${shortId(id)})`);
  return id === me ? `${label} (Sie)` : label;
}
