import { Button, Group, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import {
  PROFILE_OUTCOME_LABELS,
  PROFILE_OUTCOMES,
  type ProfileOutcome,
} from '../../../../shared/domain/assessment/profile-decision-table';
import type {
  ProfileDerivation,
  ProfileOverride,
} from '../../../../shared/domain/assessment/profile-situation';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/errors';
import { useIpcMutation } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { invalidationsFor } from '../../api/data-changes';

/**
 * The Profillage: derived from forecast and needs by the decision table, explained in words (never
 * by colour), and an override with a reason (logged with who and when).
 */
export function ProfilePanel(props: {
  assessmentId: string;
  rowVersion: number;
  derived: ProfileDerivation;
  override: ProfileOverride | null;
  finalized: boolean;
}) {
  const { derived, override } = props;
  const [value, setValue] = useState<ProfileOutcome | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ value?: string; reason?: string; form?: string }>({});
  const save = useIpcMutation('assessments:override-profile', {
    invalidates: invalidationsFor('assessments'),
  });
  const choices = PROFILE_OUTCOMES.filter((o) => o !== derived.result);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="profillage-titel">
      <Title order={3} size="h4" id="profillage-titel" mb="sm">
        Profillage
      </Title>
      <Stack gap="sm">
        <Text fw={700} aria-live="polite">
          {override
            ? `Festgelegte Profillage: ${PROFILE_OUTCOME_LABELS[override.value]} (abweichend von der abgeleiteten: ${PROFILE_OUTCOME_LABELS[derived.result]})`
            : `Abgeleitete Profillage: ${PROFILE_OUTCOME_LABELS[derived.result]}`}
        </Text>
        {override ? <Text>Begründung der Abweichung: {override.reason}</Text> : null}
        <Text size="sm">Herleitung: {derived.explanation}</Text>
        {!props.finalized ? (
          <Text size="sm" c="dark.6">
            Die Profillage folgt den Eingaben des Entwurfs und wird beim Abschließen festgehalten.
          </Text>
        ) : null}
        {override ? (
          <Button
            variant="outline"
            w="fit-content"
            loading={save.isPending}
            onClick={() => save.mutate({ assessmentId: props.assessmentId, override: null })}
          >
            Abweichung aufheben
          </Button>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const next: typeof errors = {};
              if (value === '') next.value = 'Bitte die abweichende Profillage wählen.';
              if (reason.trim() === '') next.reason = 'Bitte die Abweichung begründen.';
              setErrors(next);
              if (value === '' || reason.trim() === '') return;
              save.mutate(
                { assessmentId: props.assessmentId, override: { value, reason } },
                {
                  onSuccess: () => {
                    setValue('');
                    setReason('');
                  },
                  onError: (error) => {
                    const reasonIssue = isApiError(error)
                      ? error.issues.find((i) => i.path.endsWith('reason'))?.message
                      : undefined;
                    setErrors({
                      ...(reasonIssue ? { reason: reasonIssue } : {}),
                      ...(reasonIssue
                        ? {}
                        : { form: describeError(error, 'Die Abweichung wurde nicht gespeichert.') }),
                    });
                  },
                },
              );
            }}
          >
            <Stack gap="sm">
              <Group grow align="flex-start" wrap="wrap">
                <NativeSelect
                  label="Abweichende Profillage"
                  data={[
                    { value: '', label: 'Bitte wählen' },
                    ...choices.map((o) => ({ value: o, label: PROFILE_OUTCOME_LABELS[o] })),
                  ]}
                  value={value}
                  onChange={(e) => setValue(e.currentTarget.value as ProfileOutcome | '')}
                  error={errors.value}
                  miw={220}
                />
                <Textarea
                  label="Begründung der Abweichung"
                  autosize
                  minRows={1}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  error={errors.reason}
                  miw={260}
                />
              </Group>
              {errors.form ? <ErrorAlert title="Nicht gespeichert">{errors.form}</ErrorAlert> : null}
              <Button type="submit" variant="outline" w="fit-content" loading={save.isPending}>
                Abweichende Profillage festlegen
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
