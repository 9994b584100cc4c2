import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { AppInfo } from '../../../../shared/ipc/contract';
import { ipcQueryOptions } from '../../api/query';
import { QueryView } from '../../components/QueryView';
import { PageHeader } from '../../components/PageHeader';
import { useVault } from '../lock-screen/VaultContext';
import { ChangePassphraseForm } from './ChangePassphraseForm';

const RUNTIME_LABEL: Record<AppInfo['runtime'], string> = {
  electron: 'Desktop-Anwendung',
  'browser-bridge': 'Browser (Entwicklungs- und Testbetrieb)',
};

export function SettingsPage() {
  const appInfo = useQuery(ipcQueryOptions('app:info'));
  const { status } = useVault();

  return (
    <>
      <PageHeader title="Einstellungen" description="Sicherheit, Sperre und Angaben zu dieser Installation" />
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md" maw={640}>
          <Title order={2} size="h4" mb="xs">
            Automatische Sperre
          </Title>
          <Text size="sm">
            Lotse sperrt sich nach <strong>{status.autoLockMinutes} Minuten</strong> ohne Eingabe sowie beim
            Sperren des Computers. Sie können jederzeit selbst über „Sperren“ oben rechts sperren.
          </Text>
        </Paper>
        <ChangePassphraseForm />
        <Paper withBorder p="lg" radius="md" maw={640}>
          <Title order={2} size="h4" mb="sm">
            Über Lotse
          </Title>
          <QueryView
            query={appInfo}
            loadingLabel="Angaben werden geladen"
            errorTitle="Nicht geladen"
            fallback="Die Angaben konnten nicht geladen werden."
          >
            {(info) => (
              <Table variant="vertical" withTableBorder={false}>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={200}>Version</Table.Th>
                    <Table.Td data-testid="app-version">{info.version}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Betriebsart</Table.Th>
                    <Table.Td>{RUNTIME_LABEL[info.runtime]}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>Daten</Table.Th>
                    <Table.Td>{info.demo ? 'Demodaten (keine echten Personen)' : 'Produktivdaten'}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            )}
          </QueryView>
        </Paper>
      </Stack>
    </>
  );
}
