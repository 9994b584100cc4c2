/**
 * The team directory (src/shared/auth/team-directory.ts): the own team's members by name, as the
 * server announced them last, with the signed-in user. Read-only.
 */
import { z } from 'zod';
import { teamMemberSchema } from '../auth/team-directory';

export const TeamMemberDto = teamMemberSchema;
export type TeamMemberDto = z.infer<typeof TeamMemberDto>;

export const directoryContract = {
  /** Sorted by name; the signed-in user always included (with the name of the sign-in). */
  'directory:users': { input: z.undefined(), output: z.array(TeamMemberDto) },
} as const;
