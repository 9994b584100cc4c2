import { Alert, Button, Loader, Center, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ROLE_LABELS } from '../../../../shared/auth/roles';
import type { LoginStatus } from '../../../../shared/ipc/contract';
import { LoginSignInInput } from '../../../../shared/ipc/login-contract';
import { call, isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PassphraseInput } from '../../components/PassphraseInput';
import { applyIpcError, zodValidate } from '../../forms/ipc-form';
import { FirstRunScreen } from './FirstRunScreen';
import { LockLayout } from './LockLayout';
import { UnlockScreen } from './UnlockScreen';
import { useVault } from './VaultContext';

/**
 * The lock screens of a desktop with a Lotse server: sign in (user name and password at the
 * server; the first time on this machine it registers the device), then choose the passphrase of
 * the user's own encrypted store; later unlock offline with the passphrase, choosing among the
 * users known on this machine.
 */
export function LoginScreens() {
  const [login, setLogin] = useState<LoginStatus>();
  const [signingIn, setSigningIn] = useState(false);
  const [error, setError] = useState<string>();
  const { setStatus } = useVault();

  const apply = useCallback(
    (next: LoginStatus) => {
      setLogin(next);
      setStatus(next.vault);
    },
    [setStatus],
  );

  useEffect(() => {
    call('login:status').then(setLogin, (e: unknown) =>
      setError(isApiError(e) ? e.message : 'Der Anmeldestatus ist nicht verfügbar.'),
    );
  }, []);

  if (error) {
    return (
      <LockLayout title="Anmeldung nicht möglich" intro="">
        <ErrorAlert title="Fehler">{error}</ErrorAlert>
      </LockLayout>
    );
  }
  if (!login) {
    return (
      <Center h="100vh">
        <Loader aria-label="Anmeldung wird vorbereitet" />
      </Center>
    );
  }

  const cancel = async () => {
    apply(await call('login:cancel'));
    setSigningIn(false);
  };

  if (login.pending?.next === 'create-store') {
    const who = `${login.pending.displayName} (${ROLE_LABELS[login.pending.role]})`;
    return (
      <FirstRunScreen
        title="Persönlichen Datenspeicher anlegen"
        intro={`Angemeldet als ${who}. Legen Sie eine Passphrase fest. Sie schützt Ihre Daten auf diesem Gerät; später entsperren Sie Lotse damit auch ohne Netz.`}
        submitLabel="Datenspeicher anlegen"
        create={async (passphrase, confirmation) => {
          const next = await call('login:create-store', { passphrase, confirmation });
          setLogin(next);
          return next.vault;
        }}
        actions={
          <Button variant="default" onClick={() => void cancel()}>
            Abbrechen
          </Button>
        }
      />
    );
  }

  if (signingIn || login.accounts.length === 0) {
    return (
      <SignInScreen
        onSignedIn={(next) => {
          apply(next);
          setSigningIn(false);
        }}
        {...(login.accounts.length > 0 ? { onBack: () => setSigningIn(false) } : {})}
      />
    );
  }

  const selected = login.selectedUserKey ?? '';
  const pendingUnlock = login.pending?.next === 'unlock' ? login.pending : null;
  return (
    <UnlockScreen
      key={selected}
      intro={
        pendingUnlock
          ? `Angemeldet als ${pendingUnlock.displayName}. Geben Sie Ihre Passphrase ein, um die Anmeldung abzuschließen.`
          : 'Zum Schutz der Daten ist Lotse gesperrt. Wählen Sie Ihr Konto und geben Sie Ihre Passphrase ein.'
      }
      accounts={
        <Radio.Group
          label="Konto"
          value={selected}
          onChange={(userKey) => void call('vault:select-user', { userKey }).then(apply, () => undefined)}
        >
          <Stack gap={6} mt={4}>
            {login.accounts.map((a) => (
              <Radio key={a.userKey} value={a.userKey} label={`${a.displayName} – ${ROLE_LABELS[a.role]}`} />
            ))}
          </Stack>
        </Radio.Group>
      }
      actions={
        <Button variant="subtle" onClick={() => setSigningIn(true)}>
          Mit anderem Konto anmelden
        </Button>
      }
    />
  );
}

export function SignInScreen(props: {
  onSignedIn: (status: LoginStatus) => void;
  onBack?: () => void;
  backLabel?: string;
  /** Why a sign-in is needed again (the server refused the stored one). */
  notice?: string;
  username?: string;
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { username: props.username ?? '', password: '' },
    validate: zodValidate(LoginSignInInput),
  });
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string>();
  const passwordInput = useRef<HTMLInputElement>(null);
  const [failures, setFailures] = useState(0);

  // after a refused sign-in the password field is enabled again: the keyboard focus goes back to it
  useEffect(() => {
    if (failures > 0 && !pending) passwordInput.current?.focus();
  }, [failures, pending]);

  const submit = form.onSubmit(async (values) => {
    setFormError(undefined);
    setPending(true);
    try {
      props.onSignedIn(await call('login:sign-in', values));
    } catch (e) {
      setFormError(applyIpcError(form, e, 'Die Anmeldung ist fehlgeschlagen.'));
      form.setFieldValue('password', '');
      setFailures((n) => n + 1);
    } finally {
      setPending(false);
    }
  });

  return (
    <LockLayout
      title={props.notice ? 'Erneut anmelden' : 'Anmelden'}
      intro={
        props.notice
          ? 'Melden Sie sich mit Ihrem Benutzernamen und Passwort am Lotse-Server an. Ihre Daten auf diesem Gerät bleiben erhalten.'
          : 'Melden Sie sich mit Ihrem Benutzernamen und Passwort am Lotse-Server an. Beim ersten Mal wird dieses Gerät für Ihr Konto registriert; danach entsperren Sie Lotse mit Ihrer Passphrase, auch ohne Netz.'
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {props.notice ? (
            <Alert color="dark.7" variant="outline" title="Anmeldung abgelaufen">
              {props.notice}
            </Alert>
          ) : null}
          {formError ? <ErrorAlert title="Nicht angemeldet">{formError}</ErrorAlert> : null}
          <TextInput
            label="Benutzername"
            autoComplete="username"
            required
            autoFocus={!props.username}
            disabled={pending}
            {...form.getInputProps('username')}
          />
          <PassphraseInput
            label="Passwort"
            ref={passwordInput}
            autoFocus={Boolean(props.username)}
            autoComplete="current-password"
            disabled={pending}
            {...form.getInputProps('password')}
          />
          <Text size="xs" c="dark.6">
            Ihr Passwort wird nur an den Lotse-Server geschickt und nicht auf diesem Gerät gespeichert.
          </Text>
          <Button type="submit" loading={pending}>
            Anmelden
          </Button>
          {props.onBack ? (
            <Button variant="default" onClick={props.onBack} disabled={pending}>
              {props.backLabel ?? 'Zurück zur Entsperrung'}
            </Button>
          ) : null}
        </Stack>
      </form>
    </LockLayout>
  );
}
