/** Bedarfsgemeinschaft (BG): the household whose members' needs are assessed together. */
import { z } from 'zod';
import { ageOn, isoDateSchema, type IsoDate } from '../common/dates';
import { recordIdSchema } from '../common/schemas';

export const HOUSEHOLD_ROLES = ['applicant', 'partner', 'child', 'other'] as const;
export const HOUSEHOLD_ROLE_LABELS: Readonly<Record<(typeof HOUSEHOLD_ROLES)[number], string>> = {
  applicant: 'Antragstellende Person',
  partner: 'Partnerin oder Partner',
  child: 'Kind',
  other: 'Weitere Person',
};

export const householdMemberSchema = z.object({
  personId: recordIdSchema.nullable().default(null),
  role: z.enum(HOUSEHOLD_ROLES),
  /** null = not recorded (e.g. converted from a count of children): a child then counts as minor. */
  birthDate: isoDateSchema.nullable().default(null),
});

export const householdSchema = z.object({
  id: recordIdSchema,
  householdNumber: z
    .string({ error: 'Bitte die BG-Nummer angeben.' })
    .trim()
    .min(1, { message: 'Bitte die BG-Nummer angeben.' })
    .max(50, { message: 'Die BG-Nummer darf höchstens 50 Zeichen lang sein.' }),
  members: z
    .array(householdMemberSchema)
    .min(1, { message: 'Eine Bedarfsgemeinschaft hat mindestens ein Mitglied.' })
    .max(30, { message: 'Eine Bedarfsgemeinschaft hat höchstens 30 Mitglieder.' }),
});
export type Household = z.output<typeof householdSchema>;

/** Minor children (under 18) in the household on the given date. */
export function minorChildrenOn(household: Household, on: IsoDate): number {
  return household.members.filter(
    (m) => m.role === 'child' && (m.birthDate === null || ageOn(m.birthDate, on) < 18),
  ).length;
}

/** Single parent: exactly one adult (no partner) living with at least one minor child. */
export function isSingleParentHousehold(household: Household, on: IsoDate): boolean {
  const hasPartner = household.members.some((m) => m.role === 'partner');
  const adults = household.members.filter(
    (m) => m.role !== 'child' && (m.birthDate === null || ageOn(m.birthDate, on) >= 18),
  );
  return !hasPartner && adults.length === 1 && minorChildrenOn(household, on) > 0;
}
