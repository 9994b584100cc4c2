import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../../shared/errors';
import { ApiError } from './client';
import { describeError, describeIssues } from './errors';
import { ipcQueryOptions, matchesInvalidation } from './query';

describe('ipcQueryOptions', () => {
  it('keys a query by channel and input', () => {
    expect(ipcQueryOptions('cases:get', { caseId: 'c1' }).queryKey).toEqual(['cases:get', { caseId: 'c1' }]);
    expect(ipcQueryOptions('app:info').queryKey).toEqual(['app:info', null]);
  });
});

describe('matchesInvalidation', () => {
  it('matches channel names exactly and prefixes ending in a colon', () => {
    expect(matchesInvalidation(['cases:get', { caseId: 'c1' }], ['cases:get'])).toBe(true);
    expect(matchesInvalidation(['cases:list', {}], ['cases:get'])).toBe(false);
    expect(matchesInvalidation(['cases:list', {}], ['cases:'])).toBe(true);
    expect(matchesInvalidation(['appointments:list-day', {}], ['cases:'])).toBe(false);
    expect(matchesInvalidation([42], ['cases:'])).toBe(false);
  });
});

describe('describeError', () => {
  it('replaces the generic validation text by what is actually wrong', () => {
    const tooLong = new ApiError({
      code: 'VALIDATION_FAILED',
      message: ERROR_MESSAGES.VALIDATION_FAILED,
      issues: [{ path: 'query', message: 'Der Suchbegriff ist zu lang (höchstens 200 Zeichen).' }],
    });
    expect(describeError(tooLong, 'x')).toBe('Der Suchbegriff ist zu lang (höchstens 200 Zeichen).');
    expect(describeIssues(ERROR_MESSAGES.VALIDATION_FAILED, [])).toBe('Die Eingaben sind nicht gültig.');
    expect(
      describeIssues(ERROR_MESSAGES.VALIDATION_FAILED, [
        { path: 'a', message: 'Zu lang.' },
        { path: 'b', message: 'Zu lang.' },
      ]),
    ).toBe('Zu lang.');
  });

  it('passes specific messages through and hides foreign errors', () => {
    const notFound = new ApiError({ code: 'NOT_FOUND', message: ERROR_MESSAGES.NOT_FOUND });
    expect(describeError(notFound, 'x')).toBe(ERROR_MESSAGES.NOT_FOUND);
    expect(describeError(new Error('stack detail'), 'Nicht geladen.')).toBe('Nicht geladen.');
  });
});
