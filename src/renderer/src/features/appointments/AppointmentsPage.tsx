import { Group, NativeSelect, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { APPOINTMENT_KIND_LABELS, type AppointmentKind } from '../../../../shared/domain/case/appointment';
import { isOfficeId, OFFICES, officeName } from '../../../../shared/domain/case/office';
import type { DayAppointment } from '../../../../shared/ipc/contract';
import { ipcQueryOptions } from '../../api/query';
import { RouterAnchor, RouterButton } from '../../app/links';
import { dayFromParam, dayViewFilter, type AppointmentsSearch } from '../../app/route-params';
import { QueryView } from '../../components/QueryView';
import { EmptyState } from '../../components/EmptyState';
import {
  addDays,
  APPOINTMENT_STATUS_LABELS,
  formatLongDate,
  formatTime,
  todayIso,
} from '../../components/format';
import { PageHeader } from '../../components/PageHeader';

/** The appointments of one day across the caseload; the day is part of the address (#/termine/JJJJ-MM-TT). */
export function AppointmentsPage() {
  const requested = useParams({ strict: false, select: (p) => p.day });
  const search: AppointmentsSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  const today = todayIso();
  const day = dayFromParam(requested, today);
  const filters = { standort: search.standort, ort: search.ort };
  const appointments = useQuery(ipcQueryOptions('appointments:list-day', { day, ...dayViewFilter(filters) }));
  const setFilter = (patch: AppointmentsSearch) =>
    void navigate({ to: '/termine/$day', params: { day }, search: { ...filters, ...patch }, replace: true });

  return (
    <>
      <PageHeader
        title="Termine"
        description="Beratungstermine Ihres Fallbestands"
        actions={
          <Group gap="xs" role="group" aria-label="Tag wählen">
            <RouterButton
              variant="default"
              to="/termine/$day"
              params={{ day: addDays(day, -1) }}
              search={filters}
            >
              Vorheriger Tag
            </RouterButton>
            <RouterButton variant="default" to="/termine/$day" params={{ day: today }} search={filters}>
              Heute
            </RouterButton>
            <RouterButton
              variant="default"
              to="/termine/$day"
              params={{ day: addDays(day, 1) }}
              search={filters}
            >
              Nächster Tag
            </RouterButton>
            <RouterButton to="/aussentermin/$day" params={{ day }}>
              Außentermin vorbereiten
            </RouterButton>
          </Group>
        }
      />
      <Group gap="md" mb="sm" align="flex-end" role="group" aria-label="Termine filtern">
        <NativeSelect
          label="Standort"
          data={[
            { value: '', label: 'Alle Standorte' },
            ...OFFICES.map((o) => ({ value: o.id, label: o.name })),
          ]}
          value={filters.standort ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setFilter({ standort: isOfficeId(v) ? v : undefined });
          }}
        />
        <NativeSelect
          label="Ort"
          data={[
            { value: '', label: 'Alle Termine' },
            { value: 'dienststelle', label: 'In der Dienststelle' },
            { value: 'aussen', label: 'Außentermine (JVA-Sprechtag, Hausbesuch)' },
          ]}
          value={filters.ort ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setFilter({ ort: v === 'aussen' || v === 'dienststelle' ? v : undefined });
          }}
        />
      </Group>
      <Title order={2} size="h4" mb="sm">
        {formatLongDate(day)}
        {filters.standort ? ` · ${officeName(filters.standort)}` : ''}
        {filters.ort === 'aussen'
          ? ' · Außentermine'
          : filters.ort === 'dienststelle'
            ? ' · in der Dienststelle'
            : ''}
      </Title>
      <QueryView
        query={appointments}
        loadingLabel="Termine werden geladen"
        errorTitle="Termine nicht verfügbar"
        fallback="Die Termine konnten nicht geladen werden."
      >
        {(items) => <DayTable day={day} items={items} />}
      </QueryView>
    </>
  );
}

function DayTable({ day, items }: { day: string; items: DayAppointment[] }) {
  return items.length === 0 ? (
    <EmptyState icon={<IconCalendarEvent size={24} />} title="Keine Termine an diesem Tag">
      Wählen Sie einen anderen Tag oder öffnen Sie einen Fall, um einen Termin anzulegen.
    </EmptyState>
  ) : (
    <>
      <Text size="sm" mb="xs">
        {items.length} {items.length === 1 ? 'Termin' : 'Termine'}
      </Text>
      {/* a data table may scroll sideways inside itself at 200 % zoom (WCAG 1.4.10), never the page */}
      <Table.ScrollContainer minWidth={0}>
        <Table withTableBorder striped highlightOnHover>
          <VisuallyHidden component="caption">Termine am {formatLongDate(day)}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Uhrzeit</Table.Th>
              <Table.Th scope="col">Person</Table.Th>
              <Table.Th scope="col">Fallnummer</Table.Th>
              <Table.Th scope="col">Art</Table.Th>
              <Table.Th scope="col">Ort</Table.Th>
              <Table.Th scope="col">Dauer</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{formatTime(a.startsAt)}</Table.Td>
                <Table.Td>
                  <RouterAnchor to="/faelle/$caseId" params={{ caseId: a.caseId }}>
                    {a.personName}
                  </RouterAnchor>
                </Table.Td>
                <Table.Td>{a.caseNumber}</Table.Td>
                <Table.Td>{APPOINTMENT_KIND_LABELS[a.kind as AppointmentKind] ?? a.kind}</Table.Td>
                <Table.Td>{a.location}</Table.Td>
                <Table.Td>{a.durationMinutes} Min.</Table.Td>
                <Table.Td>{APPOINTMENT_STATUS_LABELS[a.status]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
