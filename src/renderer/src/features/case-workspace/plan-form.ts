/**
 * The Kooperationsplan editor's form: the plan's editable content as typed (German dates as
 * TT.MM.JJJJ, numbers as typed), turned into the changes of plans:save-draft and checked with that
 * channel's own schema (PlanSaveDraftInput, derived from the domain's cooperationPlanSchema), each
 * message at its field. Also: where each entry of the domain's "what is missing" list sits in the
 * editor (to focus it), and the hints shown under a free text while it is written (plain language;
 * health terms, which are never printed).
 */
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import { formatGermanDate } from '../../../../shared/domain/common/dates';
import { findDiagnosisTerms } from '../../../../shared/domain/quality/quality-rules';
import {
  PLAN_POINTS,
  type PROOF_FORMS,
  type CooperationPlan,
  type OwnEffort,
  type PlanPoint,
} from '../../../../shared/domain/plan/cooperation-plan';
import type { OwnEffortRecord } from '../../../../shared/domain/plan/own-effort';
import { plainLanguageHints } from '../../../../shared/domain/plan/plain-language';
import { healthTermsOf, type HealthTerms } from '../../../../shared/domain/plan/plan-health';
import type { CompanionLanguage } from '../../../../shared/domain/plan/plan-texts';
import { PlanSaveDraftInput } from '../../../../shared/ipc/contract';

export type Responsible = CooperationPlan['mainSteps'][number]['responsible'];
export type FrequencyPer = NonNullable<OwnEffort['frequency']>['per'];
export type ProofForm = (typeof PROOF_FORMS)[number];
export type PointState = CooperationPlan['points'][PlanPoint]['state'];

export interface StepValues {
  /** A key for React only (not stored). */
  key: string;
  text: string;
  /** TT.MM.JJJJ as typed, or empty. */
  dueOn: string;
  responsible: Responsible;
}

export interface PointValues {
  state: PointState;
  /** The answer, or the note to "entfällt". */
  text: string;
}

export interface EffortValues {
  key: string;
  description: string;
  /** How many times, as typed (empty: not yet said). */
  count: string;
  per: FrequencyPer | '';
  proof: ProofForm | '';
}

/** The editor's values: the editable fields of the plan (PlanChanges), each as the form holds it. */
export type PlanFormValues = { [K in keyof PlanChanges]-?: FormValueOf<K> };

type FormValueOf<K extends keyof PlanChanges> = K extends 'mainSteps'
  ? StepValues[]
  : K extends 'points'
    ? Record<PlanPoint, PointValues>
    : K extends 'ownEfforts'
      ? EffortValues[]
      : K extends 'companionLanguage'
        ? CompanionLanguage | ''
        : // goal, personal offer; the review date as typed (TT.MM.JJJJ) or empty
          string;

/** What plans:save-draft takes as `changes` (the editable part of the plan). */
export type PlanChanges = Pick<
  CooperationPlan,
  'goal' | 'personalOffer' | 'mainSteps' | 'points' | 'ownEfforts' | 'reviewDueOn' | 'companionLanguage'
>;

let counter = 0;
export const newKey = (): string => `k${++counter}`;

export const emptyStep = (): StepValues => ({ key: newKey(), text: '', dueOn: '', responsible: 'person' });
export const emptyEffort = (): EffortValues => ({
  key: newKey(),
  description: '',
  count: '',
  per: '',
  proof: '',
});

/** The form values of a stored plan. */
export function planFormValues(plan: PlanChanges): PlanFormValues {
  return {
    goal: plan.goal,
    personalOffer: plan.personalOffer,
    mainSteps: plan.mainSteps.map((s) => ({
      key: newKey(),
      text: s.text,
      dueOn: s.dueOn ? formatGermanDate(s.dueOn) : '',
      responsible: s.responsible,
    })),
    points: Object.fromEntries(
      PLAN_POINTS.map((p) => {
        const a = plan.points[p];
        const text = a.state === 'answered' ? a.text : a.state === 'not_applicable' ? a.note : '';
        return [p, { state: a.state, text }];
      }),
    ) as Record<PlanPoint, PointValues>,
    ownEfforts: plan.ownEfforts.map((e) => ({
      key: newKey(),
      description: e.description,
      count: e.frequency ? String(e.frequency.count) : '',
      per: e.frequency?.per ?? '',
      proof: e.proof ?? '',
    })),
    reviewDueOn: plan.reviewDueOn ? formatGermanDate(plan.reviewDueOn) : '',
    companionLanguage: plan.companionLanguage ?? '',
  };
}

/** The form path of a path of the save input ('changes.points.goal.text' -> the field shown). */
export function formPathOf(path: string): string {
  const inner = path.replace(/^changes\.?/, '');
  const point = /^points\.([A-Za-z]+)\.(text|note)$/.exec(inner);
  if (point) return `points.${point[1]}.text`;
  const frequency = /^ownEfforts\.(\d+)\.frequency(\.count|\.per)?$/.exec(inner);
  if (frequency) return `ownEfforts.${frequency[1]}.${frequency[2] === '.per' ? 'per' : 'count'}`;
  return inner;
}

/**
 * Checks the form; returns the changes for plans:save-draft, or the German errors per form path.
 * Steps and efforts left completely empty are not saved (a row just added is not an error).
 */
