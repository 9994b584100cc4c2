/**
 * Health details are never printed. The plan's free texts (goal, steps, answers, Eigenbemühungen,
 * measures, personal offer) are checked against the diagnosis terms of the quality rules (one list,
 * revised by Fachadministration in resources/quality/rules.json); every hit blocks the hand-over
 * with a problem that names the offending step, and the printout withholds that text.
 */
import { z } from 'zod';
import {
  defaultQualityRules,
  findDiagnosisTerms,
  ruleById,
  type QualityRulesDocument,
} from '../quality/quality-rules';
import { PLAN_POINT_LABELS, PLAN_POINTS, type CooperationPlan, type PlanProblem } from './cooperation-plan';

export interface HealthTerms {
  readonly terms: readonly string[];
  readonly icdPattern: boolean;
}

const paramsSchema = z.object({ terms: z.array(z.string()), icdPattern: z.boolean() });

/** The diagnosis terms of the rule "keine-diagnosen" (also when the rule is switched off for reviews). */
export function healthTermsOf(doc: QualityRulesDocument = defaultQualityRules): HealthTerms {
  const rule = ruleById(doc, 'keine-diagnosen');
  const params = paramsSchema.parse(rule?.params);
  return { terms: params.terms, icdPattern: params.icdPattern };
}

export interface PlanText {
  readonly field: string;
  readonly label: string;
  readonly text: string;
}

/** Every free text of the plan that would be printed, with where it sits and a German name. */
export function planFreeTexts(plan: CooperationPlan): PlanText[] {
  const out: PlanText[] = [{ field: 'goal', label: 'Das Ziel', text: plan.goal }];
  if (plan.personalOffer)
    out.push({ field: 'personalOffer', label: 'Das persönliche Angebot', text: plan.personalOffer });
  plan.mainSteps.forEach((s, i) =>
    out.push({ field: `mainSteps.${i}.text`, label: `Schritt ${i + 1}`, text: s.text }),
  );
  for (const p of PLAN_POINTS) {
    const a = plan.points[p];
    if (a.state === 'answered') out.push({ field: `points.${p}`, label: PLAN_POINT_LABELS[p], text: a.text });
    if (a.state === 'not_applicable' && a.note)
      out.push({ field: `points.${p}`, label: PLAN_POINT_LABELS[p], text: a.note });
  }
  plan.ownEfforts.forEach((e, i) =>
    out.push({ field: `ownEfforts.${i}.description`, label: `Eigenbemühung ${i + 1}`, text: e.description }),
  );
  plan.measures.forEach((m, i) =>
    out.push({ field: `measures.${i}.title`, label: `Maßnahme ${i + 1}`, text: m.title }),
  );
  return out;
}

/** The fields whose text holds a health detail (they are withheld from every printout). */
export function healthFields(plan: CooperationPlan, terms: HealthTerms = healthTermsOf()): Set<string> {
  return new Set(
    planFreeTexts(plan)
      .filter((t) => findDiagnosisTerms(t.text, terms.terms, terms.icdPattern).length > 0)
      .map((t) => t.field),
  );
}

/** One problem per free text with a health detail, naming the step (empty when the plan is clean). */
export function healthProblems(plan: CooperationPlan, terms: HealthTerms = healthTermsOf()): PlanProblem[] {
  return planFreeTexts(plan).flatMap((t) => {
    const found = findDiagnosisTerms(t.text, terms.terms, terms.icdPattern);
    if (found.length === 0) return [];
    return [
      {
        field: t.field,
        message: `${t.label} enthält Gesundheitsangaben (${found.map((f) => `„${f}“`).join(', ')}). Gesundheitsangaben werden nie gedruckt: Bitte umformulieren, z. B. als funktionale Einschränkung oder Unterstützungsbedarf.`,
      },
    ];
  });
}
