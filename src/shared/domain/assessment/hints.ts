/**
 * Contradiction hints ("Brüche") on an assessment: shown beside the criterion, never blocking.
 */
import { keyFactorsWithNeeds, needsOf, type Assessment } from './assessment';
import { findCriterion, type CriteriaCatalogue } from './criteria';
import { PROFILE_OUTCOME_LABELS, type ProfileOutcome } from './profile-decision-table';
import { KEY_FACTOR_IDS, KEY_FACTOR_LABELS, type KeyFactorId } from './vocabulary';

export const HINT_CODES = [
  'STRENGTH_AND_NEED_WITHOUT_NOTE',
  'FORECAST_WITHIN_12_MONTHS_WITH_NEEDS_EVERYWHERE',
  'FORECAST_BEYOND_12_MONTHS_WITHOUT_NEEDS',
  'MARKET_PROFILE_WITH_NEEDS',
  'DOMINANT_WITHOUT_NEED',
  'NEEDS_WITHOUT_TARGET_OCCUPATION',
  'FUNCTIONAL_LIMITATIONS_WITHOUT_EXPERT_OPINION',
  'ENTRY_WITHOUT_FINDING',
] as const;
export type HintCode = (typeof HINT_CODES)[number];

export interface AssessmentHint {
  readonly code: HintCode;
  /** German text for the IFK. */
  readonly message: string;
  /** The criterion the hint points to, when it is about one. */
  readonly criterionId?: string;
  readonly keyFactor?: KeyFactorId;
}

export interface HintOptions {
  /** The Profillage that applies (derived or overridden), if one was decided. */
  readonly profileSituation?: ProfileOutcome | null;
}

export function assessmentHints(
  assessment: Assessment,
  catalogue: CriteriaCatalogue,
  options: HintOptions = {},
): AssessmentHint[] {
  const hints: AssessmentHint[] = [];
  for (const entry of assessment.entries) {
    const info = findCriterion(catalogue, entry.criterionId);
    const label = info?.criterion.label ?? entry.criterionId;
    const where = info
      ? { criterionId: entry.criterionId, keyFactor: info.keyFactor }
      : { criterionId: entry.criterionId };
    if (entry.strength && entry.need && entry.note.trim() === '') {
      hints.push({
        code: 'STRENGTH_AND_NEED_WITHOUT_NOTE',
        message: `Beim Merkmal „${label}“ sind eine Stärke und ein Handlungsbedarf erfasst, aber kein Vermerk. Bitte kurz erläutern, wie beides zusammenpasst.`,
        ...where,
      });
    }
    if (entry.functionalLimitations !== null && !entry.evidenceSources.includes('expertOpinionPartA')) {
      hints.push({
        code: 'FUNCTIONAL_LIMITATIONS_WITHOUT_EXPERT_OPINION',
        message: `Beim Merkmal „${label}“ sind funktionelle Einschränkungen erfasst, aber kein Gutachten (Teil A) als Quelle. Vermittlungsrelevante gesundheitliche Einschränkungen stellt der Ärztliche Dienst bzw. Berufspsychologische Service fest.`,
        ...where,
      });
    }
    if (!entry.strength && !entry.need && entry.functionalLimitations === null && entry.note.trim() === '') {
      hints.push({
        code: 'ENTRY_WITHOUT_FINDING',
        message: `Beim Merkmal „${label}“ ist weder eine Stärke noch ein Handlungsbedarf erfasst.`,
        ...where,
      });
    }
  }

  const withNeeds = keyFactorsWithNeeds(assessment, catalogue);
  const forecast = assessment.integrationForecast;
  if (forecast === 'within12Months' && withNeeds.length === KEY_FACTOR_IDS.length) {
    hints.push({
      code: 'FORECAST_WITHIN_12_MONTHS_WITH_NEEDS_EVERYWHERE',
      message:
        'Die Prognose erwartet eine Integration innerhalb von 12 Monaten, aber in allen vier Schlüsselgrößen ist Handlungsbedarf erfasst. Bitte Prognose und Handlungsbedarfe prüfen.',
    });
  }
  if (forecast === 'beyond12Months' && withNeeds.length === 0) {
    hints.push({
      code: 'FORECAST_BEYOND_12_MONTHS_WITHOUT_NEEDS',
      message:
        'Die Prognose erwartet keine Integration innerhalb von 12 Monaten, es ist aber kein Handlungsbedarf erfasst. Was steht der Integration entgegen?',
    });
  }
  if (options.profileSituation === 'market' && withNeeds.length > 0) {
    hints.push({
      code: 'MARKET_PROFILE_WITH_NEEDS',
      message: `Die Profillage ist ${PROFILE_OUTCOME_LABELS.market}, es sind aber Handlungsbedarfe in ${withNeeds
        .map((k) => KEY_FACTOR_LABELS[k])
        .join(
          ', ',
        )} erfasst. Ein Marktprofil setzt voraus, dass keine vermittlungsrelevanten Handlungsbedarfe bestehen.`,
    });
  }
  const dominant = assessment.dominantKeyFactor;
  if (dominant !== null && !withNeeds.includes(dominant)) {
    hints.push({
      code: 'DOMINANT_WITHOUT_NEED',
      message: `Als Schwerpunkt ist „${KEY_FACTOR_LABELS[dominant]}“ gewählt, dort ist aber kein Handlungsbedarf erfasst.`,
      keyFactor: dominant,
    });
  }
  if (assessment.targetOccupation === null && needsOf(assessment, catalogue).length > 0) {
    hints.push({
      code: 'NEEDS_WITHOUT_TARGET_OCCUPATION',
      message:
        'Handlungsbedarfe sind erfasst, aber kein Zielberuf. Handlungsbedarfe beziehen sich immer auf einen Zielberuf bzw. eine Zieltätigkeit.',
    });
  }
  return hints;
}
