/**
 * Consent records (Einwilligungen, Art. 6 Abs. 1 a / Art. 7 DSGVO): what the person agreed to, when,
 * in which form, and when it was withdrawn. A withdrawal never deletes the record; it ends it.
 */
import { z } from 'zod';
import { isoDateSchema, type IsoDate } from '../common/dates';
import { recordIdSchema } from '../common/schemas';

export const CONSENT_PURPOSES = [
  'pre_release_contact',
  'provider_data_sharing',
  'email_contact',
  'translation_companion',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_PURPOSE_LABELS: Readonly<Record<ConsentPurpose, string>> = {
  pre_release_contact: 'Kontakt vor der Haftentlassung (JVA)',
  provider_data_sharing: 'Weitergabe von Daten an einen Maßnahmeträger',
  email_contact: 'Kontakt per E-Mail',
  translation_companion: 'Übersetzte Begleitseite zum Kooperationsplan',
};

export const CONSENT_FORMS = ['schriftlich', 'elektronisch', 'muendlich_dokumentiert'] as const;
export type ConsentForm = (typeof CONSENT_FORMS)[number];
export const CONSENT_FORM_LABELS: Readonly<Record<ConsentForm, string>> = {
  schriftlich: 'schriftlich (unterschriebener Bogen)',
  elektronisch: 'elektronisch',
  muendlich_dokumentiert: 'mündlich, dokumentiert',
};

export const consentSchema = z
  .object({
    id: recordIdSchema,
    caseId: recordIdSchema,
    purpose: z.enum(CONSENT_PURPOSES, { error: 'Bitte den Zweck der Einwilligung wählen.' }),
    givenOn: isoDateSchema,
    form: z.enum(CONSENT_FORMS, { error: 'Bitte die Form der Einwilligung wählen.' }),
    /** Optional limits the person set (e.g. "nur Träger XY"). */
    scope: z
      .string()
      .trim()
      .max(500, { message: 'Die Einschränkung ist zu lang (höchstens 500 Zeichen).' })
      .nullable()
      .default(null),
    withdrawnOn: isoDateSchema.nullable().default(null),
    recordedBy: recordIdSchema,
  })
  .superRefine((c, ctx) => {
    if (c.withdrawnOn !== null && c.withdrawnOn < c.givenOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['withdrawnOn'],
        message: 'Der Widerruf kann nicht vor der Einwilligung liegen.',
      });
    }
  });
export type Consent = z.output<typeof consentSchema>;

/** Whether a consent for `purpose` is in force on `on`. */
export function hasConsent(
  consents: readonly Pick<Consent, 'purpose' | 'givenOn' | 'withdrawnOn'>[],
  purpose: ConsentPurpose,
  on: IsoDate,
): boolean {
  return consents.some(
    (c) => c.purpose === purpose && c.givenOn <= on && (c.withdrawnOn === null || c.withdrawnOn > on),
  );
}
