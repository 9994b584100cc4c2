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

/** 23.11.2026, 10:00 in Berlin. */
const NOW = new Date('2026-11-23T09:00:00.000Z');

describe('checkContactForm', () => {
  it('turns the typed Berlin date and time into the contact values', () => {
    expect(checkContactForm(base, NOW)).toEqual({
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
    const r = checkContactForm({ ...base, date: '30.02.2026', channel: '', subject: ' ' }, NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors['date']).toMatch(/Februar/);
    expect(r.errors['channel']).toBe('Bitte die Art des Kontakts wählen.');
    expect(r.errors['subject']).toBe('Bitte den Anlass angeben.');
  });
  it('a contact in the future is refused before sending: at the time today, at the date on a later day', () => {
    const future = 'Ein Kontakt kann nicht in der Zukunft liegen.';
    expect(checkContactForm({ ...base, time: '10:00' }, NOW).ok).toBe(true);
    expect(checkContactForm({ ...base, time: '10:01' }, NOW)).toEqual({
      ok: false,
      errors: { time: future },
    });
    expect(checkContactForm({ ...base, date: '24.11.2026', time: '08:00' }, NOW)).toEqual({
      ok: false,
      errors: { date: future },
    });
    expect(checkContactForm({ ...base, date: '22.11.2026', time: '23:59' }, NOW).ok).toBe(true);
  });
  it('refuses a malformed time', () => {
    const r = checkContactForm({ ...base, time: '9 Uhr' }, NOW);
    expect(r).toEqual({
      ok: false,
      errors: { time: 'Bitte die Uhrzeit im Format HH:MM angeben, z. B. 09:30.' },
    });
  });
});
