import type { Handlers } from '../../ipc/dispatch';
import type { PhaseService } from './phase.service';

/** IPC handlers of the case's phase: the check with its German explanation and the advance. */
export function phaseHandlers(
  phase: PhaseService,
): Pick<Handlers, 'cases:phase-check' | 'cases:advance-phase'> {
  return {
    'cases:phase-check': ({ caseId }) => phase.check(caseId),
    'cases:advance-phase': ({ caseId, expectedRowVersion }) => phase.advance(caseId, expectedRowVersion),
  };
}
