/**
 * The goal form (Zielfestlegung): German dates typed as TT.MM.JJJJ, checked by the domain's parser
 * (30.02. is refused with its reason), then the whole input checked with the write channel's own
 * schema (GoalCreateInput: lengths, control and bidi characters) and the goal's date rules (nothing
 * before the day the goal was set, intermediate goals in order), each message at its field.
 */
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import { formatGermanDate, type IsoDate } from '../../../../shared/domain/common/dates';
import { goalDateIssues, type Goal, type GoalType } from '../../../../shared/domain/goals/goal';
import type { TargetOccupation } from '../../../../shared/domain/goals/occupations';
import { GoalCreateInput } from '../../../../shared/ipc/contract';
import type { FormCheck } from '../../forms/ipc-form';

export interface StepValues {
  id: string;
  description: string;
  /** TT.MM.JJJJ as typed. */
  targetDate: string;
  achievedOn: string | null;
}

/** The form's own names (goalType, dueDate) where it holds text as typed rather than the goal's values. */
export interface GoalFormValues {
  goalType: GoalType | '';
  description: string;
  occupationText: string;
  occupation: TargetOccupation | null;
  /** The goal's target date, TT.MM.JJJJ as typed, or empty. */
  dueDate: string;
  intermediateGoals: StepValues[];
}

/** What goals:create and goals:update take (derived from the goal). */
export type GoalValues = Omit<Goal, 'id' | 'caseId' | 'createdOn' | 'createdBy'>;

export function goalFormValues(goal: Goal | null): GoalFormValues {
  return {
    goalType: goal?.type ?? '',
    description: goal?.description ?? '',
    occupationText: goal?.targetOccupation?.title ?? '',
    occupation: goal?.targetOccupation ?? null,
    dueDate: goal?.targetDate ? formatGermanDate(goal.targetDate) : '',
    intermediateGoals: (goal?.intermediateGoals ?? []).map((s) => ({
      id: s.id,
      description: s.description,
      targetDate: formatGermanDate(s.targetDate),
      achievedOn: s.achievedOn,
    })),
  };
}

/** The Zielberuf the form stands for: the chosen one, or the typed title without a code. */
export function occupationOf(
  v: Pick<GoalFormValues, 'occupationText' | 'occupation'>,
): TargetOccupation | null {
  const text = v.occupationText.trim();
  if (text === '') return null;
  if (v.occupation && v.occupation.title === v.occupationText) return v.occupation;
  return { kldbCode: null, title: v.occupationText };
}

/** The form path of a path of the IPC input (values.type -> goalType). */
export function formPathOf(path: string): string {
  const inner = path.replace(/^(values|changes)\.?/, '');
  if (inner.startsWith('targetOccupation')) return 'occupationText';
  if (inner === 'type') return 'goalType';
  if (inner === 'targetDate') return 'dueDate';
  return inner;
}

/** Checks the form; returns the values for goals:create/update, or the German errors per form path. */
export function checkGoalForm(
  v: GoalFormValues,
  caseId: string,
  assessmentId: string | null,
  /** The day the goal was set: a stored goal's own, today for a new one (the date rules count from it). */
  createdOn: IsoDate,
): FormCheck<GoalValues> {
  const errors: Record<string, string> = {};
  if (v.goalType === '') errors['goalType'] = 'Bitte eine Zielart wählen.';
  let targetDate: string | null = null;
  if (v.dueDate.trim() !== '') {
    const parsed = parseGermanDate(v.dueDate);
    if (parsed.ok) targetDate = parsed.value;
    else errors['dueDate'] = parsed.message;
  }
  const steps = v.intermediateGoals.map((s, i) => {
    const parsed = parseGermanDate(s.targetDate);
    if (!parsed.ok) errors[`intermediateGoals.${i}.targetDate`] = parsed.message;
    return {
      id: s.id,
      description: s.description,
      targetDate: parsed.ok ? parsed.value : '',
      achievedOn: s.achievedOn,
    };
  });
  const values: GoalValues = {
    type: (v.goalType || 'employment') as GoalType,
    description: v.description,
    targetOccupation: occupationOf(v),
    targetDate,
    assessmentId,
    intermediateGoals: steps,
  };
  const parsed = GoalCreateInput.safeParse({ caseId, values });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formPathOf(issue.path.map(String).join('.'));
      errors[path] ??= issue.message;
    }
  } else if (Object.keys(errors).length === 0) {
    // the domain's date rules, each message at its field (the service refuses with the same)
    for (const issue of goalDateIssues({ ...values, createdOn })) {
      const path = formPathOf(issue.path.map(String).join('.'));
      errors[path] ??= issue.message;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}
