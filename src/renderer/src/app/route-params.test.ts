import { describe, expect, it } from 'vitest';
import {
  caseIdProblem,
  caseloadSearch,
  caseloadSearchSchema,
  appointmentsSearchSchema,
  dayFromParam,
  dayViewFilter,
  measuresSearchSchema,
} from './route-params';

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

describe('measures search parameters (wizard opened from a need)', () => {
  it('keeps a need and a strategy choice, and drops what cannot be one', () => {
    expect(measuresSearchSchema.parse({ bedarf: 'school-education', strategie: 'sc_01' })).toEqual({
      bedarf: 'school-education',
      strategie: 'sc_01',
    });
    expect(measuresSearchSchema.parse({ bedarf: 'Schule!', strategie: '../x' })).toEqual({});
  });
});

describe('day view search parameters (office, outreach day)', () => {
  it('means the filters of appointments:list-day', () => {
    expect(dayViewFilter(appointmentsSearchSchema.parse({ standort: 'torgau', ort: 'aussen' }))).toEqual({
      officeId: 'torgau',
      outreach: true,
    });
    expect(dayViewFilter(appointmentsSearchSchema.parse({ ort: 'dienststelle' }))).toEqual({
      outreach: false,
    });
    expect(dayViewFilter(appointmentsSearchSchema.parse({ standort: 'leipzig', ort: 'mond' }))).toEqual({});
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
