import type { AssignmentEvent } from '../../../shared/domain/measures/assignment';
import type { Handlers } from '../../ipc/dispatch';
import type { MeasureProposal, MeasuresService } from './measures.service';

/** IPC handlers of measure assignments and the wizard (inputs already parsed by dispatch). */
export function measuresHandlers(
  measures: MeasuresService,
): Pick<
  Handlers,
  'measures:propose' | 'measures:transition' | 'measures:extend' | 'measures:candidates' | 'measures:list'
> {
  return {
    'measures:propose': ({ caseId, values, facts }) =>
      measures.propose(caseId, values as MeasureProposal, facts),
    'measures:transition': ({ assignmentId, event, on, expectedRowVersion }) =>
      measures.transition(assignmentId, event as AssignmentEvent, on, expectedRowVersion),
    'measures:extend': ({ assignmentId, plannedEnd, ...options }) =>
      measures.extend(assignmentId, plannedEnd, options),
    'measures:candidates': (query) => measures.candidates(query),
    'measures:list': ({ caseId }) => measures.list(caseId),
  };
}
