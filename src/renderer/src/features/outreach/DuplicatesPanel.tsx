import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { DUPLICATE_DECISION_LABELS } from '../../../../shared/domain/case/duplicates';
import type { DuplicateSuspectDto } from '../../../../shared/ipc/outreach-contract';
import { describeError } from '../../api/errors';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { RouterAnchor } from '../../app/links';
import { DecisionButtons, DecisionError } from '../../components/DecisionButtons';
import { ErrorAlert } from '../../components/ErrorAlert';
import { invalidationsFor } from '../../api/data-changes';

function SuspectItem(props: { suspect: DuplicateSuspectDto }) {
  const s = props.suspect;
  const headingId = useId();
  const decide = useIpcMutation('duplicates:decide', {
    invalidates: [...invalidationsFor('duplicate_suspects'), 'sync:'],
  });
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="md" radius="md">
      <Title order={3} size="h5" id={headingId} mb="xs">
        Mögliche Doppelerfassung: {s.personName} ({s.caseNumber})
      </Title>
      <Text mb="xs">
        Der Server hat beim Abgleich eine Person gefunden, die dieselbe sein könnte: {s.reason} Es wurde
        nichts zusammengeführt. Bitte prüfen Sie beide Fälle.
      </Text>
      <Group gap="md" mb="xs">
        <RouterAnchor to="/faelle/$caseId" params={{ caseId: s.caseId }}>
          Neuer Fall {s.caseNumber} öffnen
        </RouterAnchor>
        {s.otherOnDevice ? (
          <RouterAnchor to="/faelle/$caseId" params={{ caseId: s.otherCaseId }}>
            Vorhandener Fall {s.otherCaseNumber ?? ''}
            {s.otherPersonName ? ` (${s.otherPersonName})` : ''} öffnen
          </RouterAnchor>
        ) : (
          <Text>
            Vorhandener Fall {s.otherCaseNumber ?? '(Nummer unbekannt)'} liegt nicht in Ihrem Bestand; bitte
            mit der Teamleitung klären.
          </Text>
        )}
      </Group>
      {s.decision === 'offen' ? (
        <DecisionButtons
          gap="sm"
          choices={[
            { value: 'verschiedene_personen', label: 'Verschiedene Personen' },
            { value: 'gleiche_person', label: 'Dieselbe Person (von Hand zusammenführen)' },
          ]}
          loading={() => decide.isPending}
          onDecide={(decision) => decide.mutate({ suspectId: s.id, decision })}
        />
      ) : (
        <Text fw={500}>Entschieden: {DUPLICATE_DECISION_LABELS[s.decision]}</Text>
      )}
      <DecisionError error={decide.error} />
    </Paper>
  );
}

/**
 * Possible duplicates the server reported for persons created on this laptop: open ones of every
 * case (Synchronisation, Außentermin), or all of one case (in the case). Renders nothing when empty.
 */
export function DuplicatesPanel(props: { caseId?: string }) {
  const list = useQuery(ipcQueryOptions('duplicates:list', props.caseId ? { caseId: props.caseId } : {}));
  if (list.isError)
    return (
      <ErrorAlert title="Mögliche Doppelerfassungen nicht verfügbar">
        {describeError(list.error, 'Die Hinweise auf Doppelerfassungen konnten nicht gelesen werden.')}
      </ErrorAlert>
    );
  const suspects = list.data?.suspects ?? [];
  if (suspects.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-label="Mögliche Doppelerfassungen">
      <Title order={2} size="h4">
        Mögliche Doppelerfassungen
      </Title>
      {suspects.map((s) => (
        <SuspectItem key={s.id} suspect={s} />
      ))}
    </Stack>
  );
}
