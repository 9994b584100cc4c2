import { Paper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ipcQueryOptions } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryView } from '../../components/QueryView';
import { formatDateTime } from '../../components/format';
import { planDocumentsSummary } from './sync-view';

/**
 * The PDFs of handed-over Kooperationspläne on their way to the server's document store (issue 12
 * item 8): how many still wait, and a refusal (an altered transfer, no access) until it succeeds.
 */
export function PlanDocumentsPanel(props: { serverConfigured: boolean }) {
  const docs = useQuery({ ...ipcQueryOptions('sync:plan-documents'), refetchInterval: 2_000 });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Plan-Dokumente">
      <Title order={2} size="h4" mb="xs">
        Plan-Dokumente
      </Title>
      <QueryView
        query={docs}
        loadingLabel="Plan-Dokumente werden geladen"
        errorTitle="Plan-Dokumente nicht verfügbar"
        fallback="Der Stand der Plan-Dokumente konnte nicht gelesen werden."
      >
        {(s) => (
          <>
            <Text mb={s.refused.length > 0 ? 'sm' : 0}>
              {planDocumentsSummary(s, props.serverConfigured)}
            </Text>
            {s.refused.map((r) => (
              <ErrorAlert key={r.sha256} title="Ein Plan-Dokument wurde nicht übernommen">
                {r.message} (gemeldet am {formatDateTime(r.at)}; wird beim nächsten Abgleich erneut versucht)
              </ErrorAlert>
            ))}
          </>
        )}
      </QueryView>
    </Paper>
  );
}
