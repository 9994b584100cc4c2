import {
  Badge,
  Checkbox,
  Group,
  Select,
  Table,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useWritesCaseRecords } from '../session/use-writes-case-records';
import { useNarrowWindow } from '../../components/ReflowTable';
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconSearch, IconUsers } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { OFFICES } from '../../../../shared/domain/case/office';
import { TARGET_GROUP_LABELS, TARGET_GROUPS } from '../../../../shared/domain/case/target-groups';
import { SEARCH_FIELD_LABELS } from '../../../../shared/domain/common/search-fold';
import type {
  CaseloadDto,
  CaseloadRowDto,
  CaseloadSortColumn,
  CaseSearchHit,
} from '../../../../shared/ipc/contract';
import { ipcQueryOptions } from '../../api/query';
import { RouterAnchor, RouterButton } from '../../app/links';
import type { CaseloadSearch } from '../../app/route-params';
import { EmptyState } from '../../components/EmptyState';
import { formatDate, formatNumber, PHASE_LABELS, PHASES } from '../../components/format';
import { CorrectionTasksPanel } from '../quality/CorrectionTasksPanel';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import {
  lastCaseloadRows,
  lastCaseloadScroll,
  rememberCaseloadRows,
  rememberCaseloadScroll,
  rememberCaseloadSearch,
} from './caseload-memory';

const ROW_HEIGHT = 44;
/** A stacked row (narrow window): the name line and the column values wrapped beneath it. */
const STACKED_ROW_HEIGHT = 96;

/** 'unter 25 Jahre (U25)' → 'U25'; labels without an abbreviation stay as they are. */
function shortGroup(group: (typeof TARGET_GROUPS)[number]): string {
  const label = TARGET_GROUP_LABELS[group];
  return /\(([^)]+)\)$/.exec(label)?.[1] ?? label;
}

/** Mein Bestand and search as you type; search text, sort and filters live in the address. */
export function CaseloadPage() {
  const search = useSearch({ from: '/faelle' });
  const navigate = useNavigate({ from: '/faelle' });
  // a team lead takes up no one (the intake is a caseworker's write)
  const writes = useWritesCaseRecords();
  const [query, setQuery] = useState(search.q ?? '');
  // typing is never blocked: the list renders the deferred text in the background
  const deferred = useDeferredValue(query);
  const term = deferred.trim();

  const setSearch = (patch: Partial<CaseloadSearch>) => {
    const next = clean({ ...search, ...patch });
    rememberCaseloadSearch(next);
    void navigate({ search: next, replace: true });
  };

  // whatever address the list was reached by (a link, a bookmark, a reload) is where "Zurück" returns
  useEffect(() => rememberCaseloadSearch(clean(search)), [search]);

  useEffect(() => {
    if ((search.q ?? '') === term) return;
    const next = clean({ ...search, q: term });
    rememberCaseloadSearch(next);
    void navigate({ search: next, replace: true });
  }, [term, search, navigate]);

  return (
    <>
      <PageHeader
        title="Fälle"
        description="Mein Bestand: Ihre Fälle und Ihre Vertretungen"
        actions={writes === false ? null : <RouterButton to="/aufnahme">Neue Aufnahme</RouterButton>}
      />
      <CorrectionTasksPanel />
      <Group align="flex-end" mb="md" wrap="wrap">
        <TextInput
          label="Suche"
          placeholder="Name, Kundennummer, Aktenzeichen, Geburtsdatum oder Vermerk"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          maw={560}
          w="100%"
          type="search"
          maxLength={200}
        />
      </Group>
      {term ? <SearchResults term={term} /> : <Caseload search={search} setSearch={setSearch} />}
    </>
  );
}

function clean(s: CaseloadSearch): CaseloadSearch {
  return Object.fromEntries(
    Object.entries(s).filter(([, v]) => v !== undefined && v !== ''),
  ) as CaseloadSearch;
}

