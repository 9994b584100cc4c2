import type { Handlers } from '../../ipc/dispatch';
import type { OwnEffortInput, PlanInput, PlansService, ProofInput } from './plans.service';
import type { PlanPrintService } from './print/plan-print.service';

type Channels =
  | 'own-efforts:create'
  | 'own-efforts:record-proof'
  | 'plans:save-draft'
  | 'plans:hand-over'
  | 'plans:preview'
  | 'plans:missing'
  | 'plans:document'
  | 'plans:reprint'
  | 'plans:print'
  | 'plans:for-case';

const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** IPC handlers of own efforts and cooperation plans (inputs already parsed by dispatch). */
export function plansHandlers(plans: PlansService, print: PlanPrintService): Pick<Handlers, Channels> {
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
    'plans:hand-over': ({ planId, form, expectedRowVersion, contact }) =>
      print.handOver(planId, form, {
        ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
        contact: contact ?? null,
      }),
    'plans:preview': ({ planId, contact }) => print.preview(planId, contact ?? null),
    'plans:missing': async ({ planId }) => ({ missing: await print.missing(planId) }),
    'plans:document': async ({ handoverId }) => {
      const d = await print.document(handoverId);
      return { pdfBase64: base64(d.pdf), sha256: d.sha256, byteLength: d.byteLength };
    },
    'plans:reprint': async ({ handoverId }) => {
      const d = await print.reprint(handoverId);
      return { pdfBase64: base64(d.pdf), sha256: d.sha256, byteLength: d.byteLength, notice: d.notice };
    },
    'plans:print': ({ handoverId, copy }) => print.openForPrinting(handoverId, copy),
    'plans:for-case': ({ caseId }) => print.forCase(caseId),
  };
}
