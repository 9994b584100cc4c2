/**
 * A measure assignment (Zuweisung) or referral (Überleitung) and its status machine:
 *
 *   proposed (vorgeschlagen) → assigned (zugewiesen) → started (angetreten) → ended (beendet)
 *   proposed | assigned | started → aborted (abgebrochen)
 *
 * Aborting is allowed from every open status: a proposal can be withdrawn, an assigned measure
 * may never be started, a running one may end early. Ending and aborting both need an outcome
 * (documented at the end of every measure: a public audit found it missing in 39 % of cases);
 * which outcomes fit depends on where the assignment stood. "Vorzeitig beendet" and "nicht
 * angetreten" need a reason in the note. Ended and aborted are final. A referral to the Agentur
 * für Arbeit runs through the same states ("zugewiesen" reads "übergeleitet").
 */
import { z } from 'zod';
import { recordIdSchema } from '../common/schemas';
import type { AppErrorCode } from '../../errors';
import { formatGermanDate, isoDateSchema, type IsoDate } from '../common/dates';
import { MEASURE_KINDS, type CatalogueEntry, type MeasureKind } from './catalogue.schema';
import type { EligibilityResult } from './eligibility';

export const ASSIGNMENT_STATUSES = ['proposed', 'assigned', 'started', 'ended', 'aborted'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const ASSIGNMENT_STATUS_LABELS: Readonly<Record<AssignmentStatus, string>> = {
  proposed: 'vorgeschlagen',
  assigned: 'zugewiesen',
  started: 'angetreten',
  ended: 'beendet',
  aborted: 'abgebrochen',
};

/** German label of a status, worded for referrals where that differs. */
export function assignmentStatusLabel(status: AssignmentStatus, kind: MeasureKind): string {
  return kind === 'referral' && status === 'assigned' ? 'übergeleitet' : ASSIGNMENT_STATUS_LABELS[status];
}

export const OUTCOME_CODES = [
  'completedSuccessfully',
  'completedWithoutSuccess',
  'tookUpEmployment',
  'tookUpTraining',
  'endedEarly',
  'didNotStart',
  'proposalWithdrawn',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export const OUTCOME_LABELS: Readonly<Record<OutcomeCode, string>> = {
  completedSuccessfully: 'erfolgreich abgeschlossen',
  completedWithoutSuccess: 'regulär beendet, Ziel nicht erreicht',
  tookUpEmployment: 'Arbeitsaufnahme',
  tookUpTraining: 'Ausbildungsaufnahme',
  endedEarly: 'vorzeitig beendet',
  didNotStart: 'nicht angetreten',
  proposalWithdrawn: 'Vorschlag zurückgenommen',
};

/** Outcomes that must carry a reason in the note. */
export const OUTCOMES_NEEDING_NOTE: readonly OutcomeCode[] = ['endedEarly', 'didNotStart'];

export type AssignmentEventType = 'assign' | 'start' | 'end' | 'abort';

/** Button labels of the events. */
export const ASSIGNMENT_EVENT_LABELS: Readonly<Record<AssignmentEventType, string>> = {
  assign: 'Zuweisen',
  start: 'Antritt erfassen',
  end: 'Beenden',
  abort: 'Abbrechen',
};

/** "kann nicht … werden" */
const EVENT_PARTICIPLES: Readonly<Record<AssignmentEventType, string>> = {
  assign: 'zugewiesen',
  start: 'als angetreten erfasst',
  end: 'beendet',
  abort: 'abgebrochen',
};

/** The allowed transitions: from status, by event, to status. */
export const ASSIGNMENT_TRANSITIONS: Readonly<
  Record<AssignmentStatus, Partial<Record<AssignmentEventType, AssignmentStatus>>>
> = {
  proposed: { assign: 'assigned', abort: 'aborted' },
  assigned: { start: 'started', abort: 'aborted' },
  started: { end: 'ended', abort: 'aborted' },
  ended: {},
  aborted: {},
};

/** Outcomes that fit an ending, by the status the assignment ends from. */
export const ALLOWED_OUTCOMES: Readonly<
  Record<'end' | 'abort', Partial<Record<AssignmentStatus, readonly OutcomeCode[]>>>
> = {
  end: {
    started: ['completedSuccessfully', 'completedWithoutSuccess', 'tookUpEmployment', 'tookUpTraining'],
  },
  abort: {
    proposed: ['proposalWithdrawn', 'tookUpEmployment', 'tookUpTraining'],
    assigned: ['didNotStart', 'tookUpEmployment', 'tookUpTraining'],
    started: ['endedEarly', 'tookUpEmployment', 'tookUpTraining'],
  },
};

export const outcomeSchema = z.strictObject({
  code: z.enum(OUTCOME_CODES, { error: 'Bitte ein Ergebnis der Maßnahme auswählen.' }),
  note: z
    .string()
    .trim()
    .max(2000, { message: 'Die Anmerkung darf höchstens 2000 Zeichen lang sein.' })
    .nullable()
    .default(null),
});
export type AssignmentOutcome = z.output<typeof outcomeSchema>;

export const providerRefSchema = z.strictObject({
  id: recordIdSchema.nullable().default(null),
  name: z
    .string({ error: 'Bitte den Träger angeben.' })
    .trim()
    .min(1, { message: 'Bitte den Träger angeben.' })
    .max(200, { message: 'Der Name des Trägers darf höchstens 200 Zeichen lang sein.' }),
});

export const historyEntrySchema = z.strictObject({
  from: z.enum(ASSIGNMENT_STATUSES).nullable(),
  to: z.enum(ASSIGNMENT_STATUSES),
  on: isoDateSchema,
});

export const assignmentSchema = z
  .strictObject({
    id: recordIdSchema,
    caseId: recordIdSchema,
    measureId: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'Unbekannte Maßnahme.' }),
    /** Title and catalogue version at the time of the proposal: the catalogue changes, the record not. */
    measureTitle: z.string().trim().min(1, { message: 'Bitte den Titel der Maßnahme angeben.' }).max(200),
    catalogueVersion: z.string().regex(/^\d{4}\.\d+$/, { message: 'Ungültige Katalogversion.' }),
    kind: z.enum(MEASURE_KINDS),
    /** The Handlungsbedarfe the measure serves (quality rule: every measure serves a need). */
    needIds: z
      .array(recordIdSchema)
      .min(1, { message: 'Bitte mindestens einen Handlungsbedarf angeben, dem die Maßnahme dient.' }),
    goalId: recordIdSchema,
    provider: providerRefSchema.nullable(),
    plannedStart: isoDateSchema,
    plannedEnd: isoDateSchema.nullable(),
    withLegalConsequencesNotice: z.boolean(),
    status: z.enum(ASSIGNMENT_STATUSES),
    proposedOn: isoDateSchema,
    assignedOn: isoDateSchema.nullable(),
    startedOn: isoDateSchema.nullable(),
    endedOn: isoDateSchema.nullable(),
    outcome: outcomeSchema.nullable(),
    history: z.array(historyEntrySchema).min(1, { message: 'Der Verlauf fehlt.' }),
  })
  .superRefine((a, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (a.plannedEnd !== null && a.plannedEnd < a.plannedStart) {
      issue('plannedEnd', 'Das geplante Ende liegt vor dem geplanten Beginn.');
    }
    const reached = {
      assignedOn: ['assigned', 'started', 'ended'],
      startedOn: ['started', 'ended'],
      endedOn: ['ended', 'aborted'],
    } as const;
    for (const field of ['assignedOn', 'startedOn', 'endedOn'] as const) {
      const required = (reached[field] as readonly AssignmentStatus[]).includes(a.status);
      const optional = a.status === 'aborted' && field !== 'endedOn';
      if (required && a[field] === null)
        issue(field, `Im Status „${ASSIGNMENT_STATUS_LABELS[a.status]}“ fehlt das Datum.`);
      if (!required && !optional && a[field] !== null) {
        issue(field, `Im Status „${ASSIGNMENT_STATUS_LABELS[a.status]}“ ist dieses Datum nicht zulässig.`);
      }
    }
    const dates = [a.proposedOn, a.assignedOn, a.startedOn, a.endedOn].filter(
      (x): x is IsoDate => x !== null,
    );
    if (dates.some((x, i) => i > 0 && x < (dates[i - 1] as IsoDate))) {
      issue(
        'endedOn',
        'Die Daten von Vorschlag, Zuweisung, Antritt und Ende sind nicht in zeitlicher Reihenfolge.',
      );
    }
    const final = a.status === 'ended' || a.status === 'aborted';
    if (final && a.outcome === null)
      issue('outcome', 'Eine beendete oder abgebrochene Maßnahme braucht ein Ergebnis.');
    if (!final && a.outcome !== null) issue('outcome', 'Ein Ergebnis gibt es erst am Ende der Maßnahme.');
    if (a.outcome) {
      const allowed =
        a.status === 'ended' ? ALLOWED_OUTCOMES.end.started : Object.values(ALLOWED_OUTCOMES.abort).flat();
      if (!allowed?.includes(a.outcome.code)) {
        issue(
          'outcome',
          `Das Ergebnis „${OUTCOME_LABELS[a.outcome.code]}“ passt nicht zum Status „${ASSIGNMENT_STATUS_LABELS[a.status]}“.`,
        );
      }
    }
    if (a.history.at(-1)?.to !== a.status) issue('history', 'Der Verlauf endet nicht im aktuellen Status.');
  });
