import { describe, expect, it } from 'vitest';
import { checkPersonContactForm, personContactFormValues } from './person-contact-form';

const stored = { street: 'Lindenstraße 4', postalCode: '04758', town: 'Oschatz', phone: null, email: null };

describe('the person contact details form', () => {
  it('shows what is stored, empty where nothing is', () => {
    expect(personContactFormValues(stored)).toEqual({
      street: 'Lindenstraße 4',
      postalCode: '04758',
      town: 'Oschatz',
      phone: '',
      email: '',
    });
  });

  it('turns typed text into the changes (trimmed; an emptied field clears the detail)', () => {
    expect(
      checkPersonContactForm({
        street: '  Lindenstraße 4 ',
        postalCode: '04758',
        town: '',
        phone: ' 0171 1111111 ',
        email: 'k.xander@example.org',
      }),
    ).toEqual({
      ok: true,
      values: {
        street: 'Lindenstraße 4',
        postalCode: '04758',
        town: null,
        phone: '0171 1111111',
        email: 'k.xander@example.org',
      },
    });
  });

  it('names each wrong detail in German at its field and sends nothing', () => {
    expect(
      checkPersonContactForm({
        street: '',
        postalCode: '4758',
        town: '',
        phone: 'eins zwei',
        email: 'kein@',
      }),
    ).toEqual({
      ok: false,
      errors: {
        postalCode: 'Die Postleitzahl hat fünf Ziffern.',
        phone: 'Die Telefonnummer darf nur Ziffern, Leerzeichen und + ( ) / - enthalten.',
        email: 'Bitte eine gültige E-Mail-Adresse angeben.',
      },
    });
  });
});
