/**
 * The day of a change to a measure as the forms that end, break off or extend it take it: empty
 * means today (the service's), else a German date not before the measure's last change of status
 * (the status machine's own rule, checked here before anything is sent).
 */
import type { IsoDate } from '../../../../shared/domain/common/dates';
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import { changeBeforeLastChange, type Assignment } from '../../../../shared/domain/measures/assignment';

export function checkChangeDay(
  typed: string,
  assignment: Pick<Assignment, 'history' | 'proposedOn'>,
): { readonly on?: IsoDate; readonly error?: string } {
  if (typed.trim() === '') return {};
  const parsed = parseGermanDate(typed);
  if (!parsed.ok) return { error: parsed.message };
  const early = changeBeforeLastChange(assignment, parsed.value);
  return early ? { error: early } : { on: parsed.value };
}
