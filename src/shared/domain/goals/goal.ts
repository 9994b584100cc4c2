/**
 * Zielfestlegung (4PM phase 2): the goal type, an optional Zielberuf (KldB code optional, checked
 * against the shipped subset when given) and intermediate goals with target dates.
 */
import { z } from 'zod';
import { requiredText } from '../common/schemas';
import { formatGermanDate, isoDateSchema } from '../common/dates';
import { recordIdSchema, refuse, succeed, type DomainResult } from '../assessment/vocabulary';
import {
  defaultOccupationCatalogue,
  findOccupation,
  targetOccupationSchema,
  type OccupationCatalogue,
} from './occupations';

export const GOAL_TYPES = [
  'employment',
  'apprenticeship',
  'selfEmployment',
  'qualification',
  'stabilization',
  'languageAcquisition',
] as const;
export type GoalType = (typeof GOAL_TYPES)[number];
export const GOAL_TYPE_LABELS: Readonly<Record<GoalType, string>> = {
  employment: 'Arbeit',
  apprenticeship: 'Ausbildung',
  selfEmployment: 'Selbständigkeit',
  qualification: 'Qualifizierung',
  stabilization: 'Stabilisierung',
  languageAcquisition: 'Spracherwerb',
};

export const intermediateGoalSchema = z.strictObject({
  id: recordIdSchema,
  description: requiredText('das Zwischenziel', 1000),
  targetDate: isoDateSchema,
  achievedOn: isoDateSchema.nullable().default(null),
});
export type IntermediateGoal = z.output<typeof intermediateGoalSchema>;

const goalShapeSchema = z.strictObject({
  id: recordIdSchema,
  caseId: recordIdSchema,
  type: z.enum(GOAL_TYPES, {
    error:
      'Bitte eine Zielart wählen: Arbeit, Ausbildung, Selbständigkeit, Qualifizierung, Stabilisierung oder Spracherwerb.',
  }),
  /** The end goal in plain words, as it will appear in the Kooperationsplan. */
  description: requiredText('das Ziel in Worten', 1000),
  targetOccupation: targetOccupationSchema.nullable().default(null),
  targetDate: isoDateSchema.nullable().default(null),
  /** The Potenzialanalyse the goal rests on. */
  assessmentId: recordIdSchema.nullable().default(null),
  createdOn: isoDateSchema,
  createdBy: recordIdSchema,
  intermediateGoals: z
    .array(intermediateGoalSchema)
    .max(50, { message: 'Höchstens 50 Zwischenziele.' })
    .default([]),
});
export type Goal = z.output<typeof goalShapeSchema>;
export type GoalInput = z.input<typeof goalShapeSchema>;

/**
 * The goal's date rules (not before the goal was set, intermediate goals in order and within the
 * goal's date), each with the path of the field it concerns: the schema refuses with them, and the
 * goal form shows them at their fields before anything is sent.
 */
export function goalDateIssues(
  goal: Pick<Goal, 'targetDate' | 'createdOn' | 'intermediateGoals'>,
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const created = formatGermanDate(goal.createdOn);
  if (goal.targetDate !== null && goal.targetDate < goal.createdOn) {
    issues.push({
      path: ['targetDate'],
      message: `Das Zieldatum ${formatGermanDate(goal.targetDate)} liegt vor der Festlegung des Ziels (${created}).`,
    });
  }
  const ids = new Set<string>();
  goal.intermediateGoals.forEach((step, i) => {
    const name = `Zwischenziel ${i + 1} („${step.description}“)`;
    if (ids.has(step.id))
      issues.push({
        path: ['intermediateGoals', i, 'id'],
        message: `${name}: Die Kennung ist doppelt vergeben.`,
      });
    ids.add(step.id);
    if (step.targetDate < goal.createdOn) {
      issues.push({
        path: ['intermediateGoals', i, 'targetDate'],
        message: `${name}: Das Zieldatum ${formatGermanDate(step.targetDate)} liegt vor der Festlegung des Ziels (${created}).`,
      });
    }
    if (goal.targetDate !== null && step.targetDate > goal.targetDate) {
      issues.push({
        path: ['intermediateGoals', i, 'targetDate'],
        message: `${name}: Das Zieldatum ${formatGermanDate(step.targetDate)} liegt nach dem Zieldatum des Ziels (${formatGermanDate(goal.targetDate)}).`,
      });
    }
    const previous = goal.intermediateGoals[i - 1];
    if (previous && step.targetDate < previous.targetDate) {
      issues.push({
        path: ['intermediateGoals', i, 'targetDate'],
        message: `${name} ist vor Zwischenziel ${i} fällig (${formatGermanDate(step.targetDate)} vor ${formatGermanDate(previous.targetDate)}). Bitte die Zwischenziele zeitlich ordnen.`,
      });
    }
    if (step.achievedOn !== null && step.achievedOn < goal.createdOn) {
      issues.push({
        path: ['intermediateGoals', i, 'achievedOn'],
        message: `${name}: Es kann nicht vor der Festlegung des Ziels (${created}) erreicht worden sein.`,
      });
    }
  });
  return issues;
}

