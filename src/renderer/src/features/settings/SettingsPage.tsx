import { ErrorAlert } from '../../components/ErrorAlert';
import { Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../../shared/ipc/contract';
import { call, isApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { useVault } from '../lock-screen/VaultContext';
import { ChangePassphraseForm } from './ChangePassphraseForm';

const RUNTIME_LABEL: Record<AppInfo['runtime'], string> = {
  electron: 'Desktop-Anwendung',
  'browser-bridge': 'Browser (Entwicklungs- und Testbetrieb)',
};

export function SettingsPage() {
  const [info, setInfo] = useState<AppInfo>();
  const [error, setError] = useState<string>();
  const { status } = useVault();

  useEffect(() => {
    call('app:info')
      .then(setInfo)
      .catch((e: unknown) =>
        setError(isApiError(e) ? e.message : 'Die Angaben konnten nicht geladen werden.'),
      );
  }, []);

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
          {error ? (
            <ErrorAlert title="Nicht geladen">{error}</ErrorAlert>
          ) : !info ? (
            <Loader size="sm" aria-label="Angaben werden geladen" />
          ) : (
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
        </Paper>
      </Stack>
    </>
  );
}
