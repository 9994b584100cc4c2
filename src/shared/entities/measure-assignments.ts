import { ASSIGNMENT_STATUS_LABELS, OUTCOME_LABELS } from '../domain/measures/assignment';
import { MEASURE_KIND_LABELS } from '../domain/measures/catalogue.schema';
import { assignmentSchema } from '../domain/measures/assignment';
import { defineEntity, field as f, problemsOf } from './define';

const s = assignmentSchema.shape;

/** Eine Zuweisung (or referral) to a measure, through the domain's status machine. */
export const measureAssignmentsEntity = defineEntity({
  name: 'measure_assignments',
  label: 'Maßnahmezuweisung',
  fields: {
    measureId: f.text(s.measureId, { policy: 'set-once' }),
    measureTitle: f.text(s.measureTitle, { policy: 'set-once' }),
    catalogueVersion: f.text(s.catalogueVersion, { policy: 'set-once' }),
    kind: f.text(s.kind, { policy: 'set-once' }),
    needIds: f.json(s.needIds),
    goalId: f.text(s.goalId),
    provider: f.json(s.provider),
    plannedStart: f.text(s.plannedStart),
    plannedEnd: f.text(s.plannedEnd),
    withLegalConsequencesNotice: f.boolean(s.withLegalConsequencesNotice),
    status: f.text(s.status),
    proposedOn: f.text(s.proposedOn, { policy: 'set-once' }),
    assignedOn: f.text(s.assignedOn),
    startedOn: f.text(s.startedOn),
    endedOn: f.text(s.endedOn),
    outcome: f.json(s.outcome),
    history: f.json(s.history),
  },
  fieldLabels: {
    measureId: 'Maßnahme',
    measureTitle: 'Titel der Maßnahme',
    catalogueVersion: 'Stand des Maßnahmekatalogs',
    kind: 'Art (Zuweisung oder Überleitung)',
    needIds: 'Handlungsbedarfe',
    goalId: 'Ziel',
    provider: 'Träger',
    plannedStart: 'Geplanter Beginn',
    plannedEnd: 'Geplantes Ende',
    withLegalConsequencesNotice: 'Mit Rechtsfolgenbelehrung',
    status: 'Status',
    proposedOn: 'Vorgeschlagen am',
    assignedOn: 'Zugewiesen am',
    startedOn: 'Angetreten am',
    endedOn: 'Beendet am',
    outcome: 'Ergebnis',
    history: 'Verlauf',
  },
  valueLabels: {
    kind: MEASURE_KIND_LABELS,
    status: ASSIGNMENT_STATUS_LABELS,
    'outcome.code': OUTCOME_LABELS,
    'history.from': ASSIGNMENT_STATUS_LABELS,
    'history.to': ASSIGNMENT_STATUS_LABELS,
  },
  validate: (record) => problemsOf(assignmentSchema, record),
});
