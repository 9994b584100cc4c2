/** The contact form: typed German date + time and the domain's contact rules -> contacts:create values. */
import { dateInBerlin } from '../../../../shared/domain/common/dates';
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import { contactInFuture, contactSchema, type Contact } from '../../../../shared/domain/case/contact';
import { berlinInstant } from './berlin-time';
import type { FormCheck } from '../../forms/ipc-form';

/** What the form holds: the contact's fields as typed (text), its moment as German date + time. */
export type ContactFormValues = { date: string; time: string } & Record<
  keyof Pick<Contact, 'channel' | 'direction' | 'subject'>,
  string
> &
  Pick<Contact, 'reached'>;

/**
 * Checks the typed date/time and the domain rules (a contact is never in the future: at the time
 * when the day is today, else at the date); values for contacts:create or errors per field.
 */
export function checkContactForm(
  v: ContactFormValues,
  now: Date,
): FormCheck<Pick<Contact, 'occurredAt' | 'channel' | 'direction' | 'subject' | 'reached'>> {
  const errors: Record<string, string> = {};
  const day = parseGermanDate(v.date);
  if (!day.ok) errors['date'] = day.message;
  const occurredAt = day.ok ? berlinInstant(day.value, v.time) : null;
  if (day.ok && !occurredAt) errors['time'] = 'Bitte die Uhrzeit im Format HH:MM angeben, z. B. 09:30.';
  const future = day.ok && occurredAt ? contactInFuture(occurredAt, now) : null;
  if (future) errors[day.ok && day.value === dateInBerlin(now) ? 'time' : 'date'] = future;
  const parsed = contactSchema
    .pick({ channel: true, direction: true, subject: true, reached: true })
    .safeParse({
      channel: v.channel || undefined,
      direction: v.direction,
      subject: v.subject,
      reached: v.reached,
    });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      errors[key] ??= issue.message;
    }
  if (Object.keys(errors).length > 0 || !parsed.success || !occurredAt) return { ok: false, errors };
  return { ok: true, values: { occurredAt, ...parsed.data } };
}
