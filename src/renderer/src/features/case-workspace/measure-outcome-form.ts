/** Ending or breaking off a measure (Maßnahmen): typed values -> the input of measures:transition, or errors. */
import {
  OUTCOME_CODES,
  OUTCOME_LABELS,
  OUTCOMES_NEEDING_NOTE,
  type Assignment,
  type OutcomeCode,
} from '../../../../shared/domain/measures/assignment';
import type { FormCheck } from '../../forms/ipc-form';
import { checkChangeDay } from './measure-change-day';

/** What the form holds, as typed: the outcome ('' = none chosen), the note, the day ('' = today). */
export interface MeasureOutcomeFormValues {
  readonly code: string;
  readonly note: string;
  readonly on: string;
}

export interface MeasureOutcomeInput {
  readonly event: {
    readonly type: 'end' | 'abort';
    readonly outcome: { readonly code: OutcomeCode; readonly note: string | null };
  };
  readonly on?: string;
}

const isOutcomeCode = (v: string): v is OutcomeCode => (OUTCOME_CODES as readonly string[]).includes(v);

/**
 * An outcome is required; "vorzeitig beendet" and "nicht angetreten" also need the reason; the day
 * is a German date or empty, not before the measure's last change of status (checkChangeDay).
 * Which outcomes the status machine allows is the select's and the service's.
 */
export function checkMeasureOutcomeForm(
  event: 'end' | 'abort',
  v: MeasureOutcomeFormValues,
  /** The measure as stored: its day may not lie before the last change of status. */
  assignment: Pick<Assignment, 'history' | 'proposedOn'>,
): FormCheck<MeasureOutcomeInput> {
  const errors: Record<string, string> = {};
  const code = isOutcomeCode(v.code) ? v.code : null;
  if (code === null) errors['code'] = 'Bitte das Ergebnis der Maßnahme wählen.';
  const note = v.note.trim();
  if (code !== null && OUTCOMES_NEEDING_NOTE.includes(code) && note === '')
    errors['note'] = `Bitte den Grund angeben („${OUTCOME_LABELS[code]}“).`;
  const { on, error: dayError } = checkChangeDay(v.on, assignment);
  if (dayError) errors['on'] = dayError;
  if (code === null || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    values: {
      event: { type: event, outcome: { code, note: note === '' ? null : note } },
      ...(on ? { on } : {}),
    },
  };
}
