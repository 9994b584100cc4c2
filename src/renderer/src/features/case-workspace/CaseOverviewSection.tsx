import { Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { APPOINTMENT_KIND_LABELS } from '../../../../shared/domain/case/appointment';
import { isSingleParentHousehold, minorChildrenOn } from '../../../../shared/domain/case/household';
import { DISABILITY_LABELS } from '../../../../shared/domain/case/person';
import {
  ageOn,
  APPOINTMENT_STATUS_LABELS,
  formatDate,
  formatLanguage,
  formatTime,
  todayIso,
} from '../../components/format';
import { CaseSyncIssues } from '../sync/CaseSyncIssues';
import { DuplicatesPanel } from '../outreach/DuplicatesPanel';
import { CorrectionTasksPanel } from '../quality/CorrectionTasksPanel';
import { FormPanel } from '../../components/FormPanel';
import { useCheckedWrite } from '../../forms/use-checked-write';
import type { CaseDetailDto } from '../../../../shared/ipc/contract';
import { useCaseDetail } from './case-detail';
import {
  checkPersonContactForm,
  personContactFormValues,
  type PersonContactFormValues,
} from './person-contact-form';
import { invalidationsFor } from '../../api/data-changes';

function Field(props: { label: string; value: string | number | null | undefined }) {
  return (
    <>
      <Table.Th scope="row" w={200} fw={500}>
        {props.label}
      </Table.Th>
      <Table.Td>
        {props.value === null || props.value === undefined || props.value === '' ? '–' : props.value}
      </Table.Td>
    </>
  );
}

/** Address, phone and e-mail of the person, edited in place (persons:update, optimistic row version). */
function PersonContactForm(props: { person: CaseDetailDto['person']; onDone: () => void }) {
  const { person } = props;
  const form = useForm<PersonContactFormValues>({
    mode: 'controlled',
    initialValues: personContactFormValues(person),
  });
  const save = useCheckedWrite('persons:update', {
    form,
    check: checkPersonContactForm,
    input: (changes) => ({ personId: person.id, changes, expectedRowVersion: person.rowVersion }),
    invalidates: invalidationsFor('persons'),
    failed: 'Die Kontaktdaten wurden nicht gespeichert.',
    fieldMap: {
      'changes.street': 'street',
      'changes.postalCode': 'postalCode',
      'changes.town': 'town',
      'changes.phone': 'phone',
      'changes.email': 'email',
    },
    onDone: props.onDone,
  });
  return (
    <FormPanel
      label="Kontaktdaten ändern"
      title="Kontaktdaten ändern"
      error={save.formError}
      onSubmit={form.onSubmit(save.submit)}
      submit={{ label: 'Kontaktdaten speichern', pending: save.pending }}
      onCancel={props.onDone}
    >
      <TextInput label="Straße und Hausnummer" {...form.getInputProps('street')} />
      <Group grow align="flex-start">
        <TextInput label="Postleitzahl" inputMode="numeric" {...form.getInputProps('postalCode')} />
        <TextInput label="Ort" {...form.getInputProps('town')} />
      </Group>
      <Group grow align="flex-start">
        <TextInput label="Telefon" type="tel" {...form.getInputProps('phone')} />
        <TextInput label="E-Mail" type="email" {...form.getInputProps('email')} />
      </Group>
    </FormPanel>
  );
}

/** Überblick (index section of the case workspace): target groups, person, household, appointments, notes. */
export function CaseOverviewSection() {
  const detail = useCaseDetail();
  const s = detail.summary;
  const p = detail.person;
  const today = todayIso();
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap="lg">
      <CaseSyncIssues caseId={s.caseId} />
      <DuplicatesPanel caseId={s.caseId} />
      <CorrectionTasksPanel caseId={s.caseId} />
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          Zielgruppen
        </Title>
        {detail.targetGroups.length === 0 ? (
          <Text>Aus den erfassten Daten ergibt sich keine Zielgruppe.</Text>
        ) : (
          <List spacing={4}>
            {detail.targetGroups.map((t) => (
              <List.Item key={t.group}>
                <Text span fw={700}>
                  {t.label}
                </Text>
                : {t.reason}
              </List.Item>
            ))}
          </List>
        )}
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" align="center" mb="sm">
            <Title order={2} size="h4">
              Person
            </Title>
            {editing ? null : (
              <Button variant="light" size="xs" onClick={() => setEditing(true)}>
                Kontaktdaten ändern
              </Button>
            )}
          </Group>
          {editing ? <PersonContactForm person={p} onDone={() => setEditing(false)} /> : null}
          <Table variant="vertical" withTableBorder={false}>
            <Table.Tbody>
              <Table.Tr>
                <Field
                  label="Geburtsdatum"
                  value={`${formatDate(s.birthDate)} (${ageOn(s.birthDate, today)} Jahre)`}
                />
              </Table.Tr>
              <Table.Tr>
                <Field
                  label="Anschrift"
                  value={[p.street, [p.postalCode, s.town].filter(Boolean).join(' ')]
                    .filter(Boolean)
                    .join(', ')}
                />
              </Table.Tr>
              <Table.Tr>
                <Field label="Telefon" value={p.phone} />
              </Table.Tr>
              <Table.Tr>
                <Field label="E-Mail" value={p.email} />
              </Table.Tr>
              <Table.Tr>
                <Field label="Staatsangehörigkeit" value={p.nationality} />
              </Table.Tr>
              <Table.Tr>
                <Field label="Bevorzugte Sprache" value={formatLanguage(p.preferredLanguage)} />
              </Table.Tr>
              <Table.Tr>
                <Field label="Behinderung" value={DISABILITY_LABELS[p.disability]} />
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            Bedarfsgemeinschaft und Fallverlauf
          </Title>
          <Table variant="vertical" withTableBorder={false}>
            <Table.Tbody>
              <Table.Tr>
                <Field label="BG-Nummer" value={detail.household?.householdNumber} />
              </Table.Tr>
              <Table.Tr>
                <Field label="Personen in der BG" value={detail.household?.members.length} />
              </Table.Tr>
              <Table.Tr>
                <Field
                  label="Kinder unter 18"
                  value={detail.household ? minorChildrenOn(detail.household, today) : null}
                />
              </Table.Tr>
              <Table.Tr>
                <Field
                  label="Alleinerziehend"
                  value={
                    detail.household
                      ? isSingleParentHousehold(detail.household, today)
                        ? 'ja'
                        : 'nein'
                      : null
                  }
                />
              </Table.Tr>
              <Table.Tr>
                <Field label="Fall eröffnet" value={formatDate(detail.case.openedOn)} />
              </Table.Tr>
              <Table.Tr>
                <Field label="Letzter Kontakt" value={formatDate(s.lastContactOn)} />
              </Table.Tr>
              <Table.Tr>
                <Field label="Nächste Überprüfung" value={formatDate(s.nextReviewOn)} />
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          Termine
        </Title>
        {detail.appointments.length === 0 ? (
          <Text>Keine Termine.</Text>
        ) : (
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Datum</Table.Th>
                <Table.Th scope="col">Uhrzeit</Table.Th>
                <Table.Th scope="col">Art</Table.Th>
                <Table.Th scope="col">Ort</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.appointments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{formatDate(a.startsAt)}</Table.Td>
                  <Table.Td>{formatTime(a.startsAt)}</Table.Td>
                  <Table.Td>
                    {APPOINTMENT_KIND_LABELS[a.kind]}
                    {a.subject ? ` – ${a.subject}` : ''}
                  </Table.Td>
                  <Table.Td>{a.location}</Table.Td>
                  <Table.Td>{APPOINTMENT_STATUS_LABELS[a.status]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="sm">
          Vermerke
        </Title>
        {detail.notes.length === 0 ? (
          <Text>Keine Vermerke.</Text>
        ) : (
          <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {detail.notes.map((n) => (
              <Paper component="li" key={n.id} withBorder p="sm" radius="sm">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Text fw={600}>{n.title}</Text>
                  <Text size="sm" c="dark.6">
                    {n.category}
                    {n.restricted ? ' (vertraulich)' : ''} · {formatDate(n.writtenAt)}
                  </Text>
                </Group>
                <Text size="sm" mt={4}>
                  {n.body}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