export type Assignment = z.output<typeof assignmentSchema>;

export type AssignmentEvent =
  | { readonly type: 'assign' }
  | { readonly type: 'start' }
  | { readonly type: 'end'; readonly outcome?: AssignmentOutcome | null }
  | { readonly type: 'abort'; readonly outcome?: AssignmentOutcome | null };

export type AssignmentErrorReason =
  | 'forbiddenTransition'
  | 'outcomeRequired'
  | 'outcomeNotAllowed'
  | 'noteRequired'
  | 'dateBeforePrevious'
  | 'needRequired'
  | 'notEligible'
  | 'legalConsequencesNoticeNotAllowed'
  | 'extensionNotLater';

export interface AssignmentError {
  readonly code: Extract<AppErrorCode, 'INVALID_TRANSITION' | 'DOMAIN_RULE_VIOLATED'>;
  readonly reason: AssignmentErrorReason;
  /** German, safe to show. */
  readonly message: string;
}

export type AssignmentResult =
  { readonly ok: true; readonly value: Assignment } | { readonly ok: false; readonly error: AssignmentError };

const fail = (
  code: AssignmentError['code'],
  reason: AssignmentErrorReason,
  message: string,
): AssignmentResult => ({
  ok: false,
  error: { code, reason, message },
});

/**
 * The German message for a change dated before the assignment's last change (null: `at` is not
 * earlier). The forms that end, break off or extend a measure show it at their date field; the
 * status machine refuses with it.
 */
