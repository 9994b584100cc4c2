import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { caseworkerName } from '../../../../shared/auth/team-directory';
import { ipcQueryOptions } from '../../api/query';

/**
 * The team directory (the own team's names and oneself), undefined while loading or when it cannot
 * be read (labels then show user ids). Refreshed after a sync round that changed it
 * (api/data-changes.ts, team_directory).
 */
export function useTeamDirectory() {
  return useQuery(ipcQueryOptions('directory:users')).data;
}

/**
 * A user id as people read it, for authors and signatories in a case ("verfasst von Anna Berger"):
 * the display name of the team directory, as caseworkerName shows it.
 */
export function useUserName(): (userId: string) => string {
  const directory = useTeamDirectory();
  return useCallback((userId: string) => caseworkerName(userId, '', directory), [directory]);
}
