/**
 * Eigenbemühungen as records of the case (§ 15 Abs. 2 Nr. 2 SGB II): what the person does, how
 * often, and in which form it is proved; the proofs received are recorded against the frequency.
 */
import { z } from 'zod';
import { addDays, isoDateSchema, type IsoDate } from '../common/dates';
import { recordIdSchema } from '../common/schemas';
import { ownEffortSchema, PROOF_FORMS } from './cooperation-plan';

export const proofReceiptSchema = z.strictObject({
  receivedOn: isoDateSchema,
  form: z.enum(PROOF_FORMS),
  /** How many efforts the proof covers (e.g. 4 applications on one list). */
  count: z.number().int().min(1).max(200).default(1),
  note: z.string().trim().max(500).nullable().default(null),
});
export type ProofReceipt = z.output<typeof proofReceiptSchema>;

export const ownEffortRecordSchema = z
  .strictObject({
    id: recordIdSchema,
    caseId: recordIdSchema,
    /** The plan the effort was agreed in (null: agreed outside a plan). */
    planId: recordIdSchema.nullable().default(null),
    description: ownEffortSchema.shape.description,
    frequency: ownEffortSchema.shape.frequency,
    proof: ownEffortSchema.shape.proof,
    agreedOn: isoDateSchema,
    endsOn: isoDateSchema.nullable().default(null),
    proofs: z.array(proofReceiptSchema).max(500).default([]),
  })
  .superRefine((e, ctx) => {
    if (e.endsOn !== null && e.endsOn < e.agreedOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'Das Ende liegt vor der Vereinbarung.' });
    e.proofs.forEach((p, i) => {
      if (p.receivedOn < e.agreedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['proofs', i, 'receivedOn'],
          message: 'Ein Nachweis kann nicht vor der Vereinbarung eingegangen sein.',
        });
    });
  });
export type OwnEffortRecord = z.output<typeof ownEffortRecordSchema>;

const PERIOD_DAYS = { week: 7, month: 30, quarter: 91 } as const;

/**
 * Efforts expected and proved from the agreement up to `on` (or the end): expected = count per
 * period times the started periods; 'once' expects one. Proved = the counts of the receipts.
 */
export function ownEffortBalance(
  e: Pick<OwnEffortRecord, 'frequency' | 'agreedOn' | 'endsOn' | 'proofs'>,
  on: IsoDate,
): { expected: number; proved: number; missing: number } {
  const until = e.endsOn !== null && e.endsOn < on ? e.endsOn : on;
  const proved = e.proofs.filter((p) => p.receivedOn <= until).reduce((n, p) => n + p.count, 0);
  let expected = 0;
  if (e.frequency !== null && until >= e.agreedOn) {
    if (e.frequency.per === 'once') expected = e.frequency.count;
    else {
      const days = PERIOD_DAYS[e.frequency.per];
      let periods = 0;
      for (let start = e.agreedOn; start <= until; start = addDays(start, days)) periods += 1;
      expected = periods * e.frequency.count;
    }
  }
  return { expected, proved, missing: Math.max(0, expected - proved) };
}
