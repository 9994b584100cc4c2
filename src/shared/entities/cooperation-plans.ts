import { COMPANION_LANGUAGE_LABELS } from '../domain/plan/plan-texts';
import {
  cooperationPlanSchema,
  FREQUENCY_LABELS,
  PROOF_FORM_LABELS,
  RESPONSIBLE_LABELS,
} from '../domain/plan/cooperation-plan';
import { defineEntity, field as f } from './define';

const s = cooperationPlanSchema.shape;

/** Der Kooperationsplan being worked on; handed-over versions are plan_handovers. */
export const cooperationPlansEntity = defineEntity({
  name: 'cooperation_plans',
  label: 'Kooperationsplan',
  fields: {
    planDate: f.text(s.planDate),
    goal: f.text(s.goal, { policy: 'text-merge' }),
    mainSteps: f.json(s.mainSteps),
    points: f.json(s.points),
    ownEfforts: f.json(s.ownEfforts),
    measures: f.json(s.measures),
    personalOffer: f.text(s.personalOffer, { policy: 'text-merge' }),
    reviewDueOn: f.text(s.reviewDueOn),
    companionLanguage: f.text(s.companionLanguage),
  },
  fieldLabels: {
    planDate: 'Datum des Plans',
    goal: 'Ziel',
    mainSteps: 'Wesentliche Schritte',
    points: 'Punkte nach § 15 Abs. 2 SGB II',
    ownEfforts: 'Eigenbemühungen',
    measures: 'Maßnahmen',
    personalOffer: 'Persönliches Angebot',
    reviewDueOn: 'Überprüfung fällig am',
    companionLanguage: 'Sprache der Übersetzungsseite',
  },
  valueLabels: {
    companionLanguage: COMPANION_LANGUAGE_LABELS,
    'mainSteps.responsible': RESPONSIBLE_LABELS,
    'ownEfforts.frequency.per': FREQUENCY_LABELS,
    'ownEfforts.proof': PROOF_FORM_LABELS,
  },
});
