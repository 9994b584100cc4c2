import {
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Stepper,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import { useForm } from '@mantine/form';
import {
  ALLOWED_OUTCOMES,
  EXTENDABLE_STATUSES,
  extensionDays,
  OUTCOME_LABELS,
  OUTCOMES_NEEDING_NOTE,
} from '../../../../shared/domain/measures/assignment';
import {
  plannedPeriodProblems,
  statementLines,
  type PeriodLimits,
  type StatedFlag,
} from '../../../../shared/domain/measures/wizard';
import type { AssignmentView, WizardCandidateDto } from '../../../../shared/ipc/contract';
import { describeError } from '../../api/errors';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormPanel } from '../../components/FormPanel';
import { useCheckedWrite } from '../../forms/use-checked-write';
import { QueryView } from '../../components/QueryView';
import { ReflowTable } from '../../components/ReflowTable';
import { formatDate, todayIso } from '../../components/format';
import { useCaseDetail } from './case-detail';
import { checkMeasureOutcomeForm, type MeasureOutcomeFormValues } from './measure-outcome-form';
import { checkMeasureExtensionForm, type MeasureExtensionFormValues } from './measure-extension-form';
import {
  checkStatements,
  factsForProposal,
  NO_STATEMENTS,
  statementsOf,
  type CheckedStatements,
  type WizardStatements,
} from './measure-wizard-facts';
import { invalidationsFor } from '../../api/data-changes';

/** The wizard's draft, kept per case in localStorage so it survives closing the window. */
interface Draft {
  step: number;
  needs: string[];
  /** Planned start and end as typed (TT.MM.JJJJ). */
  start: string;
  end: string;
  measure: string | null;
  goal: string;
  providerName: string;
  withNotice: boolean;
  /** The chosen strategy the wizard was opened from (null: opened on its own). */
  strategyChoiceId: string | null;
  /** What the caseworker stated beyond the case record (measure-wizard-facts.ts). */
  statements: WizardStatements;
}

/** No measure chosen yet: only the order of start and end can be checked. */
const NO_PERIOD_LIMITS: PeriodLimits = { duration: null, latestEnd: null };

const draftKey = (caseId: string) => `lotse.measure-wizard.${caseId}`;

function emptyDraft(): Draft {
  return {
    step: 0,
    needs: [],
    start: formatDate(todayIso()),
    end: '',
    measure: null,
    goal: '',
    providerName: '',
    withNotice: false,
    strategyChoiceId: null,
    statements: NO_STATEMENTS,
  };
}

function loadDraft(caseId: string): Draft {
  const empty = emptyDraft();
  try {
    const raw = localStorage.getItem(draftKey(caseId));
    if (!raw) return empty;
    const stored = { ...empty, ...(JSON.parse(raw) as Partial<Draft>) };
    stored.statements = statementsOf(stored.statements ?? {});
    // drafts of earlier versions kept the dates as JJJJ-MM-TT
    const typed = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? formatDate(d) : d);
    return { ...stored, start: typed(stored.start), end: typed(stored.end) };
  } catch {
    return empty;
  }
}

const STATUS_TEXT: Record<WizardCandidateDto['status'], string> = {
  eligible: 'möglich',
  eligible_with_warnings: 'möglich mit Hinweisen',
  not_eligible: 'nicht möglich',
};

const STATEMENTS = [
  { value: '', label: 'nicht angegeben' },
  { value: 'ja', label: 'trifft zu' },
  { value: 'nein', label: 'trifft nicht zu' },
];

interface StatementProps {
  statements: WizardStatements;
  checked: CheckedStatements;
  /** The day of the job start the case record knows (from a measure's outcome), if any. */
  recordedJobStart: string | null;
  onState: (patch: Partial<WizardStatements>) => void;
}

