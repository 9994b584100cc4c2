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

/** Allowed case status changes (the server validates the same state machine, SYNC.md §4.4). */
const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  aktiv: ['ruhend', 'abgeschlossen'],
  ruhend: ['aktiv', 'abgeschlossen'],
  abgeschlossen: ['aktiv'],
};

export function canChangeCaseStatus(from: CaseStatus, to: CaseStatus): boolean {
  return from === to || CASE_TRANSITIONS[from].includes(to);
}

export const SUBSTITUTION_REASONS = ['urlaub', 'krankheit', 'abwesenheit', 'sonstiges'] as const;
export const SUBSTITUTION_REASON_LABELS: Readonly<Record<(typeof SUBSTITUTION_REASONS)[number], string>> = {
  urlaub: 'Urlaub',
  krankheit: 'Krankheit',
  abwesenheit: 'Abwesenheit',
  sonstiges: 'Sonstiges',
};

export const substitutionSchema = z
  .object({
    caseworkerId: recordIdSchema,
    from: isoDateSchema,
    to: isoDateSchema,
    reason: z.enum(SUBSTITUTION_REASONS),
  })
  .refine((s) => s.to >= s.from, {
    message: 'Die Vertretung darf nicht vor ihrem Beginn enden.',
    path: ['to'],
  });
export type Substitution = z.output<typeof substitutionSchema>;

export const caseNumberSchema = z
  .string({ error: 'Bitte das Aktenzeichen angeben.' })
  .regex(/^[0-9A-Z][0-9A-Z/-]{2,39}$/, {
    message: 'Das Aktenzeichen besteht aus Ziffern, Großbuchstaben, / und - (3 bis 40 Zeichen).',
  });

/**
 * Case numbers a person reads stay unique offline: a laptop hands out a PROVISIONAL number
 * `<office code>-<year>-V<device tag>-<4 digits>` (the device tag comes from the laptop's sync id),
 * shown as provisional, until the server assigns the FINAL number `<office code>-<year>-<6 digits>`
 * on sync. Both are kept on the case.
 */
export function provisionalCaseNumber(
  officeCode: string,
  year: number,
  deviceTag: string,
  seq: number,
): string {
  return `${officeCode}-${year}-V${deviceTag}-${String(seq).padStart(4, '0')}`;
}

export function finalCaseNumber(officeCode: string, year: number, seq: number): string {
  return `${officeCode}-${year}-${String(seq).padStart(6, '0')}`;
}

const PROVISIONAL = /^[A-Z]{2,4}-\d{4}-V[0-9A-Z]{4,8}-\d{4,}$/;
export function isProvisionalCaseNumber(caseNumber: string): boolean {
  return PROVISIONAL.test(caseNumber);
}

/** A short, readable tag of a device id (base-32 of a string hash; 6 characters). */
export function deviceTag(deviceId: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < deviceId.length; i++) {
    const c = deviceId.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let n = (h1 ^ (h2 << 7)) >>> 0;
  let m = h2 >>> 0;
  let out = '';
  for (let i = 0; i < 6; i++) {
    const src = i < 3 ? n : m;
    out += alphabet[src % 32];
    if (i < 3) n = Math.floor(n / 32);
    else m = Math.floor(m / 32);
  }
  return out;
}

export const caseSchema = z
  .object({
    id: recordIdSchema,
    /** The number people read: provisional until the server assigns the final one. */
    caseNumber: caseNumberSchema,
    /** The number the laptop handed out offline (kept after the final one arrives); null = none. */
    provisionalCaseNumber: caseNumberSchema.nullable().default(null),
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
    /** Date of the last contact (attended appointment, contact entry); kept by the services. */
    lastContactOn: isoDateSchema.nullable().default(null),
    /** Review date of the current Kooperationsplan; kept by the plan service. */
    nextReviewOn: isoDateSchema.nullable().default(null),
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