export function changeBeforeLastChange(
  assignment: Pick<Assignment, 'history' | 'proposedOn'>,
  at: IsoDate,
): string | null {
  const last = assignment.history.at(-1)?.on ?? assignment.proposedOn;
  if (at >= last) return null;
  return `Das Datum ${formatGermanDate(at)} liegt vor dem letzten Statuswechsel am ${formatGermanDate(last)}.`;
}

/** The refusal of a change dated before the assignment's last change (null: `at` is not earlier). */
function beforeLastChange(assignment: Assignment, at: IsoDate): AssignmentResult | null {
  const message = changeBeforeLastChange(assignment, at);
  return message === null ? null : fail('DOMAIN_RULE_VIOLATED', 'dateBeforePrevious', message);
}

/** Applies one event on date `at`; returns a new object (the input stays unchanged) or an error. */
export function transitionAssignment(
  assignment: Assignment,
  event: AssignmentEvent,
  at: IsoDate,
): AssignmentResult {
  const from = assignment.status;
  const to = ASSIGNMENT_TRANSITIONS[from][event.type];
  if (!to) {
    return fail(
      'INVALID_TRANSITION',
      'forbiddenTransition',
      `Eine Maßnahme im Status „${ASSIGNMENT_STATUS_LABELS[from]}“ kann nicht ${EVENT_PARTICIPLES[event.type]} werden.`,
    );
  }
  const early = beforeLastChange(assignment, at);
  if (early) return early;
  const next: Assignment = {
    ...assignment,
    status: to,
    history: [...assignment.history, { from, to, on: at }],
  };
  if (event.type === 'assign') return { ok: true, value: { ...next, assignedOn: at } };
  if (event.type === 'start') return { ok: true, value: { ...next, startedOn: at } };

  const outcome = event.outcome;
  if (!outcome) {
    return fail(
      'DOMAIN_RULE_VIOLATED',
      'outcomeRequired',
      'Bitte das Ergebnis der Maßnahme angeben: eine Maßnahme wird nur mit Ergebnis beendet oder abgebrochen.',
    );
  }
  const allowed = ALLOWED_OUTCOMES[event.type][from] ?? [];
  if (!allowed.includes(outcome.code)) {
    return fail(
      'DOMAIN_RULE_VIOLATED',
      'outcomeNotAllowed',
      `Das Ergebnis „${OUTCOME_LABELS[outcome.code]}“ passt nicht, wenn eine Maßnahme im Status „${ASSIGNMENT_STATUS_LABELS[from]}“ ${event.type === 'end' ? 'beendet' : 'abgebrochen'} wird. Möglich: ${allowed.map((c) => OUTCOME_LABELS[c]).join(', ')}.`,
    );
  }
  const note = outcome.note?.trim() ? outcome.note.trim() : null;
  if (OUTCOMES_NEEDING_NOTE.includes(outcome.code) && note === null) {
    return fail(
      'DOMAIN_RULE_VIOLATED',
      'noteRequired',
      `Bitte den Grund angeben („${OUTCOME_LABELS[outcome.code]}“).`,
    );
  }
  return { ok: true, value: { ...next, endedOn: at, outcome: { code: outcome.code, note } } };
}

/** The statuses in which a measure can be extended to a new planned end: assigned or running. */
export const EXTENDABLE_STATUSES: readonly AssignmentStatus[] = ['assigned', 'started'];

