import { powerMonitor } from 'electron';

/**
 * Calls `onLock` when the operating system locks the screen or suspends, so the vault can drop
 * its key. Returns a function that unsubscribes.
 */
export function onSystemLockOrSuspend(onLock: () => void): () => void {
  const handler = () => onLock();
  powerMonitor.on('lock-screen', handler);
  powerMonitor.on('suspend', handler);
  return () => {
    powerMonitor.off('lock-screen', handler);
    powerMonitor.off('suspend', handler);
  };
}
