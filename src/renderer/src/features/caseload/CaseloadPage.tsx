import { Badge, Group, Select, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUsers } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type { CaseList } from '../../../../shared/ipc/contract';
import { ipcQueryOptions } from '../../api/query';
import { RouterAnchor } from '../../app/links';
import { caseloadSearch, DEFAULT_CASELOAD_STATUS, type CaseloadStatusFilter } from '../../app/route-params';
import { QueryView } from '../../components/QueryView';
import { EmptyState } from '../../components/EmptyState';
import { formatDate, formatNumber, PHASE_LABELS } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { rememberCaseloadSearch } from './caseload-memory';

const STATUS_OPTIONS: { value: CaseloadStatusFilter; label: string }[] = [
  { value: 'aktiv', label: 'aktiv' },
  { value: 'ruhend', label: 'ruhend' },
  { value: 'abgeschlossen', label: 'abgeschlossen' },
  { value: 'alle', label: 'alle' },
];

/** Mein Bestand: search and status filter live in the address (#/faelle?q=…&status=…). */
export function CaseloadPage() {
  const search = useSearch({ from: '/faelle' });
  const navigate = useNavigate({ from: '/faelle' });
  const status = search.status ?? DEFAULT_CASELOAD_STATUS;
  const [query, setQuery] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(query, 150);
  const term = debounced.trim();

  useEffect(() => {
    const next = caseloadSearch(debounced, status);
    rememberCaseloadSearch(next);
    if ((search.q ?? '') !== debounced) void navigate({ search: next, replace: true });
  }, [debounced, status, search.q, navigate]);

  const list = useQuery({
    ...ipcQueryOptions('cases:list', {
      ...(term ? { query: term } : {}),
      ...(status !== 'alle' ? { status } : {}),
      limit: 250,
    }),
    placeholderData: keepPreviousData,
  });
  const result = list.data;

  const searching = term.length > 0;
  const countText =
    result && !list.isError
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
          data={STATUS_OPTIONS}
          value={status}
          onChange={(v) =>
            void navigate({
              search: caseloadSearch(debounced, (v as CaseloadStatusFilter | null) ?? 'alle'),
              replace: true,
            })
          }
          allowDeselect={false}
          w={180}
        />
        <Text size="sm" role="status" aria-live="polite" pb={8}>
          {countText}
        </Text>
      </Group>
      <QueryView
        query={list}
        loadingLabel="Fälle werden geladen"
        errorTitle="Suche nicht möglich"
        fallback="Die Fälle konnten nicht geladen werden."
      >
        {(result) => (list.isError ? null : <CaseTable result={result} searching={searching} />)}
      </QueryView>
    </>
  );
}

function CaseTable({ result, searching }: { result: CaseList; searching: boolean }) {
  return result.items.length === 0 ? (
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
              <RouterAnchor to="/faelle/$caseId" params={{ caseId: c.caseId }} fw={600}>
                {c.lastName}, {c.firstName}
              </RouterAnchor>
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
  );
}
