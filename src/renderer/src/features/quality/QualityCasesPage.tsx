import { List, Table, Text } from '@mantine/core';
import { caseworkerName } from '../../../../shared/auth/team-directory';
import { IconArrowLeft, IconChecklist } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useState } from 'react';
import {
  CASE_MEASURE_LABELS,
  TREND_SERIES_LABELS,
  type QualityDrillDown,
} from '../../../../shared/domain/quality/quality-dashboard';
import {
  CASE_SECTION_LABELS,
  ruleTitle,
  SEVERITY_LABELS,
} from '../../../../shared/domain/quality/quality-rules';
import type { QualityCaseRowDto } from '../../../../shared/ipc/contract';
import { ipcQueryOptions } from '../../api/query';
import { RouterAnchor } from '../../app/links';
import { qualityDrillDownOf } from '../../app/route-params';
import { EmptyState } from '../../components/EmptyState';
import { formatDate, formatNumber, PHASE_LABELS } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import { formatMonth, SECTION_ROUTES } from './quality-links';
import { useTeamDirectory } from '../directory/use-team-directory';

const ROW_HEIGHT = 64;

/** What a drill-down shows, in German ("Regel „Letzter Kontakt“ · Fachkraft Jens Wolff"). */
export function describeDrillDown(
  d: QualityDrillDown,
  name: (caseworkerId: string) => string = (id) => id,
): string {
  const parts: string[] = [];
  if (d.measure !== undefined) parts.push(CASE_MEASURE_LABELS[d.measure]);
  if (d.ruleId !== undefined) {
    parts.push(`Regel „${ruleTitle(d.ruleId)}“`);
  }
  if (d.severity !== undefined) parts.push(`Schweregrad ${SEVERITY_LABELS[d.severity]}`);
  if (d.phase !== undefined) parts.push(`Phase ${d.phase} (${PHASE_LABELS[d.phase]})`);
  if (d.series !== undefined && d.month !== undefined)
    parts.push(`${TREND_SERIES_LABELS[d.series]} im ${formatMonth(d.month)}`);
  if (d.caseworkerId !== undefined) parts.push(`Fachkraft ${name(d.caseworkerId)}`);
  return parts.length > 0 ? parts.join(' · ') : 'alle offenen Fälle';
}

/**
 * The cases behind a number of the quality dashboard (#/qualitaet/faelle?…), each with the findings
 * the number is about; a finding links to the section of the case workspace it points to.
 */
export function QualityCasesPage() {
  const search = useSearch({ from: '/qualitaet/faelle' });
  const team = search.bereich === 'team';
  const drillDown = qualityDrillDownOf(search);
  const query = useQuery(ipcQueryOptions('quality:cases', { scope: team ? 'team' : 'own', drillDown }));
  const directory = useTeamDirectory();
  return (
    <>
      <RouterAnchor to="/qualitaet" search={{ bereich: team ? 'team' : 'eigen' }} size="sm">
        <IconArrowLeft size={14} aria-hidden /> Zurück zur Auswertung
      </RouterAnchor>
      <PageHeader
        title="Fälle zur Auswertung"
        description={`${team ? 'Team' : 'Eigener Bestand'}: ${describeDrillDown(drillDown, (id) => caseworkerName(id, '', directory))}`}
      />
      <QueryView
        query={query}
        loadingLabel="Fälle werden gesucht"
        errorTitle="Fälle nicht verfügbar"
        fallback="Die Fälle zu dieser Zahl konnten nicht ermittelt werden."
      >
        {({ rows, userId }) =>
          rows.length === 0 ? (
            <EmptyState icon={<IconChecklist size={24} />} title="Keine Fälle">
              Zu dieser Zahl gehören keine offenen Fälle.
            </EmptyState>
          ) : (
            <>
              <Text mb="sm" role="status">
                {formatNumber(rows.length)} {rows.length === 1 ? 'Fall' : 'Fälle'}
              </Text>
              <CaseTable rows={rows} userId={userId} />
            </>
          )
        }
      </QueryView>
    </>
  );
}

function CaseTable({ rows, userId }: { rows: readonly QualityCaseRowDto[]; userId: string }) {
  const directory = useTeamDirectory();
  const [margin, setMargin] = useState(0);
  const measure = useCallback((el: HTMLTableSectionElement | null) => {
    if (el) setMargin(el.getBoundingClientRect().top + window.scrollY);
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: margin,
    getItemKey: (i) => rows[i]!.caseId,
  });
  const items = virtualizer.getVirtualItems();
  const before = items.length > 0 ? items[0]!.start - virtualizer.options.scrollMargin : 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    <Table striped withTableBorder layout="auto" aria-rowcount={rows.length + 1}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Person</Table.Th>
          <Table.Th scope="col">Aktenzeichen</Table.Th>
          <Table.Th scope="col">Fachkraft</Table.Th>
          <Table.Th scope="col">Phase</Table.Th>
          <Table.Th scope="col">Überprüfung</Table.Th>
          <Table.Th scope="col">Prüfhinweise (zum Bereich im Fall)</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody ref={measure}>
        {before > 0 ? (
          <tr aria-hidden style={{ height: before }}>
            <td colSpan={6} />
          </tr>
        ) : null}
        {items.map((v) => {
          const r = rows[v.index]!;
          return (
            <Table.Tr
              key={r.caseId}
              data-index={v.index}
              ref={virtualizer.measureElement}
              aria-rowindex={v.index + 2}
            >
              <Table.Td>
                <RouterAnchor to="/faelle/$caseId" params={{ caseId: r.caseId }}>
                  {r.lastName}, {r.firstName}
                </RouterAnchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.caseNumber}</Table.Td>
              <Table.Td>{caseworkerName(r.caseworkerId, userId, directory)}</Table.Td>
              <Table.Td>
                {r.phase} – {PHASE_LABELS[r.phase]}
              </Table.Td>
              <Table.Td>{formatDate(r.nextReviewOn)}</Table.Td>
              <Table.Td>
                {r.findings.length === 0 ? (
                  '–'
                ) : (
                  <List size="sm" spacing={2} listStyleType="none" ml={0} pl={0}>
                    {r.findings.map((f, i) => (
                      <List.Item key={`${f.ruleId}-${i}`}>
                        <RouterAnchor to={SECTION_ROUTES[f.section]} params={{ caseId: r.caseId }}>
                          {CASE_SECTION_LABELS[f.section]}
                        </RouterAnchor>
                        : {f.message}{' '}
                        <Text span size="xs" c="dark.5">
                          ({SEVERITY_LABELS[f.severity]})
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
        {after > 0 ? (
          <tr aria-hidden style={{ height: after }}>
            <td colSpan={6} />
          </tr>
        ) : null}
      </Table.Tbody>
    </Table>
  );
}
