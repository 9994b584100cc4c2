import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../../../shared/domain/measures/assignment';
import { checkMeasureExtensionForm } from './measure-extension-form';

/** A measure started on 16.02.2026 (its last change of status). */
const STORED = {
  proposedOn: '2026-02-01',
  history: [
    { from: 'proposed', to: 'assigned', on: '2026-02-02' },
    { from: 'assigned', to: 'started', on: '2026-02-16' },
  ],
} as const satisfies Pick<Assignment, 'history' | 'proposedOn'>;

describe('the extension form of a measure', () => {
  it('turns German dates into the input; without a day the service takes today', () => {
    expect(checkMeasureExtensionForm({ plannedEnd: '30.06.2026', on: '', conditions: [] }, STORED)).toEqual({
      ok: true,
      values: { plannedEnd: '2026-06-30' },
    });
    expect(
      checkMeasureExtensionForm({ plannedEnd: ' 30.6.2026 ', on: '01.03.2026', conditions: [] }, STORED),
    ).toEqual({
      ok: true,
      values: { plannedEnd: '2026-06-30', on: '2026-03-01' },
    });
  });

  it('passes the ticked conditions of an extension beyond the regular maximum', () => {
    expect(
      checkMeasureExtensionForm(
        { plannedEnd: '28.02.2027', on: '', conditions: ['documentedRecheck'] },
        STORED,
      ),
    ).toEqual({ ok: true, values: { plannedEnd: '2027-02-28', conditionsMet: ['documentedRecheck'] } });
    // anything that is not a flag the caseworker may state is not sent
    expect(
      checkMeasureExtensionForm(
        { plannedEnd: '28.02.2027', on: '', conditions: ['longTermUnemployed'] },
        STORED,
      ),
    ).toEqual({ ok: true, values: { plannedEnd: '2027-02-28' } });
  });

  it('names a missing end and wrong dates at their fields', () => {
    expect(checkMeasureExtensionForm({ plannedEnd: '', on: '', conditions: [] }, STORED)).toEqual({
      ok: false,
      errors: { plannedEnd: 'Bitte das neue geplante Ende angeben (TT.MM.JJJJ).' },
    });
    const wrong = checkMeasureExtensionForm(
      { plannedEnd: '31.02.2026', on: '1.13.2026', conditions: [] },
      STORED,
    );
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && Object.keys(wrong.errors).sort()).toEqual(['on', 'plannedEnd']);
    expect(!wrong.ok && wrong.errors['on']).toBe(
      'Den Monat 13 gibt es nicht. Bitte einen Monat von 01 bis 12 angeben.',
    );
  });

  it('a day before the last change of status is named at the day, before anything is sent', () => {
    expect(
      checkMeasureExtensionForm({ plannedEnd: '30.06.2026', on: '15.02.2026', conditions: [] }, STORED),
    ).toEqual({
      ok: false,
      errors: { on: 'Das Datum 15.02.2026 liegt vor dem letzten Statuswechsel am 16.02.2026.' },
    });
    expect(
      checkMeasureExtensionForm({ plannedEnd: '30.06.2026', on: '16.02.2026', conditions: [] }, STORED).ok,
    ).toBe(true);
  });
});
