import {
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { dateInBerlin, formatGermanDate } from '../../../../shared/domain/common/dates';
import {
  CONTACT_CHANNEL_LABELS,
  CONTACT_DIRECTION_LABELS,
  CONTACT_CHANNELS,
  type ContactChannel,
} from '../../../../shared/domain/case/contact';
import { NOTE_CATEGORIES, noteShapeSchema, RESTRICTED_CATEGORIES } from '../../../../shared/domain/case/note';
import type { CaseDetailDto, IpcOut } from '../../../../shared/ipc/contract';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { FormPanel } from '../../components/FormPanel';
import { QueryView } from '../../components/QueryView';
import { ReflowTable } from '../../components/ReflowTable';
import { formatTime } from '../../components/format';
import { applyIpcError, zodValidate } from '../../forms/ipc-form';
import { useCaseDetail } from '../case-workspace/case-detail';
import { checkContactForm, type ContactFormValues } from './contact-form';
import { ConsentsPanel } from './ConsentsPanel';
import { useCheckedWrite } from '../../forms/use-checked-write';
import { invalidationsFor } from '../../api/data-changes';
import { useUserName } from '../directory/use-team-directory';

type NoteView = CaseDetailDto['notes'][number];

/** Timestamp -> '23.11.2026, 09:30 Uhr' (Berlin). */
function formatInstant(iso: string): string {
  return `${formatGermanDate(dateInBerlin(new Date(iso)))}, ${formatTime(iso)}`;
}

const noteFormSchema = noteShapeSchema.pick({ category: true, title: true, body: true });
const noteFieldMap = {
  'values.category': 'category',
  'values.title': 'title',
  'values.body': 'body',
  'changes.category': 'category',
  'changes.title': 'title',
  'changes.body': 'body',
};

/** Vermerke & Kontakte: the case's notes (write, edit), its contact history (record) and its consents. */
export function NotesContactsSection() {
  const detail = useCaseDetail();
  const caseId = detail.summary.caseId;
  const [writing, setWriting] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const notes = [...detail.notes].sort((a, b) => b.writtenAt.localeCompare(a.writtenAt));
  return (
    <Stack gap="lg">
      <Stack gap="sm" component="section" aria-labelledby="vermerke-titel">
        <Group justify="space-between">
          <Title order={2} size="h3" id="vermerke-titel">
            Vermerke
          </Title>
          {!writing ? <Button onClick={() => setWriting(true)}>Vermerk schreiben</Button> : null}
        </Group>
        {writing ? <NoteForm caseId={caseId} note={null} onDone={() => setWriting(false)} /> : null}
        {notes.length === 0 ? (
          <Text>Zu diesem Fall gibt es noch keine Vermerke.</Text>
        ) : (
          <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {notes.map((n) =>
              editing === n.id ? (
                <li key={n.id}>
                  <NoteForm caseId={caseId} note={n} onDone={() => setEditing(null)} />
                </li>
              ) : (
                <NoteItem key={n.id} note={n} onEdit={() => setEditing(n.id)} />
              ),
            )}
          </Stack>
        )}
      </Stack>
      <ContactHistory caseId={caseId} />
      <ConsentsPanel caseId={caseId} />
    </Stack>
  );
}

function NoteItem(props: { note: NoteView; onEdit: () => void }) {
  const n = props.note;
  const userName = useUserName();
  return (
    <Paper component="li" withBorder p="sm" radius="sm" data-note={n.id}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Text fw={600}>{n.title}</Text>
          {n.restricted ? (
            <Badge variant="outline" color="dark" leftSection={<IconLock size={12} aria-hidden />}>
              vertraulich
            </Badge>
          ) : null}
        </Group>
        <Group gap="xs">
          <Text size="sm" c="dark.6">
            {n.category} · {formatInstant(n.writtenAt)} · verfasst von {userName(n.authorId)}
          </Text>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={props.onEdit}
            aria-label={`Vermerk „${n.title}“ bearbeiten`}
          >
            Bearbeiten
          </Button>
        </Group>
      </Group>
      {n.body ? (
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
          {n.body}
        </Text>
      ) : null}
    </Paper>
  );
}

function NoteForm(props: { caseId: string; note: NoteView | null; onDone: () => void }) {
  const { note } = props;
  const form = useForm({
    mode: 'controlled',
    initialValues: { category: note?.category ?? '', title: note?.title ?? '', body: note?.body ?? '' },
    validate: zodValidate(noteFormSchema),
  });
  const [formError, setFormError] = useState<string>();
  const invalidates = invalidationsFor('notes');
  const create = useIpcMutation('notes:create', { invalidates: [...invalidates] });
  const update = useIpcMutation('notes:update', { invalidates: [...invalidates] });
  const restricted = (RESTRICTED_CATEGORIES as readonly string[]).includes(form.getValues().category);
  const heading = note ? 'Vermerk bearbeiten' : 'Neuer Vermerk';
  const submit = form.onSubmit((raw) => {
    setFormError(undefined);
    const values = noteFormSchema.parse(raw);
    const onError = (e: unknown) =>
      setFormError(applyIpcError(form, e, 'Der Vermerk wurde nicht gespeichert.', noteFieldMap));
    if (note)
      update.mutate(
        { noteId: note.id, changes: values, expectedRowVersion: note.rowVersion },
        { onError, onSuccess: props.onDone },
      );
    else create.mutate({ caseId: props.caseId, values }, { onError, onSuccess: props.onDone });
  });
  return (
    <FormPanel
      label={heading}
      title={heading}
      error={formError}
      onSubmit={submit}
      submit={{ label: 'Vermerk speichern', pending: create.isPending || update.isPending }}
      onCancel={props.onDone}
    >
      <NativeSelect
        label="Kategorie"
        data={[{ value: '', label: 'Bitte wählen' }, ...NOTE_CATEGORIES.map((c) => ({ value: c, label: c }))]}
        {...form.getInputProps('category')}
      />
      {restricted ? (
        <Text size="sm">
          <IconLock size={14} aria-hidden /> Vermerke der Kategorie Gesundheit sind vertraulich: nur für die
          Fallbearbeitung sichtbar, nie gedruckt.
        </Text>
      ) : null}
      <TextInput label="Titel" {...form.getInputProps('title')} />
      <Textarea label="Text" autosize minRows={3} {...form.getInputProps('body')} />
    </FormPanel>
  );
}

function ContactHistory(props: { caseId: string }) {
  const contacts = useQuery(ipcQueryOptions('contacts:list', { caseId: props.caseId }));
  const [recording, setRecording] = useState(false);
  return (
    <Stack gap="sm" component="section" aria-labelledby="kontakte-titel">
      <Group justify="space-between">
        <Title order={2} size="h3" id="kontakte-titel">
          Kontakthistorie
        </Title>
        {!recording ? <Button onClick={() => setRecording(true)}>Kontakt erfassen</Button> : null}
      </Group>
      {recording ? <ContactForm caseId={props.caseId} onDone={() => setRecording(false)} /> : null}
      <QueryView
        query={contacts}
        loadingLabel="Kontakte werden geladen"
        errorTitle="Kontakte nicht verfügbar"
        fallback="Die Kontakthistorie konnte nicht geladen werden."
      >
        {(list) => <ContactTable contacts={list} />}
      </QueryView>
    </Stack>
  );
}

function ContactTable(props: { contacts: readonly IpcOut<'contacts:list'>[number][] }) {
  if (props.contacts.length === 0) return <Text>Zu diesem Fall sind noch keine Kontakte erfasst.</Text>;
  const sorted = [...props.contacts].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
    <ReflowTable striped withTableBorder aria-labelledby="kontakte-titel">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Datum</Table.Th>
          <Table.Th scope="col">Art</Table.Th>
          <Table.Th scope="col">Richtung</Table.Th>
          <Table.Th scope="col">Anlass</Table.Th>
          <Table.Th scope="col">Erreicht</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>{formatInstant(c.occurredAt)}</Table.Td>
            <Table.Td data-label="Art">
              {CONTACT_CHANNEL_LABELS[c.channel as ContactChannel] ?? c.channel}
            </Table.Td>
            <Table.Td data-label="Richtung">{CONTACT_DIRECTION_LABELS[c.direction]}</Table.Td>
            <Table.Td data-label="Anlass">{c.subject}</Table.Td>
            <Table.Td data-label="Erreicht">{c.reached ? 'ja' : 'nein (Versuch)'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ReflowTable>
  );
}

const contactFieldMap = {
  'values.occurredAt': 'date',
  // the service's own rules name the stored field (a contact in the future)
  occurredAt: 'date',
  'values.channel': 'channel',
  'values.direction': 'direction',
  'values.subject': 'subject',
};

function nowParts(): { date: string; time: string } {
  const now = new Date();
  return {
    date: formatGermanDate(dateInBerlin(now)),
    time: formatTime(now.toISOString()).replace(' Uhr', ''),
  };
}

function ContactForm(props: { caseId: string; onDone: () => void }) {
  const form = useForm<ContactFormValues>({
    mode: 'controlled',
    initialValues: { ...nowParts(), channel: '', direction: 'outbound', subject: '', reached: true },
  });
  const create = useCheckedWrite('contacts:create', {
    form,
    check: (values: ContactFormValues) => checkContactForm(values, new Date()),
    input: (values) => ({ caseId: props.caseId, values: { ...values, appointmentId: null } }),
    invalidates: invalidationsFor('contacts'),
    failed: 'Der Kontakt wurde nicht gespeichert.',
    fieldMap: contactFieldMap,
    onDone: props.onDone,
  });
  const { formError } = create;
  const submit = form.onSubmit(create.submit);
  return (
    <FormPanel
      label="Kontakt erfassen"
      title="Neuer Kontakt"
      error={formError}
      onSubmit={submit}
      submit={{ label: 'Kontakt speichern', pending: create.pending }}
      onCancel={props.onDone}
    >
      <Group grow align="flex-start">
        <TextInput label="Datum" description="TT.MM.JJJJ" {...form.getInputProps('date')} />
        <TextInput label="Uhrzeit" description="HH:MM" {...form.getInputProps('time')} />
      </Group>
      <Group grow align="flex-start">
        <NativeSelect
          label="Art des Kontakts"
          data={[
            { value: '', label: 'Bitte wählen' },
            ...CONTACT_CHANNELS.map((c) => ({ value: c, label: CONTACT_CHANNEL_LABELS[c] })),
          ]}
          {...form.getInputProps('channel')}
        />
        <NativeSelect
          label="Richtung"
          data={(['outbound', 'inbound'] as const).map((d) => ({
            value: d,
            label: CONTACT_DIRECTION_LABELS[d],
          }))}
          {...form.getInputProps('direction')}
        />
      </Group>
      <TextInput
        label="Anlass"
        description="Kurz, ohne Gesundheitsangaben (diese gehören in einen vertraulichen Vermerk)."
        {...form.getInputProps('subject')}
      />
      <Checkbox label="Person erreicht" {...form.getInputProps('reached', { type: 'checkbox' })} />
    </FormPanel>
  );
}