/** A goal with its date rules: target dates not before the goal's creation, intermediate goals in order. */
export const goalSchema = goalShapeSchema.superRefine((goal, ctx) => {
  for (const issue of goalDateIssues(goal)) ctx.addIssue({ code: 'custom', ...issue });
});

/** goalSchema plus: a given KldB code must be in the occupation subset. */
export function goalSchemaFor(occupations: OccupationCatalogue = defaultOccupationCatalogue) {
  return goalSchema.superRefine((goal, ctx) => {
    const code = goal.targetOccupation?.kldbCode;
    if (code && !findOccupation(occupations, code)) {
      ctx.addIssue({
        code: 'custom',
        path: ['targetOccupation', 'kldbCode'],
        message: `Die KldB-Kennziffer ${code} ist nicht in der Liste der Zielberufe (Stand ${occupations.version}). Bitte einen Beruf aus der Liste wählen oder den Zielberuf ohne Kennziffer angeben.`,
      });
    }
  });
}

/** Validates a goal; German problems with the field they concern. */
export function validateGoal(
  input: unknown,
  occupations: OccupationCatalogue = defaultOccupationCatalogue,
): DomainResult<Goal, 'INVALID_GOAL'> {
  const parsed = goalSchemaFor(occupations).safeParse(input);
  if (parsed.success) return succeed(parsed.data);
  return refuse(
    'INVALID_GOAL',
    'Das Ziel ist nicht gültig.',
    parsed.error.issues.map((issue) => `${describeGoalPath(issue.path)}: ${issue.message}`),
  );
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  id: 'Kennung',
  caseId: 'Fall',
  type: 'Zielart',
  description: 'Ziel',
  targetOccupation: 'Zielberuf',
  kldbCode: 'KldB-Kennziffer',
  title: 'Bezeichnung',
  targetDate: 'Zieldatum',
  assessmentId: 'Potenzialanalyse',
  createdOn: 'Festgelegt am',
  createdBy: 'Festgelegt von',
  intermediateGoals: 'Zwischenziele',
  achievedOn: 'Erreicht am',
};

function describeGoalPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'Ziel';
  return path
    .map((key) => (typeof key === 'number' ? `Nr. ${key + 1}` : (FIELD_LABELS[String(key)] ?? String(key))))
    .join(' › ');
}

/** Intermediate goals sorted by target date (stable), for a goal whose steps were entered out of order. */
export function sortIntermediateGoals(goal: Goal): Goal {
  const steps = goal.intermediateGoals.map((step, index) => ({ step, index }));
  steps.sort((a, b) =>
    a.step.targetDate < b.step.targetDate
      ? -1
      : a.step.targetDate > b.step.targetDate
        ? 1
        : a.index - b.index,
  );
  return { ...goal, intermediateGoals: steps.map((s) => s.step) };
}

/** The intermediate goals not yet achieved, in order. */
export function openIntermediateGoals(goal: Goal): IntermediateGoal[] {
  return goal.intermediateGoals.filter((step) => step.achievedOn === null);
}
