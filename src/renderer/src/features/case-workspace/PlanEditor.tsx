import {
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import {
  FREQUENCY_LABELS,
  PLAN_POINT_LABELS,
  PLAN_POINTS,
  PROOF_FORM_LABELS,
  PROOF_FORMS,
  RESPONSIBLE_LABELS,
  type PlanPoint,
} from '../../../../shared/domain/plan/cooperation-plan';
import type { IpcOut } from '../../../../shared/ipc/contract';
import {
  COMPANION_LANGUAGE_LABELS,
  COMPANION_LANGUAGES,
  companionDirection,
} from '../../../../shared/domain/plan/plan-texts';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { formatDate, todayIso } from '../../components/format';
import { applyIpcError } from '../../forms/ipc-form';
import {
  checkPlanForm,
  emptyEffort,
  emptyStep,
  fieldHints,
  fieldId,
  planFormValues,
  effortsToTake,
  type EffortValues,
  type FieldHint,
  type PlanFormValues,
} from './plan-form';
import { invalidationsFor } from '../../api/data-changes';

type Plan = NonNullable<IpcOut<'plans:for-case'>['plan']>;

/** The editor's save state, shown in text and used to hold the hand-over until the draft is saved. */
export type DraftState = 'saved' | 'pending' | 'invalid' | 'failed';

const RESPONSIBLE = Object.entries(RESPONSIBLE_LABELS).map(([value, label]) => ({ value, label }));
const LANGUAGES = [
  { value: '', label: 'Keine Übersetzung' },
  ...COMPANION_LANGUAGES.map((l) => ({
    value: l,
    label: `${COMPANION_LANGUAGE_LABELS[l]}${companionDirection(l, todayIso()) === 'rtl' ? ' (von rechts nach links)' : ''}`,
  })),
];
const POINT_STATES = [
  { value: 'answered', label: 'Beantwortet' },
  { value: 'not_applicable', label: 'Entfällt' },
  { value: 'open', label: 'Noch offen' },
];

/** Hints under one free text while it is written (plain language; health terms, never printed). */
function Hints(props: { id: string; hints: readonly FieldHint[] }) {
  const { hints } = props;
  if (hints.length === 0) return null;
  return (
    <List id={props.id} size="sm" spacing={2} aria-label="Hinweise zu diesem Text">
      {hints.map((h, i) => (
        <List.Item key={`${h.kind}-${i}`} c={h.kind === 'health' ? 'red.9' : undefined}>
          {h.kind === 'health' ? <strong>Nicht druckbar: </strong> : <strong>Hinweis: </strong>}
          {h.message}
        </List.Item>
      ))}
    </List>
  );
}

/** A free text with its hints below, described by them for screen readers. */
function FreeText(props: {
  path: string;
  label: string;
  description?: string;
  form: ReturnType<typeof useForm<PlanFormValues>>;
  value: string;
  minRows?: number;
}) {
  const hintsId = `${fieldId(props.path)}-hints`;
  const hints = useMemo(() => fieldHints(props.value), [props.value]);
  const hasHints = hints.length > 0;
  return (
    <Stack gap={4}>
      <Textarea
        id={fieldId(props.path)}
        label={props.label}
        description={props.description}
        autosize
        minRows={props.minRows ?? 2}
        aria-describedby={hasHints ? hintsId : undefined}
        {...props.form.getInputProps(props.path)}
      />
      <Hints id={hintsId} hints={hints} />
    </Stack>
  );
}

/**
 * The plan's content as the caseworker writes it: goal, personal offer, main steps, the six points
 * of § 15 Abs. 2 (answered or "entfällt"), Eigenbemühungen with frequency and proof, review date and
 * companion language. Saved as a draft automatically (plans:save-draft, checked with the channel's
 * schema first) a moment after typing stops; one save at a time, each with the row version the
 * last one returned.
 */
export const PlanEditor = memo(function PlanEditor(props: {
  plan: Plan;
  requiresPersonalOffer: boolean;
  onState: (state: DraftState) => void;
}) {
  const { plan, onState } = props;
  const save = useIpcMutation('plans:save-draft', { invalidates: invalidationsFor('cooperation_plans') });
  /** The row version the next save expects (the last save's answer, or a newer one read since). */
  const rowVersion = useRef(plan.rowVersion);
  useEffect(() => {
    rowVersion.current = Math.max(rowVersion.current, plan.rowVersion);
  }, [plan.rowVersion]);
  const [initial] = useState(() => planFormValues(plan));
  const lastSaved = useRef(serialOf(initial, plan.id));
  /** Changes that failed to save: not sent again until the next edit. */
  const failed = useRef<string | undefined>(undefined);
  const inFlight = useRef(false);
  const again = useRef(false);
  const [state, setState] = useState<DraftState>('saved');
  const [savedAt, setSavedAt] = useState<string>();
  const [message, setMessage] = useState<string>();

  const report = (next: DraftState) => {
    setState(next);
    onState(next);
  };

  /** Checks the form and saves what changed; one save at a time (a later edit saves after it). */
  const saveNow = () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const current = form.getValues();
    const checked = checkPlanForm(current, plan.id);
    if (!checked.ok) {
      form.setErrors(checked.errors);
      setMessage('Nicht gespeichert: Bitte die markierten Felder prüfen.');
      report('invalid');
      return;
    }
    form.clearErrors();
    const serial = JSON.stringify(checked.changes);
    if (serial === failed.current) return;
    if (serial === lastSaved.current) {
      setMessage(undefined);
      report('saved');
      return;
    }
    inFlight.current = true;
    save.mutate(
      { planId: plan.id, changes: checked.changes as never, expectedRowVersion: rowVersion.current },
      {
        onSuccess: (saved) => {
          rowVersion.current = saved.rowVersion;
          lastSaved.current = serial;
          failed.current = undefined;
          setSavedAt(new Date().toLocaleTimeString('de-DE', { hour: '2-digit', minute: '2-digit' }));
          setMessage(undefined);
          if (!again.current) report('saved');
        },
        onError: (e) => {
          failed.current = serial;
          setMessage(
            `Nicht gespeichert: ${applyIpcError(form, e, 'Der Entwurf konnte nicht gespeichert werden.')}`,
          );
          report('failed');
        },
        onSettled: () => {
          inFlight.current = false;
          if (again.current) {
            again.current = false;
            saveNow();
          }
        },
      },
    );
  };
  const saveSoon = useDebouncedCallback(saveNow, { delay: 700, flushOnUnmount: true });
  const form = useForm<PlanFormValues>({
    mode: 'controlled',
    initialValues: initial,
    onValuesChange: () => {
      failed.current = undefined;
      if (state !== 'pending') report('pending');
      saveSoon();
    },
  });
  const values = form.getValues();

  const status =
    state === 'pending'
      ? 'Änderungen werden gleich gespeichert …'
      : state === 'saved'
        ? savedAt
          ? `Entwurf gespeichert um ${savedAt} Uhr.`
          : 'Entwurf gespeichert.'
        : (message ?? '');

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="md">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h4">
            Plan bearbeiten
          </Title>
          <Text
            size="sm"
            role="status"
            aria-label="Speicherstand des Entwurfs"
            fw={state === 'saved' ? 400 : 700}
          >
            {status}
          </Text>
        </Group>
        <Text size="sm">
          Entwurf vom {formatDate(plan.planDate)}. Änderungen werden automatisch gespeichert. Schreiben Sie
          kurz und verständlich: Die Hinweise unter den Feldern helfen dabei.
        </Text>
        <FreeText form={form} path="goal" label="Ziel" value={values.goal} />
        {props.requiresPersonalOffer || values.personalOffer !== '' ? (
          <FreeText
            form={form}
            path="personalOffer"
            label="Persönliches Angebot (Beratung, Unterstützung oder Vermittlung)"
            value={values.personalOffer}
          />
        ) : null}

        <fieldset className="lotse-fieldset">
          <legend>Wesentliche Schritte</legend>
          <Stack gap="sm">
            {values.mainSteps.length === 0 ? <Text size="sm">Noch kein Schritt.</Text> : null}
            {values.mainSteps.map((step, i) => (
              <Stack key={step.key} gap={4}>
                <Group align="flex-start" wrap="wrap" gap="sm">
                  <div style={{ flex: '1 1 280px' }}>
                    <FreeText
                      form={form}
                      path={`mainSteps.${i}.text`}
                      label={`Schritt ${i + 1}`}
                      value={step.text}
                      minRows={1}
                    />
                  </div>
                  <NativeSelect
                    id={fieldId(`mainSteps.${i}.responsible`)}
                    label={`Wer – Schritt ${i + 1}`}
                    data={RESPONSIBLE}
                    w={170}
                    {...form.getInputProps(`mainSteps.${i}.responsible`)}
                  />
                  <TextInput
                    id={fieldId(`mainSteps.${i}.dueOn`)}
                    label={`Bis wann – Schritt ${i + 1}`}
                    placeholder="TT.MM.JJJJ"
                    w={190}
                    {...form.getInputProps(`mainSteps.${i}.dueOn`)}
                  />
                  <Button
                    variant="outline"
                    color="red.9"
                    mt={24}
                    onClick={() => form.removeListItem('mainSteps', i)}
                  >
                    Schritt {i + 1} entfernen
                  </Button>
                </Group>
              </Stack>
            ))}
            <Button
              id={fieldId('mainSteps.add')}
              variant="outline"
              w="fit-content"
              onClick={() => {
                form.insertListItem('mainSteps', emptyStep());
                const i = form.getValues().mainSteps.length - 1;
                requestAnimationFrame(() => document.getElementById(fieldId(`mainSteps.${i}.text`))?.focus());
              }}
            >
              Schritt hinzufügen
            </Button>
          </Stack>
        </fieldset>

        <fieldset className="lotse-fieldset">
          <legend>Die sechs Punkte nach § 15 Abs. 2 SGB II</legend>
          <Stack gap="md">
            {PLAN_POINTS.map((p) => (
              <PointEditor key={p} point={p} form={form} values={values} />
            ))}
          </Stack>
        </fieldset>

        <fieldset className="lotse-fieldset">
          <legend>Eigenbemühungen (mit Häufigkeit und Nachweis)</legend>
          <Stack gap="sm">
            {values.ownEfforts.length === 0 ? <Text size="sm">Noch keine Eigenbemühung.</Text> : null}
            {values.ownEfforts.map((e, i) => (
              <Group key={e.key} align="flex-start" wrap="wrap" gap="sm">
                <div style={{ flex: '1 1 260px' }}>
                  <FreeText
                    form={form}
                    path={`ownEfforts.${i}.description`}
                    label={`Eigenbemühung ${i + 1}`}
                    value={e.description}
                    minRows={1}
                  />
                </div>
                <TextInput
                  id={fieldId(`ownEfforts.${i}.count`)}
                  label={
                    <>
                      Wie oft<VisuallyHidden> – Eigenbemühung {i + 1}</VisuallyHidden>
                    </>
                  }
                  inputMode="numeric"
                  w={110}
                  {...form.getInputProps(`ownEfforts.${i}.count`)}
                />
                <NativeSelect
                  id={fieldId(`ownEfforts.${i}.per`)}
                  label={
                    <>
                      Zeitraum<VisuallyHidden> – Eigenbemühung {i + 1}</VisuallyHidden>
                    </>
                  }
                  data={[
                    { value: '', label: 'Bitte wählen' },
                    ...Object.entries(FREQUENCY_LABELS).map(([value, label]) => ({ value, label })),
                  ]}
                  w={170}
                  {...form.getInputProps(`ownEfforts.${i}.per`)}
                />
                <NativeSelect
                  id={fieldId(`ownEfforts.${i}.proof`)}
                  label={
                    <>
                      Nachweis<VisuallyHidden> – Eigenbemühung {i + 1}</VisuallyHidden>
                    </>
                  }
                  data={[
                    { value: '', label: 'Bitte wählen' },
                    ...PROOF_FORMS.map((f) => ({ value: f, label: PROOF_FORM_LABELS[f] })),
                  ]}
                  w={230}
                  {...form.getInputProps(`ownEfforts.${i}.proof`)}
                />
                <Button
                  variant="outline"
                  color="red.9"
                  mt={24}
                  onClick={() => form.removeListItem('ownEfforts', i)}
                >
                  Eigenbemühung {i + 1} entfernen
                </Button>
              </Group>
            ))}
            <Button
              id={fieldId('ownEfforts.add')}
              variant="outline"
              w="fit-content"
              onClick={() => {
                form.insertListItem('ownEfforts', emptyEffort());
                const i = form.getValues().ownEfforts.length - 1;
                requestAnimationFrame(() =>
                  document.getElementById(fieldId(`ownEfforts.${i}.description`))?.focus(),
                );
              }}
            >
              Eigenbemühung hinzufügen
            </Button>
            <TakeRecordedEfforts
              caseId={plan.caseId}
              current={values.ownEfforts}
              onTake={(rows) => rows.forEach((r) => form.insertListItem('ownEfforts', r))}
            />
          </Stack>
        </fieldset>

        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput
            id={fieldId('reviewDueOn')}
            label="Überprüfung des Plans spätestens am"
            description="TT.MM.JJJJ"
            placeholder="TT.MM.JJJJ"
            w={320}
            {...form.getInputProps('reviewDueOn')}
          />
          <NativeSelect
            id={fieldId('companionLanguage')}
            label="Übersetzungsseite (die deutsche Fassung bleibt maßgeblich)"
            data={LANGUAGES}
            w={360}
            {...form.getInputProps('companionLanguage')}
          />
        </Group>
      </Stack>
    </Paper>
  );
});

