import type { TeamMember } from '../../../shared/auth/team-directory';
import type { Handlers } from '../../ipc/dispatch';

/** What the directory channel reads (composition: the stored directory with the signed-in user). */
export interface DirectoryPort {
  users(): Promise<TeamMember[]>;
}

/** IPC handler of the team directory (read-only). */
export function directoryHandlers(directory: DirectoryPort): Pick<Handlers, 'directory:users'> {
  return {
    'directory:users': () => directory.users(),
  };
}
