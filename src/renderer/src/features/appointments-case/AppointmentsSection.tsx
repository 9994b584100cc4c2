import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { dateInBerlin, formatGermanDate } from '../../../../shared/domain/common/dates';
import {
  APPOINTMENT_KIND_LABELS,
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUS_LABELS,
  canChangeAppointmentStatus,
  INVITATION_KIND_LABELS,
  INVITATION_KINDS,
  type AppointmentKind,
  type AppointmentStatus,
  type InvitationKind,
} from '../../../../shared/domain/case/appointment';
import type { CaseDetailDto } from '../../../../shared/ipc/contract';
import { describeError } from '../../api/errors';
import { useIpcMutation } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormPanel } from '../../components/FormPanel';
import { formatTime } from '../../components/format';
import { applyIpcError } from '../../forms/ipc-form';
import { useCaseDetail } from '../case-workspace/case-detail';
import { checkAppointmentForm, checkWhen, type AppointmentFormValues } from './appointment-form';
import { useCheckedWrite } from '../../forms/use-checked-write';
import { invalidationsFor } from '../../api/data-changes';

type AppointmentView = CaseDetailDto['appointments'][number];

// a status change may record the contact it was
const invalidates = invalidationsFor('appointments', 'contacts');

/** Status actions offered for a state; the domain's transition table decides which exist. */
const STATUS_ACTIONS: readonly { to: AppointmentStatus; label: string }[] = [
  { to: 'wahrgenommen', label: 'Wahrgenommen' },
  { to: 'versaeumt', label: 'Versäumt' },
  { to: 'abgesagt', label: 'Absagen' },
  { to: 'geplant', label: 'Wieder planen' },
];

function berlinDate(iso: string): string {
  return formatGermanDate(dateInBerlin(new Date(iso)));
}