/**
 * The Eigenbemühungen recorded in the case (Umsetzung) that the plan does not list yet: taken into
 * the plan with their frequency and proof at one keystroke.
 */
function TakeRecordedEfforts(props: {
  caseId: string;
  current: readonly EffortValues[];
  onTake: (rows: EffortValues[]) => void;
}) {
  const records = useQuery(ipcQueryOptions('own-efforts:list', { caseId: props.caseId }));
  const rows = records.data ? effortsToTake(records.data, props.current, todayIso()) : [];
  if (rows.length === 0) return null;
  return (
    <Group gap="sm" align="center">
      <Button variant="default" w="fit-content" onClick={() => props.onTake(rows)}>
        {rows.length === 1
          ? 'Eine Eigenbemühung des Falls übernehmen'
          : `${rows.length} Eigenbemühungen des Falls übernehmen`}
      </Button>
      <Text size="sm">
        Im Fall erfasst, im Plan noch nicht aufgeführt: {rows.map((r) => r.description).join('; ')}
      </Text>
    </Group>
  );
}

/** One point of § 15 Abs. 2: answered (with text), "entfällt" (with an optional note) or open. */
function PointEditor(props: {
  point: PlanPoint;
  form: ReturnType<typeof useForm<PlanFormValues>>;
  values: PlanFormValues;
}) {
  const { point, form } = props;
  const answer = props.values.points[point];
  return (
    <Stack gap={4}>
      <Radio.Group label={PLAN_POINT_LABELS[point]} {...form.getInputProps(`points.${point}.state`)}>
        <Group gap="md" mt={4}>
          {POINT_STATES.map((s, i) => (
            <Radio
              key={s.value}
              id={i === 0 ? fieldId(`points.${point}.state`) : undefined}
              value={s.value}
              label={s.label}
            />
          ))}
        </Group>
      </Radio.Group>
      {answer.state === 'open' ? null : (
        <FreeText
          form={form}
          path={`points.${point}.text`}
          label={
            answer.state === 'answered'
              ? `Antwort – Nr. ${PLAN_POINTS.indexOf(point) + 1}`
              : `Anmerkung zu „entfällt“ (freiwillig) – Nr. ${PLAN_POINTS.indexOf(point) + 1}`
          }
          value={answer.text}
          minRows={1}
        />
      )}
    </Stack>
  );
}

/** The changes the form stands for as text (to compare with the last save), or null while invalid. */
function serialOf(values: PlanFormValues, planId: string): string | null {
  const checked = checkPlanForm(values, planId);
  return checked.ok ? JSON.stringify(checked.changes) : null;
}
