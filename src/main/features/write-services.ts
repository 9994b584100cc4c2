import { createCaseRecordsService } from './case-records/case-records.service';
import type { ServiceDeps } from './common/service-kit';

/** The feature services behind the write channels (besides the cases service), built from one set of deps. */
export function createWriteServices(deps: ServiceDeps) {
  return {
    caseRecords: createCaseRecordsService(deps),
  };
}

export type WriteServices = ReturnType<typeof createWriteServices>;
