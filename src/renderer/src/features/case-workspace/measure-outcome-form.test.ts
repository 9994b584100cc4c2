import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../../../shared/domain/measures/assignment';
import { checkMeasureOutcomeForm } from './measure-outcome-form';

/** A measure started on 16.02.2026 (its last change of status). */
const STORED = {
  proposedOn: '2026-02-01',
  history: [
    { from: 'proposed', to: 'assigned', on: '2026-02-02' },
    { from: 'assigned', to: 'started', on: '2026-02-16' },
  ],
} as const satisfies Pick<Assignment, 'history' | 'proposedOn'>;

describe('the outcome form of a measure (Beenden, Abbrechen)', () => {
  it('turns the choice into the event; the note is trimmed, empty means none; without a day the service takes today', () => {
    expect(
      checkMeasureOutcomeForm('end', { code: 'completedSuccessfully', note: '  ', on: '' }, STORED),
    ).toEqual({
      ok: true,
      values: { event: { type: 'end', outcome: { code: 'completedSuccessfully', note: null } } },
    });
    expect(
      checkMeasureOutcomeForm(
        'abort',
        { code: 'endedEarly', note: ' Umzug nach Leipzig ', on: '2.3.2026' },
        STORED,
      ),
    ).toEqual({
      ok: true,
      values: {
        event: { type: 'abort', outcome: { code: 'endedEarly', note: 'Umzug nach Leipzig' } },
        on: '2026-03-02',
      },
    });
  });

  it('names a missing outcome, a missing reason and a wrong day at their fields', () => {
    expect(checkMeasureOutcomeForm('end', { code: '', note: '', on: '' }, STORED)).toEqual({
      ok: false,
      errors: { code: 'Bitte das Ergebnis der Maßnahme wählen.' },
    });
    const wrong = checkMeasureOutcomeForm(
      'abort',
      { code: 'didNotStart', note: ' ', on: '30.02.2026' },
      STORED,
    );
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.errors['note']).toBe('Bitte den Grund angeben („nicht angetreten“).');
    expect(!wrong.ok && Object.keys(wrong.errors).sort()).toEqual(['note', 'on']);
    // an unknown code is no outcome
    expect(checkMeasureOutcomeForm('end', { code: 'gewonnen', note: '', on: '' }, STORED).ok).toBe(false);
  });

  it('a day before the last change of status is named at the day, before anything is sent', () => {
    const early = checkMeasureOutcomeForm(
      'end',
      { code: 'completedSuccessfully', note: '', on: '13.02.2026' },
      STORED,
    );
    expect(early).toEqual({
      ok: false,
      errors: { on: 'Das Datum 13.02.2026 liegt vor dem letzten Statuswechsel am 16.02.2026.' },
    });
    // a measure only proposed so far counts from the day of the proposal
    const proposed = { proposedOn: '2026-02-01', history: [] };
    expect(
      checkMeasureOutcomeForm('abort', { code: 'didNotStart', note: 'Umzug', on: '31.01.2026' }, proposed),
    ).toMatchObject({
      ok: false,
      errors: { on: 'Das Datum 31.01.2026 liegt vor dem letzten Statuswechsel am 01.02.2026.' },
    });
  });
});
