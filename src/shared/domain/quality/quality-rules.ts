/**
 * Quality review (Teamleitung): machine-checkable rules as data (resources/quality/rules.json:
 * severity, German title and explanation, case section, parameters, on/off) plus one evaluator per
 * rule id in code. Each finding names its rule, severity, a concrete German message and the section
 * (and record) of the case it points to.
 */
import { z } from 'zod';
import { addMonths, ageOn, formatGermanDate, type IsoDate } from '../common/dates';
import { duplicateIds, parseResource, ResourceDataError } from '../common/resource-data';
import type { AssignmentStatus } from '../measures/assignment';
import {
  ownEffortProblems,
  openPlanPoints,
  PLAN_POINT_LABELS,
  type CooperationPlan,
} from '../plan/cooperation-plan';
import data from '../../../../resources/quality/rules.json' with { type: 'json' };

export const SEVERITIES = ['hinweis', 'warnung', 'mangel'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  hinweis: 'Hinweis',
  warnung: 'Warnung',
  mangel: 'Mangel',
};

export const CASE_SECTIONS = [
  'profiling',
  'ziele',
  'strategien',
  'massnahmen',
  'kooperationsplan',
  'termine',
  'vermerke',
] as const;
export type CaseSection = (typeof CASE_SECTIONS)[number];
export const CASE_SECTION_LABELS: Readonly<Record<CaseSection, string>> = {
  profiling: 'Profiling',
  ziele: 'Ziele',
  strategien: 'Strategien',
  massnahmen: 'Maßnahmen',
  kooperationsplan: 'Kooperationsplan',
  termine: 'Termine',
  vermerke: 'Vermerke',
};

/** What the rules look at: a read-only view of one case, assembled by the caller. */
export interface QualitySnapshot {
  readonly caseId: string;
  readonly person: { readonly birthDate: IsoDate };
  /** The latest assessment (draft or finalized), or null. */
  readonly assessment: {
    readonly id: string;
    readonly status: 'draft' | 'finalized';
    readonly finalizedOn: IsoDate | null;
    readonly strengthCount: number;
    readonly targetOccupation: string | null;
    readonly needs: readonly {
      readonly id: string;
      readonly label: string;
      readonly keyFactor: string | null;
    }[];
  } | null;
  readonly goals: readonly { readonly id: string; readonly status: 'open' | 'achieved' | 'dropped' }[];
  readonly plan: {
    readonly content: CooperationPlan;
    readonly handedOverOn: IsoDate | null;
    readonly lastReviewedOn: IsoDate | null;
  } | null;
  readonly assignments: readonly {
    readonly id: string;
    readonly title: string;
    readonly status: AssignmentStatus;
    /** Ended or aborted (final). */
    readonly ended: boolean;
    readonly needIds: readonly string[];
    readonly hasOutcome: boolean;
    /** The planned last day of the measure, if it has one (a running measure past it is overdue). */
    readonly plannedEnd: IsoDate | null;
  }[];
  readonly lastContactOn: IsoDate | null;
  /** Every free text of the case with where it is (notes, strengths, plan texts). */
  readonly freeTexts: readonly {
    readonly section: CaseSection;
    readonly ref: string;
    readonly label: string;
    readonly text: string;
  }[];
}

export const qualityFindingSchema = z.object({
  ruleId: z.string().min(1),
  severity: z.enum(SEVERITIES),
  title: z.string().min(1),
  message: z.string().min(1),
  section: z.enum(CASE_SECTIONS),
  /** The record the finding points to (assessment, plan, assignment, note id), if any. */
  ref: z.string().nullable(),
});
export type QualityFinding = z.output<typeof qualityFindingSchema>;

type Hit = { message: string; ref?: string | null };

interface Evaluator<P extends z.ZodType> {
  readonly params: P;
  evaluate(s: QualitySnapshot, params: z.output<P>, on: IsoDate): Hit[];
}
const evaluator = <P extends z.ZodType>(e: Evaluator<P>) => e;
const months = z.number().int().min(1).max(60);

const compiledTerms = new WeakMap<readonly string[], { term: string; re: RegExp }[]>();

