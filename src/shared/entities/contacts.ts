import { CONTACT_CHANNEL_LABELS, CONTACT_DIRECTION_LABELS } from '../domain/case/contact';
import { contactSchema } from '../domain/case/contact';
import { defineEntity, field as f } from './define';

const s = contactSchema.shape;

/** Ein Eintrag der Kontakthistorie. */
export const contactsEntity = defineEntity({
  name: 'contacts',
  label: 'Kontakt',
  fields: {
    occurredAt: f.text(s.occurredAt),
    channel: f.text(s.channel),
    direction: f.text(s.direction),
    subject: f.text(s.subject),
    appointmentId: f.text(s.appointmentId),
    reached: f.boolean(s.reached),
    recordedBy: f.text(s.recordedBy, { policy: 'set-once' }),
  },
  fieldLabels: {
    occurredAt: 'Datum und Uhrzeit',
    channel: 'Art des Kontakts',
    direction: 'Richtung',
    subject: 'Anlass',
    appointmentId: 'Termin',
    reached: 'Person erreicht',
    recordedBy: 'Erfasst von',
  },
  valueLabels: { channel: CONTACT_CHANNEL_LABELS, direction: CONTACT_DIRECTION_LABELS },
});
