import { describe, expect, it } from 'vitest';
import { REDACTED, isRedactedKey, normaliseKey, redactChildBindings, redactLogObject } from './redact';

describe('redactLogObject', () => {
  it('matches a key in any spelling: column, wire field, kebab case', () => {
    expect(normaliseKey('first_name')).toBe('firstname');
    for (const key of ['first_name', 'firstName', 'FIRST-NAME', 'birth_date', 'birthDate', 'customerNumber'])
      expect(isRedactedKey(key), key).toBe(true);
    for (const key of ['id', 'caseId', 'case_id', 'event', 'errName', 'channel', 'ms'])
      expect(isRedactedKey(key), key).toBe(false);
  });

  it('copies instead of changing the logged object, and keeps undefined keys out', () => {
    const row = { id: 'p-1', first_name: 'Jürgen', email: undefined };
    expect(redactLogObject({ row })).toEqual({ row: { id: 'p-1', first_name: REDACTED, email: undefined } });
    expect(row.first_name).toBe('Jürgen');
  });

  it('leaves errors, dates and buffers to their serialisers and stops at a depth limit', () => {
    const error = new Error('x');
    const date = new Date('2026-03-02T08:00:00Z');
    const out = redactLogObject({ err: error, at: date });
    expect(out['err']).toBe(error);
    expect(out['at']).toBe(date);
    let deep: Record<string, unknown> = { lastName: 'Müller' };
    for (let i = 0; i < 20; i += 1) deep = { deeper: deep, list: [deep] };
    expect(JSON.stringify(redactLogObject(deep))).not.toContain('Müller');
    expect(JSON.stringify(redactLogObject(deep))).toContain('[zu tief]');
  });

  it('redacts the bindings of children and of their children', () => {
    const seen: Record<string, unknown>[] = [];
    interface FakeLogger {
      child(bindings: Record<string, unknown>): FakeLogger;
    }
    const logger: FakeLogger = {
      child(bindings) {
        seen.push(bindings);
        return Object.create(this) as FakeLogger;
      },
    };
    redactChildBindings(logger).child({ caseId: 'c-1', phone: '0341 1234' }).child({ street: 'Markt 1' });
    expect(seen).toEqual([{ caseId: 'c-1', phone: REDACTED }, { street: REDACTED }]);
  });
});
