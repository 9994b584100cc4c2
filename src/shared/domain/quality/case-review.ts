/**
 * The records of the sampled case audit (issue 15 items 2 and 4): one case audit per drawn case
 * (rubric, judgement, comment) and the corrections the team lead requests, which become tasks in
 * the caseworker's caseload. Who may change what is decided here once, for the desktop services
 * and the server's push alike:
 * - a team lead creates audits and correction tasks, judges, confirms or reopens a completed task;
 * - a caseworker only completes a task (status erledigt with a note), never touches an audit;
 * - the status history of a task only grows: every change appends one entry, nothing is rewritten.
 */
import { z } from 'zod';
import type { Role } from '../../auth/roles';
import { isoDateSchema, isoInstantSchema } from '../common/dates';
import { optionalText, recordIdSchema } from '../common/schemas';
import {
  quarterSchema,
  rubricComplete,
  rubricSchema,
  sampleMethodSchema,
  sampleSeedSchema,
  sampleSizeSchema,
  type RubricItem,
} from './audit-sample';
import { CASE_SECTIONS } from './quality-rules';

/** The record types of the quality review (the only ones a team lead may write). */
export const REVIEW_ENTITIES = ['case_audits', 'correction_tasks'] as const;
export type ReviewEntity = (typeof REVIEW_ENTITIES)[number];
export function isReviewEntity(entity: string): entity is ReviewEntity {
  return (REVIEW_ENTITIES as readonly string[]).includes(entity);
}

