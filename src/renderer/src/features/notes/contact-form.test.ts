import { describe, expect, it } from 'vitest';
import { checkContactForm } from './contact-form';

const base = {
  date: '23.11.2026',
  time: '09:30',
  channel: 'telefon',
  direction: 'outbound',
  subject: 'Rückruf',
  reached: true,
};

describe('checkContactForm', () => {
  it('turns the typed Berlin date and time into the contact values', () => {
    expect(checkContactForm(base)).toEqual({
      ok: true,
      values: {
        occurredAt: '2026-11-23T08:30:00.000Z',
        channel: 'telefon',
        direction: 'outbound',
        subject: 'Rückruf',
        reached: true,
      },
    });
  });
  it('puts German messages at the fields that are wrong', () => {
    const r = checkContactForm({ ...base, date: '30.02.2026', channel: '', subject: ' ' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors['date']).toMatch(/Februar/);
    expect(r.errors['channel']).toBe('Bitte die Art des Kontakts wählen.');
    expect(r.errors['subject']).toBe('Bitte den Anlass angeben.');
  });
  it('refuses a malformed time', () => {
    const r = checkContactForm({ ...base, time: '9 Uhr' });
    expect(r).toEqual({
      ok: false,
      errors: { time: 'Bitte die Uhrzeit im Format HH:MM angeben, z. B. 09:30.' },
    });
  });
});
