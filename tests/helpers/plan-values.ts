/**
 * A complete, printable plan draft (plans:save-draft `values`): one main step, every § 15 Abs. 2
 * point decided, a review date. Tests that only need a plan to hand over start from it.
 */
export function handOverablePlanValues(overrides: Record<string, unknown> = {}) {
  return {
    planDate: '2026-03-02',
    goal: 'Arbeit im Lager',
    mainSteps: [{ text: 'Bewerbungen schreiben', responsible: 'person' }],
    points: {
      supportServices: { state: 'not_applicable' },
      ownEfforts: { state: 'not_applicable' },
      languageCoursePriority: { state: 'not_applicable' },
      otherAgencies: { state: 'not_applicable' },
      targetActivities: { state: 'answered', text: 'Lager' },
      rehabilitationNeed: { state: 'not_applicable' },
    },
    reviewDueOn: '2026-08-01',
    ...overrides,
  } as never;
}
