import { describe, expect, it } from 'vitest';
import { berlinInstant } from './berlin-time';

describe('berlinInstant', () => {
  it('converts winter and summer wall-clock times in Berlin', () => {
    expect(berlinInstant('2026-11-23', '09:30')).toBe('2026-11-23T08:30:00.000Z');
    expect(berlinInstant('2026-07-01', '9:05')).toBe('2026-07-01T07:05:00.000Z');
  });
  it('refuses malformed dates and times', () => {
    expect(berlinInstant('23.11.2026', '09:30')).toBeNull();
    expect(berlinInstant('2026-11-23', '25:00')).toBeNull();
    expect(berlinInstant('2026-11-23', '')).toBeNull();
  });
});
