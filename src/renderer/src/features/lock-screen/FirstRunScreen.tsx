import { ErrorAlert } from '../../components/ErrorAlert';
import { PassphraseInput } from '../../components/PassphraseInput';
import { Button, Stack } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { VaultStatus } from '../../../../shared/ipc/contract';
import { assessPassphrase } from '../../../../shared/security/passphrase-policy';
import { call, isApiError } from '../../api/client';
import { LockLayout } from './LockLayout';
import { PassphraseStrength } from './PassphraseStrength';
import { useVault } from './VaultContext';

/**
 * First start: choose the passphrase that protects all data on this device. With a Lotse server
 * the same form creates the signed-in user's own store (`create`, other texts, a way back).
 */
export function FirstRunScreen(
  props: {
    title?: string;
    intro?: ReactNode;
    submitLabel?: string;
    create?: (passphrase: string, confirmation: string) => Promise<VaultStatus>;
    actions?: ReactNode;
  } = {},
) {
  const { setStatus } = useVault();
  const submitLabel = props.submitLabel ?? 'Lotse einrichten';
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
      setStatus(
        props.create
          ? await props.create(passphrase, confirmation)
          : await call('vault:create', { passphrase, confirmation }),
      );
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
      title={props.title ?? 'Lotse einrichten'}
      intro={
        props.intro ??
        'Legen Sie eine Passphrase fest. Sie schützt alle Daten auf diesem Gerät; ohne sie kann niemand die Daten lesen – auch wenn das Gerät verloren geht.'
      }
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
            {submitLabel}
          </Button>
          {props.actions}
        </Stack>
      </form>
    </LockLayout>
  );
}
