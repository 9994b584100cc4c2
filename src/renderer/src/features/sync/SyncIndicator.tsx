import { Badge } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { DataChangesDto } from '../../../../shared/ipc/sync-contract';
import { refreshAfterSync, refreshPlan } from '../../api/data-changes';
import { RouterButton } from '../../app/links';
import { formatNumber } from '../../components/format';
import { useSyncStatus } from './SyncPage';
import { indicatorText, syncStateLabel } from './sync-view';

/** How often the header asks for the sync status (the page itself polls faster). */
const HEADER_POLL_MS = 10_000;

/**
 * Records a sync round stored refresh the open screens: the status names what changed since the
 * data version this window saw, and exactly those queries are loaded again (api/data-changes.ts).
 * The header is on every screen, so this runs wherever the user is.
 */
function useRefreshAfterSync(changes: DataChangesDto | undefined): void {
  const queryClient = useQueryClient();
  const seen = useRef<number | null>(null);
  useEffect(() => {
    if (!changes) return;
    // the first status after start only sets the mark: the screens loaded the current data
    const plan = seen.current === null ? null : refreshPlan(seen.current, changes);
    seen.current = changes.version;
    if (plan) void refreshAfterSync(queryClient, plan);
  }, [changes, queryClient]);
}

/**
 * The sync state in the app header, with the number of changes not yet on the server; a link to
 * the Synchronisation page. State and count are text, never colour alone.
 */
export function SyncIndicator() {
  const status = useSyncStatus(HEADER_POLL_MS);
  const s = status.data;
  useRefreshAfterSync(s?.dataChanges);
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
