import { describe, expect, it } from 'vitest';
import { checkCorrectionForm } from './correction-form';

const auditId = '0b6f5f2e-6a4e-4f55-9a4d-2a0c7c1d9e01';
const typed = { section: 'ziele', ruleId: '', text: 'Bitte das Ziel nachtragen.', dueOn: '' };

describe('the correction request form', () => {
  it('turns typed values into the request (German due date, no rubric item when none is chosen)', () => {
    expect(
      checkCorrectionForm(auditId, { ...typed, dueOn: '15.01.2027', ruleId: 'letzter-kontakt' }),
    ).toEqual({
      ok: true,
      values: expect.objectContaining({
        auditId,
        section: 'ziele',
        ruleId: 'letzter-kontakt',
        dueOn: '2027-01-15',
      }),
    });
    const plain = checkCorrectionForm(auditId, typed);
    expect(plain).toMatchObject({ ok: true, values: { dueOn: null } });
    expect(plain.ok && plain.values.ruleId).toBeNull();
  });

  it('names a wrong date, a missing section and an empty text in German at the field', () => {
    expect(checkCorrectionForm(auditId, { ...typed, dueOn: '32.13.2027' })).toMatchObject({
      ok: false,
      errors: { dueOn: 'Den Monat 13 gibt es nicht. Bitte einen Monat von 01 bis 12 angeben.' },
    });
    const missing = checkCorrectionForm(auditId, { ...typed, section: '', text: '' });
    expect(missing).toMatchObject({
      ok: false,
      errors: {
        section: 'Bitte den Bereich der Akte wählen.',
        text: 'Bitte beschreiben, was korrigiert werden soll.',
      },
    });
  });
});
