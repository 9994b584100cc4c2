import type { AssignmentEvent } from '../../../shared/domain/measures/assignment';
import type { Handlers } from '../../ipc/dispatch';
import type { MeasureProposal, MeasuresService } from './measures.service';

/** IPC handlers of measure assignments (inputs already parsed by dispatch). */
export function measuresHandlers(
  measures: MeasuresService,
): Pick<Handlers, 'measures:propose' | 'measures:transition'> {
  return {
    'measures:propose': ({ caseId, values }) => measures.propose(caseId, values as MeasureProposal),
    'measures:transition': ({ assignmentId, event, on, expectedRowVersion }) =>
      measures.transition(assignmentId, event as AssignmentEvent, on, expectedRowVersion),
  };
}
