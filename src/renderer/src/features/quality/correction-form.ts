/** The team lead's request of a correction (audit page): typed values -> corrections:request input. */
import type { z } from 'zod';
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import { RequestCorrectionInput } from '../../../../shared/ipc/quality-review-contract';
import { zodValidate, type FormCheck } from '../../forms/ipc-form';

/** What the form holds: every field as typed text ('' for none; the rubric item as its rule id). */
export type CorrectionFormValues = Record<
  keyof Pick<z.input<typeof RequestCorrectionInput>, 'section' | 'ruleId' | 'text' | 'dueOn'>,
  string
>;

/** The German due date and the contract's rules; the input for corrections:request or errors per field. */
export function checkCorrectionForm(
  auditId: string,
  v: CorrectionFormValues,
): FormCheck<z.output<typeof RequestCorrectionInput>> {
  let dueOn: string | null = null;
  if (v.dueOn.trim() !== '') {
    const parsed = parseGermanDate(v.dueOn);
    if (!parsed.ok) return { ok: false, errors: { dueOn: parsed.message } };
    dueOn = parsed.value;
  }
  const input = {
    auditId,
    section: v.section,
    ...(v.ruleId !== '' ? { ruleId: v.ruleId } : {}),
    text: v.text,
    dueOn,
  };
  const errors = zodValidate(RequestCorrectionInput)(input);
  const messages = Object.entries(errors).map(([path, message]) => [path, String(message)]);
  if (messages.length > 0) return { ok: false, errors: Object.fromEntries(messages) };
  return { ok: true, values: RequestCorrectionInput.parse(input) };
}