/** One compiled pattern per term, cached per term list (the rules document is long-lived). */
function termPatterns(terms: readonly string[]): { term: string; re: RegExp }[] {
  let patterns = compiledTerms.get(terms);
  if (!patterns) {
    patterns = terms.map((term) => {
      const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const whole = term === term.toUpperCase();
      return {
        term,
        re: new RegExp(`(?<!\\p{L})${escaped}${whole ? '(?!\\p{L})' : ''}`, whole ? 'u' : 'iu'),
      };
    });
    compiledTerms.set(terms, patterns);
  }
  return patterns;
}

const ICD_CODE = /(?<![\p{L}\d])[A-TV-Z]\d{2}\.\d{1,2}(?!\d)|ICD[- ]?10[^\p{L}\d]{0,3}[A-TV-Z]\d{2}/u;

/** Terms are matched at the start of a word (so plurals match); ALL-CAPS abbreviations as whole words. */
export function findDiagnosisTerms(text: string, terms: readonly string[], icdPattern: boolean): string[] {
  const found = termPatterns(terms)
    .filter((p) => p.re.test(text))
    .map((p) => p.term);
  if (icdPattern) {
    const icd = ICD_CODE.exec(text);
    if (icd) found.push(icd[0]);
  }
  return found;
}

export const QUALITY_EVALUATORS = {
  'potenzialanalyse-aktuell': evaluator({
    params: z.object({ maxAgeMonths: months }),
    evaluate(s, p, on) {
      const a = s.assessment;
      if (!a) return [{ message: 'Es gibt keine Potenzialanalyse.' }];
      if (a.status !== 'finalized' || !a.finalizedOn) {
        return [{ message: 'Die Potenzialanalyse ist noch ein Entwurf.', ref: a.id }];
      }
      const due = addMonths(a.finalizedOn, p.maxAgeMonths);
      if (due < on) {
        return [
          {
            message: `Die Potenzialanalyse vom ${formatGermanDate(a.finalizedOn)} ist älter als ${p.maxAgeMonths} Monate.`,
            ref: a.id,
          },
        ];
      }
      return [];
    },
  }),
  'staerken-erfasst': evaluator({
    params: z.object({}),
    evaluate(s) {
      if (!s.assessment || s.assessment.strengthCount > 0) return [];
      return [{ message: 'In der Potenzialanalyse ist keine Stärke erfasst.', ref: s.assessment.id }];
    },
  }),
  'handlungsbedarf-zugeordnet': evaluator({
    params: z.object({}),
    evaluate(s) {
      const a = s.assessment;
      if (!a) return [];
      const hits: Hit[] = a.needs
        .filter((n) => n.keyFactor === null)
        .map((n) => ({
          message: `Der Handlungsbedarf „${n.label}“ ist keiner Schlüsselgröße zugeordnet.`,
          ref: a.id,
        }));
      if (a.needs.length > 0 && !a.targetOccupation) {
        hits.push({
          message: 'Handlungsbedarfe sind erfasst, aber kein Zielberuf, auf den sie sich beziehen.',
          ref: a.id,
        });
      }
      return hits;
    },
  }),
  'ziel-festgelegt': evaluator({
    params: z.object({}),
    evaluate(s) {
      return s.goals.some((g) => g.status !== 'dropped')
        ? []
        : [{ message: 'Es ist kein Eingliederungsziel festgelegt.' }];
    },
  }),
  'kooperationsplan-vollstaendig': evaluator({
    params: z.object({}),
    evaluate(s) {
      if (!s.plan) return [{ message: 'Es gibt keinen Kooperationsplan.' }];
      const plan = s.plan.content;
      const hits: Hit[] = openPlanPoints(plan).map((p) => ({
        message: `${PLAN_POINT_LABELS[p]} ist nicht beantwortet.`,
        ref: plan.id,
      }));
      if (plan.goal.length === 0)
        hits.unshift({ message: 'Im Kooperationsplan fehlt das Ziel.', ref: plan.id });
      return hits;
    },
  }),
  'kooperationsplan-ueberprueft': evaluator({
    params: z.object({ maxMonths: months }),
    evaluate(s, p, on) {
      if (!s.plan) return [];
      const reviewed = s.plan.lastReviewedOn;
      const since = reviewed ?? s.plan.content.planDate;
      const due = addMonths(since, p.maxMonths);
      // the review date agreed in the plan (printed for the person) counts when it comes first
      const agreed = s.plan.content.reviewDueOn;
      if (agreed !== null && agreed < on && agreed <= due && (reviewed === null || reviewed < agreed)) {
        return [
          {
            message: `Der im Kooperationsplan vereinbarte Überprüfungstermin am ${formatGermanDate(agreed)} ist verstrichen${reviewed ? ` (zuletzt überprüft am ${formatGermanDate(reviewed)})` : ''}.`,
            ref: s.plan.content.id,
          },
        ];
      }
      if (due >= on) return [];
      const what = reviewed ? 'zuletzt überprüft' : 'erstellt und seitdem nicht überprüft';
      return [
        {
          message: `Der Kooperationsplan wurde am ${formatGermanDate(since)} ${what}; fällig war die Überprüfung am ${formatGermanDate(due)}.`,
          ref: s.plan.content.id,
        },
      ];
    },
  }),
  'eigenbemuehungen-konkret': evaluator({
    params: z.object({}),
    evaluate(s) {
      if (!s.plan) return [];
      const plan = s.plan.content;
      return plan.ownEfforts
        .flatMap((e, i) => ownEffortProblems(e, i))
        .map((p) => ({ message: p.message, ref: plan.id }));
    },
  }),
  'massnahme-dient-bedarf': evaluator({
    params: z.object({}),
    evaluate(s) {
      const needIds = new Set(s.assessment?.needs.map((n) => n.id) ?? []);
      // An ended measure served the needs of its day: a later Fortschreibung that drops a need (often
      // because the measure met it) is no finding; only open measures must serve today's needs.
      return s.assignments
        .filter((a) => a.needIds.length === 0 || (!a.ended && a.needIds.some((id) => !needIds.has(id))))
        .map((a) => ({
          message:
            a.needIds.length === 0
              ? `Die Maßnahme „${a.title}“ ist keinem Handlungsbedarf zugeordnet.`
              : `Die Maßnahme „${a.title}“ verweist auf einen Handlungsbedarf, der in der Potenzialanalyse nicht (mehr) steht.`,
          ref: a.id,
        }));
    },
  }),
  'massnahme-ergebnis': evaluator({
    params: z.object({}),
    evaluate(s, _p, on) {
      return s.assignments.flatMap((a): Hit[] => {
        if (a.hasOutcome) return [];
        if (a.ended)
          return [
            { message: `Für die beendete Maßnahme „${a.title}“ ist kein Ergebnis dokumentiert.`, ref: a.id },
          ];
        // the same "überfällig" as the dashboard's: begun, and its planned end is before today
        if (a.status === 'started' && a.plannedEnd !== null && a.plannedEnd < on)
          return [
            {
              message: `Die Maßnahme „${a.title}“ läuft über das geplante Ende am ${formatGermanDate(a.plannedEnd)} hinaus, ohne dass ein Ergebnis dokumentiert ist: bitte verlängern oder mit dem Ergebnis beenden oder abbrechen.`,
              ref: a.id,
            },
          ];
        return [];
      });
    },
  }),
  'letzter-kontakt': evaluator({
    params: z.object({ maxMonths: months, maxMonthsUnder25: months }),
    evaluate(s, p, on) {
      const under25 = ageOn(s.person.birthDate, on) < 25;
      const limit = under25 ? p.maxMonthsUnder25 : p.maxMonths;
      const group = under25 ? ' (unter 25 Jahre)' : '';
      if (s.lastContactOn === null) return [{ message: 'Es ist kein wahrgenommener Termin dokumentiert.' }];
      if (addMonths(s.lastContactOn, limit) >= on) return [];
      return [
        {
          message: `Der letzte Kontakt war am ${formatGermanDate(s.lastContactOn)}, länger als ${limit} Monate her${group}.`,
        },
      ];
    },
  }),
  'keine-diagnosen': evaluator({
    params: z.object({ terms: z.array(z.string().trim().min(2)).min(1), icdPattern: z.boolean() }),
    evaluate(s, p) {
      return s.freeTexts.flatMap((t) => {
        const found = findDiagnosisTerms(t.text, p.terms, p.icdPattern);
        if (found.length === 0) return [];
        return [
          {
            message: `${t.label} enthält diagnoseähnliche Angaben (${found.map((f) => `„${f}“`).join(', ')}). Bitte nur funktionale Einschränkungen festhalten.`,
            ref: t.ref,
          },
        ];
      });
    },
  }),
} as const satisfies Record<string, Evaluator<z.ZodType>>;

