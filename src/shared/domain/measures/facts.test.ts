import { describe, expect, it } from 'vitest';
import {
  countMonthsInWindow,
  eligibilityFactsSchema,
  FACT_FLAG_LABELS,
  FACT_FLAGS,
  languageLevelRank,
  mergePeriods,
  resolveFlag,
  unemploymentMonthsOn,
} from './facts';

describe('countMonthsInWindow', () => {
  const window = { from: '2019-03-01', to: '2026-02-28' };

  it('counts a contiguous stretch in whole months', () => {
    expect(countMonthsInWindow([{ from: '2020-03-01', to: null }], window)).toEqual({ months: 72, days: 0 });
    expect(countMonthsInWindow([{ from: '2020-04-01', to: '2026-02-28' }], window).months).toBe(71);
  });

  it('clips periods to the window and ignores periods outside it', () => {
    expect(countMonthsInWindow([{ from: '2010-01-01', to: null }], window).months).toBe(84);
    expect(countMonthsInWindow([{ from: '2010-01-01', to: '2018-12-31' }], window)).toEqual({
      months: 0,
      days: 0,
    });
    expect(countMonthsInWindow([{ from: '2026-03-01', to: null }], window)).toEqual({ months: 0, days: 0 });
  });

  it('counts overlapping periods once and adds up left-over days (30 days = 1 month)', () => {
    const overlapping = [
      { from: '2020-01-01', to: '2020-12-31' },
      { from: '2020-06-01', to: '2021-05-31' },
    ];
    expect(countMonthsInWindow(overlapping, window).months).toBe(17);
    const pieces = [
      { from: '2020-01-01', to: '2020-01-20' },
      { from: '2020-03-01', to: '2020-03-15' },
    ];
    expect(countMonthsInWindow(pieces, window)).toEqual({ months: 1, days: 5 });
  });

  it('is empty for an empty or inverted window', () => {
    expect(countMonthsInWindow([], window)).toEqual({ months: 0, days: 0 });
    expect(
      countMonthsInWindow([{ from: '2020-01-01', to: null }], { from: '2020-02-01', to: '2020-01-01' }),
    ).toEqual({
      months: 0,
      days: 0,
    });
  });
});

describe('mergePeriods', () => {
  it('merges touching and overlapping periods, closes open ends and drops empty ones', () => {
    expect(
      mergePeriods(
        [
          { from: '2021-01-01', to: '2021-01-31' },
          { from: '2020-01-01', to: '2020-12-31' },
          { from: '2021-01-10', to: '2021-01-20' },
          { from: '2022-01-01', to: null },
          { from: '2030-01-01', to: null },
        ],
        '2022-06-30',
      ),
    ).toEqual([
      { from: '2020-01-01', to: '2021-01-31' },
      { from: '2022-01-01', to: '2022-06-30' },
    ]);
  });
});

describe('resolveFlag', () => {
  const on = '2026-03-01';

  it('derives long-term unemployment from the start of unemployment (§ 18 SGB III)', () => {
    expect(resolveFlag({ unemployedSince: '2025-03-01' }, 'longTermUnemployed', on).value).toBe(true);
    expect(resolveFlag({ unemployedSince: '2025-03-02' }, 'longTermUnemployed', on).value).toBe(false);
    const r = resolveFlag(
      { unemployedSince: null, flags: { longTermUnemployed: true } },
      'longTermUnemployed',
      on,
    );
    expect(r).toEqual({ value: false, derivation: 'nicht arbeitslos gemeldet' });
    expect(resolveFlag({ flags: { longTermUnemployed: true } }, 'longTermUnemployed', on).value).toBe(true);
    expect(resolveFlag({}, 'longTermUnemployed', on).value).toBeUndefined();
    expect(unemploymentMonthsOn({ unemployedSince: '2026-04-01' }, on)).toBeNull();
  });

  it('derives a minor child from the children’s birth dates', () => {
    expect(resolveFlag({ householdChildBirthDates: ['2008-03-02'] }, 'childInHousehold', on).value).toBe(
      true,
    );
    expect(resolveFlag({ householdChildBirthDates: ['2008-03-01'] }, 'childInHousehold', on).value).toBe(
      false,
    );
    expect(
      resolveFlag({ householdChildBirthDates: ['2010-01-01', '2012-01-01'] }, 'childInHousehold', on)
        .derivation,
    ).toBe('2 minderjährige Kinder in der Bedarfsgemeinschaft');
    expect(resolveFlag({ householdChildBirthDates: ['2027-01-01'] }, 'childInHousehold', on).value).toBe(
      false,
    );
    expect(resolveFlag({ flags: { childInHousehold: true } }, 'childInHousehold', on).value).toBe(true);
  });

  it('derives (severe) disability from the disability status', () => {
    expect(resolveFlag({ disability: 'equal_status' }, 'severelyDisabled', on).value).toBe(true);
    expect(resolveFlag({ disability: 'disabled' }, 'severelyDisabled', on).value).toBe(false);
    expect(resolveFlag({ disability: 'disabled' }, 'disabled', on).value).toBe(true);
    expect(resolveFlag({ disability: 'none', flags: { disabled: true } }, 'disabled', on).value).toBe(false);
    expect(resolveFlag({ flags: { severelyDisabled: true } }, 'severelyDisabled', on).value).toBe(true);
    expect(resolveFlag({ flags: { disabled: false } }, 'disabled', on).value).toBe(false);
  });

  it('takes recorded flags as they are', () => {
    expect(resolveFlag({ flags: { debtCounsellingNeed: true } }, 'debtCounsellingNeed', on)).toEqual({
      value: true,
    });
  });
});

describe('facts helpers', () => {
  it('labels every flag in German and orders language levels', () => {
    for (const flag of FACT_FLAGS) expect(FACT_FLAG_LABELS[flag].length).toBeGreaterThan(3);
    expect(languageLevelRank('none')).toBeLessThan(languageLevelRank('A1'));
    expect(languageLevelRank('C2')).toBe(6);
  });

  it('validates facts crossing a boundary', () => {
    expect(
      eligibilityFactsSchema.safeParse({
        birthDate: '1990-01-01',
        benefitPeriods: [{ from: '2020-01-01', to: null }],
        previousMeasures: [{ measureId: 'agh', from: '2020-01-01', to: '2020-06-30' }],
        flags: { employableBenefitRecipient: true },
      }).success,
    ).toBe(true);
    expect(eligibilityFactsSchema.safeParse({ birthDate: '1990-02-30' }).success).toBe(false);
    expect(
      eligibilityFactsSchema.safeParse({ benefitPeriods: [{ from: '2020-02-01', to: '2020-01-01' }] })
        .success,
    ).toBe(false);
    expect(eligibilityFactsSchema.safeParse({ flags: { unknownFlag: true } }).success).toBe(false);
    expect(eligibilityFactsSchema.safeParse({ extra: 1 }).success).toBe(false);
  });
});
