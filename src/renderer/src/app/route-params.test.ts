import { describe, expect, it } from 'vitest';
import { caseIdProblem, caseloadSearch, caseloadSearchSchema, dayFromParam } from './route-params';

describe('caseload search parameters', () => {
  it('keeps a valid search text and status', () => {
    expect(caseloadSearchSchema.parse({ q: 'Schäfer', status: 'ruhend' })).toEqual({
      q: 'Schäfer',
      status: 'ruhend',
    });
    expect(caseloadSearchSchema.parse({ status: 'alle' })).toEqual({ status: 'alle' });
  });

  it('drops values a hand-edited address cannot mean, instead of failing the screen', () => {
    expect(caseloadSearchSchema.parse({ q: 42, status: 'gelöscht' })).toEqual({});
    expect(caseloadSearchSchema.parse({})).toEqual({});
  });

  it('leaves the defaults out of the address', () => {
    expect(caseloadSearch('', 'aktiv')).toEqual({});
    expect(caseloadSearch('Böhm', 'aktiv')).toEqual({ q: 'Böhm' });
    expect(caseloadSearch('', 'alle')).toEqual({ status: 'alle' });
  });
});

describe('path parameters', () => {
  it('takes a real calendar day and falls back to today otherwise', () => {
    expect(dayFromParam('2026-11-24', '2026-12-01')).toBe('2026-11-24');
    expect(dayFromParam('2026-02-30', '2026-12-01')).toBe('2026-12-01');
    expect(dayFromParam('morgen', '2026-12-01')).toBe('2026-12-01');
    expect(dayFromParam(undefined, '2026-12-01')).toBe('2026-12-01');
  });

  it('says in German why a case address names no case', () => {
    expect(caseIdProblem('c_0001-abc')).toBeNull();
    expect(caseIdProblem('../etc/passwd')).toMatch(/^Dieser Link führt zu keinem Fall/);
    expect(caseIdProblem('')).not.toBeNull();
  });
});
