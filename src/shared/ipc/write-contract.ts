/**
 * The write channels of the contract. Every input is derived from the ONE definition of its record
 * type (src/shared/entities): create and update inputs, picked or omitted per channel, records
 * returned as their DTO. Nothing here lists a record type's fields again.
 */
import { z } from 'zod';
import { criterionEntrySchema } from '../domain/assessment/assessment';
import { profileOutcomeSchema } from '../domain/assessment/profile-decision-table';
import { recordIdSchema } from '../domain/common/schemas';
import { isoDateSchema } from '../domain/common/dates';
import { outcomeSchema } from '../domain/measures/assignment';
import { STATED_FLAGS, wizardFactsSchema } from '../domain/measures/wizard';
import { proofReceiptSchema } from '../domain/plan/own-effort';
import {
  appointmentsEntity,
  assessmentsEntity,
  casesEntity,
  consentsEntity,
  contactsEntity,
  cooperationPlansEntity,
  createInputSchema,
  dtoSchema,
  type EntityDefinition,
  type FieldsInput,
  goalsEntity,
  householdsEntity,
  measureAssignmentsEntity,
  notesEntity,
  ownEffortsEntity,
  personsEntity,
  planHandoversEntity,
  strategyChoicesEntity,
  updateInputSchema,
} from '../entities/index';

const Id = recordIdSchema;
/** The row version the renderer read (optimistic check against concurrent edits). */
const RowVersion = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional();

/** Longest text any single value may carry over IPC (the domain limits are far lower). */
export const MAX_IPC_STRING = 100_000;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/**
 * Bidirectional formatting controls (U+202A–U+202E, U+2066–U+2069): invisible, they reorder what a
 * reader sees ("Trojan Source"); no text of a case needs them.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** The German problem of one text no feature should ever receive, or null. */
export function hostileTextProblem(text: string): string | null {
  if (text.length > MAX_IPC_STRING) return 'Ein Text ist zu lang.';
  if (CONTROL.test(text)) return 'Die Eingabe enthält unzulässige Steuerzeichen.';
  if (BIDI_CONTROL.test(text))
    return 'Die Eingabe enthält unsichtbare Steuerzeichen für die Schreibrichtung (z. B. U+202E). Bitte den Text ohne sie eingeben.';
  return null;
}