function CandidateRow(
  props: StatementProps & { c: WizardCandidateDto; selected: boolean; onSelect: () => void },
) {
  const { c } = props;
  const refused = c.status === 'not_eligible';
  const reasons = c.reasons.filter((r) => r.severity === (refused ? 'unmet' : 'warning'));
  return (
    <Paper withBorder p="sm" radius="md" bg={refused ? 'gray.1' : undefined} data-measure={c.measureId}>
      <Radio
        value={c.measureId}
        disabled={refused}
        checked={props.selected}
        onChange={props.onSelect}
        label={
          <Text fw={600} c={refused ? 'dark.4' : undefined}>
            {c.title} – {STATUS_TEXT[c.status]}
          </Text>
        }
        description={`${c.formLabel} · ${c.legalBasis}`}
      />
      {reasons.length > 0 ? (
        <List size="sm" mt={4} ml="lg">
          {reasons.map((r) => (
            <List.Item key={r.text}>
              {refused ? 'Grund: ' : 'Hinweis: '}
              {r.text} ({r.ref})
            </List.Item>
          ))}
        </List>
      ) : null}
      {c.questions.length > 0 || c.teachingUnits || c.afterJobStart ? <StatementFields {...props} /> : null}
    </Paper>
  );
}

/** What the caseworker may state for one entry (its questions, teaching units, job start). */
function StatementFields(props: StatementProps & { c: WizardCandidateDto }) {
  const { c, statements, checked, onState } = props;
  const setFlag = (flag: StatedFlag, value: string) => {
    const flags: Partial<Record<StatedFlag, boolean>> = { ...statements.flags };
    if (value === '') delete flags[flag];
    else flags[flag] = value === 'ja';
    onState({ flags });
  };
  return (
    <Group gap="sm" mt={6} ml="lg" align="flex-start">
      {c.questions.map((q) => {
        const v = statements.flags[q.flag];
        return (
          <NativeSelect
            key={q.flag}
            size="xs"
            label={q.label}
            data={STATEMENTS}
            value={v === true ? 'ja' : v === false ? 'nein' : ''}
            onChange={(e) => setFlag(q.flag, e.currentTarget.value)}
          />
        );
      })}
      {c.teachingUnits ? (
        <TextInput
          size="xs"
          label="Geplante Unterrichtseinheiten"
          description={`${c.teachingUnits.min} bis ${c.teachingUnits.max}`}
          inputMode="numeric"
          autoComplete="off"
          value={statements.teachingUnits}
          onChange={(e) => onState({ teachingUnits: e.currentTarget.value })}
          error={checked.problems.teachingUnits}
        />
      ) : null}
      {c.afterJobStart ? (
        <TextInput
          size="xs"
          label="Arbeitsaufnahme am"
          description={
            props.recordedJobStart
              ? `TT.MM.JJJJ; laut Akte ${formatDate(props.recordedJobStart)}`
              : 'TT.MM.JJJJ; in der Akte nicht erfasst'
          }
          autoComplete="off"
          value={statements.jobStart}
          onChange={(e) => onState({ jobStart: e.currentTarget.value })}
          error={checked.problems.jobStart}
        />
      ) : null}
    </Group>
  );
}

