import { useCallback, useRef, useState } from 'react';

/**
 * The value a control shows while its saves are on their way. A select or radio group that saves on
 * every change gets several changes in a row from the keyboard (arrow keys step through the
 * options, each step is a change); the answers can come back in any order, and the stored value of
 * an earlier step must not jump back over the latest choice. So the latest choice is shown until
 * ITS save has settled; then the stored value (already refetched) takes over again.
 */
export interface PendingChoice<T> {
  readonly value: T;
  /** The choice's ticket: later choices have higher ones. */
  readonly n: number;
}

/** What the control shows: the latest choice while its save is pending, else the stored value. Pure. */
export function shownValue<T>(pending: PendingChoice<T> | null, stored: T): T {
  return pending === null ? stored : pending.value;
}

/** The pending choice after the save of ticket `n` settled (saved or failed). Pure. */
export function afterSettled<T>(pending: PendingChoice<T> | null, n: number): PendingChoice<T> | null {
  return pending !== null && pending.n === n ? null : pending;
}

/**
 * `[value, change]` for a control that saves on every change. `save` gets the value and a callback
 * to call when the save settled (TanStack's `onSettled`).
 */
export function useAutosavedValue<T>(
  stored: T,
  save: (value: T, settled: () => void) => void,
): readonly [T, (value: T) => void] {
  const [pending, setPending] = useState<PendingChoice<T> | null>(null);
  const tickets = useRef(0);
  const change = useCallback(
    (value: T) => {
      tickets.current += 1;
      const n = tickets.current;
      setPending({ value, n });
      save(value, () => setPending((p) => afterSettled(p, n)));
    },
    [save],
  );
  return [shownValue(pending, stored), change] as const;
}
