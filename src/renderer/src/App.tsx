import { Center, Loader } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/ipc/contract';
import { call } from './api/client';
import { AppFrame } from './app/AppFrame';

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    call('app:info')
      .then(setInfo)
      .catch(() => setInfo(null));
  }, []);

  if (info === null) {
    return (
      <Center h="100vh">
        <Loader aria-label="Lotse wird gestartet" />
      </Center>
    );
  }
  return <AppFrame demo={info.demo} />;
}
