import { ErrorAlert } from '../../components/ErrorAlert';
import { PassphraseInput } from '../../components/PassphraseInput';
import { Button, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { call, isApiError } from '../../api/client';
import { LockLayout } from './LockLayout';
import { isRecoverable, RecoveryScreen, type RecoverableCode } from './RecoveryScreen';
import { useVault } from './VaultContext';

/**
 * Locked: the passphrase (or the OS key store, where offered) opens the encrypted data. With a
 * Lotse server the screen also offers the users of this machine (`accounts`) and other actions.
 */
export function UnlockScreen(props: { intro?: ReactNode; accounts?: ReactNode; actions?: ReactNode } = {}) {
  const { status, setStatus } = useVault();
  const [passphrase, setPassphrase] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<RecoverableCode>();
  const input = useRef<HTMLInputElement>(null);

  const [retryIn, setRetryIn] = useState<number>();

  // After a failed attempt the field is enabled again: put the keyboard focus back into it.
  useEffect(() => {
    if (!pending) input.current?.focus();
  }, [pending]);

  // A wrong passphrase makes main wait (1 s, 2 s, 4 s … up to 60 s) before it answers: while an
  // attempt runs, ask main how long that wait still lasts and show the seconds.
  useEffect(() => {
    if (!pending) return;
    let active = true;
    const timer = window.setInterval(() => {
      void call('vault:status').then(
        (s) => active && setRetryIn(s.unlockRetryInSeconds),
        () => undefined,
      );
    }, 500);
    return () => {
      active = false;
      window.clearInterval(timer);
    };
  }, [pending]);

  async function attempt(run: () => Promise<void>) {
    setPending(true);
    setError(undefined);
    try {
      await run();
    } catch (e) {
      if (isApiError(e) && isRecoverable(e.code)) setFailure(e.code);
      setError(isApiError(e) ? e.message : 'Entsperren ist fehlgeschlagen.');
      setPassphrase('');
    } finally {
      setPending(false);
      setRetryIn(undefined);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (passphrase.length === 0) {
      setError('Bitte geben Sie Ihre Passphrase ein.');
      return;
    }
    void attempt(async () => setStatus(await call('vault:unlock', { passphrase })));
  }

  if (failure) {
    return (
      <RecoveryScreen
        code={failure}
        onRetry={() => {
          setFailure(undefined);
          setError(undefined);
        }}
      />
    );
  }

  return (
    <LockLayout
      title="Lotse ist gesperrt"
      intro={
        props.intro ??
        'Zum Schutz der Daten wurde Lotse gesperrt. Geben Sie Ihre Passphrase ein, um weiterzuarbeiten.'
      }
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {error ? <ErrorAlert title="Nicht entsperrt">{error}</ErrorAlert> : null}
          {props.accounts}
          <PassphraseInput
            label="Passphrase"
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            ref={input}
            autoComplete="current-password"
            required
            autoFocus
            disabled={pending}
          />
          {pending && retryIn !== undefined ? (
            <Text role="status" fw={600} data-testid="unlock-countdown">
              Die Passphrase war nicht korrekt. Nächster Versuch in {retryIn}{' '}
              {retryIn === 1 ? 'Sekunde' : 'Sekunden'}.
            </Text>
          ) : null}
          <Button type="submit" loading={pending}>
            Entsperren
          </Button>
          {status.quickUnlockAvailable ? (
            <Button
              variant="default"
              disabled={pending}
              onClick={() => void attempt(async () => setStatus(await call('vault:unlock-quick')))}
            >
              Mit Windows-Anmeldung entsperren
            </Button>
          ) : null}
          {props.actions}
        </Stack>
      </form>
    </LockLayout>
  );
}
