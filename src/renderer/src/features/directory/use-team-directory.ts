import { useQuery } from '@tanstack/react-query';
import { ipcQueryOptions } from '../../api/query';

/**
 * The team directory (the own team's names and oneself), undefined while loading or when it cannot
 * be read (labels then show user ids). Refreshed after a sync round that changed it
 * (api/data-changes.ts, team_directory).
 */
export function useTeamDirectory() {
  return useQuery(ipcQueryOptions('directory:users')).data;
}
