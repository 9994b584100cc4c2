import {
  APPOINTMENT_KIND_LABELS,
  APPOINTMENT_STATUS_LABELS,
  INVITATION_KIND_LABELS,
} from '../domain/case/appointment';
import { appointmentSchema } from '../domain/case/appointment';
import { defineEntity, field as f } from './define';

const s = appointmentSchema.shape;

/** Der Termin. Cancelling is a status change, never a delete (SYNC.md §4.4). */
export const appointmentsEntity = defineEntity({
  name: 'appointments',
  label: 'Termin',
  fields: {
    startsAt: f.text(s.startsAt),
    durationMinutes: f.integer(s.durationMinutes),
    kind: f.text(s.kind),
    location: f.text(s.location),
    subject: f.text(s.subject),
    status: f.text(s.status),
    invitation: f.text(s.invitation),
  },
  fieldLabels: {
    startsAt: 'Datum und Uhrzeit',
    durationMinutes: 'Dauer in Minuten',
    kind: 'Art des Termins',
    location: 'Ort',
    subject: 'Anlass',
    status: 'Status',
    invitation: 'Einladung',
  },
  valueLabels: {
    kind: APPOINTMENT_KIND_LABELS,
    status: APPOINTMENT_STATUS_LABELS,
    invitation: INVITATION_KIND_LABELS,
  },
});
