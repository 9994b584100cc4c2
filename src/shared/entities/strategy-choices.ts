import { strategyChoiceSchema } from '../domain/goals/strategies';
import { defineEntity, field as f } from './define';

const s = strategyChoiceSchema.shape;

/** Eine gewählte Handlungsstrategie (4PM phase 3), serving recorded needs. */
export const strategyChoicesEntity = defineEntity({
  name: 'strategy_choices',
  label: 'Handlungsstrategie',
  fields: {
    assessmentId: f.text(s.assessmentId),
    goalId: f.text(s.goalId),
    strategyId: f.text(s.strategyId, { policy: 'set-once' }),
    servesNeeds: f.json(s.servesNeeds),
    note: f.text(s.note, { policy: 'text-merge' }),
    chosenOn: f.text(s.chosenOn, { policy: 'set-once' }),
    chosenBy: f.text(s.chosenBy, { policy: 'set-once' }),
  },
  fieldLabels: {
    assessmentId: 'Potenzialanalyse',
    goalId: 'Ziel',
    strategyId: 'Strategie',
    servesNeeds: 'Handlungsbedarfe',
    note: 'Anmerkung',
    chosenOn: 'Gewählt am',
    chosenBy: 'Gewählt von',
  },
});