/** The first hostile value inside `value` with its path (control characters, huge text, deep nesting). */
export function findHostileValue(
  value: unknown,
  path: (string | number)[] = [],
): { readonly message: string; readonly path: (string | number)[] } | null {
  if (path.length > 32) return { message: 'Die Eingabe ist zu tief verschachtelt.', path: [] };
  if (typeof value === 'string') {
    const message = hostileTextProblem(value);
    return message ? { message, path } : null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findHostileValue(item, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = hostileTextProblem(key);
      if (problem) return { message: problem, path };
      const found = findHostileValue(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** The German problem of a value no feature should ever receive (control characters, huge text). */
export function hostileValueProblem(value: unknown): string | null {
  return findHostileValue(value)?.message ?? null;
}

/** A write input: the schema, then no control characters and no huge text anywhere (named at its field). */
function guarded<S extends z.ZodType>(schema: S): S {
  return schema.superRefine((value, ctx) => {
    const found = findHostileValue(value);
    if (found) ctx.addIssue({ code: 'custom', message: found.message, path: found.path });
  }) as unknown as S;
}

type FieldsIn<D extends EntityDefinition> = FieldsInput<D['fields']>;
type Key<D extends EntityDefinition> = keyof D['fields'] & string;
type Typed<T> = z.ZodType<T, T>;
/** A pick/omit mask of field keys (`{ officeId: true }`). */
type Mask<K extends string> = { readonly [P in K]: true };
const mask = (keys: Mask<string>) => keys as Record<string, true>;

/** The create input of a record type (derived), only the given fields. */
function createOf<D extends EntityDefinition, K extends Key<D>>(def: D, keys: Mask<K>) {
  return createInputSchema(def).pick(mask(keys)) as unknown as Typed<Pick<FieldsIn<D>, K>>;
}
/** The create input of a record type (derived), all fields but the given ones (set by main). */
export function createWithout<D extends EntityDefinition, K extends Key<D> = never>(
  def: D,
  keys: Mask<K> = {} as Mask<K>,
) {
  return createInputSchema(def).omit(mask(keys)) as unknown as Typed<Omit<FieldsIn<D>, K>>;
}
/** The update input of a record type (derived: the fields that may change), only the given ones (no defaults filled in). */
function updateOf<D extends EntityDefinition, K extends Key<D>>(def: D, keys: Mask<K>) {
  return updateInputSchema(def).pick(mask(keys)) as unknown as Typed<Partial<Pick<FieldsIn<D>, K>>>;
}
/** The update input of a record type (derived), without the given fields. */
function updateWithout<D extends EntityDefinition, K extends Key<D> = never>(
  def: D,
  keys: Mask<K> = {} as Mask<K>,
) {
  return updateInputSchema(def).omit(mask(keys)) as unknown as Typed<Partial<Omit<FieldsIn<D>, K>>>;
}

const strict = <T extends z.core.$ZodLooseShape>(shape: T) => guarded(z.strictObject(shape));

// ---------------------------------------------------------------- DTOs

export const CaseDto = dtoSchema(casesEntity);
export const PersonDto = dtoSchema(personsEntity);
export const HouseholdDto = dtoSchema(householdsEntity);
export const NoteDto = dtoSchema(notesEntity);
export const AppointmentDto = dtoSchema(appointmentsEntity);
export type AppointmentDto = z.infer<typeof AppointmentDto>;
export const ContactDto = dtoSchema(contactsEntity);
export const ConsentDto = dtoSchema(consentsEntity);
export const AssessmentDto = dtoSchema(assessmentsEntity);
export const GoalDto = dtoSchema(goalsEntity);
export const StrategyChoiceDto = dtoSchema(strategyChoicesEntity);
export const MeasureAssignmentDto = dtoSchema(measureAssignmentsEntity);
export const OwnEffortDto = dtoSchema(ownEffortsEntity);
export const CooperationPlanDto = dtoSchema(cooperationPlansEntity);
export const PlanHandoverDto = dtoSchema(planHandoversEntity);
const Archived = z.object({ id: Id });

// ---------------------------------------------------------------- inputs (derived)

const caseOpening = { officeId: true, caseworkerId: true, openedOn: true } as const;
const personCreate = createWithout(personsEntity, { householdId: true });
const householdCreate = createWithout(householdsEntity);
type CaseCreate = Pick<FieldsIn<typeof casesEntity>, keyof typeof caseOpening> & {
  person: z.input<typeof personCreate>;
  household?: z.input<typeof householdCreate>;
};
export const CaseCreateInput = guarded(
  createInputSchema(casesEntity)
    .pick(mask(caseOpening))
    .extend({ person: personCreate, household: householdCreate.optional() }) as unknown as Typed<CaseCreate>,
);
export const CaseCreated = z.object({
  caseId: Id,
  personId: Id,
  householdId: Id.nullable(),
  caseNumber: z.string(),
});

export const CaseUpdateInput = strict({
  caseId: Id,
  /** lastContactOn is derived from contacts and appointments, never set by hand. */
  changes: updateWithout(casesEntity, { lastContactOn: true, officeId: true }),
  expectedRowVersion: RowVersion,
});
export const PersonUpdateInput = strict({
  personId: Id,
  changes: updateWithout(personsEntity, { householdId: true }),
  expectedRowVersion: RowVersion,
});

const noteFields = { category: true, title: true, body: true, restricted: true } as const;
export const NoteCreateInput = strict({
  caseId: Id,
  values: createOf(notesEntity, noteFields),
});
export const NoteUpdateInput = strict({
  noteId: Id,
  changes: updateOf(notesEntity, noteFields),
  expectedRowVersion: RowVersion,
});
export const NoteArchiveInput = strict({ noteId: Id });

export const AppointmentCreateInput = strict({
  caseId: Id,
  values: createWithout(appointmentsEntity),
});
export const AppointmentUpdateInput = strict({
  appointmentId: Id,
  changes: updateWithout(appointmentsEntity),
  expectedRowVersion: RowVersion,
});

export const ContactCreateInput = strict({
  caseId: Id,
  values: createWithout(contactsEntity, { recordedBy: true }),
});

export const ConsentRecordInput = strict({
  caseId: Id,
  values: createWithout(consentsEntity, { recordedBy: true, withdrawnOn: true }),
});
export const ConsentWithdrawInput = strict({
  consentId: Id,
  withdrawnOn: isoDateSchema,
  expectedRowVersion: RowVersion,
});

// ---------------------------------------------------------------- 4PM

const assessmentDraft = updateOf(assessmentsEntity, {
  targetOccupation: true,
  integrationForecast: true,
  dominantKeyFactor: true,
});
export const AssessmentCreateInput = strict({
  caseId: Id,
  values: updateOf(assessmentsEntity, { targetOccupation: true }),
});
export const AssessmentRecordEntryInput = strict({
  assessmentId: Id,
  /** Date and author of the entry are set by main (today, the signed-in caseworker). */
  entry: criterionEntrySchema.omit({ recordedOn: true, recordedBy: true }),
  expectedRowVersion: RowVersion,
});
export const AssessmentRemoveEntryInput = strict({
  assessmentId: Id,
  criterionId: criterionEntrySchema.shape.criterionId,
  expectedRowVersion: RowVersion,
});
export const AssessmentUpdateInput = strict({
  assessmentId: Id,
  changes: assessmentDraft,
  expectedRowVersion: RowVersion,
});
export const AssessmentFinalizeInput = strict({ assessmentId: Id, expectedRowVersion: RowVersion });
export const AssessmentOverrideInput = strict({
  assessmentId: Id,
  /** null removes the override: the derived Profillage applies again. */
  override: z
    .strictObject({
      value: profileOutcomeSchema,
      reason: z
        .string({ error: 'Bitte die Abweichung begründen.' })
        .max(2000, { error: 'Höchstens 2000 Zeichen erlaubt.' }),
    })
    .nullable(),
  expectedRowVersion: RowVersion,
});
export const AssessmentAmendInput = strict({
  assessmentId: Id,
  reason: z
    .string({ error: 'Bitte begründen, warum die Potenzialanalyse fortgeschrieben wird.' })
    .max(2000, { error: 'Höchstens 2000 Zeichen erlaubt.' }),
});

export const GoalCreateInput = strict({
  caseId: Id,
  values: createWithout(goalsEntity, { createdOn: true, createdBy: true }),
});
export const GoalUpdateInput = strict({
  goalId: Id,
  changes: updateWithout(goalsEntity),
  expectedRowVersion: RowVersion,
});

export const StrategyChooseInput = strict({
  caseId: Id,
  values: createWithout(strategyChoicesEntity, { assessmentId: true, chosenOn: true, chosenBy: true }),
});
export const StrategyArchiveInput = strict({ choiceId: Id });

export const MeasureProposeInput = strict({
  caseId: Id,
  values: createOf(measureAssignmentsEntity, {
    measureId: true,
    needIds: true,
    goalId: true,
    provider: true,
    plannedStart: true,
    plannedEnd: true,
    withLegalConsequencesNotice: true,
  }),
  /** What the caseworker states beyond the record (job start, teaching units, needs-like facts). */
  facts: wizardFactsSchema.optional(),
});
const Outcome = outcomeSchema.optional();
export const MeasureTransitionInput = strict({
  assignmentId: Id,
  event: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('assign') }),
    z.strictObject({ type: z.literal('start') }),
    z.strictObject({ type: z.literal('end'), outcome: Outcome }),
    z.strictObject({ type: z.literal('abort'), outcome: Outcome }),
  ]),
  /** The day it happened (default today; never in the future). */
  on: isoDateSchema.optional(),
  expectedRowVersion: RowVersion,
});