export function checkPlanForm(
  v: PlanFormValues,
  planId: string,
): { ok: true; changes: PlanChanges } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const date = (value: string, path: string): string | null => {
    if (value.trim() === '') return null;
    const parsed = parseGermanDate(value);
    if (parsed.ok) return parsed.value;
    errors[path] = parsed.message;
    return null;
  };
  const steps = v.mainSteps
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.text.trim() !== '' || s.dueOn.trim() !== '');
  const efforts = v.ownEfforts
    .map((e, i) => ({ e, i }))
    .filter(
      ({ e }) => e.description.trim() !== '' || e.count.trim() !== '' || e.per !== '' || e.proof !== '',
    );
  const effortFrequency = (e: EffortValues, i: number): OwnEffort['frequency'] => {
    if (e.count.trim() === '' && e.per === '') return null;
    const count = /^\d{1,3}$/.test(e.count.trim()) ? Number(e.count.trim()) : NaN;
    if (Number.isNaN(count)) errors[`ownEfforts.${i}.count`] = 'Bitte eine ganze Zahl angeben, z. B. 4.';
    if (e.per === '') errors[`ownEfforts.${i}.per`] = 'Bitte den Zeitraum wählen.';
    if (Number.isNaN(count) || e.per === '') return null;
    return { count, per: e.per };
  };
  const changes: PlanChanges = {
    goal: v.goal,
    personalOffer: v.personalOffer,
    mainSteps: steps.map(({ s, i }) => ({
      text: s.text,
      dueOn: date(s.dueOn, `mainSteps.${i}.dueOn`),
      responsible: s.responsible,
    })),
    points: Object.fromEntries(
      PLAN_POINTS.map((p) => {
        const a = v.points[p];
        if (a.state === 'answered') return [p, { state: 'answered', text: a.text }];
        if (a.state === 'not_applicable') return [p, { state: 'not_applicable', note: a.text }];
        return [p, { state: 'open' }];
      }),
    ) as PlanChanges['points'],
    ownEfforts: efforts.map(({ e, i }) => ({
      description: e.description,
      frequency: effortFrequency(e, i),
      proof: e.proof === '' ? null : e.proof,
    })),
    reviewDueOn: date(v.reviewDueOn, 'reviewDueOn'),
    companionLanguage: v.companionLanguage === '' ? null : v.companionLanguage,
  };
  const parsed = PlanSaveDraftInput.safeParse({ planId, changes });
  if (!parsed.success) {
    // indexes of the saved lists are those of the kept rows: map them back to the form's rows
    const rowOf = { mainSteps: steps.map((x) => x.i), ownEfforts: efforts.map((x) => x.i) };
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      const list = path[1] as keyof typeof rowOf | undefined;
      if (list && list in rowOf && path[2] !== undefined)
        path[2] = String(rowOf[list][Number(path[2])] ?? path[2]);
      const formPath = formPathOf(path.join('.'));
      errors[formPath || 'goal'] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, changes };
}

/**
 * Where an entry of the "what is missing" list sits in the editor: the id of the element to focus
 * (see `fieldId`), or null when the editor has no field for it (the Potenzialanalyse, a measure).
 */
export function focusTargetOf(field: string): string | null {
  if (field === 'goal' || field === 'personalOffer' || field === 'reviewDueOn') return fieldId(field);
  if (field === 'mainSteps') return fieldId('mainSteps.add');
  if (field === 'ownEfforts') return fieldId('ownEfforts.add');
  const point = /^points\.([A-Za-z]+)$/.exec(field);
  if (point && (PLAN_POINTS as readonly string[]).includes(point[1]!))
    return fieldId(`points.${point[1]}.state`);
  const step = /^mainSteps\.(\d+)\.(text|dueOn)$/.exec(field);
  if (step) return fieldId(`mainSteps.${step[1]}.${step[2]}`);
  const effort = /^ownEfforts\.(\d+)\.(description|frequency|proof)$/.exec(field);
  if (effort) return fieldId(`ownEfforts.${effort[1]}.${effort[2] === 'frequency' ? 'count' : effort[2]}`);
  return null;
}

/** The DOM id of a form field (paths as the form's, dots as dashes). */
export function fieldId(path: string): string {
  return `plan-${path.replaceAll('.', '-')}`;
}

export interface FieldHint {
  readonly kind: 'health' | 'long-sentence' | 'long-word' | 'passive' | 'jargon';
  readonly message: string;
}

const defaultHealthTerms = healthTermsOf();

/** The hints under one free text while it is written: health terms first (they block), then plain language. */
export function fieldHints(text: string, terms: HealthTerms = defaultHealthTerms): FieldHint[] {
  if (text.trim() === '') return [];
  const found = findDiagnosisTerms(text, terms.terms, terms.icdPattern);
  const health: FieldHint[] =
    found.length === 0
      ? []
      : [
          {
            kind: 'health',
            message: `Gesundheitsangabe (${found.map((f) => `„${f}“`).join(', ')}): wird nie gedruckt und verhindert die Aushändigung. Bitte als Unterstützungsbedarf umschreiben.`,
          },
        ];
  return [...health, ...plainLanguageHints(text).map((h) => ({ kind: h.kind, message: h.message }))];
}

/** An Eigenbemühung recorded in the case (own-efforts:list), as far as the plan takes it. */
export type RecordedEffort = Readonly<
  Pick<OwnEffortRecord, 'description' | 'frequency' | 'proof' | 'endsOn'>
>;

/**
 * The case's recorded Eigenbemühungen the plan does not list yet (same description, ignoring case
 * and spaces), still running on `today`, as rows of the editor with their frequency and proof.
 */
export function effortsToTake(
  records: readonly RecordedEffort[],
  current: readonly EffortValues[],
  today: string,
): EffortValues[] {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const listed = new Set(current.map((e) => norm(e.description)));
  return records
    .filter((r) => (r.endsOn === null || r.endsOn >= today) && !listed.has(norm(r.description)))
    .map((r) => ({
      key: newKey(),
      description: r.description,
      count: r.frequency ? String(r.frequency.count) : '',
      per: r.frequency?.per ?? '',
      proof: r.proof ?? '',
    }));
}
