/** „Verlängern“ of a measure (Maßnahmen): typed values -> the input of measures:extend, or errors. */
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import type { Assignment } from '../../../../shared/domain/measures/assignment';
import { isStatedFlag, type StatedFlag } from '../../../../shared/domain/measures/wizard';
import type { FormCheck } from '../../forms/ipc-form';
import { checkChangeDay } from './measure-change-day';

/**
 * What the form holds, as typed: the new planned end, the day of the extension ('' = today) and the
 * extension conditions ticked (flags of the measure's extensionConditions).
 */
export interface MeasureExtensionFormValues {
  readonly plannedEnd: string;
  readonly on: string;
  readonly conditions: string[];
}

/**
 * German dates to ISO; the new end is required, the day optional and not before the measure's last
 * change of status. The rules about the new end (later than so far, the catalogue's period rules)
 * are the service's.
 */
export function checkMeasureExtensionForm(
  v: MeasureExtensionFormValues,
  /** The measure as stored: the day of the extension may not lie before its last change of status. */
  assignment: Pick<Assignment, 'history' | 'proposedOn'>,
): FormCheck<{ plannedEnd: string; on?: string; conditionsMet?: StatedFlag[] }> {
  const errors: Record<string, string> = {};
  let plannedEnd = '';
  if (v.plannedEnd.trim() === '') errors['plannedEnd'] = 'Bitte das neue geplante Ende angeben (TT.MM.JJJJ).';
  else {
    const parsed = parseGermanDate(v.plannedEnd);
    if (parsed.ok) plannedEnd = parsed.value;
    else errors['plannedEnd'] = parsed.message;
  }
  const { on, error: dayError } = checkChangeDay(v.on, assignment);
  if (dayError) errors['on'] = dayError;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const conditionsMet = v.conditions.filter(isStatedFlag);
  return {
    ok: true,
    values: { plannedEnd, ...(on ? { on } : {}), ...(conditionsMet.length > 0 ? { conditionsMet } : {}) },
  };
}
