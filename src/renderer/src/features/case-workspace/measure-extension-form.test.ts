import { describe, expect, it } from 'vitest';
import { checkMeasureExtensionForm } from './measure-extension-form';

describe('the extension form of a measure', () => {
  it('turns German dates into the input; without a day the service takes today', () => {
    expect(checkMeasureExtensionForm({ plannedEnd: '30.06.2026', on: '', conditions: [] })).toEqual({
      ok: true,
      values: { plannedEnd: '2026-06-30' },
    });
    expect(
      checkMeasureExtensionForm({ plannedEnd: ' 30.6.2026 ', on: '01.03.2026', conditions: [] }),
    ).toEqual({
      ok: true,
      values: { plannedEnd: '2026-06-30', on: '2026-03-01' },
    });
  });

  it('passes the ticked conditions of an extension beyond the regular maximum', () => {
    expect(
      checkMeasureExtensionForm({ plannedEnd: '28.02.2027', on: '', conditions: ['documentedRecheck'] }),
    ).toEqual({ ok: true, values: { plannedEnd: '2027-02-28', conditionsMet: ['documentedRecheck'] } });
    // anything that is not a flag the caseworker may state is not sent
    expect(
      checkMeasureExtensionForm({ plannedEnd: '28.02.2027', on: '', conditions: ['longTermUnemployed'] }),
    ).toEqual({ ok: true, values: { plannedEnd: '2027-02-28' } });
  });

  it('names a missing end and wrong dates at their fields', () => {
    expect(checkMeasureExtensionForm({ plannedEnd: '', on: '', conditions: [] })).toEqual({
      ok: false,
      errors: { plannedEnd: 'Bitte das neue geplante Ende angeben (TT.MM.JJJJ).' },
    });
    const wrong = checkMeasureExtensionForm({ plannedEnd: '31.02.2026', on: '1.13.2026', conditions: [] });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && Object.keys(wrong.errors).sort()).toEqual(['on', 'plannedEnd']);
    expect(!wrong.ok && wrong.errors['on']).toBe(
      'Den Monat 13 gibt es nicht. Bitte einen Monat von 01 bis 12 angeben.',
    );
  });
});
