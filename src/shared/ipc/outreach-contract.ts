/**
 * The channels of "Außentermin vorbereiten" (issue 12 item 6): the readiness of this laptop for an
 * outreach day, blank consent forms to print, the pre-release contact (a new person and case with
 * a provisional number, the recorded consent and the first contact, in one write), and the
 * possible duplicates the server found with the caseworker's decision.
 */
import { z } from 'zod';
import { OFFICE_IDS } from '../domain/case/office';
import { isoDateSchema } from '../domain/common/dates';
import { recordIdSchema } from '../domain/common/schemas';
import { MAX_CONSENT_FORM_COPIES } from '../domain/outreach/consent-form';
import { READINESS_ITEMS, READINESS_STATUSES } from '../domain/outreach/readiness';
import {
  consentsEntity,
  contactsEntity,
  dtoSchema,
  duplicateSuspectsEntity,
  personsEntity,
} from '../entities/index';
import { createWithout, findHostileValue } from './write-contract';

const Id = recordIdSchema;
const person = personsEntity.fields;

/** A strict object, then no control characters and no huge text anywhere (named at its field). */
function guardedObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape).superRefine((value, ctx) => {
    const found = findHostileValue(value);
    if (found) ctx.addIssue({ code: 'custom', message: found.message, path: found.path });
  });
}

export const OutreachReadinessInput = guardedObject({
  day: isoDateSchema,
  appointmentIds: z.array(Id).max(100, { error: 'Höchstens 100 Termine an einem Tag.' }),
});

export const OutreachReadinessDto = z.object({
  day: isoDateSchema,
  ready: z.boolean(),
  allOk: z.boolean(),
  items: z.array(
    z.object({
      id: z.enum(READINESS_ITEMS),
      label: z.string(),
      status: z.enum(READINESS_STATUSES),
      detail: z.string(),
      action: z.string().nullable(),
    }),
  ),
  /** The day's cases (of the chosen appointments), each on this device or not. */
  cases: z.array(
    z.object({ caseId: Id, caseNumber: z.string(), personName: z.string(), present: z.boolean() }),
  ),
});
export type OutreachReadinessDto = z.infer<typeof OutreachReadinessDto>;

export const ConsentFormsInput = guardedObject({
  day: isoDateSchema,
  location: z
    .string({ error: 'Bitte den Ort angeben.' })
    .trim()
    .min(1, { error: 'Bitte den Ort angeben.' })
    .max(200, { error: 'Höchstens 200 Zeichen.' }),
  copies: z
    .number({ error: 'Bitte die Anzahl angeben.' })
    .int({ error: 'Bitte eine ganze Zahl angeben.' })
    .min(1, { error: 'Mindestens ein Bogen.' })
    .max(MAX_CONSENT_FORM_COPIES, { error: `Höchstens ${MAX_CONSENT_FORM_COPIES} Bögen.` }),
  officeId: z.enum(OFFICE_IDS, { error: 'Bitte einen der vier Standorte wählen.' }),
});

export const PdfDto = z.object({ pdfBase64: z.string(), byteLength: z.number().int(), fileName: z.string() });

/** A pre-release contact met on the outreach day: a minimal data set and the signed consent. */
export const PreReleaseContactInput = guardedObject({
  officeId: z.enum(OFFICE_IDS, { error: 'Bitte einen der vier Standorte wählen.' }),
  person: z.strictObject({
    firstName: person.firstName.schema,
    lastName: person.lastName.schema,
    birthDate: person.birthDate.schema,
    expectedReleaseDate: isoDateSchema.nullable().optional(),
    /** The customer number if the person has one already (often not: not yet a customer). */
    customerNumber: z.string().trim().max(50).nullable().optional(),
  }),
  /** The consent to pre-release contact (its purpose is set by main). */
  consent: createWithout(consentsEntity, { purpose: true, recordedBy: true, withdrawnOn: true }),
  contact: z.strictObject({
    occurredAt: contactsEntity.fields.occurredAt.schema,
    subject: contactsEntity.fields.subject.schema,
  }),
});
export type PreReleaseContactInput = z.infer<typeof PreReleaseContactInput>;

export const PreReleaseContactCreated = z.object({
  caseId: Id,
  personId: Id,
  caseNumber: z.string(),
  consentId: Id,
  contactId: Id,
});

/** The record as stored (its one definition) and what the screen shows beside it. */
export const DuplicateSuspectDto = dtoSchema(duplicateSuspectsEntity).and(
  z.object({
    /** The number of this case, and the name of the person created on this laptop. */
    caseNumber: z.string(),
    personName: z.string(),
    /** The other person's name, when the other case is on this device (else null). */
    otherPersonName: z.string().nullable(),
    otherOnDevice: z.boolean(),
  }),
);
export type DuplicateSuspectDto = z.infer<typeof DuplicateSuspectDto>;

export const outreachContract = {
  'outreach:readiness': { input: OutreachReadinessInput, output: OutreachReadinessDto },
  'outreach:consent-forms': { input: ConsentFormsInput, output: PdfDto },
  'outreach:create-contact': { input: PreReleaseContactInput, output: PreReleaseContactCreated },
  /** Possible duplicates found by the server: open ones of every case, or all of one case. */
  'duplicates:list': {
    input: guardedObject({ caseId: Id.optional() }),
    output: z.object({ suspects: z.array(DuplicateSuspectDto) }),
  },
  'duplicates:decide': {
    input: guardedObject({
      suspectId: Id,
      decision: z.enum(['gleiche_person', 'verschiedene_personen'], {
        error: 'Bitte wählen Sie, ob es dieselbe Person ist.',
      }),
      expectedRowVersion: z.number().int().min(0).optional(),
    }),
    output: DuplicateSuspectDto,
  },
} as const;

/** The channels above that write (a sync follows soon, like after every write channel). */
export const OUTREACH_WRITE_CHANNELS = ['outreach:create-contact', 'duplicates:decide'] as const;
