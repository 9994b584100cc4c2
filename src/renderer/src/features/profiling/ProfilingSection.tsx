import { Button, List, NativeSelect, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { completenessProblems, type Assessment } from '../../../../shared/domain/assessment/assessment';
import { defaultCriteriaCatalogue as catalogue } from '../../../../shared/domain/assessment/criteria';
import { assessmentHints } from '../../../../shared/domain/assessment/hints';
import {
  deriveProfileSituation,
  profileInputsOf,
} from '../../../../shared/domain/assessment/profile-situation';
import {
  INTEGRATION_FORECAST_LABELS,
  INTEGRATION_FORECASTS,
  KEY_FACTOR_LABELS,
  type IntegrationForecast,
  type KeyFactorId,
} from '../../../../shared/domain/assessment/vocabulary';
import { keyFactorsWithNeeds } from '../../../../shared/domain/assessment/assessment';
import type { AssessmentHistory } from '../../../../shared/ipc/contract';
import { describeError } from '../../api/errors';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { QueryView } from '../../components/QueryView';
import { useAutosavedValue } from '../../forms/use-autosaved-value';
import { useCaseDetail } from '../case-workspace/case-detail';
import { EntryEditor } from './EntryEditor';
import type { EntryInput } from './entry-form';
import { EntryLists } from './EntryLists';
import { ProfilePanel } from './ProfilePanel';
import { VersionHistory } from './VersionHistory';
import { invalidationsFor } from '../../api/data-changes';

type Version = AssessmentHistory['versions'][number];
const INVALIDATES = invalidationsFor('assessments');

/** Phase 1 section of the case workspace: the Potenzialanalyse with its versions. */
export function ProfilingSection() {
  const detail = useCaseDetail();
  const caseId = detail.summary.caseId;
  const history = useQuery(ipcQueryOptions('assessments:list', { caseId }));
  return (
    <Stack gap="lg" component="section" aria-labelledby="profil-titel">
      <Title order={2} size="h3" id="profil-titel">
        Phase 1: Potenzialanalyse
      </Title>
      <QueryView
        query={history}
        loadingLabel="Potenzialanalyse wird geladen"
        errorTitle="Potenzialanalyse nicht verfügbar"
        fallback="Die Potenzialanalyse konnte nicht geladen werden."
      >
        {(data) => <Profiling caseId={caseId} versions={data.versions} />}
      </QueryView>
    </Stack>
  );
}

function Profiling(props: { caseId: string; versions: Version[] }) {
  const latest = props.versions[0];
  if (!latest) return <StartAssessment caseId={props.caseId} />;
  return (
    <>
      <Text fw={600}>
        Version {latest.version} ·{' '}
        {latest.status === 'draft'
          ? latest.version > 1
            ? `Fortschreibung in Arbeit (Grund: ${latest.amendmentReason ?? '–'})`
            : 'Entwurf in Arbeit'
          : `Abgeschlossen am ${formatDate(latest.finalizedOn)}`}
      </Text>
      {latest.status === 'draft' ? (
        <DraftAssessment key={`entwurf-${latest.id}`} draft={latest} />
      ) : (
        <FinalizedAssessment key={`fassung-${latest.id}`} assessment={latest} />
      )}
      <VersionHistory
        key={`versionen-${props.versions.map((v) => v.id).join(',')}`}
        versions={props.versions}
      />
    </>
  );
}

function StartAssessment(props: { caseId: string }) {
  const create = useIpcMutation('assessments:create-draft', { invalidates: [...INVALIDATES] });
  return (
    <Paper withBorder p="md" radius="md">
      <Text mb="sm">
        Für diesen Fall ist noch keine Potenzialanalyse erfasst. Sie beginnt mit den Stärken der Person.
      </Text>
      {create.isError ? (
        <ErrorAlert title="Nicht begonnen">
          {describeError(create.error, 'Die Potenzialanalyse konnte nicht angelegt werden.')}
        </ErrorAlert>
      ) : null}
      <Button loading={create.isPending} onClick={() => create.mutate({ caseId: props.caseId, values: {} })}>
        Potenzialanalyse beginnen
      </Button>
    </Paper>
  );
}

function DraftAssessment(props: { draft: Version }) {
  const { draft } = props;
  const [criterionId, setCriterionId] = useState<string>(
    draft.entries[0]?.criterionId ?? catalogue.keyFactors[0]!.criteria[0]!.id,
  );
  const [liveEntry, setLiveEntry] = useState<EntryInput | null>(null);
  const onLiveEntry = useCallback((entry: EntryInput | null) => setLiveEntry(entry), []);

  // The draft as the form stands now: hints and the Profillage follow what is being typed.
  const live: Assessment = useMemo(() => {
    if (!liveEntry) return draft;
    const others = draft.entries.filter((e) => e.criterionId !== liveEntry.criterionId);
    const current = draft.entries.find((e) => e.criterionId === liveEntry.criterionId);
    return {
      ...draft,
      entries: [
        ...others,
        {
          ...liveEntry,
          recordedOn: current?.recordedOn ?? draft.createdOn,
          recordedBy: current?.recordedBy ?? draft.createdBy,
        },
      ],
    };
  }, [draft, liveEntry]);
  const derived = deriveProfileSituation(profileInputsOf(live, catalogue));
  const override = draft.profileSituation?.override ?? null;
  const hints = assessmentHints(live, catalogue, { profileSituation: override?.value ?? derived.result });
  const problems = completenessProblems(live, catalogue);

  const edit = (id: string) => {
    setCriterionId(id);
    document.getElementById('merkmal-titel')?.scrollIntoView({ block: 'start' });
  };

  return (
    <>
      <EntryEditor
        key={criterionId}
        draft={draft}
        criterionId={criterionId}
        onCriterionChange={setCriterionId}
        onLiveEntry={onLiveEntry}
      />
      <EntryLists assessment={live} onEdit={edit} />
      <ForecastPanel draft={draft} live={live} />
      <ProfilePanel
        assessmentId={draft.id}
        rowVersion={draft.rowVersion}
        derived={derived}
        override={override}
        finalized={false}
      />
      <HintsPanel hints={hints.map((h) => h.message)} />
      <FinalizePanel draft={draft} problems={problems} />
    </>
  );
}

function ForecastPanel(props: { draft: Version; live: Assessment }) {
  const update = useIpcMutation('assessments:update-draft', { invalidates: [...INVALIDATES] });
  const withNeeds = keyFactorsWithNeeds(props.live, catalogue);
  const dominant = props.draft.dominantKeyFactor;
  const { id: assessmentId } = props.draft;
  const { mutate } = update;
  // both controls save on every change and step with the arrow keys: each shows its latest choice
  // until that choice's own save came back (forms/use-autosaved-value.ts)
  const [forecast, setForecast] = useAutosavedValue<string>(
    props.draft.integrationForecast ?? '',
    useCallback(
      (value: string, settled: () => void) =>
        mutate(
          { assessmentId, changes: { integrationForecast: value as IntegrationForecast } },
          { onSettled: settled },
        ),
      [assessmentId, mutate],
    ),
  );
  const [focus, setFocus] = useAutosavedValue<string>(
    dominant ?? '',
    useCallback(
      (value: string, settled: () => void) =>
        mutate(
          { assessmentId, changes: { dominantKeyFactor: (value || null) as KeyFactorId | null } },
          { onSettled: settled },
        ),
      [assessmentId, mutate],
    ),
  );
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="prognose-titel">
      <Title order={3} size="h4" id="prognose-titel" mb="sm">
        Integrationsprognose und Schwerpunkt
      </Title>
      <Stack gap="sm">
        <Radio.Group
          label="Ist eine Integration innerhalb von 12 Monaten zu erwarten?"
          value={forecast}
          onChange={setForecast}
        >
          <Stack gap={4} mt={4}>
            {INTEGRATION_FORECASTS.map((f) => (
              <Radio key={f} value={f} label={INTEGRATION_FORECAST_LABELS[f]} />
            ))}
          </Stack>
        </Radio.Group>
        {withNeeds.length > 1 || dominant !== null ? (
          <NativeSelect
            label="Schwerpunkt des Handlungsbedarfs"
            description="Bei Handlungsbedarfen in mehreren Schlüsselgrößen: wo liegt der Schwerpunkt?"
            data={[
              { value: '', label: 'Kein Schwerpunkt festgelegt' },
              ...withNeeds.map((k) => ({ value: k, label: KEY_FACTOR_LABELS[k] })),
              ...(dominant !== null && !withNeeds.includes(dominant)
                ? [{ value: dominant, label: `${KEY_FACTOR_LABELS[dominant]} (ohne Handlungsbedarf)` }]
                : []),
            ]}
            value={focus}
            onChange={(e) => setFocus(e.currentTarget.value)}
          />
        ) : null}
        {update.isError ? (
          <ErrorAlert title="Nicht gespeichert">
            {describeError(update.error, 'Die Angabe konnte nicht gespeichert werden.')}
          </ErrorAlert>
        ) : null}
      </Stack>
    </Paper>
  );
}

