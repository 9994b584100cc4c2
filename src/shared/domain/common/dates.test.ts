import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  compareDates,
  dateInBerlin,
  dateOf,
  daysBetween,
  formatGermanDate,
  fullMonthsBetween,
  isIsoDate,
  isoDateSchema,
  isoInstantSchema,
  isPlausibleIsoDate,
  isWithin,
  overlapDays,
} from './dates';

describe('calendar dates', () => {
  it('accepts only plausible years (1900–2100): no year 0000, no 9999 (issue 14, item 8)', () => {
    for (const bad of ['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31', '0000-00-00', '2026-13-45'])
      expect(isoDateSchema.safeParse(bad).success, bad).toBe(false);
    for (const good of ['1900-01-01', '1960-07-15', '2026-03-02', '2100-12-31'])
      expect(isoDateSchema.safeParse(good).success, good).toBe(true);
    expect(isoDateSchema.safeParse('1899-12-31').error?.issues[0]?.message).toMatch(/1900 und 2100/);
    expect(isPlausibleIsoDate('2026-03-02')).toBe(true);
    expect(isPlausibleIsoDate('0000-01-01')).toBe(false);
    expect(isoInstantSchema.safeParse('2026-03-02T08:00:00Z').success).toBe(true);
    expect(isoInstantSchema.safeParse('0000-01-01T00:00:00Z').success).toBe(false);
    expect(isoInstantSchema.safeParse('9999-12-31T23:59:59+01:00').success).toBe(false);
  });

  it('accepts only real ISO dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('1.3.2025')).toBe(false);
    expect(isoDateSchema.safeParse('2025-02-30').error?.issues[0]?.message).toBe(
      'Bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.',
    );
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
  });

  it('decides every day of four centuries like a Date round trip (leap years 1900, 2000, 2100)', () => {
    const viaDate = (v: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)!;
      return (
        new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === v
      );
    };
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    let checked = 0;
    for (const year of [0, 99, 100, 1600, 1899, 1900, 1996, 2000, 2023, 2024, 2100, 2400, 9999])
      for (let month = 0; month <= 13; month += 1)
        for (let day = 0; day <= 32; day += 1) {
          const v = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect(isIsoDate(v), v).toBe(viaDate(v));
          checked += 1;
        }
    expect(checked).toBe(13 * 14 * 33);
  });

  it('adds days and months, clamping to the end of the month', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-15', -3)).toBe('2024-12-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });

  it('counts days and full months', () => {
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2026-03-01', '2026-01-01')).toBe(-59);
    expect(fullMonthsBetween('2025-01-31', '2025-02-27')).toBe(0);
    expect(fullMonthsBetween('2025-01-31', '2025-02-28')).toBe(1);
    expect(fullMonthsBetween('2025-03-15', '2026-03-14')).toBe(11);
    expect(fullMonthsBetween('2025-03-15', '2026-03-15')).toBe(12);
  });

  it('computes the age on a date, birthday included', () => {
    expect(ageOn('2001-03-01', '2026-02-28')).toBe(24);
    expect(ageOn('2001-03-01', '2026-03-01')).toBe(25);
    expect(ageOn('2004-02-29', '2025-02-28')).toBe(20);
    expect(ageOn('2004-02-29', '2025-03-01')).toBe(21);
  });

  it('compares, ranges and overlaps', () => {
    expect(compareDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareDates('2026-01-02', '2026-01-01')).toBe(1);
    expect(compareDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(isWithin('2026-01-01', { from: '2026-01-01', to: null })).toBe(true);
    expect(isWithin('2025-12-31', { from: '2026-01-01' })).toBe(false);
    expect(isWithin('2026-02-01', { to: '2026-01-31' })).toBe(false);
    expect(
      overlapDays({ from: '2026-01-01', to: '2026-01-31' }, { from: '2026-01-31', to: '2026-02-10' }),
    ).toBe(1);
    expect(
      overlapDays({ from: '2026-01-01', to: '2026-01-30' }, { from: '2026-01-31', to: '2026-02-10' }),
    ).toBe(0);
  });

  it('formats German dates and takes the UTC day of an instant', () => {
    expect(formatGermanDate('2026-07-01')).toBe('01.07.2026');
    expect(dateOf(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-01');
  });

  it('addDays and daysBetween are inverse (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.integer({ min: -40_000, max: 40_000 }),
        (d, n) => {
          const start = dateOf(d);
          return daysBetween(start, addDays(start, n)) === n;
        },
      ),
    );
  });

  it('addDays agrees with the calendar of Date on every day from 1900 to 2200 (integer date arithmetic)', () => {
    const first = Date.UTC(1900, 0, 1) / 86_400_000;
    const last = Date.UTC(2200, 0, 1) / 86_400_000;
    for (let day = first; day <= last; day += 1)
      if (addDays('1970-01-01', day) !== new Date(day * 86_400_000).toISOString().slice(0, 10))
        throw new Error(`day ${day}: ${addDays('1970-01-01', day)}`);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
  });
});

describe('dateInBerlin', () => {
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' });
  it('turns at Berlin midnight in winter (UTC+1) and summer (UTC+2), also on the changeover days', () => {
    expect(dateInBerlin(new Date('2026-03-02T22:59:59.999Z'))).toBe('2026-03-02');
    expect(dateInBerlin(new Date('2026-03-02T23:00:00.000Z'))).toBe('2026-03-03');
    expect(dateInBerlin(new Date('2026-07-01T21:59:59.999Z'))).toBe('2026-07-01');
    expect(dateInBerlin(new Date('2026-07-01T22:00:00.000Z'))).toBe('2026-07-02');
    // 29.03.2026 02:00 CET -> 03:00 CEST; 25.10.2026 03:00 CEST -> 02:00 CET
    expect(dateInBerlin(new Date('2026-03-28T23:00:00.000Z'))).toBe('2026-03-29');
    expect(dateInBerlin(new Date('2026-03-29T21:59:00.000Z'))).toBe('2026-03-29');
    expect(dateInBerlin(new Date('2026-03-29T22:00:00.000Z'))).toBe('2026-03-30');
    expect(dateInBerlin(new Date('2026-10-24T22:00:00.000Z'))).toBe('2026-10-25');
    expect(dateInBerlin(new Date('2026-10-25T22:59:00.000Z'))).toBe('2026-10-25');
    expect(dateInBerlin(new Date('2026-10-25T23:00:00.000Z'))).toBe('2026-10-26');
  });

  it('agrees with the time-zone database for every minute boundary of every hour of two years', () => {
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    for (let h = 0; h < 2 * 366 * 24; h += 1)
      for (const offset of [0, 59 * 60_000 + 59_999]) {
        const instant = new Date(start + h * 3_600_000 + offset);
        expect(dateInBerlin(instant)).toBe(intl.format(instant));
      }
  });

  it('agrees with the time-zone database for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1900-01-01'), max: Date.parse('2199-12-31') }), (ms) => {
        expect(dateInBerlin(new Date(ms))).toBe(intl.format(new Date(ms)));
      }),
    );
  });
});
