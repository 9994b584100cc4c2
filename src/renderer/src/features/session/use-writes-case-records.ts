import { useQuery } from '@tanstack/react-query';
import { writesCaseRecords } from '../../../../shared/auth/roles';
import { ipcQueryOptions } from '../../api/query';

/**
 * Whether the signed-in user writes case records (caseworkers; a desktop without a server is a
 * caseworker's): the rule of the write services and the server's write scope (shared/auth/roles),
 * read from the session of login:status. Undefined while the status loads. The case workspace uses
 * the case's own `mayWrite` from cases:get.
 */
export function useWritesCaseRecords(): boolean | undefined {
  const login = useQuery(ipcQueryOptions('login:status'));
  if (login.data === undefined) return undefined;
  return writesCaseRecords(login.data.session?.role ?? 'caseworker');
}
