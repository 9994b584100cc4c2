import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { VaultStatus } from '../../../../shared/ipc/contract';
import { call } from '../../api/client';

interface VaultContextValue {
  readonly status: VaultStatus;
  /** Replaces the known status with the answer of a vault call. */
  readonly setStatus: (status: VaultStatus) => void;
  readonly lock: () => Promise<void>;
}

const VaultContext = createContext<VaultContextValue | null>(null);

const POLL_MS = 15_000;
const TOUCH_THROTTLE_MS = 30_000;

/**
 * Keeps the vault state in step with main: polls (main may auto-lock), and reports user activity
 * at most every 30 s so main can postpone the auto-lock.
 */
export function VaultProvider(props: { initial: VaultStatus; children: ReactNode }) {
  const [status, setStatus] = useState(props.initial);
  const lastTouch = useRef(0);

  useEffect(() => {
    const timer = window.setInterval(() => {
      void call('vault:status').then(setStatus, () => undefined);
    }, POLL_MS);
    const onFocus = () => void call('vault:status').then(setStatus, () => undefined);
    window.addEventListener('focus', onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, []);

  useEffect(() => {
    if (status.state !== 'unlocked') return;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastTouch.current < TOUCH_THROTTLE_MS) return;
      lastTouch.current = now;
      void call('vault:touch').catch(() => undefined);
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, onActivity, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onActivity);
    };
  }, [status.state]);

  const lock = useCallback(async () => {
    setStatus(await call('vault:lock'));
  }, []);

  const value = useMemo(() => ({ status, setStatus, lock }), [status, lock]);
  return <VaultContext.Provider value={value}>{props.children}</VaultContext.Provider>;
}

export function useVault(): VaultContextValue {
  const value = useContext(VaultContext);
  if (!value) throw new Error('useVault outside VaultProvider');
  return value;
}
