/**
 * The forms of the Eigenbemühungen: what, how often and which proof (own-efforts:create), and a
 * proof received (own-efforts:record-proof). Dates are typed in German (TT.MM.JJJJ); the rules are
 * those of the one record definition (ownEffortRecordSchema, proofReceiptSchema).
 */
import { z } from 'zod';
import type { FormCheck } from '../../forms/ipc-form';
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import { PROOF_FORMS } from '../../../../shared/domain/plan/cooperation-plan';
import {
  ownEffortRecordSchema,
  proofReceiptSchema,
  type OwnEffortRecord,
  type ProofReceipt,
} from '../../../../shared/domain/plan/own-effort';

export const FREQUENCY_PERIODS = ['week', 'month', 'quarter', 'once'] as const;

/** What the effort form holds, as typed: the record's fields as text, the frequency as count and period. */
export type OwnEffortFormValues = {
  [K in keyof Pick<OwnEffortRecord, 'description' | 'proof' | 'agreedOn' | 'endsOn'>]: string;
} & { count: string; per: string };

export type OwnEffortValues = Pick<
  OwnEffortRecord,
  'description' | 'frequency' | 'proof' | 'agreedOn' | 'endsOn' | 'planId'
>;

/** The fields the caseworker types, with the record definition's own rules. */
const effortFields = z.object({
  description: ownEffortRecordSchema.shape.description,
  frequency: ownEffortRecordSchema.shape.frequency,
  proof: ownEffortRecordSchema.shape.proof,
  agreedOn: ownEffortRecordSchema.shape.agreedOn,
  endsOn: ownEffortRecordSchema.shape.endsOn,
});

/** Checks the effort form: frequency and proof are what make an Eigenbemühung checkable. */
export function checkOwnEffortForm(v: OwnEffortFormValues): FormCheck<OwnEffortValues> {
  const errors: Record<string, string> = {};
  const agreed = parseGermanDate(v.agreedOn);
  if (!agreed.ok) errors['agreedOn'] = agreed.message;
  const ends = v.endsOn.trim() === '' ? null : parseGermanDate(v.endsOn);
  if (ends && !ends.ok) errors['endsOn'] = ends.message;
  const count = Number(v.count);
  if (v.count.trim() === '' || !Number.isInteger(count) || count < 1)
    errors['count'] = 'Bitte angeben, wie oft (mindestens einmal).';
  else if (count > 50) errors['count'] = 'Höchstens 50 Mal je Zeitraum.';
  if (!(FREQUENCY_PERIODS as readonly string[]).includes(v.per)) errors['per'] = 'Bitte den Zeitraum wählen.';
  if (!(PROOF_FORMS as readonly string[]).includes(v.proof)) errors['proof'] = 'Bitte den Nachweis wählen.';
  else if (agreed.ok && ends?.ok && ends.value < agreed.value)
    errors['endsOn'] = 'Das Ende liegt vor der Vereinbarung.';
  const parsed = effortFields.safeParse({
    description: v.description,
    frequency: { count, per: v.per },
    proof: v.proof,
    agreedOn: agreed.ok ? agreed.value : '2000-01-01',
    endsOn: ends?.ok ? ends.value : null,
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (key === 'description') errors[key] ??= issue.message;
    }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  const { description, frequency, proof, agreedOn, endsOn } = parsed.data;
  return { ok: true, values: { description, frequency, proof, agreedOn, endsOn, planId: null } };
}

/** What the proof form holds, as typed. */
export interface ProofFormValues {
  receivedOn: string;
  form: string;
  count: string;
  note: string;
}

/** Checks a proof received; it cannot be from before the agreement. */
export function checkProofForm(v: ProofFormValues, agreedOn: string): FormCheck<ProofReceipt> {
  const errors: Record<string, string> = {};
  const day = parseGermanDate(v.receivedOn);
  if (!day.ok) errors['receivedOn'] = day.message;
  else if (day.value < agreedOn)
    errors['receivedOn'] = 'Ein Nachweis kann nicht vor der Vereinbarung eingegangen sein.';
  const parsed = proofReceiptSchema.safeParse({
    receivedOn: day.ok ? day.value : '2000-01-01',
    form: v.form || undefined,
    count: v.count.trim() === '' ? undefined : Number(v.count),
    note: v.note.trim() === '' ? null : v.note,
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      errors[key] ??=
        key === 'form'
          ? 'Bitte die Form des Nachweises wählen.'
          : key === 'count'
            ? 'Bitte eine Anzahl von 1 bis 200 angeben.'
            : issue.message;
    }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, values: parsed.data };
}
