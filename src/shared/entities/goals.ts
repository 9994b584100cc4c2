import { GOAL_TYPE_LABELS } from '../domain/goals/goal';
import { goalSchema } from '../domain/goals/goal';
import { defineEntity, field as f, problemsOf } from './define';

const s = goalSchema.shape;

/** Das Ziel (4PM phase 2) with its intermediate goals. */
export const goalsEntity = defineEntity({
  name: 'goals',
  label: 'Ziel',
  fields: {
    type: f.text(s.type),
    description: f.text(s.description, { policy: 'text-merge' }),
    targetOccupation: f.json(s.targetOccupation),
    targetDate: f.text(s.targetDate),
    assessmentId: f.text(s.assessmentId),
    createdOn: f.text(s.createdOn, { policy: 'set-once' }),
    createdBy: f.text(s.createdBy, { policy: 'set-once', column: 'author_id' }),
    intermediateGoals: f.json(s.intermediateGoals),
  },
  fieldLabels: {
    type: 'Zielart',
    description: 'Ziel in Worten',
    targetOccupation: 'Zielberuf',
    targetDate: 'Zieldatum',
    assessmentId: 'Potenzialanalyse',
    createdOn: 'Festgelegt am',
    createdBy: 'Festgelegt von',
    intermediateGoals: 'Zwischenziele',
  },
  valueLabels: { type: GOAL_TYPE_LABELS },
  validate: (record) => problemsOf(goalSchema, record),
});
