import type { Handlers } from '../../ipc/dispatch';
import type { AssessmentDraftChanges, AssessmentsService, EntryInput } from './assessments.service';

type Channels =
  | 'assessments:list'
  | 'assessments:create-draft'
  | 'assessments:record-entry'
  | 'assessments:remove-entry'
  | 'assessments:update-draft'
  | 'assessments:finalize'
  | 'assessments:override-profile'
  | 'assessments:amend';

/** IPC handlers of the Potenzialanalyse (inputs already parsed by dispatch). */
export function assessmentsHandlers(assessments: AssessmentsService): Pick<Handlers, Channels> {
  return {
    'assessments:list': ({ caseId }) => assessments.history(caseId),
    'assessments:create-draft': ({ caseId, values }) =>
      assessments.createDraft(caseId, values as AssessmentDraftChanges),
    'assessments:record-entry': ({ assessmentId, entry, expectedRowVersion }) =>
      assessments.recordEntry(assessmentId, entry as EntryInput, expectedRowVersion),
    'assessments:remove-entry': ({ assessmentId, criterionId, expectedRowVersion }) =>
      assessments.removeEntry(assessmentId, criterionId, expectedRowVersion),
    'assessments:update-draft': ({ assessmentId, changes, expectedRowVersion }) =>
      assessments.updateDraft(assessmentId, changes as AssessmentDraftChanges, expectedRowVersion),
    'assessments:finalize': ({ assessmentId, expectedRowVersion }) =>
      assessments.finalize(assessmentId, expectedRowVersion),
    'assessments:override-profile': ({ assessmentId, override, expectedRowVersion }) =>
      assessments.overrideProfile(assessmentId, override, expectedRowVersion),
    'assessments:amend': ({ assessmentId, reason }) => assessments.amend(assessmentId, reason),
  };
}