export const MeasureExtendInput = strict({
  assignmentId: Id,
  /** The new planned end (after the planned end so far). */
  plannedEnd: isoDateSchema,
  /** The day of the extension (default today; never in the future). */
  on: isoDateSchema.optional(),
  /**
   * The conditions of an extension beyond the regular maximum the caseworker states as met (the
   * measure's extensionConditions, e.g. the documented re-check of § 16d Abs. 6 SGB II).
   */
  conditionsMet: z.array(z.enum(STATED_FLAGS)).max(STATED_FLAGS.length).optional(),
  expectedRowVersion: RowVersion,
});

export const OwnEffortCreateInput = strict({
  caseId: Id,
  values: createWithout(ownEffortsEntity, { proofs: true }),
});
export const OwnEffortProofInput = strict({
  ownEffortId: Id,
  proof: proofReceiptSchema,
  expectedRowVersion: RowVersion,
});

export const PlanSaveDraftInput = guarded(
  z.union([
    z.strictObject({ caseId: Id, values: createWithout(cooperationPlansEntity) }),
    z.strictObject({
      planId: Id,
      changes: updateWithout(cooperationPlansEntity),
      expectedRowVersion: RowVersion,
    }),
  ]),
);
/** The contact person printed in the letterhead (typed by the caseworker; office phone otherwise). */
export const PlanContactInput = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Bitte den Namen der Ansprechperson angeben.' })
    .max(120, { error: 'Der Name ist zu lang (höchstens 120 Zeichen).' }),
  phone: z.string().trim().max(40, { error: 'Die Telefonnummer ist zu lang.' }).nullable().optional(),
  email: z.email({ error: 'Bitte eine gültige E-Mail-Adresse angeben.' }).max(200).nullable().optional(),
});

