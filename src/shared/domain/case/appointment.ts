/** Appointments (Termine) and the contact density derived from them. */
import { z } from 'zod';
import { dateOf, type IsoDate } from '../common/dates';
import { recordIdSchema } from '../common/schemas';

export const APPOINTMENT_STATUSES = ['geplant', 'wahrgenommen', 'versaeumt', 'abgesagt'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const APPOINTMENT_STATUS_LABELS: Readonly<Record<AppointmentStatus, string>> = {
  geplant: 'Geplant',
  wahrgenommen: 'Wahrgenommen',
  versaeumt: 'Versäumt',
  abgesagt: 'Abgesagt',
};

export const APPOINTMENT_KINDS = [
  'beratung',
  'erstgespraech',
  'telefon',
  'video',
  'hausbesuch',
  'jva',
] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];
export const APPOINTMENT_KIND_LABELS: Readonly<Record<AppointmentKind, string>> = {
  beratung: 'Beratung',
  erstgespraech: 'Erstgespräch',
  telefon: 'Telefon',
  video: 'Video',
  hausbesuch: 'Hausbesuch',
  jva: 'Sprechtag JVA',
};

export const appointmentSchema = z.object({
  id: recordIdSchema,
  caseId: recordIdSchema,
  startsAt: z.iso.datetime({ offset: true, error: 'Bitte Datum und Uhrzeit des Termins angeben.' }),
  durationMinutes: z
    .number()
    .int()
    .min(5, { message: 'Ein Termin dauert mindestens 5 Minuten.' })
    .max(480, { message: 'Ein Termin dauert höchstens 8 Stunden.' }),
  kind: z.enum(APPOINTMENT_KINDS),
  location: z.string().trim().max(200).default(''),
  /** What the appointment is about (Anlass), as the invitation names it: "Profiling", "Zielvereinbarung". */
  subject: z.string().trim().max(200).nullable().default(null),
  status: z.enum(APPOINTMENT_STATUSES).default('geplant'),
});
export type Appointment = z.output<typeof appointmentSchema>;

/** Allowed status changes: a planned appointment is attended, missed or cancelled; corrections allowed. */
const TRANSITIONS: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = {
  geplant: ['wahrgenommen', 'versaeumt', 'abgesagt'],
  wahrgenommen: ['versaeumt'],
  versaeumt: ['wahrgenommen'],
  abgesagt: ['geplant'],
};

export function canChangeAppointmentStatus(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Date of the last attended appointment on or before `on` (null when there was none). */
export function lastContactOn(
  appointments: readonly Pick<Appointment, 'startsAt' | 'status'>[],
  on: IsoDate,
): IsoDate | null {
  let last: IsoDate | null = null;
  for (const a of appointments) {
    if (a.status !== 'wahrgenommen') continue;
    const day = dateOf(new Date(a.startsAt));
    if (day <= on && (last === null || day > last)) last = day;
  }
  return last;
}

/** Missed appointments in a row, counting back from the latest past one (for § 7b reachability). */
export function consecutiveMissed(
  appointments: readonly Pick<Appointment, 'startsAt' | 'status'>[],
  on: IsoDate,
): number {
  const past = appointments
    .filter((a) => a.status !== 'abgesagt' && a.status !== 'geplant' && dateOf(new Date(a.startsAt)) <= on)
    .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  let count = 0;
  for (const a of past) {
    if (a.status !== 'versaeumt') break;
    count += 1;
  }
  return count;
}
