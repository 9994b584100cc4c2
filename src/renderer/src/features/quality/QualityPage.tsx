import { Alert, List, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconChecklist } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { ipcQueryOptions } from '../../api/query';
import { RouterAnchor } from '../../app/links';
import { EmptyState } from '../../components/EmptyState';
import { formatDate, formatNumber, PHASE_LABELS } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';

/**
 * The caseworker's own quality findings, as computed for "Mein Bestand" from the domain's quality
 * rules (per case, cached until a record of the case changes). It never claims an all-clear it has
 * not computed: the figures come from that computation or the page says it could not load them.
 * The team leads' review (per rule, sampled audits) is issue 15.
 */
export function QualityPage() {
  const query = useQuery(ipcQueryOptions('caseload:list', { sort: 'findings', direction: 'desc' }));
  return (
    <>
      <PageHeader
        title="Qualität"
        description="Prüfhinweise zu Ihrem Bestand nach den Qualitätsregeln des 4PM"
      />
      <QueryView
        query={query}
        loadingLabel="Prüfhinweise werden berechnet"
        errorTitle="Prüfhinweise nicht verfügbar"
        fallback="Die Prüfhinweise konnten nicht berechnet werden. Es wird daher keine Aussage zur Fallqualität angezeigt."
      >
        {(caseload) => {
          const withFindings = caseload.items.filter((c) => c.findings > 0);
          const overdue = caseload.items.filter((c) => c.reviewOverdue).length;
          const total = withFindings.reduce((sum, c) => sum + c.findings, 0);
          if (caseload.items.length === 0)
            return (
              <EmptyState icon={<IconChecklist size={24} />} title="Kein eigener Bestand">
                Ihnen sind keine Fälle zugeordnet; es gibt daher nichts zu prüfen.
              </EmptyState>
            );
          return (
            <>
              <List mb="md" spacing={4}>
                <List.Item>
                  {formatNumber(caseload.items.length)} Fälle geprüft, davon{' '}
                  {formatNumber(withFindings.length)} mit zusammen {formatNumber(total)} offenen Prüfhinweisen
                </List.Item>
                <List.Item>{formatNumber(overdue)} Kooperationspläne mit überfälliger Überprüfung</List.Item>
              </List>
              {withFindings.length === 0 ? (
                <EmptyState icon={<IconChecklist size={24} />} title="Keine offenen Prüfhinweise">
                  Alle {formatNumber(caseload.items.length)} Fälle Ihres Bestands erfüllen die
                  Qualitätsregeln.
                </EmptyState>
              ) : (
                <Table striped highlightOnHover>
                  <Table.Caption>Fälle mit offenen Prüfhinweisen, die meisten zuerst</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Person</Table.Th>
                      <Table.Th scope="col">Aktenzeichen</Table.Th>
                      <Table.Th scope="col">Phase</Table.Th>
                      <Table.Th scope="col">Überprüfung</Table.Th>
                      <Table.Th scope="col">Prüfhinweise</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {withFindings.map((c) => (
                      <Table.Tr key={c.caseId}>
                        <Table.Td>
                          <RouterAnchor to="/faelle/$caseId" params={{ caseId: c.caseId }}>
                            {c.lastName}, {c.firstName}
                          </RouterAnchor>
                        </Table.Td>
                        <Table.Td>{c.caseNumber}</Table.Td>
                        <Table.Td>{PHASE_LABELS[c.phase]}</Table.Td>
                        <Table.Td>
                          {c.reviewOverdue ? (
                            <Text span fw={700} c="red.9">
                              <IconAlertTriangle size={14} aria-hidden /> überfällig (
                              {formatDate(c.nextReviewOn)})
                            </Text>
                          ) : (
                            formatDate(c.nextReviewOn) || '–'
                          )}
                        </Table.Td>
                        <Table.Td>{formatNumber(c.findings)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              <Alert variant="light" color="gray" mt="md" title="Teamauswertung">
                Die Auswertung je Regel für Teamleitungen mit Stichproben folgt; hier sehen Sie die Hinweise
                Ihres eigenen Bestands.
              </Alert>
            </>
          );
        }}
      </QueryView>
    </>
  );
}
