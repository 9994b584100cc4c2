import { describe, expect, it } from 'vitest';
import { openDecisions, stillOpen } from './open-decisions';

describe('openDecisions', () => {
  it('counts conflicts and refusals in German with the right plural and verb', () => {
    expect(openDecisions(0, 0)).toBe('');
    expect(openDecisions(1, 0)).toBe('1 Abgleichkonflikt');
    expect(openDecisions(2, 1)).toBe('2 Abgleichkonflikte und 1 abgelehnte Änderung');
    expect(openDecisions(0, 3)).toBe('3 abgelehnte Änderungen');
    expect(stillOpen(0, 0)).toBe('');
    expect(stillOpen(1, 0)).toBe('ist noch 1 Abgleichkonflikt');
    expect(stillOpen(0, 1)).toBe('ist noch 1 abgelehnte Änderung');
    expect(stillOpen(1, 1)).toBe('sind noch 1 Abgleichkonflikt und 1 abgelehnte Änderung');
  });
});
