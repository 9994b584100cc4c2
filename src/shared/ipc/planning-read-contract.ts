/**
 * The read channels of the 4PM workspace: the versions of the Potenzialanalyse, the goal, strategy
 * proposals with the chosen strategies, and the Zielberuf search over the KldB list. Records cross
 * as the DTOs of their one definition.
 */
import { z } from 'zod';
import { recordIdSchema } from '../domain/common/schemas';
import { keyFactorIdSchema } from '../domain/assessment/vocabulary';
import { occupationSchema } from '../domain/goals/occupations';
import { STRATEGY_GROUP_IDS, strategySchema } from '../domain/goals/strategies';
import { PHASE_STATES } from '../domain/case/phase-progress';
import { AssessmentDto, GoalDto, StrategyChoiceDto } from './write-contract';

const CaseRef = z.strictObject({ caseId: recordIdSchema });

/** One phase of the stepper: what is done and what is missing, in German. */
export const PhaseProgressDto = z.object({
  phase: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  label: z.string(),
  state: z.enum(PHASE_STATES),
  done: z.array(z.string()).readonly(),
  missing: z.array(z.string()).readonly(),
  summary: z.string(),
});
export type PhaseProgressDto = z.infer<typeof PhaseProgressDto>;

export const AssessmentHistory = z.object({
  /** Every live version, newest first (finalized versions and at most one draft on top). */
  versions: z.array(AssessmentDto),
});
export type AssessmentHistory = z.infer<typeof AssessmentHistory>;

export const OccupationSearchInput = z.strictObject({
  query: z
    .string({ error: 'Bitte einen Suchbegriff angeben.' })
    .max(100, { error: 'Der Suchbegriff ist zu lang (höchstens 100 Zeichen).' }),
  limit: z.number().int().min(1).max(100).optional(),
});
export const OccupationMatchDto = z.object({
  occupation: occupationSchema,
  matchedOn: z.enum(['title', 'example', 'code']),
  example: z.string().optional(),
});
export type OccupationMatchDto = z.infer<typeof OccupationMatchDto>;

const StrategyOut = strategySchema;
export const NeedProposalDto = z.object({
  need: z.object({ criterionId: z.string(), keyFactor: keyFactorIdSchema, focus: z.string() }),
  criterionLabel: z.string(),
  dominant: z.boolean(),
  keyFactorStrategies: z.array(StrategyOut).readonly(),
  crossCuttingStrategies: z.array(StrategyOut).readonly(),
  localStrategies: z.array(StrategyOut).readonly(),
});
export type NeedProposalDto = z.infer<typeof NeedProposalDto>;

export const StrategyOverview = z.object({
  /** The finalized Potenzialanalyse version the proposals and choices belong to (null: none yet). */
  assessmentId: recordIdSchema.nullable(),
  assessmentVersion: z.number().int().nullable(),
  proposals: z.array(NeedProposalDto),
  /** Chosen strategies of that version, with the catalogue group of each. */
  choices: z.array(
    StrategyChoiceDto.and(z.object({ group: z.enum(STRATEGY_GROUP_IDS).nullable(), label: z.string() })),
  ),
});
export type StrategyOverview = z.infer<typeof StrategyOverview>;

export const planningReadContract = {
  'assessments:list': { input: CaseRef, output: AssessmentHistory },
  'goals:get': { input: CaseRef, output: GoalDto.nullable() },
  'strategies:list': { input: CaseRef, output: StrategyOverview },
  'occupations:search': { input: OccupationSearchInput, output: z.array(OccupationMatchDto) },
} as const;
