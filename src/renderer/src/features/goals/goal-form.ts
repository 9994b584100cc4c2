/**
 * The goal form (Zielfestlegung): German dates typed as TT.MM.JJJJ, checked by the domain's parser
 * (30.02. is refused with its reason), then the whole input checked with the write channel's own
 * schema (GoalCreateInput: lengths, control and bidi characters), each message at its field.
 */
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import { formatGermanDate } from '../../../../shared/domain/common/dates';
import type { Goal, GoalType } from '../../../../shared/domain/goals/goal';
import type { TargetOccupation } from '../../../../shared/domain/goals/occupations';
import { GoalCreateInput } from '../../../../shared/ipc/contract';

export interface StepValues {
  id: string;
  description: string;
  /** TT.MM.JJJJ as typed. */
  targetDate: string;
  achievedOn: string | null;
}

export interface GoalFormValues {
  type: GoalType | '';
  description: string;
  occupationText: string;
  occupation: TargetOccupation | null;
  /** TT.MM.JJJJ as typed, or empty. */
  targetDate: string;
  intermediateGoals: StepValues[];
}

export type GoalValues = {
  type: GoalType;
  description: string;
  targetOccupation: TargetOccupation | null;
  targetDate: string | null;
  assessmentId: string | null;
  intermediateGoals: { id: string; description: string; targetDate: string; achievedOn: string | null }[];
};

export function goalFormValues(goal: Goal | null): GoalFormValues {
  return {
    type: goal?.type ?? '',
    description: goal?.description ?? '',
    occupationText: goal?.targetOccupation?.title ?? '',
    occupation: goal?.targetOccupation ?? null,
    targetDate: goal?.targetDate ? formatGermanDate(goal.targetDate) : '',
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

const FIELD_OF_PATH = (path: string): string => {
  const inner = path.replace(/^values\.?/, '');
  if (inner.startsWith('targetOccupation')) return 'occupationText';
  return inner;
};

/** Checks the form; returns the values for goals:create/update, or the German errors per form path. */
export function checkGoalForm(
  v: GoalFormValues,
  caseId: string,
  assessmentId: string | null,
): { ok: true; values: GoalValues } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (v.type === '') errors['type'] = 'Bitte eine Zielart wählen.';
  let targetDate: string | null = null;
  if (v.targetDate.trim() !== '') {
    const parsed = parseGermanDate(v.targetDate);
    if (parsed.ok) targetDate = parsed.value;
    else errors['targetDate'] = parsed.message;
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
    type: (v.type || 'employment') as GoalType,
    description: v.description,
    targetOccupation: occupationOf(v),
    targetDate,
    assessmentId,
    intermediateGoals: steps,
  };
  const parsed = GoalCreateInput.safeParse({ caseId, values });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = FIELD_OF_PATH(issue.path.map(String).join('.'));
      errors[path] ??= issue.message;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}
