/**
 * The sampled case audit (issue 15 item 2): channels for the team lead (draw a sample, read the
 * samples and an audit, judge and comment, request a correction, confirm or reopen it) and for
 * the caseworker (the open corrections of the own caseload, report one done). The roles are
 * checked in main; the renderer only chooses which screens to offer.
 */
import { z } from 'zod';
import { isoDateSchema } from '../domain/common/dates';
import { recordIdSchema } from '../domain/common/schemas';
import {
  judgementSchema,
  quarterSchema,
  sampleMethodSchema,
  sampleSeedSchema,
  sampleSizeSchema,
} from '../domain/quality/audit-sample';
import { AUDIT_STATUSES, completionNoteSchema, correctionTextSchema } from '../domain/quality/case-review';
import { CASE_SECTIONS } from '../domain/quality/quality-rules';
import { caseAuditsEntity, correctionTasksEntity, dtoSchema } from '../entities/index';

const Id = recordIdSchema;
const RowVersion = z.number().int().min(0).optional();
const auditComment = z
  .string()
  .trim()
  .max(5000, { message: 'Der Kommentar darf höchstens 5.000 Zeichen lang sein.' })
  .nullable();

export const CorrectionTaskDto = dtoSchema(correctionTasksEntity).and(
  z.object({
    caseNumber: z.string().nullable(),
    /** "Nachname, Vorname" of the case's person, where this store holds it. */
    personName: z.string().nullable(),
  }),
);
export type CorrectionTaskDto = z.infer<typeof CorrectionTaskDto>;

export const CaseAuditDto = dtoSchema(caseAuditsEntity).and(
  z.object({
    caseNumber: z.string().nullable(),
    /** The corrections requested from this audit, oldest first. */
    corrections: z.array(CorrectionTaskDto),
  }),
);
export type CaseAuditDto = z.infer<typeof CaseAuditDto>;

export const SampleDto = z.object({
  sampleId: Id,
  caseworkerId: Id,
  quarter: quarterSchema,
  seed: sampleSeedSchema,
  method: sampleMethodSchema,
  sampleSize: z.number().int(),
  drawnCaseIds: z.array(Id),
  populationCount: z.number().int(),
  populationDigest: z.string(),
  drawnAt: z.string(),
  teamLeadId: Id,
  /** One per drawn case, in the order of the draw. */
  audits: z.array(
    z.object({
      auditId: Id,
      caseId: Id,
      caseNumber: z.string().nullable(),
      status: z.enum(AUDIT_STATUSES),
      /** Items judged so far, of `items`. */
      judged: z.number().int(),
      items: z.number().int(),
      /** Items whose rule found something when the sample was drawn. */
      findings: z.number().int(),
    }),
  ),
});
export type SampleDto = z.infer<typeof SampleDto>;

export const DrawSampleInput = z.strictObject({
  caseworkerId: Id,
  /** Default: the current quarter (Berlin time). */
  quarter: quarterSchema.optional(),
  size: sampleSizeSchema,
  method: sampleMethodSchema,
  /** Default: a fresh random seed (recorded with the sample); give one to repeat a draw. */
  seed: sampleSeedSchema.optional(),
});

export const SaveAuditInput = z.strictObject({
  auditId: Id,
  /** Judgement per rule id (null: not judged yet); items not named stay as they are. */
  judgements: z.record(z.string().min(1).max(100), judgementSchema.nullable()),
  comment: auditComment.optional(),
  /** Closes the audit: every item must be judged. */
  close: z.boolean().optional(),
  expectedRowVersion: RowVersion,
});

export const RequestCorrectionInput = z.strictObject({
  auditId: Id,
  section: z.enum(CASE_SECTIONS, { error: 'Bitte den Bereich der Akte wählen.' }),
  ruleId: z.string().min(1).max(100).nullable().optional(),
  text: correctionTextSchema,
  dueOn: isoDateSchema.nullable().optional(),
});

export const ReviewCorrectionInput = z.strictObject({
  taskId: Id,
  decision: z.enum(['bestaetigt', 'wiedereroeffnet'], {
    error: 'Bitte „bestätigen“ oder „wiedereröffnen“ wählen.',
  }),
  /** Why it is reopened (kept in the history). */
  note: z.string().trim().max(5000, { message: 'Höchstens 5.000 Zeichen erlaubt.' }).nullable().optional(),
  expectedRowVersion: RowVersion,
});

export const CORRECTION_LIST_FILTERS = ['offen', 'erledigt', 'alle'] as const;
export const CorrectionListInput = z.strictObject({
  status: z.enum(CORRECTION_LIST_FILTERS, { error: 'Bitte „offen“, „erledigt“ oder „alle“ wählen.' }),
  caseId: Id.optional(),
});
export type CorrectionListFilter = z.infer<typeof CorrectionListInput>;

export const CompleteCorrectionInput = z.strictObject({
  taskId: Id,
  note: completionNoteSchema,
  expectedRowVersion: RowVersion,
});

export const qualityReviewContract = {
  /** Team lead: draws and records a sample of a caseworker's cases for a quarter. */
  'audits:draw-sample': { input: DrawSampleInput, output: SampleDto },
  /** Team lead: the samples in this store (newest quarter first). */
  'audits:samples': {
    input: z.strictObject({ caseworkerId: Id.optional(), quarter: quarterSchema.optional() }),
    output: z.array(SampleDto),
  },
  /** Team lead: one audit with its rubric and corrections. */
  'audits:get': { input: z.strictObject({ auditId: Id }), output: CaseAuditDto },
  /** Team lead: judgements, comment, closing. */
  'audits:save': { input: SaveAuditInput, output: CaseAuditDto },
  /** Team lead: requests a correction (a task in the caseworker's caseload). */
  'corrections:request': { input: RequestCorrectionInput, output: CorrectionTaskDto },
  /** Team lead: confirms or reopens a correction reported done. */
  'corrections:review': { input: ReviewCorrectionInput, output: CorrectionTaskDto },
  /** Both roles: corrections of the own caseload (caseworker) or of the team (team lead). */
  'corrections:list': { input: CorrectionListInput, output: z.array(CorrectionTaskDto) },
  /** Caseworker: reports a correction done with a note. */
  'corrections:complete': { input: CompleteCorrectionInput, output: CorrectionTaskDto },
} as const;

/** The channels above that write (a sync follows soon, like after every write channel). */
export const QUALITY_REVIEW_WRITE_CHANNELS = [
  'audits:draw-sample',
  'audits:save',
  'corrections:request',
  'corrections:review',
  'corrections:complete',
] as const;
