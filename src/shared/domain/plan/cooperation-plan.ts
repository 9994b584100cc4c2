/**
 * The Kooperationsplan (§ 15 Abs. 2 SGB II) as content: the goal, the main steps, the six points of
 * § 15 Abs. 2 Satz 2 (each answered or explicitly "entfällt"), Eigenbemühungen with frequency and
 * form of proof, the measures and the review date. `missingForHandover` says, in German, what still
 * stops a plan from being handed over under the rule set of its date.
 */
import { z } from 'zod';
import { addMonths, formatGermanDate, isoDateSchema, type IsoDate } from '../common/dates';
import { recordIdSchema } from '../common/schemas';
import type { LegalRegime } from '../legal/legal-regimes';

/** The six points of § 15 Abs. 2 Satz 2 SGB II, in the law's order. */
export const PLAN_POINTS = [
  'supportServices',
  'ownEfforts',
  'languageCoursePriority',
  'otherAgencies',
  'targetActivities',
  'rehabilitationNeed',
] as const;
export type PlanPoint = (typeof PLAN_POINTS)[number];

export const PLAN_POINT_LABELS: Readonly<Record<PlanPoint, string>> = {
  supportServices: 'Leistungen zur Eingliederung, die in Betracht kommen (Nr. 1)',
  ownEfforts: 'Eigenbemühungen und ihr Nachweis (Nr. 2)',
  languageCoursePriority: 'Vorrang von Integrationskurs oder Berufssprachkurs (Nr. 3)',
  otherAgencies: 'Leistungen anderer Leistungsträger (Nr. 4)',
  targetActivities: 'Angestrebte Ausbildung, Tätigkeiten oder Tätigkeitsbereiche (Nr. 5)',
  rehabilitationNeed: 'Bedarf an beruflicher oder medizinischer Rehabilitation (Nr. 6)',
};

