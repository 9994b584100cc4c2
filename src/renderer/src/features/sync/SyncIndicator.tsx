import { Badge } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { matchesInvalidation } from '../../api/query';
import { RouterButton } from '../../app/links';
import { formatNumber } from '../../components/format';
import { useSyncStatus } from './SyncPage';
import { indicatorText, syncStateLabel } from './sync-view';

/** How often the header asks for the sync status (the page itself polls faster). */
const HEADER_POLL_MS = 10_000;

/**
 * What only a sync brings is loaded again after a successful round: the server's reports of
 * possible duplicates (the header is on every screen, so the panels showing them stay current).
 */
function useReloadAfterSync(lastSuccessAt: string | null | undefined): void {
  const queryClient = useQueryClient();
  const seen = useRef(lastSuccessAt);
  useEffect(() => {
    if (lastSuccessAt && seen.current !== undefined && seen.current !== lastSuccessAt)
      void queryClient.invalidateQueries({
        predicate: (query) => matchesInvalidation(query.queryKey, ['duplicates:']),
      });
    seen.current = lastSuccessAt;
  }, [lastSuccessAt, queryClient]);
}

/**
 * The sync state in the app header, with the number of changes not yet on the server; a link to
 * the Synchronisation page. State and count are text, never colour alone.
 */
export function SyncIndicator() {
  const status = useSyncStatus(HEADER_POLL_MS);
  const s = status.data;
  useReloadAfterSync(s?.lastSuccessAt);
  if (!s) return null;
  return (
    <RouterButton
      to="/synchronisation"
      variant="default"
      aria-label={`Synchronisation: ${indicatorText(s)}`}
      leftSection={<IconRefresh size={18} aria-hidden />}
      rightSection={
        s.pendingCount > 0 ? (
          <Badge variant="outline" color="dark.7" aria-hidden>
            {formatNumber(s.pendingCount)}
          </Badge>
        ) : null
      }
    >
      {syncStateLabel(s.state)}
    </RouterButton>
  );
}
