import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ipcQueryOptions } from '../../api/query';
import { QueryView } from '../../components/QueryView';
import { RejectionItem } from './CaseSyncIssues';

/** Every refused edit not yet dismissed (Synchronisation page); each stays until "Ausblenden". */
export function RejectionList() {
  const list = useQuery({ ...ipcQueryOptions('sync:rejections'), refetchInterval: 2_000 });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Vom Server abgelehnte Änderungen">
      <Title order={2} size="h4" mb="xs">
        Vom Server abgelehnte Änderungen
      </Title>
      <QueryView
        query={list}
        loadingLabel="Abgelehnte Änderungen werden geladen"
        errorTitle="Abgelehnte Änderungen nicht verfügbar"
        fallback="Die abgelehnten Änderungen konnten nicht gelesen werden."
      >
        {(data) =>
          data.rejections.length === 0 ? (
            <Text>Keine abgelehnten Änderungen.</Text>
          ) : (
            <Stack gap="xs">
              {data.rejections.map((r) => (
                <RejectionItem key={r.mutationId} rejection={r} />
              ))}
            </Stack>
          )
        }
      </QueryView>
    </Paper>
  );
}
