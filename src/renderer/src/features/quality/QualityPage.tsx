import { BarChart, LineChart } from '@mantine/charts';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconChecklist, IconDownload, IconFileTypePdf } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import {
  CONTACT_WINDOW_MONTHS,
  qualityDashboardCsv,
  TREND_SERIES,
  TREND_SERIES_LABELS,
  type QualityDrillDown,
  type QualityFigures,
} from '../../../../shared/domain/quality/quality-dashboard';
import {
  CASE_SECTION_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  type CaseSection,
} from '../../../../shared/domain/quality/quality-rules';
import type { QualityDashboardDto } from '../../../../shared/ipc/contract';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { caseworkerName } from '../../../../shared/auth/team-directory';
import { useTeamDirectory } from '../directory/use-team-directory';
import { describeError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RouterAnchor, RouterButton } from '../../app/links';
import { EmptyState } from '../../components/EmptyState';
import { formatDate, formatNumber, PHASE_LABELS, PHASES } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import { drillDownSearch, formatDecimal, formatMonth, formatShortMonth } from './quality-links';

/**
 * Qualität (issue 15 item 1): the dashboard of the quality rules for the own caseload, and for a
 * team lead the team's cases in the local store per caseworker. Every number links to the cases
 * behind it (#/qualitaet/faelle?…); each chart has the same figures as a table next to it (the
 * tables are what screen readers and the keyboard use; the charts are inert: hidden from both).
 * Caseworkers appear by the name of the team directory (useTeamDirectory), in the CSV export and
 * the PDF report (quality:report) too; neither lists persons or cases.
 */
export function QualityPage() {
  const search = useSearch({ from: '/qualitaet' });
  const navigate = useNavigate({ from: '/qualitaet' });
  const requested = search.bereich === 'team' ? 'team' : search.bereich === 'eigen' ? 'own' : undefined;
  // the previous scope's figures stay while the other scope loads (the switch keeps its focus)
  const query = useQuery({
    ...ipcQueryOptions('quality:dashboard', requested ? { scope: requested } : {}),
    placeholderData: keepPreviousData,
  });
  // without a scope in the address main answers with the role's own view (a team lead's team)
  const team = (requested ?? query.data?.scope) === 'team';
  const report = useIpcMutation('quality:report');
  const directory = useTeamDirectory();
  return (
    <>
      <PageHeader
        title="Qualität"
        description={
          team
            ? 'Auswertung der Qualitätsregeln des 4PM für die Fälle Ihres Teams'
            : 'Auswertung der Qualitätsregeln des 4PM für Ihren eigenen Bestand'
        }
        actions={
          query.data ? (
            <Group gap="sm">
              {query.data.teamScopeAllowed ? (
                <SegmentedControl
                  aria-label="Auswertung für"
                  value={team ? 'team' : 'own'}
                  onChange={(v) => void navigate({ search: { bereich: v === 'team' ? 'team' : 'eigen' } })}
                  data={[
                    { value: 'own', label: 'Eigener Bestand' },
                    { value: 'team', label: 'Team' },
                  ]}
                />
              ) : null}
              {query.data.teamScopeAllowed ? (
                <RouterButton to="/qualitaet/stichproben" variant="default">
                  Stichproben
                </RouterButton>
              ) : null}
              <Button
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                onClick={() => downloadCsv(query.data, directory)}
              >
                CSV exportieren
              </Button>
              <Button
                variant="default"
                leftSection={<IconFileTypePdf size={16} aria-hidden />}
                loading={report.isPending}
                onClick={() =>
                  report.mutate(
                    { scope: query.data.scope },
                    { onSuccess: (d) => downloadPdf(d.pdfBase64, d.fileName) },
                  )
                }
              >
                Bericht als PDF
              </Button>
            </Group>
          ) : null
        }
      />
      {report.isError ? (
        <ErrorAlert title="Bericht nicht erstellt">
          {describeError(report.error, 'Der Bericht konnte nicht als PDF erstellt werden.')}
        </ErrorAlert>
      ) : null}
      <QueryView
        query={query}
        loadingLabel="Auswertung wird berechnet"
        errorTitle="Auswertung nicht verfügbar"
        fallback="Die Auswertung konnte nicht berechnet werden. Es wird daher keine Aussage zur Fallqualität angezeigt."
      >
        {(d) =>
          d.total.cases === 0 ? (
            <EmptyState icon={<IconChecklist size={24} />} title="Keine offenen Fälle">
              {team
                ? 'Im lokalen Speicher liegen keine offenen Fälle Ihres Teams.'
                : 'Ihnen sind keine offenen Fälle zugeordnet; es gibt daher nichts auszuwerten.'}
            </EmptyState>
          ) : (
            <Dashboard d={d} team={team} />
          )
        }
      </QueryView>
    </>
  );
}

