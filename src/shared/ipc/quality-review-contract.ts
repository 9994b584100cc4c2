/**
 * The sampled case audit (issue 15 item 2): channels for the team lead (draw a sample, read the
 * samples and an audit, judge and comment, request a correction, confirm or reopen it) and for
 * the caseworker (the open corrections of the own caseload, report one done). The roles are
 * checked in main; the renderer only chooses which screens to offer.
 */
import { z } from 'zod';
import { recordIdSchema } from '../domain/common/schemas';
import { judgementSchema, quarterSchema, sampleSizeSchema } from '../domain/quality/audit-sample';
import {
  AUDIT_STATUSES,
  caseAuditShapeSchema,
  completionNoteSchema,
  correctionTaskShapeSchema,
} from '../domain/quality/case-review';
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

/** A sample: how it was drawn (the audit record's own fields) and its audits in draw order. */
export const SampleDto = caseAuditShapeSchema
  .pick({
    sampleId: true,
    caseworkerId: true,
    quarter: true,
    seed: true,
    method: true,
    sampleSize: true,
    drawnCaseIds: true,
    populationCount: true,
    populationDigest: true,
    drawnAt: true,
    teamLeadId: true,
  })
  .extend({
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

/** Whose sample, which quarter (default: the current one, Berlin time), how drawn; seed default: fresh. */
export const DrawSampleInput = caseAuditShapeSchema
  .pick({ caseworkerId: true, quarter: true, method: true, seed: true })
  .partial({ quarter: true, seed: true })
  .extend({ size: sampleSizeSchema })
  .strict();

export const SaveAuditInput = z.strictObject({
  auditId: Id,
  /** Judgement per rule id (null: not judged yet); items not named stay as they are. */
  judgements: z.record(z.string().min(1).max(100), judgementSchema.nullable()),
  comment: auditComment.optional(),
  /** Closes the audit: every item must be judged. */
  close: z.boolean().optional(),
  expectedRowVersion: RowVersion,
});

/** The correction asked for: the section of the case, what to correct, optionally the rubric item and a date. */
export const RequestCorrectionInput = correctionTaskShapeSchema
  .pick({ auditId: true, section: true, ruleId: true, text: true, dueOn: true })
  .partial({ ruleId: true, dueOn: true })
  .strict();

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
