import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { z } from 'zod';
import type { SyncConflictDto, SyncRejectionDto } from '../../../../shared/ipc/sync-contract';
import { invalidationsAfterConflict, invalidationsFor } from '../../api/data-changes';
import { describeError } from '../../api/errors';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { DecisionButtons, DecisionError } from '../../components/DecisionButtons';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  entityLabel,
  fieldLabel,
  formatFieldValue,
  formatValue,
  isMergeableText,
  refusedValues,
  rejectionOpLabel,
} from './sync-view';
import { formatDateTime } from '../../components/format';

type Conflict = z.infer<typeof SyncConflictDto>;
type Rejection = z.infer<typeof SyncRejectionDto>;

/** Dismissing a rejection changes no record: the rejection lists and the status. */
const AFTER_DISMISS = invalidationsFor('sync_rejections');

function ValueBox(props: { title: string; text: string; current: boolean }) {
  return (
    <Paper withBorder p="sm" radius="sm" style={props.current ? { borderWidth: 2 } : undefined}>
      <Text fw={700} size="sm">
        {props.title}
        {props.current ? ' (gilt derzeit)' : ''}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{props.text}</Text>
    </Paper>
  );
}

function ConflictPanel(props: { conflict: Conflict }) {
  const c = props.conflict;
  const headingId = useId();
  const resolve = useIpcMutation('sync:resolve-conflict', {
    invalidates: invalidationsAfterConflict(c.entity),
  });
  const mergeable = isMergeableText(c.entity, c.field);
  const [merging, setMerging] = useState(false);
  const [merged, setMerged] = useState(() =>
    [formatValue(c.mine), formatValue(c.theirs)].filter((v) => v !== '(leer)').join('\n\n'),
  );
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      withBorder
      p="md"
      radius="md"
      style={{ borderColor: 'var(--mantine-color-orange-9)', borderWidth: 2 }}
    >
      <Group gap="xs" mb="xs" wrap="nowrap">
        <IconAlertTriangle size={20} aria-hidden />
        <Title order={3} size="h5" id={headingId}>
          Abgleichkonflikt: {fieldLabel(c.entity, c.field)}
        </Title>
      </Group>
      {c.mayResolve ? (
        <Text size="sm" mb="sm">
          Dieses Feld wurde hier und auf dem Server gleichzeitig geändert (gemeldet am{' '}
          {formatDateTime(c.createdAt)}). Bitte entscheiden Sie, welcher Wert gelten soll.
        </Text>
      ) : (
        <Text size="sm" mb="sm">
          Dieses Feld wurde auf zwei Geräten gleichzeitig geändert (gemeldet am {formatDateTime(c.createdAt)}
          ). Welcher Wert gelten soll, entscheidet die zuständige Integrationsfachkraft.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
        <ValueBox
          title={c.mayResolve ? 'Ihre Fassung' : 'Gespeicherte Fassung'}
          text={formatFieldValue(c.entity, c.field, c.mine)}
          current={c.current === 'mine'}
        />
        <ValueBox
          title={c.mayResolve ? 'Fassung des Servers' : 'Abweichende Fassung'}
          text={formatFieldValue(c.entity, c.field, c.theirs)}
          current={c.current === 'theirs'}
        />
      </SimpleGrid>
      <DecisionError error={resolve.error} />
      {!c.mayResolve ? null : merging ? (
        <Stack gap="xs" mt="sm">
          <Textarea
            label="Zusammengeführter Text"
            autosize
            minRows={4}
            value={merged}
            onChange={(e) => setMerged(e.currentTarget.value)}
            data-autofocus
          />
          <Group>
            <Button
              loading={resolve.isPending}
              onClick={() =>
                resolve.mutate({ conflictId: c.conflictId, choice: 'merged', mergedText: merged })
              }
            >
              Zusammengeführten Text speichern
            </Button>
            <Button variant="default" onClick={() => setMerging(false)}>
              Abbrechen
            </Button>
          </Group>
        </Stack>
      ) : (
        <DecisionButtons
          mt="sm"
          choices={[
            { value: 'mine', label: 'Meine behalten' },
            { value: 'theirs', label: 'Server übernehmen' },
          ]}
          loading={(choice) => resolve.isPending && resolve.variables?.choice === choice}
          onDecide={(choice) => resolve.mutate({ conflictId: c.conflictId, choice })}
        >
          {mergeable ? (
            <Button variant="default" onClick={() => setMerging(true)}>
              Zusammenführen
            </Button>
          ) : null}
        </DecisionButtons>
      )}
    </Paper>
  );
}

export function RejectionItem(props: { rejection: Rejection }) {
  const r = props.rejection;
  const dismiss = useIpcMutation('sync:dismiss-rejection', { invalidates: AFTER_DISMISS });
  const what = `${rejectionOpLabel(r.op)} ${entityLabel(r.entity)}`;
  const values = refusedValues(r.entity, r.values);
  return (
    <Paper withBorder p="sm" radius="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Text fw={700}>
            Abgelehnt: {what} vom {formatDateTime(r.createdAt)}
          </Text>
          <Text>{r.message}</Text>
          {values.length > 0 ? (
            <Stack gap={0} component="dl" m={0}>
              {values.map((v) => (
                <Group key={v.field} gap={6} wrap="nowrap" align="baseline">
                  <Text component="dt" size="sm" c="dimmed">
                    {v.label}:
                  </Text>
                  <Text
                    component="dd"
                    size="sm"
                    m={0}
                    style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                  >
                    {v.text}
                  </Text>
                </Group>
              ))}
            </Stack>
          ) : null}
        </Stack>
        <Button
          variant="default"
          size="sm"
          loading={dismiss.isPending}
          aria-label={`Ausblenden: ${what} vom ${formatDateTime(r.createdAt)}`}
          onClick={() => dismiss.mutate({ mutationId: r.mutationId })}
        >
          Ausblenden
        </Button>
      </Group>
      {dismiss.isError ? (
        <ErrorAlert title="Nicht ausgeblendet">
          {describeError(dismiss.error, 'Die Meldung konnte nicht ausgeblendet werden.')}
        </ErrorAlert>
      ) : null}
    </Paper>
  );
}

/**
 * Open sync conflicts and refused edits of one case, shown in the case workspace until they are
 * decided or dismissed. Renders nothing when there are none.
 */
export function CaseSyncIssues(props: { caseId: string }) {
  const issues = useQuery(ipcQueryOptions('sync:case-issues', { caseId: props.caseId }));
  if (issues.isError) {
    return (
      <ErrorAlert title="Abgleichmeldungen nicht verfügbar">
        {describeError(issues.error, 'Die Abgleichmeldungen dieses Falls konnten nicht gelesen werden.')}
      </ErrorAlert>
    );
  }
  const data = issues.data;
  if (!data) return null;
  const conflicts = data.conflicts.filter((c) => c.kind === 'conflict');
  const mergedHints = data.conflicts.filter((c) => c.kind === 'merged');
  if (conflicts.length === 0 && data.rejections.length === 0 && mergedHints.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-label="Abgleich mit dem Server">
      <Title order={2} size="h4">
        Abgleich mit dem Server
      </Title>
      {conflicts.map((c) => (
        <ConflictPanel key={c.conflictId} conflict={c} />
      ))}
      {mergedHints.length > 0 ? (
        <Alert variant="outline" color="dark.7" title="Zusammengeführte Texte">
          {mergedHints.map((c) => (
            <Text key={c.conflictId}>
              {fieldLabel(c.entity, c.field)}: Ihre Änderung und die des Servers wurden am{' '}
              {formatDateTime(c.createdAt)} zusammengeführt.
            </Text>
          ))}
        </Alert>
      ) : null}
      {data.rejections.length > 0 ? (
        <Stack gap="xs">
          <Title order={3} size="h5">
            Vom Server abgelehnte Änderungen
          </Title>
          {data.rejections.map((r) => (
            <RejectionItem key={r.mutationId} rejection={r} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