function HintsPanel(props: { hints: readonly string[] }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="hinweise-titel">
      <Title order={3} size="h4" id="hinweise-titel" mb="sm">
        Hinweise auf Widersprüche
      </Title>
      <div aria-live="polite">
        {props.hints.length === 0 ? (
          <Text>Zurzeit keine Hinweise.</Text>
        ) : (
          <List spacing={4}>
            {props.hints.map((h, i) => (
              <List.Item key={`${i}-${h}`}>{h}</List.Item>
            ))}
          </List>
        )}
      </div>
    </Paper>
  );
}

function FinalizePanel(props: { draft: Version; problems: readonly string[] }) {
  const finalize = useIpcMutation('assessments:finalize', { invalidates: [...INVALIDATES] });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="abschluss-titel">
      <Title order={3} size="h4" id="abschluss-titel" mb="sm">
        Abschließen
      </Title>
      {props.problems.length > 0 ? (
        <>
          <Text>Vor dem Abschluss fehlt noch:</Text>
          <List spacing={4} mb="sm">
            {props.problems.map((p, i) => (
              <List.Item key={`${i}-${p}`}>{p}</List.Item>
            ))}
          </List>
        </>
      ) : (
        <Text mb="sm">
          Alles Nötige ist erfasst. Nach dem Abschluss ist diese Version unveränderlich; spätere Änderungen
          werden als Fortschreibung erfasst.
        </Text>
      )}
      {finalize.isError ? (
        <ErrorAlert title="Nicht abgeschlossen">
          {describeError(finalize.error, 'Die Potenzialanalyse konnte nicht abgeschlossen werden.')}
        </ErrorAlert>
      ) : null}
      <Button
        mt="sm"
        disabled={props.problems.length > 0}
        loading={finalize.isPending}
        onClick={() => finalize.mutate({ assessmentId: props.draft.id })}
      >
        Potenzialanalyse abschließen
      </Button>
    </Paper>
  );
}

