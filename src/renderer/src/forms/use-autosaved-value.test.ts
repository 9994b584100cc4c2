import { describe, expect, it } from 'vitest';
import { afterSettled, shownValue, type PendingChoice } from './use-autosaved-value';

describe('a control that saves on every change (use-autosaved-value)', () => {
  it('shows the stored value when nothing is pending', () => {
    expect(shownValue(null, 'stored')).toBe('stored');
  });

  it('shows the latest choice while its save is pending, whatever order the answers come in', () => {
    const a: PendingChoice<string> = { value: 'a', n: 1 };
    const b: PendingChoice<string> = { value: 'b', n: 2 };
    // b was chosen after a; the answer of a comes back first and the stored value is now 'a'
    const afterA = afterSettled(b, a.n);
    expect(afterA).toBe(b);
    expect(shownValue(afterA, 'a')).toBe('b');
    const afterB = afterSettled(afterA, b.n);
    expect(afterB).toBeNull();
    expect(shownValue(afterB, 'b')).toBe('b');
  });

  it('hands back to the stored value once the latest save settled, also when it failed', () => {
    const latest: PendingChoice<number> = { value: 2, n: 2 };
    const settled = afterSettled(latest, 2);
    // an earlier step answering afterwards changes nothing
    expect(afterSettled(settled, 1)).toBeNull();
    // a failed latest save: the stored value (unchanged) shows again
    expect(shownValue(settled, 0)).toBe(0);
  });
});
