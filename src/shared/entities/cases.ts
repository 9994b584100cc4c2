import { CASE_STATUS_LABELS, SUBSTITUTION_REASON_LABELS } from '../domain/case/case';
import { OFFICE_NAMES } from '../domain/case/office';
import { caseSchema } from '../domain/case/case';
import { defineEntity, field as f, problemsOf } from './define';

const s = caseSchema.shape;

/** Der Fall. For `cases` the row id IS the case id. */
export const casesEntity = defineEntity({
  name: 'cases',
  label: 'Fall',
  fields: {
    caseNumber: f.text(s.caseNumber, { policy: 'server-owned' }),
    provisionalCaseNumber: f.text(s.provisionalCaseNumber, { policy: 'set-once' }),
    personId: f.text(s.personId, { policy: 'set-once' }),
    officeId: f.text(s.officeId),
    caseworkerId: f.text(s.caseworkerId),
    phase: f.integer(s.phase),
    status: f.text(s.status),
    openedOn: f.text(s.openedOn, { policy: 'set-once' }),
    closedOn: f.text(s.closedOn),
    substitutions: f.json(s.substitutions),
    lastContactOn: f.text(s.lastContactOn),
    nextReviewOn: f.text(s.nextReviewOn),
  },
  fieldLabels: {
    caseNumber: 'Aktenzeichen',
    provisionalCaseNumber: 'Vorläufiges Aktenzeichen',
    personId: 'Person',
    officeId: 'Standort',
    caseworkerId: 'Zuständige Fachkraft',
    phase: 'Phase',
    status: 'Status',
    openedOn: 'Eröffnet am',
    closedOn: 'Abgeschlossen am',
    substitutions: 'Vertretungen',
    lastContactOn: 'Letzter Kontakt',
    nextReviewOn: 'Nächste Überprüfung',
  },
  valueLabels: {
    officeId: OFFICE_NAMES,
    status: CASE_STATUS_LABELS,
    'substitutions.reason': SUBSTITUTION_REASON_LABELS,
  },
  validate: (record) => problemsOf(caseSchema, record),
});
