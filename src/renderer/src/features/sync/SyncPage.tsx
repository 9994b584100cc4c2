import { Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { SyncStatusDto } from '../../../../shared/ipc/sync-contract';
import { describeError } from '../../api/errors';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import { RejectionList } from './RejectionList';
import { AccessLogPanel } from './AccessLogPanel';
import { PlanDocumentsPanel } from './PlanDocumentsPanel';
import { DuplicatesPanel } from '../outreach/DuplicatesPanel';
import { formatDateTime } from '../../components/format';
import { syncStateHint, syncStateLabel } from './sync-view';

/** How often the page asks the engine for its status while it is open. */
const STATUS_POLL_MS = 2_000;

/** The sync status of this desktop, polled while the page is open. */
export function useSyncStatus(refetchInterval: number | false = STATUS_POLL_MS) {
  return useQuery({ ...ipcQueryOptions('sync:status'), refetchInterval });
}

function Row(props: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={260} fw={500}>
        {props.label}
      </Table.Th>
      <Table.Td>{props.children}</Table.Td>
    </Table.Tr>
  );
}

function StatusPanel(props: { status: SyncStatusDto }) {
  const s = props.status;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="xs">
        Zustand: {syncStateLabel(s.state)}
      </Title>
      <Text mb="sm">{syncStateHint(s)}</Text>
      <Table aria-label="Stand der Synchronisation">
        <Table.Tbody>
          <Row label="Letzte erfolgreiche Synchronisation">{formatDateTime(s.lastSuccessAt, 'noch nie')}</Row>
          <Row label="Letzter Versuch">{formatDateTime(s.lastAttemptAt, 'noch nie')}</Row>
          {s.nextAttemptAt ? <Row label="Nächster Versuch">{formatDateTime(s.nextAttemptAt)}</Row> : null}
          <Row label="Ausstehende Änderungen">{formatNumber(s.pendingCount)}</Row>
          <Row label="Offene Abgleichkonflikte">{formatNumber(s.conflictCount)}</Row>
          <Row label="Abgelehnte Änderungen">{formatNumber(s.rejectionCount)}</Row>
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function FirstSyncProgress(props: { firstSync: NonNullable<SyncStatusDto['firstSync']> }) {
  const { rowsReceived, pages } = props.firstSync;
  const label = `Erste Synchronisation: ${formatNumber(rowsReceived)} Datensätze in ${formatNumber(pages)} ${pages === 1 ? 'Abschnitt' : 'Abschnitten'} empfangen`;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="xs">
        Erste Synchronisation
      </Title>
      {/* The total is unknown until the server's last page: an animated bar with the counts in text. */}
      <Progress value={100} striped animated aria-label={label} mb="xs" />
      <Text>{label}</Text>
    </Paper>
  );
}

/** Synchronisation: the engine's state in words, counts, the last error and a sync on demand. */
export function SyncPage() {
  const status = useSyncStatus();
  const syncNow = useIpcMutation('sync:now', { invalidates: ['sync:'] });
  return (
    <>
      <PageHeader
        title="Synchronisation"
        description="Abgleich mit dem zentralen Lotse-Server"
        actions={
          <Button
            leftSection={<IconRefresh size={18} aria-hidden />}
            loading={syncNow.isPending}
            onClick={() => syncNow.mutate(undefined)}
          >
            Jetzt synchronisieren
          </Button>
        }
      />
      <Stack gap="lg">
        {syncNow.isError ? (
          <ErrorAlert title="Synchronisation nicht möglich">
            {describeError(syncNow.error, 'Die Synchronisation konnte nicht gestartet werden.')}
          </ErrorAlert>
        ) : null}
        <QueryView
          query={status}
          loadingLabel="Stand der Synchronisation wird geladen"
          errorTitle="Stand der Synchronisation nicht verfügbar"
          fallback="Der Stand der Synchronisation konnte nicht gelesen werden."
        >
          {(s) => (
            <Stack gap="lg">
              {s.error ? (
                <ErrorAlert title="Letzter Fehler beim Abgleich">{s.error.message}</ErrorAlert>
              ) : null}
              {s.firstSync ? <FirstSyncProgress firstSync={s.firstSync} /> : null}
              <SimpleGrid cols={{ base: 1 }}>
                <StatusPanel status={s} />
              </SimpleGrid>
              <RejectionList />
              <DuplicatesPanel />
              <AccessLogPanel serverConfigured={s.state !== 'not_configured'} />
              <PlanDocumentsPanel serverConfigured={s.state !== 'not_configured'} />
              {s.conflictCount > 0 ? (
                <Group>
                  <Text>
                    Abgleichkonflikte werden im betroffenen Fall im Überblick angezeigt und dort entschieden.
                  </Text>
                </Group>
              ) : null}
            </Stack>
          )}
        </QueryView>
      </Stack>
    </>
  );
}
