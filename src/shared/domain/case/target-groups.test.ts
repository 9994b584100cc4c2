import { describe, expect, it } from 'vitest';
import { householdSchema } from './household';
import { personSchema, type PersonInput } from './person';
import {
  benefitMonthsInLast24,
  calendarMonthsCovered,
  deriveTargetGroups,
  targetGroupsFrom,
  unemploymentMonths,
} from './target-groups';

const person = (patch: Partial<PersonInput> = {}) =>
  personSchema.parse({
    id: 'p1',
    customerNumber: '123A456789',
    firstName: 'Anna',
    lastName: 'Schäfer',
    birthDate: '1990-06-15',
    ...patch,
  });
const groups = (p: ReturnType<typeof person>, on: string, household = null as never) =>
  deriveTargetGroups(p, household, on).map((f) => f.group);

describe('target groups', () => {
  it('U25 ends on the 25th birthday, Ü50 starts on the 50th', () => {
    const young = person({ birthDate: '2001-03-01' });
    expect(groups(young, '2026-02-28')).toContain('under25');
    expect(groups(young, '2026-03-01')).not.toContain('under25');
    const older = person({ birthDate: '1976-03-01' });
    expect(groups(older, '2026-02-28')).not.toContain('over50');
    expect(groups(older, '2026-03-01')).toContain('over50');
  });

  it('long-term unemployment starts after twelve full months', () => {
    const p = person({ unemployedSince: '2025-03-01' });
    expect(unemploymentMonths(p, '2026-02-28')).toBe(11);
    expect(groups(p, '2026-02-28')).not.toContain('longTermUnemployed');
    expect(groups(p, '2026-03-01')).toContain('longTermUnemployed');
    expect(unemploymentMonths(person(), '2026-03-01')).toBeNull();
    expect(unemploymentMonths(person({ unemployedSince: '2027-01-01' }), '2026-03-01')).toBeNull();
  });

  it('long-term benefit receipt needs 21 of the last 24 months', () => {
    const p = person({ benefitPeriods: [{ from: '2024-06-01', to: null }] });
    // window Mar 2024 – Feb 2026: June 2024 … Feb 2026 = 21 months
    expect(benefitMonthsInLast24(p, '2026-02-15')).toBe(21);
    expect(groups(p, '2026-02-15')).toContain('longTermBenefitRecipient');
    const shorter = person({ benefitPeriods: [{ from: '2024-07-01', to: null }] });
    expect(groups(shorter, '2026-02-15')).not.toContain('longTermBenefitRecipient');
  });

  it('counts a calendar month once even with several periods in it', () => {
    const periods = [
      { from: '2026-01-01', to: '2026-01-05' },
      { from: '2026-01-20', to: '2026-02-01' },
    ];
    expect(calendarMonthsCovered(periods, '2026-01-01', '2026-03-31')).toBe(2);
    expect(calendarMonthsCovered(periods, '2026-01-06', '2026-01-19')).toBe(0);
  });

  it('single parent, returner, disability and language support', () => {
    const household = householdSchema.parse({
      id: 'h1',
      householdNumber: 'BG1',
      members: [
        { role: 'applicant', birthDate: '1990-06-15' },
        { role: 'child', birthDate: '2020-01-01' },
      ],
    });
    const p = person({ returnerToWork: true, disability: 'equal_status', germanLevel: 'A2' });
    const flags = deriveTargetGroups(p, household, '2026-03-01');
    expect(flags.map((f) => f.group)).toEqual([
      'singleParent',
      'returnerToWork',
      'severelyDisabledOrEqual',
      'languageSupportNeed',
    ]);
    expect(flags.find((f) => f.group === 'severelyDisabledOrEqual')?.reason).toContain('Gleichstellung');
    expect(flags.find((f) => f.group === 'languageSupportNeed')?.reason).toBe(
      'Deutschkenntnisse auf Niveau A2 (unter B1).',
    );
    expect(groups(person({ germanLevel: 'none' }), '2026-03-01')).toContain('languageSupportNeed');
    expect(groups(person({ germanLevel: 'B1' }), '2026-03-01')).not.toContain('languageSupportNeed');
    expect(groups(person({ disability: 'severely_disabled' }), '2026-03-01')).toContain(
      'severelyDisabledOrEqual',
    );
  });

  it('pre-release contact covers the six months before release', () => {
    const p = person({ expectedReleaseDate: '2026-09-01' });
    expect(groups(p, '2026-02-28')).not.toContain('preReleaseContact');
    expect(groups(p, '2026-03-01')).toContain('preReleaseContact');
    expect(groups(p, '2026-09-02')).not.toContain('preReleaseContact');
  });

  it('every flag has a German label and reason', () => {
    const p = person({ birthDate: '2005-01-01', unemployedSince: '2024-01-01', germanLevel: 'A1' });
    for (const flag of deriveTargetGroups(p, null, '2026-03-01')) {
      expect(flag.label.length).toBeGreaterThan(3);
      expect(flag.reason).toMatch(/[A-ZÄÖÜ]/);
    }
  });

  it('a partial record claims only what it knows', () => {
    const flags = targetGroupsFrom(
      { birthDate: '1960-01-01', severelyDisabledOrEqual: true, singleParent: true },
      '2026-03-01',
    );
    expect(flags.map((f) => f.group)).toEqual(['over50', 'singleParent', 'severelyDisabledOrEqual']);
    expect(flags[2]?.reason).toBe('Schwerbehinderung oder Gleichstellung erfasst.');
    expect(targetGroupsFrom({ birthDate: '1990-01-01' }, '2026-03-01')).toEqual([]);
    // a known disability status wins over the coarse flag
    expect(
      targetGroupsFrom(
        { birthDate: '1990-01-01', disability: 'none', severelyDisabledOrEqual: true },
        '2026-03-01',
      ),
    ).toEqual([]);
  });
});