export const PlanHandOverInput = strict({
  planId: Id,
  form: planHandoversEntity.fields.form.schema,
  expectedRowVersion: RowVersion,
  contact: PlanContactInput.optional(),
});

/** The write channels of the case records: input and output of each. */
export const caseWriteContract = {
  'cases:create': { input: CaseCreateInput, output: CaseCreated },
  'cases:update': { input: CaseUpdateInput, output: CaseDto },
  'persons:update': { input: PersonUpdateInput, output: PersonDto },
  'notes:create': { input: NoteCreateInput, output: NoteDto },
  'notes:update': { input: NoteUpdateInput, output: NoteDto },
  'notes:archive': { input: NoteArchiveInput, output: Archived },
  'appointments:create': { input: AppointmentCreateInput, output: AppointmentDto },
  'appointments:update': { input: AppointmentUpdateInput, output: AppointmentDto },
  'contacts:create': { input: ContactCreateInput, output: ContactDto },
  'consents:record': { input: ConsentRecordInput, output: ConsentDto },
  'consents:withdraw': { input: ConsentWithdrawInput, output: ConsentDto },
} as const;

/** The write channels of the 4PM records: input and output of each. */
export const planningWriteContract = {
  'assessments:create-draft': { input: AssessmentCreateInput, output: AssessmentDto },
  'assessments:record-entry': { input: AssessmentRecordEntryInput, output: AssessmentDto },
  'assessments:remove-entry': { input: AssessmentRemoveEntryInput, output: AssessmentDto },
  'assessments:update-draft': { input: AssessmentUpdateInput, output: AssessmentDto },
  'assessments:finalize': { input: AssessmentFinalizeInput, output: AssessmentDto },
  'assessments:override-profile': { input: AssessmentOverrideInput, output: AssessmentDto },
  'assessments:amend': { input: AssessmentAmendInput, output: AssessmentDto },
  'goals:create': { input: GoalCreateInput, output: GoalDto },
  'goals:update': { input: GoalUpdateInput, output: GoalDto },
  'strategies:choose': { input: StrategyChooseInput, output: StrategyChoiceDto },
  'strategies:archive': { input: StrategyArchiveInput, output: Archived },
  'measures:propose': { input: MeasureProposeInput, output: MeasureAssignmentDto },
  'measures:transition': { input: MeasureTransitionInput, output: MeasureAssignmentDto },
  'measures:extend': { input: MeasureExtendInput, output: MeasureAssignmentDto },
  'own-efforts:create': { input: OwnEffortCreateInput, output: OwnEffortDto },
  'own-efforts:record-proof': { input: OwnEffortProofInput, output: OwnEffortDto },
  'plans:save-draft': { input: PlanSaveDraftInput, output: CooperationPlanDto },
  'plans:hand-over': { input: PlanHandOverInput, output: PlanHandoverDto },
} as const;

/** Every write channel. */
export const writeContract = { ...caseWriteContract, ...planningWriteContract } as const;

export const WRITE_CHANNELS = Object.keys(writeContract) as (keyof typeof writeContract)[];
