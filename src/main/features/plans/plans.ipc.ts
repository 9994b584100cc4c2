import type { Handlers } from '../../ipc/dispatch';
import type { OwnEffortInput, PlanInput, PlansService, ProofInput } from './plans.service';

type Channels = 'own-efforts:create' | 'own-efforts:record-proof' | 'plans:save-draft' | 'plans:hand-over';

/** IPC handlers of own efforts and cooperation plans (inputs already parsed by dispatch). */
export function plansHandlers(plans: PlansService): Pick<Handlers, Channels> {
  return {
    'own-efforts:create': ({ caseId, values }) => plans.createOwnEffort(caseId, values as OwnEffortInput),
    'own-efforts:record-proof': ({ ownEffortId, proof, expectedRowVersion }) =>
      plans.recordProof(ownEffortId, proof as ProofInput, expectedRowVersion),
    'plans:save-draft': (input) =>
      plans.saveDraft(
        'caseId' in input
          ? { caseId: input.caseId, values: input.values as PlanInput }
          : {
              planId: input.planId,
              changes: input.changes as PlanInput,
              ...(input.expectedRowVersion === undefined
                ? {}
                : { expectedRowVersion: input.expectedRowVersion }),
            },
      ),
    'plans:hand-over': ({ planId, form, expectedRowVersion }) =>
      plans.handOver(planId, form, expectedRowVersion),
  };
}
