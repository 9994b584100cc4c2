/**
 * Contact history (Kontakthistorie): every contact with the person, whether or not it was an
 * appointment. The last contact of a case (quality rule "last contact within 3 months") is the
 * latest of these and of the attended appointments.
 */
import { z } from 'zod';
import { dateInBerlin, type IsoDate } from '../common/dates';
import { recordIdSchema } from '../common/schemas';

export const CONTACT_CHANNELS = [
  'persoenlich',
  'telefon',
  'video',
  'e-mail',
  'brief',
  'jva',
  'aufsuchend',
] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_CHANNEL_LABELS: Readonly<Record<ContactChannel, string>> = {
  persoenlich: 'persönlich',
  telefon: 'Telefon',
  video: 'Videoberatung',
  'e-mail': 'E-Mail',
  brief: 'Brief',
  jva: 'Sprechtag JVA',
  aufsuchend: 'aufsuchend (vor Ort)',
};

export const CONTACT_DIRECTIONS = ['inbound', 'outbound'] as const;
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number];
export const CONTACT_DIRECTION_LABELS: Readonly<Record<ContactDirection, string>> = {
  inbound: 'eingehend',
  outbound: 'ausgehend',
};

export const contactSchema = z.object({
  id: recordIdSchema,
  caseId: recordIdSchema,
  occurredAt: z.iso.datetime({ offset: true, error: 'Bitte Datum und Uhrzeit des Kontakts angeben.' }),
  channel: z.enum(CONTACT_CHANNELS, { error: 'Bitte die Art des Kontakts wählen.' }),
  direction: z.enum(CONTACT_DIRECTIONS).default('outbound'),
  /** Short subject, never health details (those belong in a restricted note). */
  subject: z
    .string({ error: 'Bitte den Anlass angeben.' })
    .trim()
    .min(1, { message: 'Bitte den Anlass angeben.' })
    .max(200, { message: 'Der Anlass darf höchstens 200 Zeichen lang sein.' }),
  /** The appointment this contact took place in, if any. */
  appointmentId: recordIdSchema.nullable().default(null),
  /** Whether the person was reached (an unanswered call is a contact attempt, not a contact). */
  reached: z.boolean().default(true),
  recordedBy: recordIdSchema,
});
export type Contact = z.output<typeof contactSchema>;

/**
 * A contact took place: never after `now` (a planned talk is an appointment). The German message
 * when `occurredAt` lies in the future, else null; the form shows it at the field, the services
 * refuse with it.
 */
export function contactInFuture(occurredAt: string, now: Date): string | null {
  return Date.parse(occurredAt) > now.getTime() ? 'Ein Kontakt kann nicht in der Zukunft liegen.' : null;
}

/** Date of the latest contact in which the person was reached, on or before `on` (null: none). */
export function lastReachedContactOn(
  contacts: readonly Pick<Contact, 'occurredAt' | 'reached'>[],
  on: IsoDate,
): IsoDate | null {
  let last: IsoDate | null = null;
  for (const c of contacts) {
    if (!c.reached) continue;
    const day = dateInBerlin(new Date(c.occurredAt));
    if (day <= on && (last === null || day > last)) last = day;
  }
  return last;
}
