import { createAssessmentsService } from './assessments/assessments.service';
import { createCaseRecordsService } from './case-records/case-records.service';
import type { ServiceDeps } from './common/service-kit';
import { createGoalsService } from './goals/goals.service';
import { createMeasuresService } from './measures/measures.service';
import { createPlansService } from './plans/plans.service';
import { createPlanPrintService, type PlanPrintDeps } from './plans/print/plan-print.service';

/** The feature services behind the write channels (besides the cases service), built from one set of deps. */
export function createWriteServices(
  deps: ServiceDeps & Pick<PlanPrintDeps, 'pdf' | 'templates' | 'printDialog'>,
) {
  const plans = createPlansService(deps);
  return {
    caseRecords: createCaseRecordsService(deps),
    assessments: createAssessmentsService(deps),
    goals: createGoalsService(deps),
    measures: createMeasuresService(deps),
    plans,
    planPrint: createPlanPrintService(deps, plans),
  };
}

export type WriteServices = ReturnType<typeof createWriteServices>;
