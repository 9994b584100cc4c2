/** Builders for tests of the assessment and of what builds on it (hints, strategies, scenarios). */
import { createAssessment, type Assessment, type CriterionEntry } from './assessment';
import { defaultCriteriaCatalogue } from './criteria';

export const FIXTURE_DAY = '2026-03-02';

/** One criterion entry recorded in conversation on FIXTURE_DAY; no strength, no need unless given. */
export function entryFixture(criterionId: string, extra: Partial<CriterionEntry> = {}): CriterionEntry {
  return {
    criterionId,
    strength: null,
    need: null,
    functionalLimitations: null,
    evidenceSources: ['conversation'],
    recordedOn: FIXTURE_DAY,
    recordedBy: 'ifk-1',
    note: '',
    ...extra,
  };
}

/** A draft assessment of the default catalogue with the given fields replaced. */
export function assessmentFixture(patch: Partial<Assessment> = {}): Assessment {
  return {
    ...createAssessment({
      id: 'pa-1',
      caseId: 'c-1',
      createdOn: FIXTURE_DAY,
      createdBy: 'ifk-1',
      catalogue: defaultCriteriaCatalogue,
    }),
    ...patch,
  };
}