/** Termine: the case's appointments; create, reschedule, record attended/missed/cancelled. */
export function AppointmentsSection() {
  const detail = useCaseDetail();
  const caseId = detail.summary.caseId;
  const [creating, setCreating] = useState(false);
  const list = [...detail.appointments].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return (
    <Stack gap="sm" component="section" aria-labelledby="termine-titel">
      <Group justify="space-between">
        <Title order={2} size="h3" id="termine-titel">
          Termine
        </Title>
        {!creating ? <Button onClick={() => setCreating(true)}>Termin anlegen</Button> : null}
      </Group>
      {creating ? <AppointmentForm caseId={caseId} onDone={() => setCreating(false)} /> : null}
      {list.length === 0 ? (
        <Text>Zu diesem Fall gibt es noch keine Termine.</Text>
      ) : (
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.map((a) => (
            <AppointmentItem key={a.id} appointment={a} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function AppointmentItem(props: { appointment: AppointmentView }) {
  const a = props.appointment;
  const status = a.status as AppointmentStatus;
  const [error, setError] = useState<string>();
  const [moving, setMoving] = useState(false);
  const update = useIpcMutation('appointments:update', { invalidates: [...invalidates] });
  const title = `${berlinDate(a.startsAt)}, ${formatTime(a.startsAt)}`;
  const setStatus = (to: AppointmentStatus) => {
    setError(undefined);
    update.mutate(
      { appointmentId: a.id, changes: { status: to }, expectedRowVersion: a.rowVersion },
      { onError: (e) => setError(describeError(e, 'Der Termin wurde nicht geändert.')) },
    );
  };
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="sm"
      data-appointment={a.id}
      aria-label={`Termin ${title}`}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600}>
            {title} · {APPOINTMENT_KIND_LABELS[a.kind as AppointmentKind] ?? a.kind}
            {a.subject ? ` · ${a.subject}` : ''}
          </Text>
          <Text size="sm" fw={600}>
            Status: {APPOINTMENT_STATUS_LABELS[status] ?? a.status}
          </Text>
        </Group>
        <Text size="sm" c="dark.6">
          {a.durationMinutes} Minuten ·{' '}
          {INVITATION_KIND_LABELS[a.invitation as InvitationKind] ?? a.invitation}
          {a.location ? ` · ${a.location}` : ''}
        </Text>
        {error ? <ErrorAlert title="Nicht geändert">{error}</ErrorAlert> : null}
        <Group gap="xs">
          {STATUS_ACTIONS.filter((s) => canChangeAppointmentStatus(status, s.to)).map((s) => (
            <Button
              key={s.to}
              size="compact-sm"
              variant="default"
              loading={update.isPending}
              onClick={() => setStatus(s.to)}
              aria-label={`${s.label}: Termin ${title}`}
            >
              {s.label}
            </Button>
          ))}
          {status === 'geplant' && !moving ? (
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => setMoving(true)}
              aria-label={`Verschieben: Termin ${title}`}
            >
              Verschieben
            </Button>
          ) : null}
        </Group>
        {moving ? <RescheduleForm appointment={a} onDone={() => setMoving(false)} /> : null}
      </Stack>
    </Paper>
  );
}

function RescheduleForm(props: { appointment: AppointmentView; onDone: () => void }) {
  const a = props.appointment;
  const form = useForm({
    mode: 'controlled',
    initialValues: { date: berlinDate(a.startsAt), time: formatTime(a.startsAt).replace(' Uhr', '') },
  });
  const [formError, setFormError] = useState<string>();
  const update = useIpcMutation('appointments:update', { invalidates: [...invalidates] });
  const submit = form.onSubmit((v) => {
    setFormError(undefined);
    const when = checkWhen(v.date, v.time);
    if (!when.ok) {
      form.setErrors(when.errors);
      return;
    }
    update.mutate(
      { appointmentId: a.id, changes: { startsAt: when.startsAt }, expectedRowVersion: a.rowVersion },
      {
        onSuccess: props.onDone,
        onError: (e) =>
          setFormError(
            applyIpcError(form, e, 'Der Termin wurde nicht verschoben.', { 'changes.startsAt': 'date' }),
          ),
      },
    );
  });
  return (
    <form noValidate onSubmit={submit} aria-label="Termin verschieben">
      <Stack gap="xs">
        {formError ? <ErrorAlert title="Nicht verschoben">{formError}</ErrorAlert> : null}
        <Group align="flex-start">
          <TextInput label="Neues Datum" description="TT.MM.JJJJ" {...form.getInputProps('date')} />
          <TextInput label="Neue Uhrzeit" description="HH:MM" {...form.getInputProps('time')} />
        </Group>
        <Group>
          <Button type="submit" size="compact-sm" loading={update.isPending}>
            Verschieben speichern
          </Button>
          <Button size="compact-sm" variant="default" onClick={props.onDone}>
            Abbrechen
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const fieldMap = {
  'values.startsAt': 'date',
  'values.durationMinutes': 'durationMinutes',
  'values.kind': 'kind',
  'values.subject': 'subject',
  'values.location': 'location',
  'values.invitation': 'invitation',
};

function AppointmentForm(props: { caseId: string; onDone: () => void }) {
  const form = useForm<AppointmentFormValues>({
    mode: 'controlled',
    initialValues: {
      date: '',
      time: '',
      durationMinutes: '30',
      kind: '',
      subject: '',
      location: '',
      invitation: 'einladung',
    },
  });
  const create = useCheckedWrite('appointments:create', {
    form,
    check: checkAppointmentForm,
    input: (values) => ({ caseId: props.caseId, values }),
    invalidates,
    failed: 'Der Termin wurde nicht gespeichert.',
    fieldMap,
    onDone: props.onDone,
  });
  const { formError } = create;
  const submit = form.onSubmit(create.submit);
  return (
    <FormPanel
      label="Termin anlegen"
      title="Neuer Termin"
      error={formError}
      onSubmit={submit}
      submit={{ label: 'Termin speichern', pending: create.pending }}
      onCancel={props.onDone}
    >
      <Group grow align="flex-start">
        <TextInput label="Datum" description="TT.MM.JJJJ" {...form.getInputProps('date')} />
        <TextInput label="Uhrzeit" description="HH:MM" {...form.getInputProps('time')} />
        <TextInput label="Dauer in Minuten" inputMode="numeric" {...form.getInputProps('durationMinutes')} />
      </Group>
      <Group grow align="flex-start">
        <NativeSelect
          label="Art des Termins"
          data={[
            { value: '', label: 'Bitte wählen' },
            ...APPOINTMENT_KINDS.map((k) => ({ value: k, label: APPOINTMENT_KIND_LABELS[k] })),
          ]}
          {...form.getInputProps('kind')}
        />
        <TextInput
          label="Anlass"
          description="z. B. Profiling, Zielvereinbarung"
          {...form.getInputProps('subject')}
        />
      </Group>
      <TextInput label="Ort" {...form.getInputProps('location')} />
      <NativeSelect
        label="Einladung"
        data={INVITATION_KINDS.map((k) => ({ value: k, label: INVITATION_KIND_LABELS[k] }))}
        {...form.getInputProps('invitation')}
      />
    </FormPanel>
  );
}
