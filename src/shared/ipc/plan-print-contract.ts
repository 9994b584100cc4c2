/**
 * The channels of the printed Kooperationsplan besides the hand-over (a write channel): the
 * preview (the HTML the PDF is made from, with what still blocks the hand-over), the missing
 * list, the stored PDF of a handed-over version and its reprint ("Ausfertigung vom …").
 * PDF bytes cross IPC as base64 (the browser bridge speaks JSON).
 */
import { z } from 'zod';
import { recordIdSchema } from '../domain/common/schemas';
import { REGIME_IDS } from '../domain/legal/legal-regimes';
import { CooperationPlanDto, hostileValueProblem, PlanContactInput, PlanHandoverDto } from './write-contract';

const Id = recordIdSchema;
const guarded = <S extends z.ZodType>(schema: S): S =>
  schema.superRefine((value, ctx) => {
    const problem = hostileValueProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }) as unknown as S;

const Problem = z.object({ field: z.string(), message: z.string() });
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export { PlanContactInput };

export const PlanPreviewInput = guarded(z.strictObject({ planId: Id, contact: PlanContactInput.optional() }));
export const PlanPreview = z.object({
  html: z.string(),
  missing: z.array(Problem),
  regimeId: z.enum(REGIME_IDS),
  templateVersion: z.string(),
  /** Which letterhead fields of the office are demo data without a source (null: none). */
  officeNote: z.string().nullable(),
});
export const PlanDocument = z.object({ pdfBase64: Base64, sha256: Sha256, byteLength: z.number().int() });

/** The case's current plan (null before the first draft) and its handed-over versions, newest first. */
export const CasePlan = z.object({
  plan: CooperationPlanDto.nullable(),
  handovers: z.array(PlanHandoverDto),
});

export const planPrintContract = {
  'plans:for-case': { input: guarded(z.strictObject({ caseId: Id })), output: CasePlan },
  'plans:preview': { input: PlanPreviewInput, output: PlanPreview },
  'plans:missing': {
    input: guarded(z.strictObject({ planId: Id })),
    output: z.object({ missing: z.array(Problem) }),
  },
  'plans:document': { input: guarded(z.strictObject({ handoverId: Id })), output: PlanDocument },
  'plans:reprint': {
    input: guarded(z.strictObject({ handoverId: Id })),
    output: PlanDocument.extend({ notice: z.string() }),
  },
  /** Desktop app: the stored PDF (or its reprint) in the viewer for the system print dialog. */
  'plans:print': {
    input: guarded(z.strictObject({ handoverId: Id, copy: z.boolean() })),
    output: z.null(),
  },
} as const;

export const PLAN_PRINT_CHANNELS = Object.keys(planPrintContract) as (keyof typeof planPrintContract)[];
