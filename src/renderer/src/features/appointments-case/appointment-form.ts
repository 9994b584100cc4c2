/** The appointment form: typed German date + time and the domain's rules -> appointments:create values. */
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import { appointmentSchema, type Appointment } from '../../../../shared/domain/case/appointment';
import { berlinInstant } from '../notes/berlin-time';
import type { FormCheck } from '../../forms/ipc-form';

/** What the form holds: the appointment's fields as typed (text), its start as German date + time. */
export type AppointmentFormValues = { date: string; time: string } & Record<
  keyof Pick<Appointment, 'durationMinutes' | 'kind' | 'subject' | 'location' | 'invitation'>,
  string
>;

export type AppointmentValues = Pick<
  Appointment,
  'startsAt' | 'durationMinutes' | 'kind' | 'subject' | 'location' | 'invitation'
>;

/** Parses 'TT.MM.JJJJ' + 'HH:MM' (Berlin) into an instant, or the German message for the field. */
export function checkWhen(
  date: string,
  time: string,
): { ok: true; startsAt: string } | { ok: false; errors: Record<string, string> } {
  const day = parseGermanDate(date);
  if (!day.ok) return { ok: false, errors: { date: day.message } };
  const startsAt = berlinInstant(day.value, time);
  if (!startsAt)
    return { ok: false, errors: { time: 'Bitte die Uhrzeit im Format HH:MM angeben, z. B. 09:30.' } };
  return { ok: true, startsAt };
}

export function checkAppointmentForm(v: AppointmentFormValues): FormCheck<AppointmentValues> {
  const when = checkWhen(v.date, v.time);
  const errors: Record<string, string> = when.ok ? {} : { ...when.errors };
  const parsed = appointmentSchema
    .pick({ durationMinutes: true, kind: true, subject: true, location: true, invitation: true })
    .safeParse({
      durationMinutes: Number(v.durationMinutes),
      kind: v.kind || undefined,
      subject: v.subject.trim() === '' ? null : v.subject,
      location: v.location,
      invitation: v.invitation || undefined,
    });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      errors[key] ??= key === 'kind' ? 'Bitte die Art des Termins wählen.' : issue.message;
    }
  if (!when.ok || !parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, values: { startsAt: when.startsAt, ...parsed.data } };
}
