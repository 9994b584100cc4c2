import { Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { GOAL_TYPE_LABELS, GOAL_TYPES, type Goal } from '../../../../shared/domain/goals/goal';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryView } from '../../components/QueryView';
import { todayIso } from '../../components/format';
import { applyIpcError } from '../../forms/ipc-form';
import { useCaseDetail } from '../case-workspace/case-detail';
import { checkGoalForm, goalFormValues, type GoalFormValues } from './goal-form';
import { OccupationCombobox } from './OccupationCombobox';
import { invalidationsFor } from '../../api/data-changes';

/** Phase 2 section: Zielfestlegung (goal type, Zielberuf from the KldB list, intermediate goals with dates). */
export function GoalSection() {
  const detail = useCaseDetail();
  const caseId = detail.summary.caseId;
  const goal = useQuery(ipcQueryOptions('goals:get', { caseId }));
  const history = useQuery(ipcQueryOptions('assessments:list', { caseId }));
  const [saved, setSaved] = useState(false);
  return (
    <Stack gap="lg" component="section" aria-labelledby="ziel-titel">
      <Title order={2} size="h3" id="ziel-titel">
        Phase 2: Zielfestlegung
      </Title>
      <QueryView
        query={goal}
        loadingLabel="Ziel wird geladen"
        errorTitle="Ziel nicht verfügbar"
        fallback="Das Ziel konnte nicht geladen werden."
      >
        {(data) => (
          <GoalForm
            key={data?.id ?? 'neu'}
            caseId={caseId}
            saved={saved}
            onSaved={setSaved}
            goal={data}
            assessmentId={history.data?.versions.find((v) => v.status === 'finalized')?.id ?? null}
          />
        )}
      </QueryView>
    </Stack>
  );
}

function GoalForm(props: {
  caseId: string;
  goal: (Goal & { rowVersion: number }) | null;
  assessmentId: string | null;
  saved: boolean;
  onSaved: (saved: boolean) => void;
}) {
  const { goal } = props;
  const form = useForm<GoalFormValues>({
    mode: 'controlled',
    initialValues: goalFormValues(goal),
    onValuesChange: () => props.onSaved(false),
  });
  const [formError, setFormError] = useState<string>();
  const { saved, onSaved: setSaved } = props;
  const invalidates = invalidationsFor('goals');
  const create = useIpcMutation('goals:create', { invalidates: [...invalidates] });
  const update = useIpcMutation('goals:update', { invalidates: [...invalidates] });
  const pending = create.isPending || update.isPending;

  const submit = (values: GoalFormValues) => {
    setFormError(undefined);
    setSaved(false);
    const checked = checkGoalForm(
      values,
      props.caseId,
      goal?.assessmentId ?? props.assessmentId,
      goal?.createdOn ?? todayIso(),
    );
    if (!checked.ok) {
      form.setErrors(checked.errors);
      return;
    }
    const onError = (error: unknown) =>
      setFormError(
        applyIpcError(form, error, 'Das Ziel wurde nicht gespeichert.', {
          'values.description': 'description',
          'changes.description': 'description',
          'values.type': 'goalType',
          'changes.type': 'goalType',
          'values.targetDate': 'dueDate',
          'changes.targetDate': 'dueDate',
        }),
      );
    const onSuccess = () => setSaved(true);
    if (goal)
      update.mutate(
        { goalId: goal.id, changes: checked.values, expectedRowVersion: goal.rowVersion },
        { onError, onSuccess },
      );
    else create.mutate({ caseId: props.caseId, values: checked.values }, { onError, onSuccess });
  };

  const steps = form.getValues().intermediateGoals;
  return (
    <Paper withBorder p="md" radius="md">
      <form noValidate onSubmit={form.onSubmit(submit)}>
        <Stack gap="sm">
          {!goal ? <Text>Für diesen Fall ist noch kein Ziel festgelegt.</Text> : null}
          <NativeSelect
            label="Zielart"
            data={[
              { value: '', label: 'Bitte wählen' },
              ...GOAL_TYPES.map((t) => ({ value: t, label: GOAL_TYPE_LABELS[t] })),
            ]}
            {...form.getInputProps('goalType')}
          />
          <Textarea
            label="Ziel in Worten"
            description="So erscheint es im Kooperationsplan."
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          <OccupationCombobox
            text={form.getValues().occupationText}
            chosen={form.getValues().occupation}
            onTextChange={(text) => form.setFieldValue('occupationText', text)}
            onChoose={(o) => {
              form.setFieldValue('occupation', o);
              form.setFieldValue('occupationText', o.title);
            }}
            error={form.errors['occupationText'] as string | undefined}
          />
          <TextInput
            label="Zieldatum (freiwillig)"
            description="TT.MM.JJJJ"
            placeholder="TT.MM.JJJJ"
            w={260}
            {...form.getInputProps('dueDate')}
          />
          <fieldset className="lotse-fieldset">
            <legend>Zwischenziele</legend>
            <Stack gap="sm">
              {steps.length === 0 ? <Text size="sm">Noch kein Zwischenziel.</Text> : null}
              {steps.map((step, i) => (
                <Group key={step.id} align="flex-start" wrap="wrap" gap="sm">
                  <Textarea
                    label={`Zwischenziel ${i + 1}`}
                    autosize
                    minRows={1}
                    style={{ flex: '1 1 260px' }}
                    {...form.getInputProps(`intermediateGoals.${i}.description`)}
                  />
                  <TextInput
                    label={`Termin für Zwischenziel ${i + 1}`}
                    description="TT.MM.JJJJ"
                    placeholder="TT.MM.JJJJ"
                    w={220}
                    {...form.getInputProps(`intermediateGoals.${i}.targetDate`)}
                  />
                  <Button
                    variant="outline"
                    color="red.9"
                    mt={24}
                    onClick={() => form.removeListItem('intermediateGoals', i)}
                  >
                    Zwischenziel {i + 1} entfernen
                  </Button>
                </Group>
              ))}
              <Button
                variant="outline"
                w="fit-content"
                onClick={() =>
                  form.insertListItem('intermediateGoals', {
                    id: crypto.randomUUID(),
                    description: '',
                    targetDate: '',
                    achievedOn: null,
                  })
                }
              >
                Zwischenziel hinzufügen
              </Button>
            </Stack>
          </fieldset>
          {formError ? <ErrorAlert title="Nicht gespeichert">{formError}</ErrorAlert> : null}
          <Group>
            <Button type="submit" loading={pending}>
              Ziel speichern
            </Button>
            <Text role="status" size="sm" fw={600}>
              {saved ? 'Das Ziel ist gespeichert.' : ''}
            </Text>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
