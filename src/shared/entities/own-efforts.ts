import { FREQUENCY_LABELS, PROOF_FORM_LABELS } from '../domain/plan/cooperation-plan';
import { ownEffortRecordSchema } from '../domain/plan/own-effort';
import { defineEntity, field as f, problemsOf } from './define';

const s = ownEffortRecordSchema.shape;

/** Eine Eigenbemühung with the proofs received. */
export const ownEffortsEntity = defineEntity({
  name: 'own_efforts',
  label: 'Eigenbemühung',
  fields: {
    planId: f.text(s.planId),
    description: f.text(s.description),
    frequency: f.json(s.frequency),
    proof: f.text(s.proof),
    agreedOn: f.text(s.agreedOn),
    endsOn: f.text(s.endsOn),
    proofs: f.json(s.proofs),
  },
  fieldLabels: {
    planId: 'Kooperationsplan',
    description: 'Beschreibung',
    frequency: 'Häufigkeit',
    proof: 'Form des Nachweises',
    agreedOn: 'Vereinbart am',
    endsOn: 'Gilt bis',
    proofs: 'Eingegangene Nachweise',
  },
  valueLabels: {
    proof: PROOF_FORM_LABELS,
    'frequency.per': FREQUENCY_LABELS,
    'proofs.form': PROOF_FORM_LABELS,
  },
  validate: (record) => problemsOf(ownEffortRecordSchema, record),
});
