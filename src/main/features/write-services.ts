import { createAssessmentsService } from './assessments/assessments.service';
import { createCaseRecordsReads } from './case-records/case-records.reads';
import { createCaseRecordsService } from './case-records/case-records.service';
import { createPhaseService } from './cases/phase.service';
import type { ServiceDeps } from './common/service-kit';
import { createGoalsService } from './goals/goals.service';
import { createMeasuresService } from './measures/measures.service';
import { createPlansService } from './plans/plans.service';
import { createPlanPrintService, type PlanPrintDeps } from './plans/print/plan-print.service';

/** The feature services behind the write channels (besides the cases service), built from one set of deps. */
export function createWriteServices(
  deps: ServiceDeps & Pick<PlanPrintDeps, 'pdf' | 'templates' | 'printDialog' | 'contacts' | 'fetchDocument'>,
) {
  const plans = createPlansService(deps);
  return {
    caseRecords: createCaseRecordsService(deps),
    assessments: createAssessmentsService(deps),
    goals: createGoalsService(deps),
    measures: createMeasuresService(deps),
    plans,
    planPrint: createPlanPrintService(deps, plans),
    phase: createPhaseService(deps),
    /** Read side of the everyday records (day view, next appointments, contacts, duplicates). */
    recordReads: createCaseRecordsReads(deps),
  };
}

export type WriteServices = ReturnType<typeof createWriteServices>;
