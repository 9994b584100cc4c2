import type { SyncStatusDto } from '../../shared/ipc/sync-contract';
import { createAssessmentsService } from './assessments/assessments.service';
import { createCaseRecordsReads } from './case-records/case-records.reads';
import { createCaseRecordsService } from './case-records/case-records.service';
import { createPhaseService } from './cases/phase.service';
import type { ServiceDeps } from './common/service-kit';
import { createGoalsService } from './goals/goals.service';
import { createMeasuresService } from './measures/measures.service';
import { createPlansService } from './plans/plans.service';
import { createPlanPrintService, type PlanPrintDeps } from './plans/print/plan-print.service';
import { createChromiumPdfRenderer } from './plans/print/chromium-pdf-renderer';
import { createOutreachService, type OutreachDeps } from './outreach/outreach.service';

/** The sync status where no sync port is given (services built for tests of other features). */
const NO_SERVER_STATUS: SyncStatusDto = {
  configured: false,
  state: 'not_configured',
  lastSuccessAt: null,
  lastAttemptAt: null,
  nextAttemptAt: null,
  pendingCount: 0,
  rejectionCount: 0,
  conflictCount: 0,
  error: null,
  firstSync: null,
  clockSkewMs: null,
  dataChanges: { version: 0, recent: [] },
};

/** The feature services behind the write channels (besides the cases service), built from one set of deps. */
export function createWriteServices(
  deps: ServiceDeps &
    Pick<PlanPrintDeps, 'pdf' | 'templates' | 'printDialog' | 'contacts' | 'fetchDocument'> &
    Partial<Pick<OutreachDeps, 'sync' | 'battery'>>,
) {
  const plans = createPlansService(deps);
  // one PDF renderer (one browser) for the plan and the outreach day's consent forms
  const pdf = deps.pdf ?? createChromiumPdfRenderer();
  return {
    /** The PDF renderer the services share (also prints the quality report). */
    pdf,
    caseRecords: createCaseRecordsService(deps),
    assessments: createAssessmentsService(deps),
    goals: createGoalsService(deps),
    measures: createMeasuresService(deps),
    plans,
    planPrint: createPlanPrintService({ ...deps, pdf }, plans),
    /** "Außentermin vorbereiten": readiness, consent forms, pre-release contacts, duplicates. */
    outreach: createOutreachService({
      ...deps,
      pdf,
      sync: deps.sync ?? { status: async () => ({ ...NO_SERVER_STATUS }) },
    }),
    phase: createPhaseService(deps),
    /** Read side of the everyday records (day view, next appointments, contacts, duplicates). */
    recordReads: createCaseRecordsReads(deps),
  };
}

export type WriteServices = ReturnType<typeof createWriteServices>;