export type QualityRuleId = keyof typeof QUALITY_EVALUATORS;
const RULE_IDS = Object.keys(QUALITY_EVALUATORS) as [QualityRuleId, ...QualityRuleId[]];

const ruleSchema = z.object({
  id: z.enum(RULE_IDS, {
    error: (i) => `unbekannte Regel "${String(i.input)}" (für sie gibt es keine Prüfung)`,
  }),
  severity: z.enum(SEVERITIES),
  title: z.string().trim().min(1),
  explanation: z.string().trim().min(1),
  section: z.enum(CASE_SECTIONS),
  params: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
});
export type QualityRule = z.output<typeof ruleSchema>;

export const qualityRulesDocumentSchema = z.object({
  version: z.string().min(1),
  rules: z.array(ruleSchema),
});
export type QualityRulesDocument = z.output<typeof qualityRulesDocumentSchema>;
export const QUALITY_RULES_SOURCE = 'quality/rules.json';

/** Parses the rules and checks what zod cannot: parameters per rule, placeholders, completeness. */
export function parseQualityRules(input: unknown, source = QUALITY_RULES_SOURCE): QualityRulesDocument {
  const doc = parseResource(qualityRulesDocumentSchema, input, source);
  const problems = duplicateIds(doc.rules).map((p) => `rules › ${p}`);
  doc.rules.forEach((rule, i) => {
    const where = `rules › Eintrag ${i + 1} (id "${rule.id}")`;
    const params = QUALITY_EVALUATORS[rule.id].params.safeParse(rule.params);
    if (!params.success) {
      for (const issue of params.error.issues) {
        problems.push(
          `${where} › params${issue.path.map((k) => ` › ${String(k)}`).join('')}: ${issue.message}`,
        );
      }
    }
    for (const [, name] of rule.explanation.matchAll(/\{(\w+)\}/g)) {
      if (!(name! in rule.params))
        problems.push(`${where} › explanation: Platzhalter {${name}} hat keinen Parameter`);
    }
  });
  const present = new Set(doc.rules.map((r) => r.id));
  for (const id of RULE_IDS) if (!present.has(id)) problems.push(`rules: die Regel "${id}" fehlt`);
  if (problems.length > 0) throw new ResourceDataError(source, problems);
  return doc;
}

