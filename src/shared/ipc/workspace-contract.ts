/**
 * Channels of the case workspace, part 2 (issue 10): the measure wizard's candidates, the
 * assignments with their status labels, the phase check and advance, the Eigenbemühungen with
 * their balance, the contact history, the next appointments and the duplicate check before an
 * intake. Records cross as the DTOs of their one definition; the wizard's and the phase check's
 * shapes come from the domain.
 */
import { z } from 'zod';
import { catalogueIdSchema } from '../domain/assessment/vocabulary';
import { OFFICE_IDS } from '../domain/case/office';
import { duplicateFindingSchema } from '../domain/case/duplicates';
import { phaseAdvanceCheckSchema } from '../domain/case/phase-advance';
import { isoDateSchema } from '../domain/common/dates';
import { recordIdSchema } from '../domain/common/schemas';
import { ownEffortPeriodSchema } from '../domain/plan/own-effort';
import {
  MEASURE_FORMS,
  STATED_FLAGS,
  wizardCandidateSchema,
  wizardFactsSchema,
} from '../domain/measures/wizard';
import { measureAssignmentsEntity, personsEntity } from '../entities/index';
import {
  AppointmentDto,
  CaseDto,
  ConsentDto,
  ContactDto,
  hostileValueProblem,
  MeasureAssignmentDto,
  OwnEffortDto,
} from './write-contract';

const Id = recordIdSchema;

/** A read or write input: strict, and no control characters or huge text anywhere. */
function guardedObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape).superRefine((value, ctx) => {
    const problem = hostileValueProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

export const MeasureCandidatesInput = guardedObject({
  caseId: Id,
  /** Criterion ids of the needs the measure is to serve (default: those of the strategy). */
  needIds: z.array(catalogueIdSchema).max(50).optional(),
  strategyChoiceId: Id.optional(),
  plannedStart: isoDateSchema,
  plannedEnd: isoDateSchema.optional(),
  facts: wizardFactsSchema.optional(),
});

const assignmentField = measureAssignmentsEntity.fields;
export const MeasureCandidates = z.object({
  on: isoDateSchema,
  plannedStart: assignmentField.plannedStart.schema,
  catalogueVersion: z.string(),
  regime: z.object({ id: z.string(), name: z.string() }).nullable(),
  needs: z.array(
    z.object({ criterionId: z.string(), label: z.string(), focus: z.string(), selected: z.boolean() }),
  ),
  /** The goal of the chosen strategy (null: none given). */
  strategyGoalId: Id.nullable(),
  /** The case's goals the measure may serve. */
  goals: z.array(z.object({ id: Id, label: z.string() })),
  /** The day of the job start the case record knows (a measure's outcome); never the wizard's statement. */
  jobStartDate: isoDateSchema.nullable(),
  candidates: z.array(wizardCandidateSchema),
});
export type MeasureCandidates = z.infer<typeof MeasureCandidates>;
export type WizardCandidateDto = MeasureCandidates['candidates'][number];

export const AssignmentView = MeasureAssignmentDto.and(
  z.object({
    form: z.enum(MEASURE_FORMS),
    formLabel: z.string(),
    statusLabel: z.string(),
    allowedEvents: z.array(z.enum(['assign', 'start', 'end', 'abort'])),
    aftercare: z.object({ lastDay: isoDateSchema, expired: z.boolean(), text: z.string() }).nullable(),
    /** What the caseworker states to extend beyond the regular maximum (extensionConditionsOf). */
    extensionConditions: z.array(
      z.object({ flag: z.enum(STATED_FLAGS), label: z.string(), description: z.string() }),
    ),
  }),
);
export type AssignmentView = z.infer<typeof AssignmentView>;

export const OwnEffortView = OwnEffortDto.and(
  z.object({
    balance: z.object({ expected: z.number().int(), proved: z.number().int(), missing: z.number().int() }),
    /** The agreed frequency period by period (ownEffortProgress), as of today. */
    periods: z.array(ownEffortPeriodSchema),
  }),
);
export type OwnEffortView = z.infer<typeof OwnEffortView>;

const personField = personsEntity.fields;
export const DuplicatesInput = guardedObject({
  firstName: personField.firstName.schema,
  lastName: personField.lastName.schema,
  birthDate: isoDateSchema,
});
export const DuplicateCandidate = z
  .object({
    personId: Id,
    caseId: Id,
    caseNumber: z.string(),
    firstName: personField.firstName.schema,
    lastName: personField.lastName.schema,
    birthDate: personField.birthDate.schema,
  })
  .and(duplicateFindingSchema);
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

const CaseOnly = guardedObject({ caseId: Id });

/** The channels of the workspace, part 2: input and output of each. */
export const workspaceContract = {
  'measures:candidates': { input: MeasureCandidatesInput, output: MeasureCandidates },
  'measures:list': { input: CaseOnly, output: z.array(AssignmentView) },
  'cases:phase-check': { input: CaseOnly, output: phaseAdvanceCheckSchema },
  'cases:advance-phase': {
    input: guardedObject({
      caseId: Id,
      expectedRowVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    }),
    output: z.object({ case: CaseDto, check: phaseAdvanceCheckSchema }),
  },
  'own-efforts:list': { input: CaseOnly, output: z.array(OwnEffortView) },
  'contacts:list': { input: CaseOnly, output: z.array(ContactDto) },
  /** The case's consents: those in force first (newest given first), then the withdrawn ones. */
  'consents:list': { input: CaseOnly, output: z.array(ConsentDto) },
  'appointments:next': {
    input: guardedObject({ caseIds: z.array(Id).max(1000).optional() }),
    output: z.array(z.object({ caseId: Id, appointment: AppointmentDto })),
  },
  'persons:find-duplicates': { input: DuplicatesInput, output: z.array(DuplicateCandidate) },
} as const;

export const WORKSPACE_CHANNELS = Object.keys(workspaceContract) as (keyof typeof workspaceContract)[];

/** The filters of the day view (office, outreach day). */
export const DayViewFilter = {
  officeId: z.enum(OFFICE_IDS).optional(),
  /** true: only outreach appointments (JVA, home visit); false: only those at the office. */
  outreach: z.boolean().optional(),
};
