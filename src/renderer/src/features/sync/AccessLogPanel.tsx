import { Paper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ipcQueryOptions } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryView } from '../../components/QueryView';
import { formatDateTime } from '../../components/format';
import { accessLogSummary } from './sync-view';

/**
 * The access log of this desktop (issue 12 item 5): every case opened is recorded and uploaded to
 * the server's audit log; shows what still waits and the server's refusal of a broken chain.
 */
export function AccessLogPanel(props: { serverConfigured: boolean }) {
  const log = useQuery({ ...ipcQueryOptions('sync:access-log'), refetchInterval: 2_000 });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Zugriffsprotokoll">
      <Title order={2} size="h4" mb="xs">
        Zugriffsprotokoll
      </Title>
      <QueryView
        query={log}
        loadingLabel="Zugriffsprotokoll wird geladen"
        errorTitle="Zugriffsprotokoll nicht verfügbar"
        fallback="Das Zugriffsprotokoll konnte nicht gelesen werden."
      >
        {(s) => (
          <>
            <Text mb={s.refusal ? 'sm' : 0}>{accessLogSummary(s, props.serverConfigured)}</Text>
            {s.refusal ? (
              <ErrorAlert title="Der Server hat das Zugriffsprotokoll abgelehnt">
                {s.refusal.message} (Eintrag {s.refusal.seq}, gemeldet am {formatDateTime(s.refusal.at)})
              </ErrorAlert>
            ) : null}
          </>
        )}
      </QueryView>
    </Paper>
  );
}