export const AUDIT_STATUSES = ['offen', 'abgeschlossen'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export const AUDIT_STATUS_LABELS: Readonly<Record<AuditStatus, string>> = {
  offen: 'offen',
  abgeschlossen: 'abgeschlossen',
};

export const CORRECTION_STATUSES = ['angefordert', 'erledigt', 'bestaetigt', 'wiedereroeffnet'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];
export const CORRECTION_STATUS_LABELS: Readonly<Record<CorrectionStatus, string>> = {
  angefordert: 'angefordert',
  erledigt: 'erledigt',
  bestaetigt: 'bestätigt',
  wiedereroeffnet: 'wiedereröffnet',
};
/** A task the caseworker still has to work on. */
export const OPEN_CORRECTION_STATUSES: readonly CorrectionStatus[] = ['angefordert', 'wiedereroeffnet'];

const auditComment = z
  .string()
  .trim()
  .max(5000, { message: 'Der Kommentar darf höchstens 5.000 Zeichen lang sein.' })
  .nullable()
  .default(null);

export const caseAuditShapeSchema = z.object({
  id: recordIdSchema,
  caseId: recordIdSchema,
  /** The draw this audit belongs to (all audits of one sample share it). */
  sampleId: recordIdSchema,
  caseworkerId: recordIdSchema,
  quarter: quarterSchema,
  seed: sampleSeedSchema,
  method: sampleMethodSchema,
  sampleSize: sampleSizeSchema,
  /** Every case drawn in this sample, in the order of the draw. */
  drawnCaseIds: z.array(recordIdSchema).min(1).max(50),
  populationCount: z.number().int().min(0).max(100_000),
  populationDigest: z.string().regex(/^[0-9a-f]{8}$/, { message: 'Ungültige Prüfsumme des Bestands.' }),
  drawnAt: isoInstantSchema,
  teamLeadId: recordIdSchema,
  items: rubricSchema,
  comment: auditComment,
  status: z.enum(AUDIT_STATUSES, { error: 'Bitte „offen“ oder „abgeschlossen“ wählen.' }).default('offen'),
  closedOn: isoDateSchema.nullable().default(null),
});

/** The record rules of an audit: a closed audit has every item judged and a closing date. */
export const caseAuditSchema = caseAuditShapeSchema.superRefine((a, ctx) => {
  if (a.status === 'abgeschlossen' && !rubricComplete(a.items as RubricItem[]))
    ctx.addIssue({
      code: 'custom',
      path: ['items'],
      message: 'Bitte jeden Prüfpunkt bewerten, bevor die Prüfung abgeschlossen wird.',
    });
  if (a.status === 'abgeschlossen' && a.closedOn === null)
    ctx.addIssue({ code: 'custom', path: ['closedOn'], message: 'Bitte das Abschlussdatum angeben.' });
  if (!a.drawnCaseIds.includes(a.caseId))
    ctx.addIssue({
      code: 'custom',
      path: ['drawnCaseIds'],
      message: 'Der Fall gehört nicht zu dieser Stichprobe.',
    });
});
export type CaseAudit = z.output<typeof caseAuditSchema>;

export const correctionHistoryEntrySchema = z.strictObject({
  status: z.enum(CORRECTION_STATUSES),
  at: isoInstantSchema,
  by: recordIdSchema,
  note: z.string().trim().max(5000).nullable(),
});
export type CorrectionHistoryEntry = z.output<typeof correctionHistoryEntrySchema>;

export const correctionTextSchema = z
  .string({ error: 'Bitte beschreiben, was korrigiert werden soll.' })
  .trim()
  .min(1, { message: 'Bitte beschreiben, was korrigiert werden soll.' })
  .max(2000, { message: 'Höchstens 2.000 Zeichen erlaubt.' });

export const completionNoteSchema = z
  .string({ error: 'Bitte kurz beschreiben, was korrigiert wurde.' })
  .trim()
  .min(1, { message: 'Bitte kurz beschreiben, was korrigiert wurde.' })
  .max(5000, { message: 'Höchstens 5.000 Zeichen erlaubt.' });

export const correctionTaskShapeSchema = z.object({
  id: recordIdSchema,
  caseId: recordIdSchema,
  auditId: recordIdSchema,
  /** The section of the case the correction is about (where the task links to). */
  section: z.enum(CASE_SECTIONS, { error: 'Bitte den Bereich der Akte wählen.' }),
  /** The rubric item the request comes from, if any. */
  ruleId: z.string().min(1).max(100).nullable().default(null),
  text: correctionTextSchema,
  dueOn: isoDateSchema.nullable().default(null),
  caseworkerId: recordIdSchema,
  requestedBy: recordIdSchema,
  requestedAt: isoInstantSchema,
  status: z.enum(CORRECTION_STATUSES, { error: 'Ungültiger Status der Korrektur.' }).default('angefordert'),
  completionNote: optionalText(5000),
  completedAt: isoInstantSchema.nullable().default(null),
  /** Every status change, oldest first; only ever appended to. */
  history: z.array(correctionHistoryEntrySchema).min(1).max(200),
});

export const correctionTaskSchema = correctionTaskShapeSchema.superRefine((t, ctx) => {
  if (t.history.at(-1)?.status !== t.status)
    ctx.addIssue({
      code: 'custom',
      path: ['history'],
      message: 'Der Verlauf muss mit dem aktuellen Status enden.',
    });
  if (t.history[0]?.status !== 'angefordert')
    ctx.addIssue({ code: 'custom', path: ['history'], message: 'Der Verlauf beginnt mit der Anforderung.' });
  if (t.status === 'erledigt' && (t.completionNote === null || t.completedAt === null))
    ctx.addIssue({
      code: 'custom',
      path: ['completionNote'],
      message: 'Bitte kurz beschreiben, was korrigiert wurde.',
    });
});
export type CorrectionTask = z.output<typeof correctionTaskSchema>;

/** Allowed status changes of a task and the role that makes them. */
export const CORRECTION_TRANSITIONS: readonly {
  readonly from: CorrectionStatus;
  readonly to: CorrectionStatus;
  readonly role: Role;
}[] = [
  { from: 'angefordert', to: 'erledigt', role: 'caseworker' },
  { from: 'wiedereroeffnet', to: 'erledigt', role: 'caseworker' },
  { from: 'erledigt', to: 'bestaetigt', role: 'team_lead' },
  { from: 'erledigt', to: 'wiedereroeffnet', role: 'team_lead' },
];

/** Fields a caseworker may change on a task (the completion). */
export const CASEWORKER_TASK_FIELDS = ['status', 'completionNote', 'completedAt', 'history'] as const;
/** Fields a team lead may change on an existing task (status with its history, the due date). */
export const TEAM_LEAD_TASK_FIELDS = ['status', 'history', 'dueOn'] as const;

export interface ReviewProblem {
  readonly code: 'FORBIDDEN' | 'INVALID_TRANSITION' | 'DOMAIN_RULE_VIOLATED';
  readonly message: string;
}

const forbidden = (message: string): ReviewProblem => ({ code: 'FORBIDDEN', message });
/** JSON with object keys sorted (a server's JSON store reorders keys). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}
const sameJson = (a: unknown, b: unknown) =>
  JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null));

/**
 * What the role alone allows, from the operation and the changed field names (the server checks
 * this for a whole batch before anything is read; the desktop services before they write).
 */
export function reviewWriteProblem(
  role: Role,
  entity: string,
  op: 'create' | 'update' | 'archive',
  changed: readonly string[],
  values: Readonly<Record<string, unknown>> = {},
): ReviewProblem | null {
  if (role === 'team_lead') {
    if (!isReviewEntity(entity)) return forbidden('Als Teamleitung können Sie Fallinhalte nur lesen.');
    if (op === 'archive') return forbidden('Prüfungen und Korrekturen bleiben erhalten.');
    if (entity === 'correction_tasks' && op === 'update') {
      const extra = changed.filter((k) => !(TEAM_LEAD_TASK_FIELDS as readonly string[]).includes(k));
      if (extra.length > 0)
        return forbidden('Eine angeforderte Korrektur kann nur bestätigt oder wiedereröffnet werden.');
    }
    return null;
  }
  if (role === 'caseworker') {
    if (entity === 'case_audits') return forbidden('Fallprüfungen legt nur die Teamleitung an.');
    if (entity !== 'correction_tasks') return null;
    if (op !== 'update') return forbidden('Korrekturen fordert nur die Teamleitung an.');
    const extra = changed.filter((k) => !(CASEWORKER_TASK_FIELDS as readonly string[]).includes(k));
    if (extra.length > 0 || (changed.includes('status') && values['status'] !== 'erledigt'))
      return forbidden('Sie können eine Korrektur nur als erledigt melden.');
    return null;
  }
  return forbidden('Ihre Rolle darf Fallinhalte nur lesen.');
}

/**
 * Whether a change of a task from `before` (null: created now) to `after` (the whole record after
 * the change) is allowed for `role`, made by `actorId`: the status machine, the history that only
 * grows by one entry of this actor with the new status, a task of one's own audit.
 */
export function correctionTaskChangeProblem(
  role: Role,
  actorId: string,
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>>,
): ReviewProblem | null {
  const history = (after['history'] ?? []) as readonly CorrectionHistoryEntry[];
  if (before === null) {
    if (role !== 'team_lead') return forbidden('Korrekturen fordert nur die Teamleitung an.');
    if (after['status'] !== 'angefordert' || history.length !== 1 || history[0]?.status !== 'angefordert')
      return { code: 'INVALID_TRANSITION', message: 'Eine neue Korrektur ist angefordert.' };
    if (after['requestedBy'] !== actorId || history[0]?.by !== actorId)
      return forbidden('Eine Korrektur wird im eigenen Namen angefordert.');
    return null;
  }
  const prior = (before['history'] ?? []) as readonly CorrectionHistoryEntry[];
  const statusChanged = before['status'] !== after['status'];
  if (!statusChanged) {
    if (sameJson(prior, history)) return null;
    // a new entry with the same status: the same step once more (done twice)
    if (history.length === prior.length + 1 && sameJson(history.slice(0, prior.length), prior))
      return {
        code: 'INVALID_TRANSITION',
        message: `Die Korrektur ist bereits „${CORRECTION_STATUS_LABELS[before['status'] as CorrectionStatus] ?? String(before['status'])}“.`,
      };
    return { code: 'DOMAIN_RULE_VIOLATED', message: 'Der Verlauf einer Korrektur bleibt erhalten.' };
  }
  const step = CORRECTION_TRANSITIONS.find((t) => t.from === before['status'] && t.to === after['status']);
  if (!step)
    return {
      code: 'INVALID_TRANSITION',
      message: `Eine Korrektur im Status „${CORRECTION_STATUS_LABELS[before['status'] as CorrectionStatus] ?? String(before['status'])}“ kann nicht „${CORRECTION_STATUS_LABELS[after['status'] as CorrectionStatus] ?? String(after['status'])}“ werden.`,
    };
  if (step.role !== role)
    return forbidden(
      role === 'team_lead'
        ? 'Als erledigt meldet die Integrationsfachkraft eine Korrektur.'
        : 'Bestätigen oder wiedereröffnen kann nur die Teamleitung.',
    );
  const appended = history.at(-1);
  if (
    history.length !== prior.length + 1 ||
    !sameJson(history.slice(0, prior.length), prior) ||
    appended?.status !== after['status'] ||
    appended?.by !== actorId
  )
    return {
      code: 'DOMAIN_RULE_VIOLATED',
      message: 'Der Verlauf einer Korrektur bleibt erhalten; jeder Statuswechsel wird angefügt.',
    };
  return null;
}

/** Whether a change of an audit is allowed: only a team lead, in their own name. */
export function caseAuditChangeProblem(
  role: Role,
  actorId: string,
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>>,
): ReviewProblem | null {
  if (role !== 'team_lead') return forbidden('Fallprüfungen legt nur die Teamleitung an.');
  if (before === null && after['teamLeadId'] !== actorId)
    return forbidden('Eine Fallprüfung wird im eigenen Namen angelegt.');
  return null;
}

/**
 * Whether a new correction task belongs to its audit: the audit exists in the same case (not
 * archived), the task goes to the caseworker the audit reviewed, and a named rubric item is one of
 * the audit's. The desktop builds the task from the audit; the server checks it against the
 * stored audit, so a task never points into nothing or at someone else.
 */
export function correctionLinkProblem(
  task: Readonly<Record<string, unknown>>,
  audit: {
    readonly caseId: string;
    readonly archived: boolean;
    readonly record: Readonly<Record<string, unknown>>;
  } | null,
): ReviewProblem | null {
  const broken = (message: string): ReviewProblem => ({ code: 'DOMAIN_RULE_VIOLATED', message });
  if (audit === null || audit.archived) return broken('Die Fallprüfung dieser Korrektur gibt es nicht.');
  if (audit.caseId !== task['caseId']) return broken('Die Fallprüfung gehört zu einem anderen Fall.');
  if (audit.record['caseworkerId'] !== task['caseworkerId'])
    return broken('Eine Korrektur geht an die Integrationsfachkraft der geprüften Akte.');
  const ruleId = task['ruleId'];
  if (ruleId !== null && ruleId !== undefined) {
    const items = Array.isArray(audit.record['items'])
      ? (audit.record['items'] as { ruleId?: unknown }[])
      : [];
    if (!items.some((i) => i.ruleId === ruleId))
      return broken('Diesen Prüfpunkt gibt es in dieser Fallprüfung nicht.');
  }
  return null;
}
