/**
 * Eigenbemühungen as records of the case (§ 15 Abs. 2 Nr. 2 SGB II): what the person does, how
 * often, and in which form it is proved; the proofs received are recorded against the frequency.
 */
import { z } from 'zod';
import { addDays, addMonths, isoDateSchema, type IsoDate } from '../common/dates';
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

/**
 * Last day of period `k` (0-based) of an effort agreed on `agreedOn`: the day before the date that
 * corresponds to the agreement's day k+1 weeks or months later (§ 188 Abs. 2 BGB with § 187 Abs. 2);
 * where that date does not exist, the last day of that month (§ 188 Abs. 3 BGB).
 */
function periodEnd(agreedOn: IsoDate, per: 'week' | 'month' | 'quarter', k: number): IsoDate {
  if (per === 'week') return addDays(agreedOn, 7 * (k + 1) - 1);
  const corresponding = addMonths(agreedOn, (per === 'month' ? 1 : 3) * (k + 1));
  return corresponding.slice(8) === agreedOn.slice(8) ? addDays(corresponding, -1) : corresponding;
}

export const OWN_EFFORT_PERIOD_STATES = ['met', 'running', 'missed'] as const;
export type OwnEffortPeriodState = (typeof OWN_EFFORT_PERIOD_STATES)[number];
export const OWN_EFFORT_PERIOD_STATE_LABELS: Readonly<Record<OwnEffortPeriodState, string>> = {
  met: 'erfüllt',
  running: 'läuft',
  missed: 'nicht erfüllt',
};

export interface OwnEffortPeriod {
  readonly from: IsoDate;
  /** Last day of the period (clamped to the end of the agreement). */
  readonly to: IsoDate;
  readonly expected: number;
  readonly proved: number;
  readonly missing: number;
  /** met: enough proofs; running: the period has not ended yet (and is not met); missed: ended short. */
  readonly state: OwnEffortPeriodState;
}

/** A period as it crosses IPC (the shape of OwnEffortPeriod). */
export const ownEffortPeriodSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  expected: z.number().int(),
  proved: z.number().int(),
  missing: z.number().int(),
  state: z.enum(OWN_EFFORT_PERIOD_STATES),
});

export interface OwnEffortProgress {
  readonly periods: OwnEffortPeriod[];
  readonly expected: number;
  readonly proved: number;
  readonly missing: number;
}

/**
 * Progress of an Eigenbemühung period by period, from the agreement up to `on` (or its end).
 * Periods are counted in calendar terms from the day of the agreement, as deadlines are
 * (§ 26 SGB X with §§ 187 Abs. 2, 188 Abs. 2 and 3 BGB): a week is seven days, a month runs to the
 * day before the same date of the next month, or to that month's end where the date does not exist
 * (31.01. → 28.02., then 01.03. → 30.03.), a quarter is three months. Each proof counts in
 * the period it was received in. 'once' is one period without an end; no frequency expects nothing.
 */
export function ownEffortProgress(
  e: Pick<OwnEffortRecord, 'frequency' | 'agreedOn' | 'endsOn' | 'proofs'>,
  on: IsoDate,
): OwnEffortProgress {
  const until = e.endsOn !== null && e.endsOn < on ? e.endsOn : on;
  const received = e.proofs.filter((p) => p.receivedOn <= until);
  const proved = received.reduce((n, p) => n + p.count, 0);
  const periods: OwnEffortPeriod[] = [];
  const f = e.frequency;
  if (f !== null && until >= e.agreedOn) {
    const bounds: { from: IsoDate; to: IsoDate; open: boolean }[] = [];
    if (f.per === 'once')
      bounds.push({ from: e.agreedOn, to: until, open: e.endsOn === null || on <= e.endsOn });
    else
      for (let k = 0; ; k += 1) {
        const from = k === 0 ? e.agreedOn : addDays(periodEnd(e.agreedOn, f.per, k - 1), 1);
        if (from > until) break;
        const natural = periodEnd(e.agreedOn, f.per, k);
        const to = e.endsOn !== null && e.endsOn < natural ? e.endsOn : natural;
        bounds.push({ from, to, open: on <= to });
      }
    for (const b of bounds) {
      const got = received
        .filter((p) => p.receivedOn >= b.from && p.receivedOn <= b.to)
        .reduce((n, p) => n + p.count, 0);
      const missing = Math.max(0, f.count - got);
      periods.push({
        from: b.from,
        to: b.to,
        expected: f.count,
        proved: got,
        missing,
        state: missing === 0 ? 'met' : b.open ? 'running' : 'missed',
      });
    }
  }
  const expected = periods.reduce((n, p) => n + p.expected, 0);
  return { periods, expected, proved, missing: Math.max(0, expected - proved) };
}

/**
 * Efforts expected and proved from the agreement up to `on` (or the end): expected = count per
 * period times the started periods; 'once' expects one. Proved = the counts of the receipts.
 */
export function ownEffortBalance(
  e: Pick<OwnEffortRecord, 'frequency' | 'agreedOn' | 'endsOn' | 'proofs'>,
  on: IsoDate,
): { expected: number; proved: number; missing: number } {
  const { expected, proved, missing } = ownEffortProgress(e, on);
  return { expected, proved, missing };
}
