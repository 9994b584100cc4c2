import { describe, expect, it } from 'vitest';
import { checkAppointmentForm, checkWhen } from './appointment-form';

const base = {
  date: '02.12.2026',
  time: '10:00',
  durationMinutes: '30',
  kind: 'beratung',
  subject: 'Profiling',
  location: '',
  invitation: 'meldeaufforderung',
};

describe('checkAppointmentForm', () => {
  it('gives the values for appointments:create', () => {
    expect(checkAppointmentForm(base)).toEqual({
      ok: true,
      values: {
        startsAt: '2026-12-02T09:00:00.000Z',
        durationMinutes: 30,
        kind: 'beratung',
        subject: 'Profiling',
        location: '',
        invitation: 'meldeaufforderung',
      },
    });
  });
  it('puts German messages at the wrong fields', () => {
    const r = checkAppointmentForm({ ...base, date: '1.13.2026', kind: '', durationMinutes: '2' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors['date']).toMatch(/Monat 13/);
    expect(r.errors['kind']).toBe('Bitte die Art des Termins wählen.');
    expect(r.errors['durationMinutes']).toBe('Ein Termin dauert mindestens 5 Minuten.');
  });
  it('refuses a malformed time', () => {
    expect(checkWhen('02.12.2026', '10.00')).toEqual({
      ok: false,
      errors: { time: 'Bitte die Uhrzeit im Format HH:MM angeben, z. B. 09:30.' },
    });
  });
});
