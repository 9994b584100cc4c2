import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm, type FormErrors } from '@mantine/form';
import { useState } from 'react';
import { VaultChangePassphraseInput } from '../../../../shared/ipc/contract';
import { assessPassphrase } from '../../../../shared/security/passphrase-policy';
import { useIpcMutation } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PassphraseInput } from '../../components/PassphraseInput';
import { applyIpcError, zodValidate } from '../../forms/ipc-form';
import { PassphraseStrength } from '../lock-screen/PassphraseStrength';
import { useVault } from '../lock-screen/VaultContext';

const checkInput = zodValidate(VaultChangePassphraseInput);

/** The contract's schema, plus the passphrase policy main applies before it changes anything. */
function validate(values: { current: string; next: string; confirmation: string }): FormErrors {
  const errors = checkInput(values);
  if (!errors['next'] && !assessPassphrase(values.next).acceptable) {
    errors['next'] = 'Die neue Passphrase erfüllt die Anforderungen noch nicht.';
  }
  return errors;
}

/** Changing the passphrase re-wraps the data key; the database itself is not rewritten. */
export function ChangePassphraseForm() {
  const { setStatus } = useVault();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { current: '', next: '', confirmation: '' },
    validate,
  });
  const change = useIpcMutation('vault:change-passphrase', {
    onSuccess: (status) => {
      setStatus(status);
      setDone(true);
      form.reset();
    },
    onError: (e) => {
      // main names the weak new passphrase 'passphrase' (the field of vault:create)
      setError(
        applyIpcError(form, e, 'Die Passphrase konnte nicht geändert werden.', { passphrase: 'next' }),
      );
    },
  });

  return (
    <Paper withBorder p="lg" radius="md" maw={640}>
      <form
        onSubmit={form.onSubmit((values) => {
          setError(undefined);
          setDone(false);
          change.mutate(values);
        })}
        noValidate
        aria-labelledby="change-passphrase-title"
      >
        <Stack gap="md">
          <Title order={2} size="h4" id="change-passphrase-title">
            Passphrase ändern
          </Title>
          <Text size="sm" c="dark.6">
            Die neue Passphrase gilt sofort. Die alte Passphrase öffnet Lotse danach nicht mehr.
          </Text>
          {error ? <ErrorAlert title="Nicht geändert">{error}</ErrorAlert> : null}
          {done ? (
            <Alert color="#1b6b2f" variant="outline" role="status" title="Geändert">
              Die Passphrase wurde geändert.
            </Alert>
          ) : null}
          <PassphraseInput
            label="Bisherige Passphrase"
            autoComplete="current-password"
            required
            {...form.getInputProps('current')}
          />
          <PassphraseInput
            label="Neue Passphrase"
            autoComplete="new-password"
            required
            aria-describedby="new-passphrase-strength"
            {...form.getInputProps('next')}
          />
          <PassphraseStrength value={form.values.next} id="new-passphrase-strength" />
          <PassphraseInput
            label="Neue Passphrase wiederholen"
            autoComplete="new-password"
            required
            {...form.getInputProps('confirmation')}
          />
          <Button type="submit" loading={change.isPending} w="fit-content">
            Passphrase ändern
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