function FinalizedAssessment(props: { assessment: Version }) {
  const a = props.assessment;
  const decision = a.profileSituation;
  return (
    <>
      <EntryLists assessment={a} />
      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4" mb="sm">
          Integrationsprognose und Schwerpunkt
        </Title>
        <Text>
          {a.integrationForecast
            ? INTEGRATION_FORECAST_LABELS[a.integrationForecast]
            : 'Keine Prognose erfasst'}
          {a.dominantKeyFactor ? ` · Schwerpunkt: ${KEY_FACTOR_LABELS[a.dominantKeyFactor]}` : ''}
        </Text>
      </Paper>
      {decision ? (
        <ProfilePanel
          assessmentId={a.id}
          rowVersion={a.rowVersion}
          derived={decision.derived}
          override={decision.override}
          finalized
        />
      ) : null}
      <AmendPanel assessment={a} />
    </>
  );
}

function AmendPanel(props: { assessment: Version }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const amend = useIpcMutation('assessments:amend', { invalidates: [...INVALIDATES] });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="fortschreiben-titel">
      <Title order={3} size="h4" id="fortschreiben-titel" mb="sm">
        Fortschreiben
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setError(undefined);
          if (reason.trim() === '') {
            setError('Bitte begründen, warum die Potenzialanalyse fortgeschrieben wird.');
            return;
          }
          amend.mutate(
            { assessmentId: props.assessment.id, reason },
            {
              onError: (e2) =>
                setError(describeError(e2, 'Die Fortschreibung konnte nicht angelegt werden.')),
              onSuccess: () => setReason(''),
            },
          );
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Eine neue Version entsteht aus dieser; die abgeschlossene Version {props.assessment.version}{' '}
            bleibt unverändert erhalten.
          </Text>
          <Textarea
            label="Grund der Fortschreibung"
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error}
          />
          <Button type="submit" w="fit-content" loading={amend.isPending}>
            Fortschreibung beginnen
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
