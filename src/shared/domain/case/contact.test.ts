import { describe, expect, it } from 'vitest';
import { contactInFuture } from './contact';

describe('contactInFuture', () => {
  const now = new Date('2026-11-23T09:00:00.000Z');
  it('a contact up to this very moment took place; a moment later it is refused in German', () => {
    expect(contactInFuture('2026-11-23T09:00:00.000Z', now)).toBeNull();
    expect(contactInFuture('2026-11-23T10:00:00+01:00', now)).toBeNull();
    expect(contactInFuture('2026-11-22T23:59:00.000Z', now)).toBeNull();
    expect(contactInFuture('2026-11-23T09:00:00.001Z', now)).toBe(
      'Ein Kontakt kann nicht in der Zukunft liegen.',
    );
    expect(contactInFuture('2026-11-23T10:01:00+01:00', now)).toBe(
      'Ein Kontakt kann nicht in der Zukunft liegen.',
    );
  });
});
