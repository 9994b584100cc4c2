import { Alert, Button, Center, Loader } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type { AppInfo, VaultStatus } from '../../shared/ipc/contract';
import { call, isApiError } from './api/client';
import { createQueryClient } from './api/query';
import { FrameOptionsContext } from './app/AppFrame';
import { router } from './app/routes';
import { FirstRunScreen } from './features/lock-screen/FirstRunScreen';
import { LoginScreens } from './features/lock-screen/LoginScreens';
import { isRecoverable, RecoveryScreen, type RecoverableCode } from './features/lock-screen/RecoveryScreen';
import { SignInAgainGate } from './features/lock-screen/SignInAgainGate';
import { UnlockScreen } from './features/lock-screen/UnlockScreen';
import { useVault, VaultProvider } from './features/lock-screen/VaultContext';

const queryClient = createQueryClient();

function LockButton() {
  const { lock } = useVault();
  return (
    <Button variant="default" leftSection={<IconLock size={18} aria-hidden />} onClick={() => void lock()}>
      Sperren
    </Button>
  );
}

function Screens({ info, serverMode }: { info: AppInfo; serverMode: boolean }) {
  const { status } = useVault();
  const queryClient = useQueryClient();
  const unlocked = status.state === 'unlocked';

  // Locked: no decrypted record stays in the renderer's cache.
  useEffect(() => {
    if (!unlocked) queryClient.clear();
  }, [unlocked, queryClient]);

  // with a Lotse server: sign-in, the user's own store, and a choice among this machine's users
  if (serverMode && !unlocked) return <LoginScreens />;

  switch (status.state) {
    case 'uninitialized':
      return <FirstRunScreen />;
    case 'locked':
      return <UnlockScreen />;
    case 'unlocked':
      return (
        <FrameOptionsContext.Provider value={{ demo: info.demo, headerActions: <LockButton /> }}>
          {serverMode ? (
            <SignInAgainGate>
              <RouterProvider router={router} />
            </SignInAgainGate>
          ) : (
            <RouterProvider router={router} />
          )}
        </FrameOptionsContext.Provider>
      );
  }
}

export function App() {
  const [boot, setBoot] = useState<{ info: AppInfo; status: VaultStatus; serverMode: boolean }>();
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<RecoverableCode>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    Promise.all([call('app:info'), call('vault:status'), call('login:status')])
      .then(([info, status, login]) => {
        setFailure(undefined);
        setBoot({ info, status, serverMode: login.serverMode });
      })
      .catch((e: unknown) => {
        if (isApiError(e) && isRecoverable(e.code)) setFailure(e.code);
        else setError(isApiError(e) ? e.message : 'Lotse konnte nicht gestartet werden.');
      });
  }, [attempt]);

  if (failure) return <RecoveryScreen code={failure} onRetry={() => setAttempt((n) => n + 1)} />;

  if (error) {
    return (
      <Center h="100vh" p="md" component="main">
        <Alert color="red.9" variant="outline" role="alert" title="Lotse konnte nicht starten" maw={520}>
          {error}
        </Alert>
      </Center>
    );
  }
  if (!boot) {
    return (
      <Center h="100vh">
        <Loader aria-label="Lotse wird gestartet" />
      </Center>
    );
  }
  return (
    <QueryClientProvider client={queryClient}>
      <VaultProvider initial={boot.status}>
        <Screens info={boot.info} serverMode={boot.serverMode} />
      </VaultProvider>
    </QueryClientProvider>
  );
}
