import { ErrorAlert } from '../../components/ErrorAlert';
import { Anchor, Button, Group, Loader, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { DayAppointment } from '../../../../shared/ipc/contract';
import { call, isApiError } from '../../api/client';
import { hrefFor } from '../../app/router';
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
export function AppointmentsPage({ day: requested }: { day?: string }) {
  const day = requested && /^\d{4}-\d{2}-\d{2}$/.test(requested) ? requested : todayIso();
  const [items, setItems] = useState<DayAppointment[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    call('appointments:list-day', { day })
      .then((r) => current && (setItems(r), setError(undefined)))
      .catch(
        (e: unknown) =>
          current && setError(isApiError(e) ? e.message : 'Die Termine konnten nicht geladen werden.'),
      );
    return () => {
      current = false;
    };
  }, [day]);

  return (
    <>
      <PageHeader
        title="Termine"
        description="Beratungstermine Ihres Fallbestands"
        actions={
          <Group gap="xs" role="group" aria-label="Tag wählen">
            <Button component="a" variant="default" href={hrefFor('termine', addDays(day, -1))}>
              Vorheriger Tag
            </Button>
            <Button component="a" variant="default" href={hrefFor('termine', todayIso())}>
              Heute
            </Button>
            <Button component="a" variant="default" href={hrefFor('termine', addDays(day, 1))}>
              Nächster Tag
            </Button>
          </Group>
        }
      />
      <Title order={2} size="h4" mb="sm">
        {formatLongDate(day)}
      </Title>
      {error ? (
        <ErrorAlert title="Fehler">{error}</ErrorAlert>
      ) : !items ? (
        <Loader aria-label="Termine werden geladen" />
      ) : items.length === 0 ? (
        <EmptyState icon={<IconCalendarEvent size={24} />} title="Keine Termine an diesem Tag">
          Wählen Sie einen anderen Tag oder öffnen Sie einen Fall, um einen Termin anzulegen.
        </EmptyState>
      ) : (
        <>
          <Text size="sm" mb="xs">
            {items.length} {items.length === 1 ? 'Termin' : 'Termine'}
          </Text>
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
                    <Anchor href={hrefFor('faelle', a.caseId)}>{a.personName}</Anchor>
                  </Table.Td>
                  <Table.Td>{a.caseNumber}</Table.Td>
                  <Table.Td>{a.kind}</Table.Td>
                  <Table.Td>{a.location}</Table.Td>
                  <Table.Td>{a.durationMinutes} Min.</Table.Td>
                  <Table.Td>{APPOINTMENT_STATUS_LABELS[a.status]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </>
  );
}
