/** Appointments (Termine) and the contact density derived from them. */
import { z } from 'zod';
import { dateInBerlin, formatGermanDate, type IsoDate } from '../common/dates';
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

/**
 * How the person was invited: a plain invitation, a Meldeaufforderung with Rechtsfolgenbelehrung
 * (§ 59 SGB II i. V. m. § 309 SGB III: missing it without good cause has consequences), or no
 * written invitation (arranged by phone or in person).
 */
export const INVITATION_KINDS = ['einladung', 'meldeaufforderung', 'keine'] as const;
export type InvitationKind = (typeof INVITATION_KINDS)[number];
export const INVITATION_KIND_LABELS: Readonly<Record<InvitationKind, string>> = {
  einladung: 'Einladung ohne Rechtsfolgenbelehrung',
  meldeaufforderung: 'Meldeaufforderung mit Rechtsfolgenbelehrung (§ 59 SGB II, § 309 SGB III)',
  keine: 'keine schriftliche Einladung (mündlich vereinbart)',
};

/** Kinds held away from the office (outreach: JVA consultation day, home visit). */
export const OUTREACH_KINDS: readonly AppointmentKind[] = ['jva', 'hausbesuch'];

export function isOutreach(kind: AppointmentKind): boolean {
  return OUTREACH_KINDS.includes(kind);
}

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
  invitation: z.enum(INVITATION_KINDS, { error: 'Bitte die Art der Einladung wählen.' }).default('einladung'),
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

/** The day at the offices (Europe/Berlin) on which an appointment starts. */
export function appointmentDay(startsAt: string): IsoDate {
  return dateInBerlin(new Date(startsAt));
}

/**
 * Why a change of an appointment is refused (German), or null: only a planned appointment is
 * rescheduled; attended or missed is recorded once the appointment has begun, never ahead.
 */
export function appointmentChangeProblem(
  current: Pick<Appointment, 'status' | 'startsAt'>,
  change: { readonly status?: AppointmentStatus; readonly startsAt?: string },
  now: Date,
): string | null {
  const to = change.status ?? current.status;
  if (to !== current.status && !canChangeAppointmentStatus(current.status, to))
    return `Ein Termin im Status „${APPOINTMENT_STATUS_LABELS[current.status]}“ kann nicht auf „${APPOINTMENT_STATUS_LABELS[to]}“ gesetzt werden.`;
  const moved = change.startsAt !== undefined && Date.parse(change.startsAt) !== Date.parse(current.startsAt);
  if (moved && current.status !== 'geplant')
    return `Nur ein geplanter Termin kann verschoben werden; dieser ist „${APPOINTMENT_STATUS_LABELS[current.status]}“.`;
  const startsAt = change.startsAt ?? current.startsAt;
  if (
    to !== current.status &&
    (to === 'wahrgenommen' || to === 'versaeumt') &&
    Date.parse(startsAt) > now.getTime()
  )
    return `Der Termin am ${formatGermanDate(appointmentDay(startsAt))} hat noch nicht begonnen; „${APPOINTMENT_STATUS_LABELS[to]}“ wird erst danach erfasst.`;
  return null;
}

/** Date of the last attended appointment on or before `on` (null when there was none). */
export function lastContactOn(
  appointments: readonly Pick<Appointment, 'startsAt' | 'status'>[],
  on: IsoDate,
): IsoDate | null {
  let last: IsoDate | null = null;
  for (const a of appointments) {
    if (a.status !== 'wahrgenommen') continue;
    const day = dateInBerlin(new Date(a.startsAt));
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
    .filter(
      (a) => a.status !== 'abgesagt' && a.status !== 'geplant' && dateInBerlin(new Date(a.startsAt)) <= on,
    )
    .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  let count = 0;
  for (const a of past) {
    if (a.status !== 'versaeumt') break;
    count += 1;
  }
  return count;
}