function MeasureWizard(props: { caseId: string; onDone: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => loadDraft(props.caseId));
  const startParsed = parseGermanDate(draft.start);
  const endParsed = draft.end.trim() === '' ? null : parseGermanDate(draft.end);
  const startIso = startParsed.ok ? startParsed.value : null;
  // an end before the start is named at the end right away (the domain's rule, before any measure's limits)
  const endProblem =
    endParsed && !endParsed.ok
      ? endParsed.message
      : startIso && endParsed?.ok
        ? plannedPeriodProblems(NO_PERIOD_LIMITS, startIso, endParsed.value)[0]?.message
        : undefined;
  const endIso = endParsed?.ok && endProblem === undefined ? endParsed.value : null;
  const [error, setError] = useState<string>();
  useEffect(() => {
    localStorage.setItem(draftKey(props.caseId), JSON.stringify(draft));
  }, [draft, props.caseId]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const checked = checkStatements(draft.statements);
  const candidates = useQuery({
    ...ipcQueryOptions('measures:candidates', {
      caseId: props.caseId,
      needIds: draft.needs,
      ...(draft.strategyChoiceId ? { strategyChoiceId: draft.strategyChoiceId } : {}),
      plannedStart: startIso ?? '',
      ...(endIso ? { plannedEnd: endIso } : {}),
      ...(Object.keys(checked.facts).length > 0 ? { facts: checked.facts } : {}),
    }),
    enabled: startIso !== null,
    // while the start date is being retyped, the needs and measures of the last valid date stay
    placeholderData: keepPreviousData,
  });
  const chosen = candidates.data?.candidates.find((c) => c.measureId === draft.measure);
  const periodProblems = chosen && startIso && endIso ? plannedPeriodProblems(chosen, startIso, endIso) : [];
  const propose = useIpcMutation('measures:propose', {
    // a proposal on stated facts leaves a Vermerk
    invalidates: invalidationsFor('measure_assignments', 'notes'),
  });
  // The goal of the strategy the wizard was opened from (or the only goal) is preselected.
  const suggestedGoal =
    candidates.data?.strategyGoalId ??
    (candidates.data?.goals.length === 1 ? (candidates.data.goals[0]?.id ?? null) : null);
  const goal = draft.goal || suggestedGoal || '';
  const fromNeed = draft.strategyChoiceId
    ? candidates.data?.needs.filter((n) => draft.needs.includes(n.criterionId))
    : undefined;

  // what the caseworker stated for the chosen measure goes with the proposal (and into its Vermerk)
  const facts = chosen ? factsForProposal(checked, chosen) : undefined;
  const stated = statementLines(facts);
  const state = (patch: Partial<WizardStatements>) =>
    setDraft((d) => ({ ...d, statements: { ...d.statements, ...patch } }));

  // what keeps the proposal from being saved, in words (the service would refuse it the same way)
  const blocked = endProblem ?? periodProblems[0]?.message;
  const submit = () => {
    if (!chosen || !startIso || blocked) return;
    setError(undefined);
    propose.mutate(
      {
        caseId: props.caseId,
        ...(facts ? { facts } : {}),
        values: {
          measureId: chosen.measureId,
          needIds: draft.needs,
          goalId: goal,
          provider: draft.providerName.trim() ? { name: draft.providerName.trim() } : null,
          plannedStart: startIso ?? '',
          plannedEnd: endIso,
          withLegalConsequencesNotice: draft.withNotice,
        },
      },
      {
        onSuccess: () => {
          localStorage.removeItem(draftKey(props.caseId));
          props.onDone();
        },
        onError: (e) => setError(describeError(e, 'Die Maßnahme wurde nicht gespeichert.')),
      },
    );
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h5" mb="sm" id="assistent-titel">
        Maßnahme zuweisen
      </Title>
      {fromNeed && fromNeed.length > 0 ? (
        <Text mb="sm">
          Aus der Strategieauswahl geöffnet: Handlungsbedarf{' '}
          {fromNeed.map((n) => `„${n.label}: ${n.focus}“`).join(', ')} ist vorausgewählt.
        </Text>
      ) : null}
      <Stepper active={draft.step} onStepClick={(step) => set({ step })} size="sm">
        <Stepper.Step label="Bedarf und Beginn">
          <Stack gap="xs" mt="sm">
            <Checkbox.Group
              label="Handlungsbedarfe, denen die Maßnahme dient"
              value={draft.needs}
              onChange={(needs) => set({ needs })}
            >
              <Stack gap={4} mt={4}>
                {(candidates.data?.needs ?? []).map((n) => (
                  <Checkbox key={n.criterionId} value={n.criterionId} label={`${n.label}: ${n.focus}`} />
                ))}
              </Stack>
            </Checkbox.Group>
            <TextInput
              label="Geplanter Beginn"
              description="TT.MM.JJJJ"
              value={draft.start}
              onChange={(e) => set({ start: e.currentTarget.value })}
              error={startParsed.ok ? undefined : startParsed.message}
            />
            <TextInput
              label="Geplantes Ende (optional)"
              description="TT.MM.JJJJ"
              value={draft.end}
              onChange={(e) => set({ end: e.currentTarget.value })}
              error={endProblem}
            />
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Maßnahme">
          {startIso === null ? (
            <Text mt="sm" role="alert">
              Bitte zuerst einen gültigen geplanten Beginn angeben (TT.MM.JJJJ): davon hängt ab, welche
              Maßnahmen gelten.
            </Text>
          ) : endProblem ? (
            <Text mt="sm" role="alert">
              Das geplante Ende im ersten Schritt kann so nicht gelten: {endProblem} Die Maßnahmen sind ohne
              Ende geprüft.
            </Text>
          ) : null}
          <QueryView
            query={candidates}
            loadingLabel="Maßnahmen werden geprüft"
            errorTitle="Prüfung nicht möglich"
            fallback="Die Maßnahmen konnten nicht geprüft werden."
          >
            {(data) => (
              <Radio.Group
                label={`Maßnahmekatalog (Stand ${data.catalogueVersion})`}
                description="Wo Lotse eine Angabe von Ihnen braucht (z. B. schwerwiegende Vermittlungshemmnisse), steht sie bei der Maßnahme: Lotse prüft sie sofort mit, und beim Vorschlag steht sie als Vermerk in der Akte."
                value={draft.measure ?? ''}
              >
                <Stack gap="xs" mt="xs">
                  {data.candidates.map((c) => (
                    <CandidateRow
                      key={c.measureId}
                      c={c}
                      selected={draft.measure === c.measureId}
                      onSelect={() => set({ measure: c.measureId, withNotice: false })}
                      statements={draft.statements}
                      checked={checked}
                      recordedJobStart={data.jobStartDate}
                      onState={state}
                    />
                  ))}
                </Stack>
              </Radio.Group>
            )}
          </QueryView>
        </Stepper.Step>
        <Stepper.Step label="Träger und Ziel">
          <Stack gap="xs" mt="sm">
            <TextInput
              label="Träger"
              value={draft.providerName}
              onChange={(e) => set({ providerName: e.currentTarget.value })}
            />
            <Radio.Group label="Ziel" value={goal} onChange={(goal) => set({ goal })}>
              <Stack gap={4} mt={4}>
                {(candidates.data?.goals ?? []).map((g) => (
                  <Radio key={g.id} value={g.id} label={g.label} />
                ))}
              </Stack>
            </Radio.Group>
            {periodProblems.map((p) => (
              <Text key={p.message} c="red.9" role="alert">
                {p.message}
              </Text>
            ))}
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="Verpflichtung">
          {chosen ? (
            <Stack gap="xs" mt="sm">
              <Text>{chosen.obligation.explanation}</Text>
              <Radio.Group
                label="Form der Zuweisung"
                value={String(draft.withNotice)}
                onChange={(v) => set({ withNotice: v === 'true' })}
              >
                <Stack gap={4} mt={4}>
                  {chosen.obligation.options.map((o) => (
                    <Radio
                      key={String(o.withLegalConsequencesNotice)}
                      value={String(o.withLegalConsequencesNotice)}
                      label={o.label}
                    />
                  ))}
                </Stack>
              </Radio.Group>
            </Stack>
          ) : (
            <Text mt="sm">Bitte zuerst eine Maßnahme wählen.</Text>
          )}
        </Stepper.Step>
        <Stepper.Completed>
          <Stack gap="xs" mt="sm">
            <Text>
              {chosen ? `${chosen.title} (${chosen.formLabel})` : 'Keine Maßnahme gewählt'}, vom{' '}
              {formatDate(startIso)}
              {endIso ? ` bis ${formatDate(endIso)}` : ''}.
            </Text>
            {stated.length > 0 ? (
              <Text>Ihre Angaben (stehen danach als Vermerk in der Akte): {stated.join('; ')}.</Text>
            ) : null}
            {chosen && blocked ? (
              <Text role="alert" c="red.9">
                So noch nicht zu speichern: {blocked}
              </Text>
            ) : null}
            {error ? <ErrorAlert title="Nicht gespeichert">{error}</ErrorAlert> : null}
            <Button onClick={submit} loading={propose.isPending} disabled={!chosen || blocked !== undefined}>
              Vorschlag speichern
            </Button>
          </Stack>
        </Stepper.Completed>
      </Stepper>
      <Group mt="md">
        <Button variant="default" disabled={draft.step === 0} onClick={() => set({ step: draft.step - 1 })}>
          Zurück
        </Button>
        <Button disabled={draft.step >= 4} onClick={() => set({ step: draft.step + 1 })}>
          Weiter
        </Button>
      </Group>
    </Paper>
  );
}

type Ending = { assignment: AssignmentView; event: 'end' | 'abort' };

function AssignmentsTable(props: { items: AssignmentView[] }) {
  const transition = useIpcMutation('measures:transition', {
    invalidates: invalidationsFor('measure_assignments', 'notes'),
  });
  const [error, setError] = useState<string>();
  const [ending, setEnding] = useState<Ending | null>(null);
  const [extending, setExtending] = useState<AssignmentView | null>(null);
  if (props.items.length === 0) return <Text>Es sind noch keine Maßnahmen erfasst.</Text>;
  const step = (a: AssignmentView, type: 'assign' | 'start') => {
    setError(undefined);
    transition.mutate(
      { assignmentId: a.id, event: { type }, expectedRowVersion: a.rowVersion },
      { onError: (e) => setError(describeError(e, 'Nicht gespeichert.')) },
    );
  };
  return (
    <>
      {error ? <ErrorAlert title="Nicht gespeichert">{error}</ErrorAlert> : null}
      <ReflowTable>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Maßnahme</Table.Th>
            <Table.Th scope="col">Art</Table.Th>
            <Table.Th scope="col">Zeitraum</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Aktion</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.items.map((a) => (
            <Table.Tr key={a.id} data-assignment={a.id}>
              <Table.Td>{a.measureTitle}</Table.Td>
              <Table.Td data-label="Art">{a.formLabel}</Table.Td>
              <Table.Td data-label="Zeitraum">
                {/* an ended measure shows the day it ended; the planned end beside it if different */}
                {formatDate(a.plannedStart)} –{' '}
                {a.endedOn ? formatDate(a.endedOn) : a.plannedEnd ? formatDate(a.plannedEnd) : 'offen'}
                {a.endedOn && a.plannedEnd && a.endedOn !== a.plannedEnd ? (
                  <Text size="sm">geplant bis {formatDate(a.plannedEnd)}</Text>
                ) : null}
                {extensionDays(a).length > 0 ? (
                  <Text size="sm">verlängert am {extensionDays(a).map(formatDate).join(', ')}</Text>
                ) : null}
                {a.aftercare ? (
                  <Text size="sm" fw={a.aftercare.expired ? 700 : undefined}>
                    {a.aftercare.expired ? 'Frist abgelaufen: ' : 'Nachbetreuung: '}
                    {a.aftercare.text}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td data-label="Status">
                {/* plain text: a badge is cut off in a narrow column ("ÜBERGEL…") */}
                <Text fw={700} size="sm">
                  {a.statusLabel}
                </Text>
                {a.outcome ? (
                  <Text size="sm">
                    Ergebnis: {OUTCOME_LABELS[a.outcome.code]}
                    {a.outcome.note ? ` (${a.outcome.note})` : ''}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td data-label="Aktion">
                {a.allowedEvents.length === 0 && !EXTENDABLE_STATUSES.includes(a.status) ? (
                  <Text size="sm">keine</Text>
                ) : null}
                <Group gap={4}>
                  {a.allowedEvents.includes('assign') ? (
                    <Button
                      size="xs"
                      onClick={() => step(a, 'assign')}
                      aria-label={`${assignLabel(a)}: ${a.measureTitle}`}
                    >
                      {assignLabel(a)}
                    </Button>
                  ) : null}
                  {a.allowedEvents.includes('start') ? (
                    <Button
                      size="xs"
                      onClick={() => step(a, 'start')}
                      aria-label={`Antritt erfassen: ${a.measureTitle}`}
                    >
                      Antritt erfassen
                    </Button>
                  ) : null}
                  {EXTENDABLE_STATUSES.includes(a.status) ? (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => {
                        setEnding(null);
                        setExtending(a);
                      }}
                      aria-label={`Verlängern: ${a.measureTitle}`}
                    >
                      Verlängern …
                    </Button>
                  ) : null}
                  {a.allowedEvents.includes('end') ? (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => {
                        setExtending(null);
                        setEnding({ assignment: a, event: 'end' });
                      }}
                      aria-label={`Beenden: ${a.measureTitle}`}
                    >
                      Beenden …
                    </Button>
                  ) : null}
                  {a.allowedEvents.includes('abort') ? (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => {
                        setExtending(null);
                        setEnding({ assignment: a, event: 'abort' });
                      }}
                      aria-label={`${abortLabel(a)}: ${a.measureTitle}`}
                    >
                      {abortLabel(a)} …
                    </Button>
                  ) : null}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ReflowTable>
      {ending ? (
        <OutcomeForm
          key={`${ending.assignment.id}-${ending.event}`}
          {...ending}
          onDone={() => setEnding(null)}
        />
      ) : null}
      {extending ? (
        <ExtensionForm key={extending.id} assignment={extending} onDone={() => setExtending(null)} />
      ) : null}
    </>
  );
}

/**
 * Verlängerung: a new planned end for an assigned or running measure. The service checks it against
 * the planned end so far and the catalogue's period rules (duration, § 16d Abs. 6, Nachbetreuung).
 */
function ExtensionForm(props: { assignment: AssignmentView; onDone: () => void }) {
  const a = props.assignment;
  const form = useForm<MeasureExtensionFormValues>({
    mode: 'controlled',
    initialValues: { plannedEnd: '', on: '', conditions: [] },
  });
  const extend = useCheckedWrite('measures:extend', {
    form,
    check: (values: MeasureExtensionFormValues) => checkMeasureExtensionForm(values, a),
    input: (values) => ({ assignmentId: a.id, ...values, expectedRowVersion: a.rowVersion }),
    invalidates: invalidationsFor('measure_assignments', 'notes'),
    failed: 'Die Maßnahme wurde nicht verlängert.',
    onDone: props.onDone,
  });
  const title = `„${a.measureTitle}“ verlängern`;
  return (
    <FormPanel
      label={title}
      title={title}
      mt="sm"
      error={extend.formError}
      onSubmit={form.onSubmit(extend.submit)}
      submit={{ label: 'Verlängerung speichern', pending: extend.pending }}
      onCancel={props.onDone}
    >
      <Text size="sm">
        Bisher geplant: {formatDate(a.plannedStart)} – {a.plannedEnd ? formatDate(a.plannedEnd) : 'offen'}.
        Lotse prüft die Höchstdauer der Maßnahme erneut.
      </Text>
      <TextInput
        label="Neues geplantes Ende"
        description="TT.MM.JJJJ"
        withAsterisk
        {...form.getInputProps('plannedEnd')}
      />
      <TextInput
        label="Verlängert am (freiwillig)"
        description="TT.MM.JJJJ; ohne Angabe: heute"
        {...form.getInputProps('on')}
      />
      {a.extensionConditions.length > 0 ? (
        <Checkbox.Group
          label="Verlängerung über die Höchstdauer hinaus"
          {...form.getInputProps('conditions')}
        >
          <Stack gap="xs" mt="xs">
            {a.extensionConditions.map((c) => (
              <Checkbox key={c.flag} value={c.flag} label={c.label} description={c.description} />
            ))}
          </Stack>
        </Checkbox.Group>
      ) : null}
    </FormPanel>
  );
}

function assignLabel(a: AssignmentView): string {
  return a.form === 'referral' ? 'Überleiten' : a.form === 'assignment' ? 'Zuweisen' : 'Anbieten';
}

function abortLabel(a: AssignmentView): string {
  return a.status === 'proposed' ? 'Zurücknehmen' : 'Abbrechen';
}

/**
 * Ending or breaking off a measure: only with an outcome the status machine allows from where the
 * assignment stands; "vorzeitig beendet" and "nicht angetreten" also need the reason.
 */
function OutcomeForm(props: Ending & { onDone: () => void }) {
  const a = props.assignment;
  const allowed = ALLOWED_OUTCOMES[props.event][a.status] ?? [];
  const form = useForm<MeasureOutcomeFormValues>({
    mode: 'controlled',
    initialValues: { code: allowed.length === 1 ? (allowed[0] ?? '') : '', note: '', on: '' },
  });
  const event = props.event;
  const transition = useCheckedWrite('measures:transition', {
    form,
    check: (values: MeasureOutcomeFormValues) => checkMeasureOutcomeForm(event, values, a),
    input: (values) => ({ assignmentId: a.id, ...values, expectedRowVersion: a.rowVersion }),
    invalidates: invalidationsFor('measure_assignments', 'notes'),
    failed: 'Die Maßnahme wurde nicht geändert.',
    fieldMap: { 'event.outcome.code': 'code', 'event.outcome.note': 'note' },
    onDone: props.onDone,
  });
  const code = form.getValues().code;
  const needsNote = (OUTCOMES_NEEDING_NOTE as readonly string[]).includes(code);
  const verb = event === 'end' ? 'beenden' : a.status === 'proposed' ? 'zurücknehmen' : 'abbrechen';
  const title = `„${a.measureTitle}“ ${verb}`;
  return (
    <FormPanel
      label={title}
      title={title}
      mt="sm"
      error={transition.formError}
      onSubmit={form.onSubmit(transition.submit)}
      submit={{
        label: event === 'end' ? 'Beenden speichern' : 'Abbruch speichern',
        pending: transition.pending,
      }}
      cancelLabel="Schließen"
      onCancel={props.onDone}
    >
      <Text size="sm">
        Eine Maßnahme wird nur mit ihrem Ergebnis {event === 'end' ? 'beendet' : 'abgebrochen'}.
      </Text>
      <NativeSelect
        label="Ergebnis"
        data={[
          { value: '', label: 'Bitte wählen' },
          ...allowed.map((c) => ({ value: c, label: OUTCOME_LABELS[c] })),
        ]}
        {...form.getInputProps('code')}
      />
      <Textarea
        label={needsNote ? 'Grund' : 'Anmerkung (freiwillig)'}
        withAsterisk={needsNote}
        autosize
        minRows={2}
        {...form.getInputProps('note')}
      />
      <TextInput
        label="Am (freiwillig)"
        description="TT.MM.JJJJ; ohne Angabe: heute"
        {...form.getInputProps('on')}
      />
    </FormPanel>
  );
}

/** Maßnahmen (section of the case workspace): the case's measures and the assignment wizard. */
export function MeasuresSection() {
  const detail = useCaseDetail();
  const caseId = detail.case.id;
  const search = useSearch({ from: '/faelle/$caseId/massnahmen' });
  const navigate = useNavigate();
  const list = useQuery(ipcQueryOptions('measures:list', { caseId }));
  const [wizardOpen, setWizardOpen] = useState(() => {
    // Opened from a need and its strategy: a fresh draft with that need preselected.
    if (search.bedarf || search.strategie) {
      localStorage.setItem(
        draftKey(caseId),
        JSON.stringify({
          ...emptyDraft(),
          needs: search.bedarf ? [search.bedarf] : [],
          strategyChoiceId: search.strategie ?? null,
        } satisfies Draft),
      );
      return true;
    }
    return localStorage.getItem(draftKey(caseId)) !== null;
  });
  useEffect(() => {
    // the draft holds the preselection now; a reload must not start it over
    if (search.bedarf || search.strategie)
      void navigate({ to: '/faelle/$caseId/massnahmen', params: { caseId }, search: {}, replace: true });
  }, [search.bedarf, search.strategie, navigate, caseId]);
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            Maßnahmen
          </Title>
          {wizardOpen ? null : <Button onClick={() => setWizardOpen(true)}>Maßnahme zuweisen</Button>}
        </Group>
        <QueryView
          query={list}
          loadingLabel="Maßnahmen werden geladen"
          errorTitle="Maßnahmen nicht verfügbar"
          fallback="Die Maßnahmen konnten nicht geladen werden."
        >
          {(items) => <AssignmentsTable items={items} />}
        </QueryView>
      </Paper>
      {wizardOpen ? <MeasureWizard caseId={caseId} onDone={() => setWizardOpen(false)} /> : null}
    </Stack>
  );
}