export const defaultQualityRules: QualityRulesDocument = parseQualityRules(data);

/** A rule of the document by its id (undefined for an id the document does not know). */
export function ruleById(doc: QualityRulesDocument, ruleId: string): QualityRule | undefined {
  return doc.rules.find((r) => r.id === ruleId);
}

/** The title of a rule, or its id when the document does not know it (a correction from an older rule set). */
export function ruleTitle(ruleId: string, doc: QualityRulesDocument = defaultQualityRules): string {
  return ruleById(doc, ruleId)?.title ?? ruleId;
}

/** The rule's explanation with its parameters filled in. */
export function explainRule(rule: QualityRule): string {
  return rule.explanation.replace(/\{(\w+)\}/g, (_, name: string) => String(rule.params[name]));
}

/** Parameters parsed once per rule object (a team review runs the same rules for thousands of cases). */
const parsedParams = new WeakMap<QualityRule, unknown>();

/** Runs every enabled rule against one case; findings are ordered by severity (Mangel first), then rule order. */
export function evaluateQuality(
  snapshot: QualitySnapshot,
  on: IsoDate,
  doc: QualityRulesDocument = defaultQualityRules,
): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const rule of doc.rules) {
    if (!rule.enabled) continue;
    const ev = QUALITY_EVALUATORS[rule.id] as Evaluator<z.ZodType>;
    let params = parsedParams.get(rule);
    if (params === undefined) {
      params = ev.params.parse(rule.params);
      parsedParams.set(rule, params);
    }
    for (const hit of ev.evaluate(snapshot, params, on)) {
      findings.push({
        ruleId: rule.id,
        severity: rule.severity,
        title: rule.title,
        message: hit.message,
        section: rule.section,
        ref: hit.ref ?? null,
      });
    }
  }
  const rank = (s: Severity) => -SEVERITIES.indexOf(s);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f.severity) - rank(b.f.severity) || a.i - b.i)
    .map((x) => x.f);
}

export const qualityResourceParsers: Record<string, (input: unknown, source: string) => unknown> = {
  [QUALITY_RULES_SOURCE]: parseQualityRules,
};
