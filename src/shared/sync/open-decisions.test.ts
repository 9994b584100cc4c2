import { describe, expect, it } from 'vitest';
import { openDecisions, openVerb } from './open-decisions';

describe('openDecisions', () => {
  it('counts conflicts and refusals in German with the right plural and verb', () => {
    expect(openDecisions(0, 0)).toBe('');
    expect(openDecisions(1, 0)).toBe('1 Abgleichkonflikt');
    expect(openDecisions(2, 1)).toBe('2 Abgleichkonflikte und 1 abgelehnte Änderung');
    expect(openDecisions(0, 3)).toBe('3 abgelehnte Änderungen');
    expect(openVerb(1, 0)).toBe('ist');
    expect(openVerb(0, 1)).toBe('ist');
    expect(openVerb(1, 1)).toBe('sind');
  });
});
