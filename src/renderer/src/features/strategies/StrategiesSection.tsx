import { Badge, Button, Group, List, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { STRATEGY_GROUP_LABELS, type Strategy } from '../../../../shared/domain/goals/strategies';
import type { NeedProposalDto, StrategyOverview } from '../../../../shared/ipc/contract';
import { describeError } from '../../api/errors';
import { isApiError } from '../../api/client';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { RouterAnchor } from '../../app/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { QueryView } from '../../components/QueryView';
import { useCaseDetail } from '../case-workspace/case-detail';
import { invalidationsFor } from '../../api/data-changes';

const INVALIDATES = invalidationsFor('strategy_choices');

/** Phase 3 section: strategies per need (key factor, übergreifend, dezentral), tied to the need and the goal. */
export function StrategiesSection() {
  const detail = useCaseDetail();
  const caseId = detail.summary.caseId;
  const overview = useQuery(ipcQueryOptions('strategies:list', { caseId }));
  const goal = useQuery(ipcQueryOptions('goals:get', { caseId }));
  return (
    <Stack gap="lg" component="section" aria-labelledby="strategien-titel">
      <Title order={2} size="h3" id="strategien-titel">
        Phase 3: Strategieauswahl
      </Title>
      <QueryView
        query={overview}
        loadingLabel="Strategien werden geladen"
        errorTitle="Strategien nicht verfügbar"
        fallback="Die Strategien konnten nicht geladen werden."
      >
        {(data) =>
          data.assessmentId === null ? (
            <Paper withBorder p="md" radius="md">
              <Text>
                Strategien setzen eine abgeschlossene Potenzialanalyse voraus.{' '}
                <RouterAnchor to="/faelle/$caseId/profil" params={{ caseId }}>
                  Zur Potenzialanalyse
                </RouterAnchor>
              </Text>
            </Paper>
          ) : (
            <>
              <Text>
                Vorschläge zu den Handlungsbedarfen der Potenzialanalyse (Version {data.assessmentVersion}).
                {goal.data ? ` Jede gewählte Strategie dient dem Ziel „${goal.data.description}“.` : ''}
              </Text>
              {!goal.data ? (
                <Text fw={600}>
                  Es ist noch kein Ziel festgelegt: Eine Strategie dient einem Handlungsbedarf und dem Ziel.{' '}
                  <RouterAnchor to="/faelle/$caseId/ziel" params={{ caseId }}>
                    Zur Zielfestlegung
                  </RouterAnchor>
                </Text>
              ) : null}
              {data.proposals.length === 0 ? (
                <Text>Es sind keine Handlungsbedarfe erfasst; eine Strategie ist nicht nötig.</Text>
              ) : null}
              {data.proposals.map((p) => (
                <NeedCard
                  key={p.need.criterionId}
                  caseId={caseId}
                  proposal={p}
                  overview={data}
                  goalId={goal.data?.id ?? null}
                />
              ))}
            </>
          )
        }
      </QueryView>
    </Stack>
  );
}

function NeedCard(props: {
  caseId: string;
  proposal: NeedProposalDto;
  overview: StrategyOverview;
  goalId: string | null;
}) {
  const { proposal: p } = props;
  const chosen = props.overview.choices.filter((c) => c.servesNeeds.includes(p.need.criterionId));
  const chosenIds = new Set(props.overview.choices.map((c) => c.strategyId));
  const groups: { label: string; items: readonly Strategy[] }[] = [
    { label: `${STRATEGY_GROUP_LABELS[p.need.keyFactor]} (Schlüsselgröße)`, items: p.keyFactorStrategies },
    { label: 'Übergreifend', items: p.crossCuttingStrategies },
    { label: 'Dezentral (Angebote vor Ort)', items: p.localStrategies },
  ];
  const all = groups.flatMap((g) => g.items);
  const [strategyId, setStrategyId] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ strategyId?: string; note?: string; form?: string }>({});
  const choose = useIpcMutation('strategies:choose', { invalidates: [...INVALIDATES] });
  const archive = useIpcMutation('strategies:archive', { invalidates: [...INVALIDATES] });
  const selected = all.find((s) => s.id === strategyId);
  const headingId = `bedarf-${p.need.criterionId}`;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId}>
      <Group gap="xs" mb="xs" wrap="wrap">
        <Title order={3} size="h4" id={headingId}>
          Handlungsbedarf {p.criterionLabel}: {p.need.focus}
        </Title>
        {p.dominant ? <Badge variant="outline">Schwerpunkt</Badge> : null}
      </Group>
      {chosen.length > 0 ? (
        <>
          <Text fw={600}>Gewählt:</Text>
          <List spacing={4} mb="sm">
            {chosen.map((c) => (
              <List.Item key={c.id}>
                <Group gap="xs" wrap="wrap">
                  <Text>
                    {c.label} ({c.group ? STRATEGY_GROUP_LABELS[c.group] : 'nicht mehr im Katalog'}), gewählt
                    am {formatDate(c.chosenOn)}
                    {c.note ? ` · ${c.note}` : ''}
                  </Text>
                  <Button
                    className="lotse-wrap-button"
                    size="compact-sm"
                    variant="outline"
                    color="red.9"
                    loading={archive.isPending}
                    onClick={() => archive.mutate({ choiceId: c.id })}
                  >
                    „{c.label}“ aufheben
                  </Button>
                  <RouterAnchor
                    to="/faelle/$caseId/massnahmen"
                    params={{ caseId: props.caseId }}
                    search={{ bedarf: p.need.criterionId, strategie: c.id }}
                    size="sm"
                  >
                    Maßnahme für „{p.criterionLabel}“ zuweisen
                  </RouterAnchor>
                </Group>
              </List.Item>
            ))}
          </List>
        </>
      ) : (
        <Text mb="sm">Noch keine Strategie gewählt.</Text>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (strategyId === '') {
            setErrors({ strategyId: 'Bitte eine Strategie wählen.' });
            return;
          }
          setErrors({});
          choose.mutate(
            {
              caseId: props.caseId,
              values: {
                strategyId,
                servesNeeds: [p.need.criterionId],
                goalId: props.goalId,
                note: note.trim() === '' ? null : note,
              },
            },
            {
              onSuccess: () => {
                setStrategyId('');
                setNote('');
              },
              onError: (error) => {
                const noteIssue = isApiError(error)
                  ? error.issues.find((i) => i.path.endsWith('note'))?.message
                  : undefined;
                setErrors(
                  noteIssue
                    ? { note: noteIssue }
                    : { form: describeError(error, 'Die Strategie wurde nicht gespeichert.') },
                );
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <NativeSelect
            label={`Strategie für „${p.criterionLabel}“`}
            data={[
              { value: '', label: 'Bitte wählen' },
              ...groups
                .filter((g) => g.items.length > 0)
                .map((g) => ({
                  group: g.label,
                  items: g.items.map((s) => ({
                    value: s.id,
                    label: `${s.label}${s.referralToAgency ? ' (Weiterleitung an die Agentur für Arbeit)' : ''}`,
                    disabled: chosenIds.has(s.id),
                  })),
                })),
            ]}
            value={strategyId}
            onChange={(e) => setStrategyId(e.currentTarget.value)}
            error={errors.strategyId}
          />
          {selected ? (
            <Text size="sm">
              {selected.description}
              {selected.legalBasis ? ` (${selected.legalBasis})` : ''}
            </Text>
          ) : null}
          <Textarea
            label="Anmerkung (freiwillig)"
            autosize
            minRows={1}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          {errors.form ? <ErrorAlert title="Nicht gespeichert">{errors.form}</ErrorAlert> : null}
          <Button
            type="submit"
            className="lotse-wrap-button"
            w="fit-content"
            disabled={props.goalId === null}
            loading={choose.isPending}
          >
            Strategie für „{p.criterionLabel}“ wählen
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
