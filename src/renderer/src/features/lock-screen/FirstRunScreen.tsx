import { ErrorAlert } from '../../components/ErrorAlert';
import { PassphraseInput } from '../../components/PassphraseInput';
import { Button, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { assessPassphrase } from '../../../../shared/security/passphrase-policy';
import { call, isApiError } from '../../api/client';
import { LockLayout } from './LockLayout';
import { PassphraseStrength } from './PassphraseStrength';
import { useVault } from './VaultContext';

/** First start: choose the passphrase that protects all data on this device. */
export function FirstRunScreen() {
  const { setStatus } = useVault();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  const assessment = assessPassphrase(passphrase);
  const passphraseError =
    submitted && !assessment.acceptable ? 'Die Passphrase erfüllt die Anforderungen noch nicht.' : undefined;
  const confirmationError =
    submitted && confirmation !== passphrase
      ? 'Die Wiederholung stimmt nicht mit der Passphrase überein.'
      : undefined;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setError(undefined);
    if (!assessment.acceptable || confirmation !== passphrase) return;
    setPending(true);
    try {
      setStatus(await call('vault:create', { passphrase, confirmation }));
    } catch (e) {
      setError(
        isApiError(e)
          ? [e.message, ...e.issues.map((i) => i.message)].join(' ')
          : 'Die Einrichtung ist fehlgeschlagen.',
      );
    } finally {
      setPending(false);
    }
  }

  return (
    <LockLayout
      title="Lotse einrichten"
      intro="Legen Sie eine Passphrase fest. Sie schützt alle Daten auf diesem Gerät; ohne sie kann niemand die Daten lesen – auch wenn das Gerät verloren geht."
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {error ? <ErrorAlert title="Nicht eingerichtet">{error}</ErrorAlert> : null}
          <PassphraseInput
            label="Passphrase"
            description="Mindestens 12 Zeichen. Ein kurzer Satz ist gut zu merken und sicher."
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            error={passphraseError}
            autoComplete="new-password"
            required
            data-autofocus
            autoFocus
            aria-describedby="passphrase-strength"
          />
          <PassphraseStrength value={passphrase} id="passphrase-strength" />
          <PassphraseInput
            label="Passphrase wiederholen"
            value={confirmation}
            onChange={(e) => setConfirmation(e.currentTarget.value)}
            error={confirmationError}
            autoComplete="new-password"
            required
          />
          <Button type="submit" loading={pending}>
            Lotse einrichten
          </Button>
        </Stack>
      </form>
    </LockLayout>
  );
}
