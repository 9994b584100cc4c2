/** „Verlängern“ of a measure (Maßnahmen): typed values -> the input of measures:extend, or errors. */
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import type { FormCheck } from '../../forms/ipc-form';

/** What the form holds, as typed: the new planned end and the day of the extension ('' = today). */
export interface MeasureExtensionFormValues {
  readonly plannedEnd: string;
  readonly on: string;
}

/** German dates to ISO; the new end is required, the day optional. The rules of an extension are the service's. */
export function checkMeasureExtensionForm(
  v: MeasureExtensionFormValues,
): FormCheck<{ plannedEnd: string; on?: string }> {
  const errors: Record<string, string> = {};
  let plannedEnd = '';
  if (v.plannedEnd.trim() === '') errors['plannedEnd'] = 'Bitte das neue geplante Ende angeben (TT.MM.JJJJ).';
  else {
    const parsed = parseGermanDate(v.plannedEnd);
    if (parsed.ok) plannedEnd = parsed.value;
    else errors['plannedEnd'] = parsed.message;
  }
  let on: string | undefined;
  if (v.on.trim() !== '') {
    const parsed = parseGermanDate(v.on);
    if (parsed.ok) on = parsed.value;
    else errors['on'] = parsed.message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, values: { plannedEnd, ...(on ? { on } : {}) } };
}
