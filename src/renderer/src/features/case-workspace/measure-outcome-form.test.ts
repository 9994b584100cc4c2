import { describe, expect, it } from 'vitest';
import { checkMeasureOutcomeForm } from './measure-outcome-form';

describe('the outcome form of a measure (Beenden, Abbrechen)', () => {
  it('turns the choice into the event; the note is trimmed, empty means none; without a day the service takes today', () => {
    expect(checkMeasureOutcomeForm('end', { code: 'completedSuccessfully', note: '  ', on: '' })).toEqual({
      ok: true,
      values: { event: { type: 'end', outcome: { code: 'completedSuccessfully', note: null } } },
    });
    expect(
      checkMeasureOutcomeForm('abort', { code: 'endedEarly', note: ' Umzug nach Leipzig ', on: '2.3.2026' }),
    ).toEqual({
      ok: true,
      values: {
        event: { type: 'abort', outcome: { code: 'endedEarly', note: 'Umzug nach Leipzig' } },
        on: '2026-03-02',
      },
    });
  });

  it('names a missing outcome, a missing reason and a wrong day at their fields', () => {
    expect(checkMeasureOutcomeForm('end', { code: '', note: '', on: '' })).toEqual({
      ok: false,
      errors: { code: 'Bitte das Ergebnis der Maßnahme wählen.' },
    });
    const wrong = checkMeasureOutcomeForm('abort', { code: 'didNotStart', note: ' ', on: '30.02.2026' });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.errors['note']).toBe('Bitte den Grund angeben („nicht angetreten“).');
    expect(!wrong.ok && Object.keys(wrong.errors).sort()).toEqual(['note', 'on']);
    // an unknown code is no outcome
    expect(checkMeasureOutcomeForm('end', { code: 'gewonnen', note: '', on: '' }).ok).toBe(false);
  });
});
