import { describe, expect, it } from 'vitest';
import { matchesInvalidation } from './query';
import {
  invalidationsAfterConflict,
  invalidationsFor,
  matchesPlan,
  refreshPlan,
  type RecordType,
} from './data-changes';

const key = (channel: string, input: unknown = null) => [channel, input] as const;

describe('refresh after a sync round', () => {
  it('nothing new: nothing to refresh', () => {
    expect(
      refreshPlan(3, { version: 3, recent: [{ version: 3, entities: ['notes'], caseIds: ['c1'] }] }),
    ).toBeNull();
  });

  it('a pulled note refreshes the open case of that note, not another case, not unrelated lists', () => {
    const plan = refreshPlan(1, {
      version: 2,
      recent: [
        { version: 1, entities: ['goals'], caseIds: ['c9'] },
        { version: 2, entities: ['notes'], caseIds: ['c1'] },
      ],
    })!;
    expect(matchesPlan(key('cases:get', { caseId: 'c1' }), plan)).toBe(true);
    expect(matchesPlan(key('cases:get', { caseId: 'c2' }), plan)).toBe(false);
    expect(matchesPlan(key('cases:search', { query: 'x' }), plan)).toBe(true);
    // goals changed in a round this window already saw
    expect(matchesPlan(key('goals:get', { caseId: 'c9' }), plan)).toBe(false);
    expect(matchesPlan(key('duplicates:list', {}), plan)).toBe(false);
  });

  it('possible duplicates from the server refresh their lists (no special case any more)', () => {
    const plan = refreshPlan(0, {
      version: 1,
      recent: [{ version: 1, entities: ['duplicate_suspects'], caseIds: ['c1'] }],
    })!;
    expect(matchesPlan(key('duplicates:list', {}), plan)).toBe(true);
    expect(matchesPlan(key('duplicates:list', { caseId: 'c1' }), plan)).toBe(true);
    expect(matchesPlan(key('cases:get', { caseId: 'c1' }), plan)).toBe(false);
  });

  it('every case, and rounds the log no longer holds, refresh every record query', () => {
    const all = refreshPlan(0, { version: 1, recent: [{ version: 1, entities: ['notes'], caseIds: null }] })!;
    expect(matchesPlan(key('cases:get', { caseId: 'c7' }), all)).toBe(true);
    const missed = refreshPlan(1, {
      version: 60,
      recent: [{ version: 60, entities: ['notes'], caseIds: ['c1'] }],
    })!;
    expect(matchesPlan(key('goals:get', { caseId: 'c7' }), missed)).toBe(true);
    expect(matchesPlan(key('app:info'), missed)).toBe(false);
  });
});

describe('refresh after a local write (invalidationsFor)', () => {
  const refreshes = (records: readonly RecordType[], channel: string) =>
    matchesInvalidation(key(channel, { caseId: 'c1' }), invalidationsFor(...records));

  it('a write to any record the phase check reads refreshes the phase stepper', () => {
    for (const record of [
      'cases',
      'assessments',
      'goals',
      'strategy_choices',
      'measure_assignments',
      'cooperation_plans',
    ] as const)
      expect(refreshes([record], 'cases:phase-check'), record).toBe(true);
    expect(refreshes(['consents'], 'cases:phase-check')).toBe(false);
  });

  it('the assessment and the goal refresh the proposed strategies; notes and contacts the quality figures', () => {
    expect(refreshes(['assessments'], 'strategies:list')).toBe(true);
    expect(refreshes(['goals'], 'strategies:list')).toBe(true);
    expect(refreshes(['notes'], 'quality:dashboard')).toBe(true);
    expect(refreshes(['contacts'], 'quality:cases')).toBe(true);
    expect(refreshes(['consents'], 'cases:get')).toBe(false);
  });

  it('several record types: each query once', () => {
    const list = invalidationsFor('measure_assignments', 'notes', 'measure_assignments');
    expect(new Set(list).size).toBe(list.length);
    expect(list).toEqual(expect.arrayContaining(['measures:', 'cases:search', 'cases:phase-check']));
  });
});

describe('refresh after a decision on a conflict (invalidationsAfterConflict)', () => {
  const refreshes = (entity: string, channel: string) =>
    matchesInvalidation(key(channel, { caseId: 'c1' }), invalidationsAfterConflict(entity));

  it('the record type of the conflict, the conflict lists and the status; not the other records', () => {
    expect(refreshes('own_efforts', 'own-efforts:list')).toBe(true);
    expect(refreshes('own_efforts', 'sync:case-issues')).toBe(true);
    expect(refreshes('own_efforts', 'sync:status')).toBe(true);
    expect(refreshes('own_efforts', 'consents:list')).toBe(false);
    expect(refreshes('consents', 'consents:list')).toBe(true);
    expect(refreshes('consents', 'goals:get')).toBe(false);
  });

  it('a record type this renderer does not know refreshes every record query', () => {
    expect(refreshes('future_records', 'goals:get')).toBe(true);
    expect(refreshes('future_records', 'consents:list')).toBe(true);
  });
});
