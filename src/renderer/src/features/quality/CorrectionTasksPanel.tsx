import { Badge, Button, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useWritesCaseRecords } from '../session/use-writes-case-records';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import {
  CORRECTION_STATUS_LABELS,
  OPEN_CORRECTION_STATUSES,
  type CorrectionStatus,
} from '../../../../shared/domain/quality/case-review';
import {
  CASE_SECTION_LABELS,
  type CaseSection,
  ruleTitle,
} from '../../../../shared/domain/quality/quality-rules';
import {
  CompleteCorrectionInput,
  type CorrectionTaskDto,
} from '../../../../shared/ipc/quality-review-contract';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { RouterAnchor } from '../../app/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatTime } from '../../components/format';
import { applyIpcError, zodValidate } from '../../forms/ipc-form';
import { SECTION_ROUTES } from './quality-links';
import { invalidationsFor } from '../../api/data-changes';

const STATUS_COLORS: Readonly<Record<CorrectionStatus, string>> = {
  angefordert: 'red.9',
  wiedereroeffnet: 'red.9',
  erledigt: 'blue.9',
  bestaetigt: 'green.9',
};

export function CorrectionStatusBadge({ status }: { status: CorrectionStatus }) {
  return (
    <Badge variant="outline" color={STATUS_COLORS[status]}>
      {CORRECTION_STATUS_LABELS[status]}
    </Badge>
  );
}

/** The task's status changes, oldest first. */
export function CorrectionHistory({ task }: { task: CorrectionTaskDto }) {
  return (
    <List size="sm" mt={4} aria-label="Verlauf der Korrektur" c="dark.6">
      {task.history.map((h, i) => (
        <List.Item key={i}>
          {formatDate(h.at)}, {formatTime(h.at)}: {CORRECTION_STATUS_LABELS[h.status]}
          {h.note ? ` – ${h.note}` : ''}
        </List.Item>
      ))}
    </List>
  );
}

/**
 * Korrekturaufträge (issue 15 item 2, caseworker): the corrections a team lead requested in the own
 * caseload (corrections:list), each linking to the section of the case, reported done with a note.
 * Only for caseworkers (the role of the session; a desktop without a server is a caseworker's).
 * Without `caseId` it lists the open tasks of the whole caseload (Mein Bestand) and renders
 * nothing when there are none; with `caseId` the tasks of that case (open and done).
 */
export function CorrectionTasksPanel({ caseId }: { caseId?: string }) {
  // a team lead reviews corrections on the audit page; the caseload and the case offer them to caseworkers
  const caseworker = useWritesCaseRecords() === true;
  const query = useQuery({
    ...ipcQueryOptions(
      'corrections:list',
      caseId === undefined ? { status: 'offen' } : { status: 'alle', caseId },
    ),
    enabled: caseworker,
  });
  const tasks = (query.data ?? []).filter(
    (t) => caseId !== undefined || OPEN_CORRECTION_STATUSES.includes(t.status),
  );
  if (!caseworker || query.isError) return null;
  if (tasks.length === 0) return null;
  const open = tasks.filter((t) => OPEN_CORRECTION_STATUSES.includes(t.status)).length;
  const headingId = caseId === undefined ? 'corrections-caseload' : 'corrections-case';
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby={headingId}
      mb={caseId === undefined ? 'md' : 0}
    >
      <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
        <Title order={2} size="h4" id={headingId}>
          Korrekturaufträge
        </Title>
        <Text size="sm">
          {open === 0 ? 'Kein offener Auftrag' : open === 1 ? '1 offener Auftrag' : `${open} offene Aufträge`}
        </Text>
      </Group>
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {tasks.map((t) => (
          <TaskItem key={t.id} task={t} inCase={caseId !== undefined} />
        ))}
      </Stack>
    </Paper>
  );
}

function TaskItem({ task: t, inCase }: { task: CorrectionTaskDto; inCase: boolean }) {
  const [completing, setCompleting] = useState(false);
  const section = t.section as CaseSection;
  const isOpen = OPEN_CORRECTION_STATUSES.includes(t.status);
  const where = inCase
    ? CASE_SECTION_LABELS[section]
    : `${t.personName ?? 'Fall'}${t.caseNumber ? ` (${t.caseNumber})` : ''}: ${CASE_SECTION_LABELS[section]}`;
  return (
    <Paper component="li" withBorder p="xs" aria-label={`Korrekturauftrag: ${where}`}>
      <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
        <Stack gap={2} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Text fw={700}>
            <RouterAnchor to={SECTION_ROUTES[section]} params={{ caseId: t.caseId }}>
              {where}
            </RouterAnchor>
          </Text>
          {t.ruleId ? <Text size="sm">Prüfpunkt: {ruleTitle(t.ruleId)}</Text> : null}
          <Text size="sm">{t.text}</Text>
          <Text size="sm" c="dark.6">
            Angefordert am {formatDate(t.requestedAt)}
            {t.dueOn ? `, zu erledigen bis ${formatDate(t.dueOn)}` : ''}
          </Text>
          {inCase && t.completionNote ? <Text size="sm">Ihre Rückmeldung: {t.completionNote}</Text> : null}
          {inCase ? <CorrectionHistory task={t} /> : null}
        </Stack>
        <Group gap="xs">
          <CorrectionStatusBadge status={t.status} />
          {isOpen && !completing ? (
            <Button size="xs" variant="default" onClick={() => setCompleting(true)}>
              Als erledigt melden
            </Button>
          ) : null}
        </Group>
      </Group>
      {completing ? <CompleteForm task={t} onDone={() => setCompleting(false)} /> : null}
    </Paper>
  );
}

function CompleteForm({ task: t, onDone }: { task: CorrectionTaskDto; onDone: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { taskId: t.id, note: '', expectedRowVersion: t.rowVersion },
    validate: zodValidate(CompleteCorrectionInput),
  });
  const complete = useIpcMutation('corrections:complete', {
    invalidates: invalidationsFor('correction_tasks'),
  });
  const [formError, setFormError] = useState<string>();
  const labelId = `complete-${t.id}`;
  // the form opens from its button: the keyboard continues in the note
  const noteRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => noteRef.current?.focus(), []);
  return (
    <form
      noValidate
      aria-labelledby={labelId}
      onSubmit={form.onSubmit((values) => {
        setFormError(undefined);
        complete.mutate(values, {
          onSuccess: onDone,
          onError: (e) =>
            setFormError(applyIpcError(form, e, 'Die Korrektur wurde nicht als erledigt gemeldet.')),
        });
      })}
    >
      <Stack gap="xs" mt="sm">
        <Text id={labelId} size="sm" fw={700}>
          Korrektur als erledigt melden
        </Text>
        {formError ? <ErrorAlert title="Nicht gemeldet">{formError}</ErrorAlert> : null}
        <Textarea
          label="Was wurde korrigiert?"
          autosize
          minRows={2}
          maxLength={5000}
          withAsterisk
          ref={noteRef}
          {...form.getInputProps('note')}
        />
        <Group gap="xs">
          <Button type="submit" size="sm" loading={complete.isPending}>
            Als erledigt melden
          </Button>
          <Button type="button" size="sm" variant="default" onClick={onDone}>
            Abbrechen
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