function SearchResults({ term }: { term: string }) {
  const hits = useQuery({
    ...ipcQueryOptions('cases:search', { query: term, limit: 50 }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Text size="sm" role="status" aria-live="polite" mb="xs">
        {hits.data ? `${formatNumber(hits.data.length)} Treffer` : ''}
      </Text>
      <QueryView
        query={hits}
        loadingLabel="Suche läuft"
        errorTitle="Suche nicht möglich"
        fallback="Die Suche ist fehlgeschlagen."
      >
        {(items) =>
          items.length === 0 ? (
            <EmptyState icon={<IconUsers size={24} />} title="Keine Treffer">
              Zu diesem Suchbegriff wurde kein Fall gefunden. Prüfen Sie die Schreibweise oder suchen Sie nach
              der Kundennummer, dem Aktenzeichen oder dem Geburtsdatum (TT.MM.JJJJ).
            </EmptyState>
          ) : (
            <Table striped highlightOnHover withTableBorder>
              <VisuallyHidden component="caption">Fallbestand</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Gefunden in</Table.Th>
                  <Table.Th scope="col">Aktenzeichen</Table.Th>
                  <Table.Th scope="col">Geburtsdatum</Table.Th>
                  <Table.Th scope="col">Phase</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((h: CaseSearchHit) => (
                  <Table.Tr key={h.caseId}>
                    <Table.Td>
                      <RouterAnchor to="/faelle/$caseId" params={{ caseId: h.caseId }} fw={600}>
                        {h.lastName}, {h.firstName}
                      </RouterAnchor>
                    </Table.Td>
                    <Table.Td>{SEARCH_FIELD_LABELS[h.matchedField]}</Table.Td>
                    <Table.Td>{h.caseNumber}</Table.Td>
                    <Table.Td>{formatDate(h.birthDate)}</Table.Td>
                    <Table.Td>{h.phase}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryView>
    </>
  );
}

const withCount = (label: string, n: number | undefined) => `${label} (${formatNumber(n ?? 0)})`;

function Caseload({
  search,
  setSearch,
}: {
  search: CaseloadSearch;
  setSearch: (p: Partial<CaseloadSearch>) => void;
}) {
  const list = useQuery({
    ...ipcQueryOptions('caseload:list', {
      ...(search.sort ? { sort: search.sort } : {}),
      ...(search.dir ? { direction: search.dir } : {}),
      ...(search.office ? { officeId: search.office } : {}),
      ...(search.phase ? { phase: search.phase } : {}),
      ...(search.group ? { targetGroup: search.group } : {}),
      ...(search.overdue ? { overdueReview: true } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const counts = list.data?.counts;
  return (
    <>
      <Group align="flex-end" mb="sm" wrap="wrap" gap="sm">
        <Select
          label="Standort"
          placeholder="alle"
          clearable
          data={OFFICES.map((o) => ({ value: o.id, label: withCount(o.name, counts?.offices[o.id]) }))}
          value={search.office ?? null}
          onChange={(v) => setSearch({ office: (v ?? undefined) as CaseloadSearch['office'] })}
          w={220}
        />
        <Select
          label="Phase"
          placeholder="alle"
          clearable
          data={PHASES.map((p) => ({
            value: String(p),
            label: withCount(`${p} – ${PHASE_LABELS[p]}`, counts?.phases[String(p)]),
          }))}
          value={search.phase ? String(search.phase) : null}
          onChange={(v) => setSearch({ phase: v ? (Number(v) as CaseloadSearch['phase']) : undefined })}
          w={240}
        />
        <Select
          label="Zielgruppe"
          placeholder="alle"
          clearable
          data={TARGET_GROUPS.map((g) => ({
            value: g,
            label: withCount(TARGET_GROUP_LABELS[g], counts?.targetGroups[g]),
          }))}
          value={search.group ?? null}
          onChange={(v) => setSearch({ group: (v ?? undefined) as CaseloadSearch['group'] })}
          w={280}
        />
        <Checkbox
          label={withCount('Überprüfung überfällig', counts?.overdueReview)}
          checked={search.overdue === 1}
          onChange={(e) => setSearch({ overdue: e.currentTarget.checked ? 1 : undefined })}
          mb={8}
        />
      </Group>
      <Text size="sm" role="status" aria-live="polite" mb="xs">
        {list.data
          ? `${formatNumber(list.data.total)} Fälle${list.data.items.length < list.data.total ? `, ${formatNumber(list.data.items.length)} nach Filter` : ''}`
          : ''}
      </Text>
      <QueryView
        query={list}
        loadingLabel="Fälle werden geladen"
        errorTitle="Bestand nicht verfügbar"
        fallback="Die Fälle konnten nicht geladen werden."
      >
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              icon={<IconUsers size={24} />}
              title={data.total === 0 ? 'Noch keine Fälle' : 'Kein Fall passt zum Filter'}
            >
              {data.total === 0
                ? 'Sobald Fälle synchronisiert oder angelegt wurden, erscheinen sie hier.'
                : 'Nehmen Sie einen Filter zurück, um wieder Fälle zu sehen.'}
            </EmptyState>
          ) : (
            <CaseloadTable data={data} search={search} setSearch={setSearch} />
          )
        }
      </QueryView>
    </>
  );
}

const COLUMNS: { id: CaseloadSortColumn; label: string }[] = [
  { id: 'name', label: 'Name' },
  { id: 'caseNumber', label: 'Aktenzeichen' },
  { id: 'phase', label: 'Phase' },
  { id: 'nextAppointment', label: 'Nächster Termin' },
  { id: 'targetGroups', label: 'Zielgruppen' },
  { id: 'reviewDue', label: 'Überprüfung' },
  { id: 'findings', label: 'Prüfhinweise' },
];

function CaseloadTable({
  data,
  search,
  setSearch,
}: {
  data: CaseloadDto;
  search: CaseloadSearch;
  setSearch: (p: Partial<CaseloadSearch>) => void;
}) {
  const [margin, setMargin] = useState(0);
  // Below the frame's breakpoint (a narrow window, 200 % zoom) each row stacks its cells with their
  // column names instead of scrolling sideways; the rows then differ in height and are measured.
  const stacked = useNarrowWindow();
  // the list's distance from the top of the document (the window scrolls, the rows are virtual)
  const measure = useCallback((el: HTMLTableSectionElement | null) => {
    if (el) setMargin(el.getBoundingClientRect().top + window.scrollY);
  }, []);
  const sort = search.sort ?? 'name';
  const dir = search.dir ?? 'asc';
  const virtualizer = useWindowVirtualizer({
    count: data.items.length,
    estimateSize: () => (stacked ? STACKED_ROW_HEIGHT : ROW_HEIGHT),
    overscan: 12,
    scrollMargin: margin,
    getItemKey: (index) => data.items[index]!.caseId,
    // the heights measured before a case was opened: the restored scroll position shows the same rows
    initialMeasurementsCache: lastCaseloadRows(),
    initialOffset: lastCaseloadScroll,
  });
  // coming back from a case: the list scrolls to where it was
  // (again in the next frame: the router resets the scroll of a new navigation after the render)
  useLayoutEffect(() => {
    const y = lastCaseloadScroll();
    let frame = 0;
    if (y > 0) {
      virtualizer.scrollToOffset(y);
      frame = requestAnimationFrame(() => virtualizer.scrollToOffset(y));
    }
    // remembered while scrolling: when the list unmounts, the next page may already have clamped it
    const remember = () => rememberCaseloadScroll(window.scrollY);
    window.addEventListener('scroll', remember, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', remember);
      rememberCaseloadRows(virtualizer.takeSnapshot());
    };
  }, [virtualizer]);
  const rows = virtualizer.getVirtualItems();
  const before = rows.length > 0 ? rows[0]!.start - virtualizer.options.scrollMargin : 0;
  const after = rows.length > 0 ? virtualizer.getTotalSize() - rows[rows.length - 1]!.end : 0;

  const header = (c: (typeof COLUMNS)[number]): ReactNode => {
    const active = sort === c.id;
    return (
      <Table.Th
        key={c.id}
        scope="col"
        role="columnheader"
        aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <UnstyledButton
          onClick={() => setSearch({ sort: c.id, dir: active && dir === 'asc' ? 'desc' : 'asc' })}
          fw={700}
          fz="sm"
        >
          <Group gap={4} wrap="nowrap">
            {c.label}
            {active ? (
              dir === 'asc' ? (
                <IconArrowUp size={14} aria-hidden />
              ) : (
                <IconArrowDown size={14} aria-hidden />
              )
            ) : null}
            <VisuallyHidden>{active ? '' : ' (sortieren)'}</VisuallyHidden>
          </Group>
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    // explicit roles: the stacked layout changes the cells' display, the table stays a table for screen readers
    <Table
      striped
      highlightOnHover
      withTableBorder
      stickyHeader={!stacked}
      layout="auto"
      role="table"
      className={stacked ? 'lotse-stacked-table' : undefined}
    >
      <VisuallyHidden component="caption">Fallbestand</VisuallyHidden>
      <Table.Thead role="rowgroup">
        <Table.Tr role="row">{COLUMNS.map(header)}</Table.Tr>
      </Table.Thead>
      <Table.Tbody ref={measure} role="rowgroup">
        {before > 0 ? (
          <tr aria-hidden style={{ height: before }}>
            <td colSpan={COLUMNS.length} />
          </tr>
        ) : null}
        {rows.map((v) => (
          <CaseloadTableRow
            key={data.items[v.index]!.caseId}
            row={data.items[v.index]!}
            index={v.index}
            measureRef={virtualizer.measureElement}
          />
        ))}
        {after > 0 ? (
          <tr aria-hidden style={{ height: after }}>
            <td colSpan={COLUMNS.length} />
          </tr>
        ) : null}
      </Table.Tbody>
    </Table>
  );
}

function CaseloadTableRow({
  row,
  index,
  measureRef,
}: {
  row: CaseloadRowDto;
  index: number;
  measureRef: (el: HTMLTableRowElement | null) => void;
}) {
  const cell = (column: CaseloadSortColumn) => ({
    role: 'cell',
    'data-label': COLUMNS.find((c) => c.id === column)!.label,
  });
  return (
    <Table.Tr role="row" ref={measureRef} data-index={index} style={{ height: ROW_HEIGHT }}>
      <Table.Td {...cell('name')}>
        {/* a name never breaks (the badge may go under it) */}
        <RouterAnchor
          to="/faelle/$caseId"
          params={{ caseId: row.caseId }}
          fw={600}
          style={{ whiteSpace: 'nowrap' }}
        >
          {row.lastName}, {row.firstName}
        </RouterAnchor>
        {row.substitute ? (
          <Badge ml="xs" variant="outline" color="dark.6" size="sm">
            Vertretung
          </Badge>
        ) : null}
      </Table.Td>
      <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }} {...cell('caseNumber')}>
        {row.caseNumber}
        {row.caseNumberProvisional ? ' (vorläufig)' : ''}
      </Table.Td>
      <Table.Td {...cell('phase')}>{row.phase}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }} {...cell('nextAppointment')}>
        {row.nextAppointment ? formatDate(row.nextAppointment.day) : '–'}
      </Table.Td>
      <Table.Td fz="xs" {...cell('targetGroups')}>
        {row.targetGroups.length === 0 ? '–' : row.targetGroups.map(shortGroup).join(', ')}
      </Table.Td>
      {/* an overdue review may break after „seit“, so the names keep their room (a date never breaks) */}
      <Table.Td style={{ whiteSpace: 'nowrap' }} {...cell('reviewDue')}>
        {row.reviewOverdue ? (
          <Group gap={4} wrap="nowrap" align="flex-start" c="red.9" fw={700} component="span">
            <IconAlertTriangle size={16} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
            <span style={{ whiteSpace: 'normal' }}>
              überfällig seit <span style={{ whiteSpace: 'nowrap' }}>{formatDate(row.nextReviewOn)}</span>
            </span>
          </Group>
        ) : (
          formatDate(row.nextReviewOn)
        )}
      </Table.Td>
      <Table.Td {...cell('findings')}>{row.findings === 0 ? 'keine' : formatNumber(row.findings)}</Table.Td>
    </Table.Tr>
  );
}