const longText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Der Text darf höchstens ${max.toLocaleString('de-DE')} Zeichen lang sein.` });

/** Each point is answered with text, explicitly marked "entfällt", or still open. */
export const pointAnswerSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('answered'),
    text: longText(2000).min(1, { message: 'Bitte eine Antwort eintragen.' }),
  }),
  z.object({ state: z.literal('not_applicable'), note: longText(500).default('') }),
  z.object({ state: z.literal('open') }),
]);
export type PointAnswer = z.output<typeof pointAnswerSchema>;

export const PROOF_FORMS = [
  'bewerbungsliste',
  'kopien-bewerbungen',
  'bestaetigung-arbeitgeber',
  'teilnahmebescheinigung',
  'muendlicher-bericht',
  'sonstiger-nachweis',
] as const;
export const PROOF_FORM_LABELS: Readonly<Record<(typeof PROOF_FORMS)[number], string>> = {
  bewerbungsliste: 'Liste der Bewerbungen',
  'kopien-bewerbungen': 'Kopien der Bewerbungen',
  'bestaetigung-arbeitgeber': 'Bestätigung des Arbeitgebers',
  teilnahmebescheinigung: 'Teilnahmebescheinigung',
  'muendlicher-bericht': 'Bericht im nächsten Gespräch',
  'sonstiger-nachweis': 'Sonstiger Nachweis',
};

export const ownEffortSchema = z.object({
  description: longText(500).min(1, { message: 'Bitte die Eigenbemühung beschreiben.' }),
  frequency: z
    .object({
      count: z.number().int().min(1, { message: 'Mindestens einmal.' }).max(50),
      per: z.enum(['week', 'month', 'quarter', 'once']),
    })
    .nullable()
    .default(null),
  proof: z.enum(PROOF_FORMS).nullable().default(null),
});
export type OwnEffort = z.output<typeof ownEffortSchema>;

/** Who does a main step of the plan. */
export const RESPONSIBLES = ['person', 'jobcenter', 'gemeinsam'] as const;
export const RESPONSIBLE_LABELS: Readonly<Record<(typeof RESPONSIBLES)[number], string>> = {
  person: 'Die Person',
  jobcenter: 'Das Jobcenter',
  gemeinsam: 'Gemeinsam',
};

export const FREQUENCY_LABELS = {
  week: 'pro Woche',
  month: 'pro Monat',
  quarter: 'pro Quartal',
  once: 'einmalig',
};

export const cooperationPlanSchema = z.object({
  id: z.string().min(1),
  caseId: z.string().min(1),
  /** The plan's date; it decides the rule set. */
  planDate: isoDateSchema,
  goal: longText(1000).default(''),
  mainSteps: z
    .array(
      z.object({
        text: longText(500).min(1, { message: 'Bitte den Schritt beschreiben.' }),
        dueOn: isoDateSchema.nullable().default(null),
        responsible: z.enum(RESPONSIBLES),
      }),
    )
    .max(20, { message: 'Höchstens 20 Schritte: der Plan soll kurz und verständlich bleiben.' })
    .default([]),
  points: z.object(
    Object.fromEntries(PLAN_POINTS.map((p) => [p, pointAnswerSchema.default({ state: 'open' })])) as Record<
      PlanPoint,
      z.ZodDefault<typeof pointAnswerSchema>
    >,
  ),
  ownEfforts: z.array(ownEffortSchema).max(20).default([]),
  measures: z
    .array(
      z.object({
        assignmentId: z.string().nullable().default(null),
        measureId: z.string().min(1),
        title: longText(200),
      }),
    )
    .max(20)
    .default([]),
  /** Persönliches Angebot (Beratung, Unterstützung, Vermittlung) – required under the Grundsicherung. */
  personalOffer: longText(2000).default(''),
  reviewDueOn: isoDateSchema.nullable().default(null),
  /** ISO 639-1 code of the translated companion page (German stays authoritative). */
  companionLanguage: z.enum(['en', 'uk', 'ar', 'ru']).nullable().default(null),
});
export type CooperationPlan = z.output<typeof cooperationPlanSchema>;
export type CooperationPlanInput = z.input<typeof cooperationPlanSchema>;

export interface PlanProblem {
  /** The part of the plan the problem points to (for focus and links): 'goal', 'points.ownEfforts', … */
  readonly field: string;
  readonly message: string;
}

export interface PlanContext {
  /** A Potenzialanalyse must precede the plan (§ 15 Abs. 1 SGB II). */
  readonly hasFinalizedAssessment: boolean;
  /** The day of the check (the hand-over): a review date before it cannot be kept any more. */
  readonly today: IsoDate;
}

/** The latest review date the rule set allows for a plan of this date. */
export function latestReviewDate(planDate: IsoDate, regime: LegalRegime): IsoDate {
  return addMonths(planDate, regime.plan.reviewIntervalMonths);
}

/** Frequency and proof are what make an Eigenbemühung checkable. */
export function ownEffortProblems(effort: OwnEffort, index: number): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const name = `Eigenbemühung ${index + 1} („${effort.description.slice(0, 40)}“)`;
  if (effort.frequency === null) {
    problems.push({ field: `ownEfforts.${index}.frequency`, message: `${name}: Bitte angeben, wie oft.` });
  }
  if (effort.proof === null) {
    problems.push({
      field: `ownEfforts.${index}.proof`,
      message: `${name}: Bitte angeben, wie sie nachgewiesen wird.`,
    });
  }
  return problems;
}

/** The points of § 15 Abs. 2 neither answered nor marked "entfällt", in the law's order. */
export function openPlanPoints(plan: Pick<CooperationPlan, 'points'>): PlanPoint[] {
  return PLAN_POINTS.filter((p) => plan.points[p].state === 'open');
}

/** Everything that stops the plan from being handed over; empty when it is ready. */
export function missingForHandover(
  plan: CooperationPlan,
  regime: LegalRegime,
  context: PlanContext,
): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (!context.hasFinalizedAssessment) {
    problems.push({
      field: 'assessment',
      message:
        'Vor dem Kooperationsplan muss eine abgeschlossene Potenzialanalyse vorliegen (§ 15 Abs. 1 SGB II).',
    });
  }
  if (plan.goal.length === 0)
    problems.push({ field: 'goal', message: 'Bitte das Eingliederungsziel eintragen.' });
  if (plan.mainSteps.length === 0) {
    problems.push({
      field: 'mainSteps',
      message: 'Bitte mindestens einen wesentlichen Schritt zur Eingliederung eintragen.',
    });
  }
  for (const point of openPlanPoints(plan)) {
    problems.push({
      field: `points.${point}`,
      message: `${PLAN_POINT_LABELS[point]}: Bitte beantworten oder als „entfällt“ markieren.`,
    });
  }
  if (plan.points.ownEfforts.state === 'answered' && plan.ownEfforts.length === 0) {
    problems.push({
      field: 'ownEfforts',
      message:
        'Eigenbemühungen sind als erforderlich beantwortet: Bitte mindestens eine mit Häufigkeit und Nachweis eintragen.',
    });
  }
  plan.ownEfforts.forEach((effort, i) => problems.push(...ownEffortProblems(effort, i)));
  if (regime.plan.requiresPersonalOffer && plan.personalOffer.length === 0) {
    problems.push({
      field: 'personalOffer',
      message: `Unter dem Regelwerk „${regime.name}“ enthält der Plan ein persönliches Angebot (Beratung, Unterstützung oder Vermittlung).`,
    });
  }
  const latest = latestReviewDate(plan.planDate, regime);
  if (plan.reviewDueOn === null) {
    problems.push({
      field: 'reviewDueOn',
      message: `Bitte einen Überprüfungstermin festlegen (spätestens ${formatGermanDate(latest)}).`,
    });
  } else if (plan.reviewDueOn > latest) {
    problems.push({
      field: 'reviewDueOn',
      message: `Der Plan muss spätestens am ${formatGermanDate(latest)} überprüft werden (${regime.plan.reviewReference}).`,
    });
  } else if (plan.reviewDueOn < plan.planDate) {
    problems.push({
      field: 'reviewDueOn',
      message: 'Der Überprüfungstermin darf nicht vor dem Datum des Plans liegen.',
    });
  } else if (plan.reviewDueOn < context.today) {
    problems.push({
      field: 'reviewDueOn',
      message: `Der Überprüfungstermin ${formatGermanDate(plan.reviewDueOn)} liegt in der Vergangenheit: Bitte einen Termin ab heute (${formatGermanDate(context.today)}) festlegen.`,
    });
  }
  plan.mainSteps.forEach((step, i) => {
    if (step.dueOn !== null && step.dueOn < plan.planDate) {
      problems.push({
        field: `mainSteps.${i}.dueOn`,
        message: `Schritt ${i + 1}: Das Datum liegt vor dem Datum des Plans.`,
      });
    }
  });
  return problems;
}

/** A handed-over version is stored immutably: content, hash, date, who handed it over and how. */
export const planHandoverSchema = z.object({
  planId: z.string().min(1),
  version: z.number().int().min(1),
  handedOverOn: isoDateSchema,
  handedOverBy: z.string().min(1),
  form: z.enum(['ausdruck', 'e-mail', 'postversand', 'portal']),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, { message: 'Der Prüfwert muss ein SHA-256-Hexwert sein.' }),
  regimeId: z.enum(['buergergeld', 'grundsicherung']),
});
export type PlanHandover = z.output<typeof planHandoverSchema>;

/**
 * A handed-over version as a stored record: immutable. `content` is the plan as handed over (its
 * canonical JSON hashes to `contentHash`), `pdfSha256` names the printed PDF in the blob store.
 */
export const planHandoverRecordSchema = planHandoverSchema.extend({
  id: recordIdSchema,
  caseId: recordIdSchema,
  content: cooperationPlanSchema,
  templateVersion: z.string().trim().min(1).max(40).nullable().default(null),
  pdfSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, { message: 'Der Prüfwert muss ein SHA-256-Hexwert sein.' })
    .nullable()
    .default(null),
});
export type PlanHandoverRecord = z.output<typeof planHandoverRecordSchema>;

export const HANDOVER_FORM_LABELS: Readonly<Record<PlanHandover['form'], string>> = {
  ausdruck: 'Ausdruck persönlich übergeben',
  'e-mail': 'per E-Mail (Textform)',
  postversand: 'per Post',
  portal: 'über das Online-Portal',
};

/** Stable JSON (keys sorted) of the plan: the input of the content hash of a handed-over version. */
export function canonicalPlanContent(plan: CooperationPlan): string {
  const sort = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sort);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, sort((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return JSON.stringify(sort(plan));
}
