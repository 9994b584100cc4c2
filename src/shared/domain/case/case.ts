/** The case (Fall): one person's integration process, owned by a caseworker in one office. */
import { z } from 'zod';
import { isWithin, isoDateSchema, type IsoDate } from '../common/dates';
import { OFFICE_IDS } from './office';
import { recordIdSchema } from '../common/schemas';

/** The four phases of the 4PM: profiling, goal setting, strategy choice, implementation. */
export const PHASES = [1, 2, 3, 4] as const;
export type Phase = (typeof PHASES)[number];
export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  1: 'Profiling',
  2: 'Zielfestlegung',
  3: 'Strategieauswahl',
  4: 'Umsetzung und Nachhaltung',
};

export const CASE_STATUSES = ['aktiv', 'ruhend', 'abgeschlossen'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  aktiv: 'Aktiv',
  ruhend: 'Ruhend',
  abgeschlossen: 'Abgeschlossen',
};

export const substitutionSchema = z
  .object({
    caseworkerId: recordIdSchema,
    from: isoDateSchema,
    to: isoDateSchema,
    reason: z.enum(['urlaub', 'krankheit', 'abwesenheit', 'sonstiges']),
  })
  .refine((s) => s.to >= s.from, {
    message: 'Die Vertretung darf nicht vor ihrem Beginn enden.',
    path: ['to'],
  });
export type Substitution = z.output<typeof substitutionSchema>;

export const caseSchema = z
  .object({
    id: recordIdSchema,
    caseNumber: z.string({ error: 'Bitte das Aktenzeichen angeben.' }).regex(/^[0-9A-Z][0-9A-Z/-]{2,39}$/, {
      message: 'Das Aktenzeichen besteht aus Ziffern, Großbuchstaben, / und - (3 bis 40 Zeichen).',
    }),
    personId: recordIdSchema,
    officeId: z.enum(OFFICE_IDS, { error: 'Bitte einen der vier Standorte wählen.' }),
    caseworkerId: recordIdSchema,
    phase: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
      error: 'Die Phase muss 1, 2, 3 oder 4 sein.',
    }),
    status: z.enum(CASE_STATUSES),
    openedOn: isoDateSchema,
    closedOn: isoDateSchema.nullable().default(null),
    substitutions: z.array(substitutionSchema).max(100).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.status === 'abgeschlossen' && c.closedOn === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['closedOn'],
        message: 'Ein abgeschlossener Fall braucht ein Abschlussdatum.',
      });
    }
    if (c.status !== 'abgeschlossen' && c.closedOn !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['closedOn'],
        message: 'Nur abgeschlossene Fälle haben ein Abschlussdatum.',
      });
    }
    if (c.closedOn !== null && c.closedOn < c.openedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['closedOn'],
        message: 'Der Fall kann nicht vor seiner Eröffnung enden.',
      });
    }
  });
export type Case = z.output<typeof caseSchema>;

/** Who works the case on `on`: the substitute during a substitution, else the caseworker. */
export function responsibleCaseworker(c: Pick<Case, 'caseworkerId' | 'substitutions'>, on: IsoDate): string {
  const active = c.substitutions.find((s) => isWithin(on, { from: s.from, to: s.to }));
  return active?.caseworkerId ?? c.caseworkerId;
}

/** The next phase a case may move to: forwards one step, or back to any earlier phase. */
export function canMoveToPhase(from: Phase, to: Phase): boolean {
  return to === from + 1 || to < from;
}
