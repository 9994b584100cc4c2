import { describe, expect, it } from 'vitest';
import { defaultCriteriaCatalogue as catalogue } from '../../../../shared/domain/assessment/criteria';
import { checkEntry, entryOf, formFieldOf, formValuesOf, isEmptyEntry } from './entry-form';

const blank = formValuesOf(undefined);

describe('profiling entry form', () => {
  it('a new entry starts empty, found in conversation; a stored one is shown as it is', () => {
    expect(blank).toMatchObject({
      strengthText: '',
      competenceClass: '',
      hasNeed: false,
      evidenceSources: ['conversation'],
    });
    expect(isEmptyEntry(entryOf('mobility', blank, catalogue))).toBe(true);
    const stored = {
      criterionId: 'mobility',
      strength: { text: 'Fahrrad', competenceClass: 'personal' as const },
      need: { focus: 'Kein Führerschein' },
      functionalLimitations: null,
      evidenceSources: ['selfReport' as const],
      recordedOn: '2026-03-02',
      recordedBy: 'ifk-1',
      note: 'passt',
    };
    const values = formValuesOf(stored);
    const { recordedOn: _on, recordedBy: _by, ...input } = stored;
    expect(entryOf('mobility', values, catalogue)).toEqual(input);
  });

  it('functional limitations only on health criteria', () => {
    const v = { ...blank, functionalLimitations: 'kein Heben über 10 kg' };
    expect(entryOf('physical-health', v, catalogue).functionalLimitations).toBe('kein Heben über 10 kg');
    expect(entryOf('mobility', v, catalogue).functionalLimitations).toBeNull();
  });

  it('checks with the write schema and names the field: missing class, too long, control and bidi characters', () => {
    expect(checkEntry('pa-1', 'mobility', { ...blank, strengthText: 'Fahrrad' }, catalogue).errors).toEqual({
      competenceClass:
        'Bitte eine Kompetenzklasse wählen (Methoden-, Aktivitäts-/Umsetzungs-, sozial-kommunikative oder personale Kompetenz).',
    });
    const long = checkEntry(
      'pa-1',
      'mobility',
      { ...blank, hasNeed: true, needFocus: 'x'.repeat(2001) },
      catalogue,
    );
    expect(long.errors).toEqual({ needFocus: 'Höchstens 2.000 Zeichen erlaubt.' });
    const control = checkEntry('pa-1', 'mobility', { ...blank, note: 'a\u0007b' }, catalogue);
    expect(control.errors).toEqual({ note: 'Die Eingabe enthält unzulässige Steuerzeichen.' });
    const bidi = checkEntry(
      'pa-1',
      'mobility',
      { ...blank, strengthText: 'a\u202Eb', competenceClass: 'personal' },
      catalogue,
    );
    expect(bidi.errors.strengthText).toContain('U+202E');
    const noSource = checkEntry('pa-1', 'mobility', { ...blank, note: 'x', evidenceSources: [] }, catalogue);
    expect(noSource.errors).toEqual({ evidenceSources: 'Bitte mindestens eine Informationsquelle angeben.' });
    expect(
      checkEntry('pa-1', 'mobility', { ...blank, hasNeed: true, needFocus: 'Bus' }, catalogue),
    ).toMatchObject({
      errors: {},
      other: [],
    });
  });

  it('maps paths of the IPC input to form fields', () => {
    expect(formFieldOf('entry.strength.text')).toBe('strengthText');
    expect(formFieldOf('entry.evidenceSources.0')).toBe('evidenceSources');
    expect(formFieldOf('entry.criterionId')).toBeUndefined();
    expect(formFieldOf('assessmentId')).toBeUndefined();
  });
});
