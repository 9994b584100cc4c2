import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ERROR_MESSAGES } from '../../../../shared/errors';
import { call } from '../../api/client';
import { ipcQueryOptions, matchesInvalidation } from '../../api/query';
import { SignInScreen } from './LoginScreens';

/** How often the unlocked app asks whether the server still accepts the sign-in (header: same query). */
const STATUS_POLL_MS = 10_000;

/**
 * With a Lotse server: when the server refuses the stored sign-in (revoked, expired, account
 * disabled), the sign-in screen replaces the app with a German explanation. The store stays open,
 * local work and the changes not yet sent stay; after signing in again sync carries on with them.
 * "Ohne Abgleich weiterarbeiten" keeps working locally (offline) until the next lock.
 */
export function SignInAgainGate(props: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const status = useQuery({ ...ipcQueryOptions('sync:status'), refetchInterval: STATUS_POLL_MS });
  const login = useQuery({
    ...ipcQueryOptions('login:status'),
    enabled: status.data?.state === 'signed_out',
  });
  const [later, setLater] = useState(false);
  if (status.data?.state !== 'signed_out' || later) return <>{props.children}</>;
  const required = login.data?.signInRequired ?? null;
  return (
    <SignInScreen
      key={required?.username ?? ''}
      notice={required?.message ?? ERROR_MESSAGES.SYNC_SIGN_IN_REQUIRED}
      {...(required ? { username: required.username } : {})}
      onSignedIn={() => {
        void queryClient.invalidateQueries({
          predicate: (q) => matchesInvalidation(q.queryKey, ['sync:', 'login:status']),
        });
        void call('sync:now').catch(() => undefined);
      }}
      backLabel="Ohne Abgleich weiterarbeiten"
      onBack={() => setLater(true)}
    />
  );
}
