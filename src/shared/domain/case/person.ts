/**
 * The person (Kunde/Kundin, erwerbsfähige leistungsberechtigte Person). Only what integration work
 * needs: there is deliberately no field for diagnoses or other health details (DOMAIN.md).
 */
import { z } from 'zod';
import { isoDateSchema } from '../common/dates';
import { optionalText, recordIdSchema, requiredText } from '../common/schemas';

/** CEFR levels of German; 'none' = no German, null = not known. */
export const LANGUAGE_LEVELS = ['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];
export const LANGUAGE_LEVEL_LABELS: Readonly<Record<LanguageLevel, string>> = {
  none: 'keine Deutschkenntnisse',
  A1: 'A1',
  A2: 'A2',
  B1: 'B1',
  B2: 'B2',
  C1: 'C1',
  C2: 'C2',
};

export const GENDERS = ['female', 'male', 'diverse', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Readonly<Record<Gender, string>> = {
  female: 'weiblich',
  male: 'männlich',
  diverse: 'divers',
  unknown: 'ohne Angabe',
};

export function languageLevelRank(level: LanguageLevel): number {
  return LANGUAGE_LEVELS.indexOf(level);
}

export function languageLevelAtLeast(level: LanguageLevel, minimum: LanguageLevel): boolean {
  return languageLevelRank(level) >= languageLevelRank(minimum);
}

/**
 * 'disabled' = behindert (GdB below 50, or threatened, § 19 SGB III), 'severely_disabled' =
 * schwerbehindert (GdB ≥ 50), 'equal_status' = gleichgestellt (GdB 30/40, § 2 Abs. 3 SGB IX).
 */
export const DISABILITY_STATUSES = ['none', 'disabled', 'severely_disabled', 'equal_status'] as const;
export type DisabilityStatus = (typeof DISABILITY_STATUSES)[number];
export const DISABILITY_LABELS: Readonly<Record<DisabilityStatus, string>> = {
  none: 'keine',
  disabled: 'behindert (GdB unter 50)',
  severely_disabled: 'schwerbehindert (GdB ab 50)',
  equal_status: 'gleichgestellt',
};

export const dateRangeSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema.nullable().default(null) })
  .refine((r) => r.to === null || r.to >= r.from, {
    message: 'Das Ende darf nicht vor dem Beginn liegen.',
    path: ['to'],
  });
export type DateRange = z.output<typeof dateRangeSchema>;

/** Highest school-leaving qualification (Schulabschluss). */
export const SCHOOL_QUALIFICATIONS = [
  'none',
  'foerderschule',
  'hauptschule',
  'realschule',
  'fachhochschulreife',
  'abitur',
  'foreign',
] as const;
export type SchoolQualification = (typeof SCHOOL_QUALIFICATIONS)[number];
export const SCHOOL_QUALIFICATION_LABELS: Readonly<Record<SchoolQualification, string>> = {
  none: 'ohne Schulabschluss',
  foerderschule: 'Förderschulabschluss',
  hauptschule: 'Hauptschulabschluss',
  realschule: 'Realschulabschluss (Mittlere Reife)',
  fachhochschulreife: 'Fachhochschulreife',
  abitur: 'Abitur',
  foreign: 'ausländischer Abschluss',
};

/** Highest vocational qualification (Berufsabschluss). */
export const VOCATIONAL_QUALIFICATIONS = [
  'none',
  'partial',
  'apprenticeship',
  'master',
  'university',
  'foreign_unrecognised',
] as const;
export type VocationalQualification = (typeof VOCATIONAL_QUALIFICATIONS)[number];
export const VOCATIONAL_QUALIFICATION_LABELS: Readonly<Record<VocationalQualification, string>> = {
  none: 'ohne Berufsabschluss',
  partial: 'Teilqualifikation',
  apprenticeship: 'abgeschlossene Berufsausbildung',
  master: 'Meister/Techniker',
  university: 'Hochschulabschluss',
  foreign_unrecognised: 'ausländischer Abschluss, nicht anerkannt',
};

/**
 * The customer number of a person met before they are a customer (a pre-release contact in the
 * JVA: DOMAIN.md "persons are not yet benefit recipients"); replaced once the Jobcenter assigns one.
 */
export const CUSTOMER_NUMBER_NOT_YET_ASSIGNED = 'noch nicht vergeben';

export const personSchema = z.object({
  id: recordIdSchema,
  customerNumber: requiredText('die Kundennummer', 50),
  firstName: requiredText('den Vornamen', 200),
  lastName: requiredText('den Nachnamen', 200),
  birthDate: isoDateSchema,
  gender: z.enum(GENDERS).default('unknown'),
  nationality: optionalText(100),
  /** ISO 639-1 code of the language for the translated companion page of the plan. */
  preferredLanguage: z
    .string()
    .regex(/^[a-z]{2}$/, { message: 'Bitte einen Sprachcode aus zwei Kleinbuchstaben angeben (z. B. „uk“).' })
    .nullable()
    .default(null),
  germanLevel: z.enum(LANGUAGE_LEVELS).nullable().default(null),
  integrationCourseCompleted: z.boolean().default(false),
  disability: z.enum(DISABILITY_STATUSES).default('none'),
  householdId: recordIdSchema.nullable().default(null),
  /** Current spell of unemployment (§ 16 SGB III); null = not unemployed. */
  unemployedSince: isoDateSchema.nullable().default(null),
  /** Periods of SGB II benefit receipt (for long-term benefit receipt and § 16i). */
  benefitPeriods: z.array(dateRangeSchema).max(200).default([]),
  /** Returning to work after caring for children or relatives (§ 20 SGB III). */
  returnerToWork: z.boolean().default(false),
  /** Contact before release from prison (JVA Torgau outreach): the expected release date. */
  expectedReleaseDate: isoDateSchema.nullable().default(null),
  consentForPreReleaseContact: z.boolean().default(false),
  schoolQualification: z.enum(SCHOOL_QUALIFICATIONS).nullable().default(null),
  vocationalQualification: z.enum(VOCATIONAL_QUALIFICATIONS).nullable().default(null),
  /** Contact details (no health data, DOMAIN.md). */
  street: optionalText(200),
  postalCode: z
    .string()
    .regex(/^\d{5}$/, { message: 'Die Postleitzahl hat fünf Ziffern.' })
    .nullable()
    .default(null),
  town: optionalText(100),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +()/-]{3,40}$/, {
      message: 'Die Telefonnummer darf nur Ziffern, Leerzeichen und + ( ) / - enthalten.',
    })
    .nullable()
    .default(null),
  email: z.email({ message: 'Bitte eine gültige E-Mail-Adresse angeben.' }).max(200).nullable().default(null),
});
export type Person = z.output<typeof personSchema>;
export type PersonInput = z.input<typeof personSchema>;
