import { CONSENT_FORM_LABELS, CONSENT_PURPOSE_LABELS } from '../domain/case/consent';
import { consentSchema } from '../domain/case/consent';
import { defineEntity, field as f, problemsOf } from './define';

const s = consentSchema.shape;

/** Eine Einwilligung; a withdrawal ends it, the record stays. */
export const consentsEntity = defineEntity({
  name: 'consents',
  label: 'Einwilligung',
  fields: {
    purpose: f.text(s.purpose, { policy: 'set-once' }),
    givenOn: f.text(s.givenOn, { policy: 'set-once' }),
    form: f.text(s.form, { policy: 'set-once' }),
    scope: f.text(s.scope),
    withdrawnOn: f.text(s.withdrawnOn),
    recordedBy: f.text(s.recordedBy, { policy: 'set-once' }),
  },
  fieldLabels: {
    purpose: 'Zweck',
    givenOn: 'Erteilt am',
    form: 'Form der Einwilligung',
    scope: 'Einschränkung',
    withdrawnOn: 'Widerrufen am',
    recordedBy: 'Erfasst von',
  },
  valueLabels: { purpose: CONSENT_PURPOSE_LABELS, form: CONSENT_FORM_LABELS },
  validate: (record) => problemsOf(consentSchema, record),
});