function downloadCsv(d: QualityDashboardDto, directory: ReturnType<typeof useTeamDirectory>): void {
  // by name as in the table and the PDF report (no "(Sie)": the file is passed on)
  const csv = qualityDashboardCsv(d, (id) => caseworkerName(id, '', directory));
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `Qualitaet-${d.scope === 'team' ? 'Team' : 'Bestand'}-${d.on}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The report's PDF as a download, like the CSV (the desktop shows the save dialog). */
function downloadPdf(base64: string, fileName: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A number that links to the list of cases behind it. */
function Drill(props: { team: boolean; drill: QualityDrillDown; label: string; children: ReactNode }) {
  return (
    <RouterAnchor
      to="/qualitaet/faelle"
      search={drillDownSearch(props.team, props.drill)}
      aria-label={props.label}
      fw={700}
    >
      {props.children}
    </RouterAnchor>
  );
}

function Dashboard({ d, team }: { d: QualityDashboardDto; team: boolean }) {
  const f = d.total;
  const n = (value: number) => formatNumber(value);
  const stats: { label: string; value: string; drill: QualityDrillDown; hint: string }[] = [
    { label: 'Offene Fälle', value: n(f.cases), drill: { measure: 'all' }, hint: 'aktiv oder ruhend' },
    {
      label: 'Fälle mit Prüfhinweisen',
      value: n(f.withFindings),
      drill: { measure: 'withFindings' },
      hint: `${n(f.findings)} Prüfhinweise`,
    },
    {
      label: 'Überprüfung überfällig',
      value: n(f.reviewOverdue),
      drill: { measure: 'reviewOverdue' },
      hint: 'Kooperationsplan',
    },
    {
      label: 'Überprüfung fällig',
      value: n(f.reviewDue),
      drill: { measure: 'reviewDue' },
      hint: `bis ${formatDate(d.reviewDueUntil)}`,
    },
    {
      label: 'Kontakte je Fall',
      value: formatDecimal(f.contactsPerCase),
      drill: { measure: 'all' },
      hint: `${n(f.contacts.count)} Kontakte seit ${formatDate(d.contactsSince)}`,
    },
    {
      label: `Ohne Kontakt seit ${CONTACT_WINDOW_MONTHS} Monaten`,
      value: n(f.noRecentContact),
      drill: { measure: 'noRecentContact' },
      hint: `seit ${formatDate(d.contactsSince)}`,
    },
    {
      label: 'Maßnahmen ohne Ergebnis',
      value: n(f.measureWithoutOutcome.count),
      drill: { measure: 'measureWithoutOutcome' },
      hint: `in ${n(f.measureWithoutOutcome.cases)} Fällen`,
    },
    {
      label: 'Maßnahmen über das geplante Ende',
      value: n(f.measureOverdue.count),
      drill: { measure: 'measureOverdue' },
      hint: `in ${n(f.measureOverdue.cases)} Fällen, kein Ende erfasst`,
    },
  ];
  return (
    <Stack gap="xl">
      <section aria-labelledby="q-summary">
        <Title order={2} size="h3" id="q-summary" mb="sm">
          Überblick am {formatDate(d.on)}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {stats.map((s) => (
            <Paper key={s.label} withBorder p="sm">
              <Text size="sm" c="dark.6">
                {s.label}
              </Text>
              <Text size="xl">
                <Drill team={team} drill={s.drill} label={`${s.label}: ${s.value}, Fälle anzeigen`}>
                  {s.value}
                </Drill>
              </Text>
              <Text size="xs" c="dark.5">
                {s.hint}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      </section>

      <RulesTable d={d} team={team} />
      {team || d.caseworkers.length > 1 ? <CaseworkerTable d={d} team={team} /> : null}
      <PhaseSection f={f} team={team} />
      <TrendSection d={d} team={team} />

      <Alert variant="light" color="gray" title="So wird gezählt">
        Offene Fälle sind aktive und ruhende Fälle. Kontakte sind dokumentierte Kontakte, bei denen die Person
        erreicht wurde, seit dem {formatDate(d.contactsSince)}; „Kontakte je Fall“ teilt ihre Zahl durch die
        offenen Fälle. Der Verlauf zählt datierte Einträge der Fälle im lokalen Speicher je Monat; Fälle, die
        nicht mehr hier liegen, fehlen darin. Frühere Stände der Prüfhinweise werden nicht gespeichert und
        daher nicht gezeigt.
      </Alert>
    </Stack>
  );
}

function RulesTable({ d, team }: { d: QualityDashboardDto; team: boolean }) {
  const f = d.total;
  return (
    <section aria-labelledby="q-rules">
      <Title order={2} size="h3" id="q-rules" mb="sm">
        Prüfhinweise nach Regel
      </Title>
      <Table striped withTableBorder layout="auto">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Regel</Table.Th>
            <Table.Th scope="col">Schweregrad</Table.Th>
            <Table.Th scope="col">Bereich im Fall</Table.Th>
            <Table.Th scope="col" ta="right">
              Prüfhinweise
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Fälle
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.rules
            .filter((r) => r.enabled)
            .map((r) => {
              const t = f.rules[r.ruleId] ?? { count: 0, cases: 0 };
              return (
                <Table.Tr key={r.ruleId}>
                  <Table.Th scope="row" fw={400}>
                    {r.title}
                  </Table.Th>
                  <Table.Td>
                    <SeverityBadge severity={r.severity} />
                  </Table.Td>
                  <Table.Td>{CASE_SECTION_LABELS[r.section as CaseSection]}</Table.Td>
                  <Table.Td ta="right">{formatNumber(t.count)}</Table.Td>
                  <Table.Td ta="right">
                    <Drill
                      team={team}
                      drill={{ ruleId: r.ruleId }}
                      label={`${r.title}: ${formatNumber(t.cases)} Fälle anzeigen`}
                    >
                      {formatNumber(t.cases)}
                    </Drill>
                  </Table.Td>
                </Table.Tr>
              );
            })}
        </Table.Tbody>
        <Table.Tfoot>
          {[...SEVERITIES].reverse().map((s) => (
            <Table.Tr key={s}>
              <Table.Th scope="row" colSpan={3}>
                Schweregrad {SEVERITY_LABELS[s]}
              </Table.Th>
              <Table.Td ta="right">{formatNumber(f.severities[s].count)}</Table.Td>
              <Table.Td ta="right">
                <Drill
                  team={team}
                  drill={{ severity: s }}
                  label={`Schweregrad ${SEVERITY_LABELS[s]}: ${formatNumber(f.severities[s].cases)} Fälle anzeigen`}
                >
                  {formatNumber(f.severities[s].cases)}
                </Drill>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tfoot>
      </Table>
    </section>
  );
}

export function SeverityBadge({ severity }: { severity: (typeof SEVERITIES)[number] }) {
  // dark enough for text on white and the striped rows (orange.9 is not: 4.3:1)
  const color = { mangel: 'red.9', warnung: '#b3400b', hinweis: 'gray.7' }[severity];
  return (
    <Badge color={color} variant="outline" autoContrast>
      {SEVERITY_LABELS[severity]}
    </Badge>
  );
}

function CaseworkerTable({ d, team }: { d: QualityDashboardDto; team: boolean }) {
  const directory = useTeamDirectory();
  const columns: {
    label: string;
    value: (f: QualityFigures) => string;
    drill?: QualityDrillDown;
  }[] = [
    { label: 'Fälle', value: (f) => formatNumber(f.cases), drill: { measure: 'all' } },
    {
      label: 'mit Prüfhinweisen',
      value: (f) => formatNumber(f.withFindings),
      drill: { measure: 'withFindings' },
    },
    {
      label: 'Mängel',
      value: (f) => formatNumber(f.severities.mangel.cases),
      drill: { severity: 'mangel' },
    },
    {
      label: 'Überprüfung überfällig',
      value: (f) => formatNumber(f.reviewOverdue),
      drill: { measure: 'reviewOverdue' },
    },
    {
      label: 'Überprüfung fällig',
      value: (f) => formatNumber(f.reviewDue),
      drill: { measure: 'reviewDue' },
    },
    { label: 'Kontakte je Fall', value: (f) => formatDecimal(f.contactsPerCase) },
    {
      label: 'ohne Kontakt',
      value: (f) => formatNumber(f.noRecentContact),
      drill: { measure: 'noRecentContact' },
    },
    {
      label: 'Maßnahmen über das Ende',
      value: (f) => formatNumber(f.measureOverdue.cases),
      drill: { measure: 'measureOverdue' },
    },
  ];
  const rows = d.caseworkers.map((c) => ({
    key: c.caseworkerId,
    name: caseworkerName(c.caseworkerId, d.userId, directory),
    f: c.figures,
    drill: { caseworkerId: c.caseworkerId },
  }));
  return (
    <section aria-labelledby="q-caseworkers">
      <Title order={2} size="h3" id="q-caseworkers" mb="sm">
        Je Fachkraft
      </Title>
      <Table.ScrollContainer minWidth={900}>
        <Table striped withTableBorder layout="auto">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Fachkraft</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c.label} scope="col" ta="right">
                  {c.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Th scope="row" fw={400}>
                  {r.name}
                </Table.Th>
                {columns.map((c) => (
                  <Table.Td key={c.label} ta="right">
                    {c.drill ? (
                      <Drill
                        team={team}
                        drill={{ ...c.drill, ...r.drill }}
                        label={`${r.name}, ${c.label}: ${c.value(r.f)} – Fälle anzeigen`}
                      >
                        {c.value(r.f)}
                      </Drill>
                    ) : (
                      c.value(r.f)
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dark.5" mt={4}>
        Fachkräfte erscheinen mit ihrem Namen aus dem Teamverzeichnis; Mängel, Überprüfungen, „ohne Kontakt“
        und Maßnahmen zählen Fälle.
      </Text>
    </section>
  );
}

function PhaseSection({ f, team }: { f: QualityFigures; team: boolean }) {
  const data = PHASES.map((p) => ({ phase: `Phase ${p}`, Fälle: f.phases[p] }));
  return (
    <section aria-labelledby="q-phases">
      <Title order={2} size="h3" id="q-phases" mb="sm">
        Fälle nach Phase
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <div inert>
          <BarChart
            h={220}
            data={data}
            dataKey="phase"
            series={[{ name: 'Fälle', color: 'blue.8' }]}
            valueFormatter={(v) => formatNumber(v)}
            tickLine="y"
            barChartProps={{ accessibilityLayer: false }}
          />
        </div>
        <Table striped withTableBorder layout="auto">
          <Table.Caption>Dieselben Zahlen wie im Diagramm</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Phase</Table.Th>
              <Table.Th scope="col" ta="right">
                Fälle
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {PHASES.map((p) => (
              <Table.Tr key={p}>
                <Table.Th scope="row" fw={400}>
                  {p}. {PHASE_LABELS[p]}
                </Table.Th>
                <Table.Td ta="right">
                  <Drill
                    team={team}
                    drill={{ phase: p }}
                    label={`Phase ${p}: ${formatNumber(f.phases[p])} Fälle anzeigen`}
                  >
                    {formatNumber(f.phases[p])}
                  </Drill>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SimpleGrid>
    </section>
  );
}

const SERIES_COLORS = {
  contacts: 'blue.8',
  measuresBegun: 'teal.8',
  measuresEnded: 'orange.8',
  plansHandedOver: 'grape.8',
} as const;

function TrendSection({ d, team }: { d: QualityDashboardDto; team: boolean }) {
  const data = d.trends.map((t) => ({
    monat: formatShortMonth(t.month),
    ...Object.fromEntries(TREND_SERIES.map((s) => [s, t[s].count])),
  }));
  return (
    <section aria-labelledby="q-trends">
      <Title order={2} size="h3" id="q-trends" mb="sm">
        Verlauf der letzten 12 Monate
      </Title>
      <div inert>
        <LineChart
          h={260}
          data={data}
          dataKey="monat"
          withLegend
          series={TREND_SERIES.map((s) => ({
            name: s,
            label: TREND_SERIES_LABELS[s],
            color: SERIES_COLORS[s],
          }))}
          valueFormatter={(v) => formatNumber(v)}
          curveType="linear"
          lineChartProps={{ accessibilityLayer: false }}
        />
      </div>
      <Table.ScrollContainer minWidth={700} mt="sm">
        <Table striped withTableBorder layout="auto">
          <Table.Caption>
            Dieselben Zahlen wie im Diagramm; ein Klick auf eine Zahl zeigt die Fälle mit solchen Einträgen im
            Monat
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Monat</Table.Th>
              {TREND_SERIES.map((s) => (
                <Table.Th key={s} scope="col" ta="right">
                  {TREND_SERIES_LABELS[s]}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.trends.map((t) => (
              <Table.Tr key={t.month}>
                <Table.Th scope="row" fw={400}>
                  {formatMonth(t.month)}
                </Table.Th>
                {TREND_SERIES.map((s) => (
                  <Table.Td key={s} ta="right">
                    {t[s].count === 0 ? (
                      '0'
                    ) : (
                      <Drill
                        team={team}
                        drill={{ series: s, month: t.month }}
                        label={`${formatMonth(t.month)}, ${TREND_SERIES_LABELS[s]}: ${formatNumber(t[s].count)} in ${formatNumber(t[s].cases)} Fällen anzeigen`}
                      >
                        {formatNumber(t[s].count)}
                      </Drill>
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
