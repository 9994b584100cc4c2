import { describe, expect, it } from 'vitest';
import { checkIntakeForm } from './intake-form';

const base = {
  firstName: 'Käthe',
  lastName: 'Rößler',
  birthDate: '17.5.1988',
  customerNumber: '321D654987',
  officeId: 'torgau',
  householdNumber: '',
  partner: false,
  minorChildren: '',
};

describe('checkIntakeForm', () => {
  it('gives person and office, the birth date as ISO', () => {
    expect(checkIntakeForm(base)).toEqual({
      ok: true,
      values: {
        officeId: 'torgau',
        person: {
          firstName: 'Käthe',
          lastName: 'Rößler',
          birthDate: '1988-05-17',
          customerNumber: '321D654987',
        },
      },
    });
  });
  it('builds the household from its facts', () => {
    const r = checkIntakeForm({
      ...base,
      householdNumber: '55824BG0000001',
      partner: true,
      minorChildren: '2',
    });
    expect(r.ok && r.values.household).toEqual({
      householdNumber: '55824BG0000001',
      members: [
        { personId: null, role: 'applicant', birthDate: null },
        { personId: null, role: 'partner', birthDate: null },
        { personId: null, role: 'child', birthDate: null },
        { personId: null, role: 'child', birthDate: null },
      ],
    });
  });
  it('puts German messages at the wrong fields', () => {
    const r = checkIntakeForm({
      ...base,
      firstName: '',
      birthDate: '1988-05-17',
      officeId: '',
      minorChildren: 'zwei',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors['firstName']).toMatch(/Vornamen/);
    expect(r.errors['birthDate']).toMatch(/TT\.MM\.JJJJ/);
    expect(r.errors['officeId']).toBe('Bitte einen der vier Standorte wählen.');
    expect(r.errors['minorChildren']).toMatch(/ganze Zahl/);
  });
  it('asks for the BG number when household members are given', () => {
    const r = checkIntakeForm({ ...base, partner: true });
    expect(r).toEqual({
      ok: false,
      errors: { householdNumber: 'Für Partner/in oder Kinder bitte die BG-Nummer angeben.' },
    });
  });
});
