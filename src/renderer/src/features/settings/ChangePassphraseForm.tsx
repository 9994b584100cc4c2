import { ErrorAlert } from '../../components/ErrorAlert';
import { PassphraseInput } from '../../components/PassphraseInput';
import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { assessPassphrase } from '../../../../shared/security/passphrase-policy';
import { call, isApiError } from '../../api/client';
import { PassphraseStrength } from '../lock-screen/PassphraseStrength';
import { useVault } from '../lock-screen/VaultContext';

/** Changing the passphrase re-wraps the data key; the database itself is not rewritten. */
export function ChangePassphraseForm() {
  const { setStatus } = useVault();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);

  const acceptable = assessPassphrase(next).acceptable;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setError(undefined);
    setDone(false);
    if (!current || !acceptable || next !== confirmation) return;
    setPending(true);
    try {
      setStatus(await call('vault:change-passphrase', { current, next, confirmation }));
      setDone(true);
      setSubmitted(false);
      setCurrent('');
      setNext('');
      setConfirmation('');
    } catch (e) {
      setError(isApiError(e) ? e.message : 'Die Passphrase konnte nicht geändert werden.');
    } finally {
      setPending(false);
    }
  }

  return (
    <Paper withBorder p="lg" radius="md" maw={640}>
      <form onSubmit={onSubmit} noValidate aria-labelledby="change-passphrase-title">
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
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={submitted && !current ? 'Bitte geben Sie Ihre bisherige Passphrase ein.' : undefined}
            autoComplete="current-password"
            required
          />
          <PassphraseInput
            label="Neue Passphrase"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={
              submitted && !acceptable
                ? 'Die neue Passphrase erfüllt die Anforderungen noch nicht.'
                : undefined
            }
            autoComplete="new-password"
            required
            aria-describedby="new-passphrase-strength"
          />
          <PassphraseStrength value={next} id="new-passphrase-strength" />
          <PassphraseInput
            label="Neue Passphrase wiederholen"
            value={confirmation}
            onChange={(e) => setConfirmation(e.currentTarget.value)}
            error={
              submitted && next !== confirmation
                ? 'Die Wiederholung stimmt nicht mit der neuen Passphrase überein.'
                : undefined
            }
            autoComplete="new-password"
            required
          />
          <Button type="submit" loading={pending} w="fit-content">
            Passphrase ändern
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
