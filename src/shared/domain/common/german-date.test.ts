import { describe, expect, it } from 'vitest';
import { parseGermanDate } from './german-date';

describe('parseGermanDate', () => {
  it('reads TT.MM.JJJJ with or without leading zeros', () => {
    expect(parseGermanDate('01.03.2026')).toEqual({ ok: true, value: '2026-03-01' });
    expect(parseGermanDate(' 1.3.2026 ')).toEqual({ ok: true, value: '2026-03-01' });
    expect(parseGermanDate('29.02.2028')).toEqual({ ok: true, value: '2028-02-29' });
  });

  it('refuses impossible days and months with a German message', () => {
    expect(parseGermanDate('30.02.2026')).toEqual({
      ok: false,
      message: 'Den 30. Februar 2026 gibt es nicht: Der Februar 2026 hat 28 Tage.',
    });
    expect(parseGermanDate('31.04.2026')).toMatchObject({
      ok: false,
      message: expect.stringContaining('30 Tage'),
    });
    expect(parseGermanDate('00.01.2026')).toMatchObject({ ok: false });
    expect(parseGermanDate('01.13.2026')).toEqual({
      ok: false,
      message: 'Den Monat 13 gibt es nicht. Bitte einen Monat von 01 bis 12 angeben.',
    });
  });

  it('refuses other forms, empty input and implausible years', () => {
    expect(parseGermanDate('')).toEqual({ ok: false, message: 'Bitte ein Datum angeben (TT.MM.JJJJ).' });
    expect(parseGermanDate('2026-03-01')).toMatchObject({
      ok: false,
      message: expect.stringContaining('TT.MM.JJJJ'),
    });
    expect(parseGermanDate('1.3.26')).toMatchObject({ ok: false });
    expect(parseGermanDate('01.01.0001')).toEqual({
      ok: false,
      message: 'Das Datum muss zwischen 1900 und 2100 liegen.',
    });
  });
});