/**
 * Extends an assigned or running measure to a new planned end on date `at` („Verlängerung“): the
 * new end lies after the planned end so far and not before `at`. The history records the day with
 * an entry that keeps the status; the catalogue's rules about the period (duration, § 16d Abs. 6)
 * are checked again by the caller, on the facts of that day.
 */
export function extendAssignment(assignment: Assignment, plannedEnd: IsoDate, at: IsoDate): AssignmentResult {
  const status = assignment.status;
  if (!EXTENDABLE_STATUSES.includes(status)) {
    return fail(
      'INVALID_TRANSITION',
      'forbiddenTransition',
      `Eine Maßnahme im Status „${ASSIGNMENT_STATUS_LABELS[status]}“ kann nicht verlängert werden.`,
    );
  }
  const early = beforeLastChange(assignment, at);
  if (early) return early;
  if (assignment.plannedEnd !== null && plannedEnd <= assignment.plannedEnd) {
    return fail(
      'DOMAIN_RULE_VIOLATED',
      'extensionNotLater',
      `Das neue Ende muss nach dem bisher geplanten Ende am ${formatGermanDate(assignment.plannedEnd)} liegen.`,
    );
  }
  if (plannedEnd < at || plannedEnd < assignment.plannedStart) {
    const earliest = at > assignment.plannedStart ? at : assignment.plannedStart;
    return fail(
      'DOMAIN_RULE_VIOLATED',
      'extensionNotLater',
      `Das neue Ende darf nicht vor dem ${formatGermanDate(earliest)} liegen.`,
    );
  }
  return {
    ok: true,
    value: {
      ...assignment,
      plannedEnd,
      history: [...assignment.history, { from: status, to: status, on: at }],
    },
  };
}

/** The days a measure was extended (history entries that keep the status). */
export function extensionDays(assignment: Pick<Assignment, 'history'>): IsoDate[] {
  return assignment.history.filter((h) => h.from === h.to).map((h) => h.on);
}

/** The events an assignment in this status accepts (for buttons in the UI). */
export function allowedEvents(status: AssignmentStatus): AssignmentEventType[] {
  return Object.keys(ASSIGNMENT_TRANSITIONS[status]) as AssignmentEventType[];
}

export interface AssignmentProposalInput {
  readonly id: string;
  readonly caseId: string;
  readonly entry: CatalogueEntry;
  readonly catalogueVersion: string;
  readonly needIds: readonly string[];
  readonly goalId: string;
  readonly provider: { readonly id?: string | null; readonly name: string } | null;
  readonly plannedStart: IsoDate;
  readonly plannedEnd: IsoDate | null;
  readonly withLegalConsequencesNotice: boolean;
  /** The engine's result for this entry; a refused measure cannot be proposed. */
  readonly eligibility?: Pick<EligibilityResult, 'status' | 'measureId'>;
}

/** Creates an assignment in status "vorgeschlagen" on date `on`, checking it against its entry. */
export function proposeAssignment(input: AssignmentProposalInput, on: IsoDate): AssignmentResult {
  const { entry } = input;
  if (input.needIds.length === 0) {
    return fail(
      'DOMAIN_RULE_VIOLATED',
      'needRequired',
      'Bitte mindestens einen Handlungsbedarf angeben, dem die Maßnahme dient.',
    );
  }
  if (
    input.eligibility &&
    input.eligibility.measureId === entry.id &&
    input.eligibility.status === 'not_eligible'
  ) {
    return fail(
      'DOMAIN_RULE_VIOLATED',
      'notEligible',
      `„${entry.title}“ ist für diese Person nicht möglich; die Gründe stehen in der Prüfung.`,
    );
  }
  if (input.withLegalConsequencesNotice && !entry.legalConsequencesNoticeAllowed) {
    return fail(
      'DOMAIN_RULE_VIOLATED',
      'legalConsequencesNoticeNotAllowed',
      `„${entry.title}“ darf nicht mit einer Rechtsfolgenbelehrung verbunden werden${entry.voluntary ? ' (freiwilliges Angebot)' : ''}.`,
    );
  }
  return {
    ok: true,
    value: {
      id: input.id,
      caseId: input.caseId,
      measureId: entry.id,
      measureTitle: entry.title,
      catalogueVersion: input.catalogueVersion,
      kind: entry.kind,
      needIds: [...input.needIds],
      goalId: input.goalId,
      provider: input.provider ? { id: input.provider.id ?? null, name: input.provider.name } : null,
      plannedStart: input.plannedStart,
      plannedEnd: input.plannedEnd,
      withLegalConsequencesNotice: input.withLegalConsequencesNotice,
      status: 'proposed',
      proposedOn: on,
      assignedOn: null,
      startedOn: null,
      endedOn: null,
      outcome: null,
      history: [{ from: null, to: 'proposed', on }],
    },
  };
}
