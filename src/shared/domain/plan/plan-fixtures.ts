/**
 * Plans for tests of printing (domain, main and PDF tests): a complete plan under each regime, and
 * one with a health term typed into a step. Test-only; nothing in the app imports it.
 */
import { cooperationPlanSchema, type CooperationPlan, type CooperationPlanInput } from './cooperation-plan';

export function printablePlan(patch: Partial<CooperationPlanInput> = {}): CooperationPlan {
  return cooperationPlanSchema.parse({
    id: 'plan-print-1',
    caseId: 'case-print-1',
    planDate: '2026-03-02',
    goal: 'Arbeit als Fachkraft für Lagerlogistik in Torgau',
    mainSteps: [
      { text: 'Gabelstaplerschein erwerben', dueOn: '2026-05-15', responsible: 'person' },
      { text: 'Lebenslauf gemeinsam überarbeiten', dueOn: '2026-03-20', responsible: 'gemeinsam' },
      { text: 'Vermittlungsvorschläge im Bereich Lager senden', dueOn: null, responsible: 'jobcenter' },
    ],
    points: {
      supportServices: { state: 'answered', text: 'Maßnahme bei einem Arbeitgeber (MAG), sechs Wochen' },
      ownEfforts: { state: 'answered', text: 'Bewerbungen wie in der Tabelle unten' },
      languageCoursePriority: { state: 'not_applicable', note: '' },
      otherAgencies: { state: 'not_applicable', note: 'keine' },
      targetActivities: { state: 'answered', text: 'Lager und Logistik, auch Kommissionierung' },
      rehabilitationNeed: { state: 'not_applicable', note: '' },
    },
    ownEfforts: [
      {
        description: 'Bewerbungen auf Stellen im Lager',
        frequency: { count: 4, per: 'month' },
        proof: 'bewerbungsliste',
      },
      {
        description: 'Termin bei der Berufsberatung',
        frequency: { count: 1, per: 'once' },
        proof: 'teilnahmebescheinigung',
      },
    ],
    measures: [{ assignmentId: null, measureId: 'mag', title: 'Maßnahme bei einem Arbeitgeber (MAG)' }],
    personalOffer: 'Wir begleiten Sie bei Bewerbungen und vermitteln Ihnen passende Stellen.',
    reviewDueOn: '2026-08-31',
    companionLanguage: null,
    ...patch,
  });
}
