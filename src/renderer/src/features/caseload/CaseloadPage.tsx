import { ErrorAlert } from '../../components/ErrorAlert';
import { Anchor, Badge, Group, Loader, Select, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUsers } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { CaseList } from '../../../../shared/ipc/contract';
import { call, isApiError } from '../../api/client';
import { hrefFor } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { formatDate, formatNumber, PHASE_LABELS } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';

type StatusFilter = 'alle' | 'aktiv' | 'ruhend' | 'abgeschlossen';

export function CaseloadPage() {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('aktiv');
  const [debounced] = useDebouncedValue(query, 150);
  const [result, setResult] = useState<CaseList>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    call('cases:list', {
      ...(debounced.trim() ? { query: debounced.trim() } : {}),
      ...(status !== 'alle' ? { status } : {}),
      limit: 250,
    })
      .then((r) => current && (setResult(r), setError(undefined)))
      .catch(
        (e: unknown) =>
          current && setError(isApiError(e) ? e.message : 'Die Fälle konnten nicht geladen werden.'),
      );
    return () => {
      current = false;
    };
  }, [debounced, status]);

  const searching = debounced.trim().length > 0;
  const countText = result
    ? searching
      ? `${formatNumber(result.items.length)} Treffer`
      : `${formatNumber(result.total)} Fälle${result.total > result.items.length ? ` (die ersten ${formatNumber(result.items.length)} angezeigt)` : ''}`
    : '';

  return (
    <>
      <PageHeader title="Fälle" description="Ihr Fallbestand und Ihre Vertretungen" />
      <Group align="flex-end" mb="md" wrap="wrap">
        <TextInput
          label="Suche"
          placeholder="Name, Kundennummer, Fallnummer, Ort oder Vermerk"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          w={420}
          type="search"
        />
        <Select
          label="Status"
          data={[
            { value: 'aktiv', label: 'aktiv' },
            { value: 'ruhend', label: 'ruhend' },
            { value: 'abgeschlossen', label: 'abgeschlossen' },
            { value: 'alle', label: 'alle' },
          ]}
          value={status}
          onChange={(v) => setStatus((v as StatusFilter | null) ?? 'alle')}
          allowDeselect={false}
          w={180}
        />
        <Text size="sm" role="status" aria-live="polite" pb={8}>
          {countText}
        </Text>
      </Group>
      {error ? (
        <ErrorAlert title="Fehler">{error}</ErrorAlert>
      ) : !result ? (
        <Loader aria-label="Fälle werden geladen" />
      ) : result.items.length === 0 ? (
        <EmptyState icon={<IconUsers size={24} />} title={searching ? 'Keine Treffer' : 'Noch keine Fälle'}>
          {searching
            ? 'Zu diesem Suchbegriff wurde kein Fall gefunden. Prüfen Sie die Schreibweise oder suchen Sie nach der Kundennummer.'
            : 'Sobald Fälle synchronisiert oder angelegt wurden, erscheinen sie hier.'}
        </EmptyState>
      ) : (
        <Table striped highlightOnHover withTableBorder stickyHeader>
          <VisuallyHidden component="caption">Fallbestand</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Geburtsdatum</Table.Th>
              <Table.Th scope="col">Fallnummer</Table.Th>
              <Table.Th scope="col">Wohnort</Table.Th>
              <Table.Th scope="col">Phase</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Letzter Kontakt</Table.Th>
              <Table.Th scope="col">Nächste Überprüfung</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.items.map((c) => (
              <Table.Tr key={c.caseId}>
                <Table.Td>
                  <Anchor href={hrefFor('faelle', c.caseId)} fw={600}>
                    {c.lastName}, {c.firstName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatDate(c.birthDate)}</Table.Td>
                <Table.Td>{c.caseNumber}</Table.Td>
                <Table.Td>{c.town ?? '–'}</Table.Td>
                <Table.Td>
                  {c.phase} – {PHASE_LABELS[c.phase]}
                </Table.Td>
                <Table.Td>
                  <Badge variant="outline" color={c.status === 'aktiv' ? 'lotse.9' : 'dark.6'}>
                    {c.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDate(c.lastContactOn)}</Table.Td>
                <Table.Td>{formatDate(c.nextReviewOn)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
