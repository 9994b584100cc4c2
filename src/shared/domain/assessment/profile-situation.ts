/**
 * Derives the Profillage from the integration forecast and the key factors with needs, using the
 * decision table, and explains in German which row matched and why. The Profillage is information,
 * not a mandatory field (the BA dropped its explicit assignment, domain-research.md §1.6): the IFK
 * may override it with a reason; the decision keeps derived value, override, reason, who and when.
 */
import { z } from 'zod';
import { keyFactorsWithNeeds, type Assessment } from './assessment';
import { type CriteriaCatalogue } from './criteria';
import {
  defaultProfileDecisionTable,
  describeCondition,
  firstMatchingRow,
  NO_DOMINANT,
  PROFILE_OUTCOME_LABELS,
  profileOutcomeSchema,
  type DominantValue,
  type ProfileCombination,
  type ProfileDecisionTable,
  type ProfileOutcome,
} from './profile-decision-table';
import {
  INTEGRATION_FORECAST_LABELS,
  integrationForecastSchema,
  isoTimestampSchema,
  joinGerman,
  KEY_FACTOR_LABELS,
  keyFactorIdSchema,
  recordIdSchema,
  refuse,
  sortKeyFactors,
  succeed,
  type DomainResult,
  type KeyFactorId,
} from './vocabulary';

/** What the derivation looks at, as recorded on the assessment. */
export const profileInputsSchema = z.strictObject({
  integrationForecast: integrationForecastSchema.nullable(),
  keyFactorsWithNeeds: z.array(keyFactorIdSchema),
  /** The Schwerpunkt chosen by the IFK (may be null). */
  dominantKeyFactor: keyFactorIdSchema.nullable(),
});
export type ProfileInputs = z.output<typeof profileInputsSchema>;

export function profileInputsOf(
  assessment: Pick<Assessment, 'entries' | 'integrationForecast' | 'dominantKeyFactor'>,
  catalogue: CriteriaCatalogue,
): ProfileInputs {
  return {
    integrationForecast: assessment.integrationForecast,
    keyFactorsWithNeeds: keyFactorsWithNeeds(assessment, catalogue),
    dominantKeyFactor: assessment.dominantKeyFactor,
  };
}

export interface NormalizedProfileInputs {
  readonly combination: ProfileCombination | null;
  /** How the effective Schwerpunkt came about. */
  readonly dominantSource: 'chosen' | 'onlyKeyFactor' | 'none' | 'chosenWithoutNeed';
}

/**
 * The effective Schwerpunkt is the chosen one if it carries a need; else, with exactly one key factor
 * with needs, that one; else none. Without a forecast there is no combination.
 */
export function normalizeProfileInputs(inputs: ProfileInputs): NormalizedProfileInputs {
  const needs = sortKeyFactors(inputs.keyFactorsWithNeeds);
  const chosen = inputs.dominantKeyFactor;
  let dominant: DominantValue = NO_DOMINANT;
  let dominantSource: NormalizedProfileInputs['dominantSource'] = 'none';
  if (chosen !== null && needs.includes(chosen)) {
    dominant = chosen;
    dominantSource = 'chosen';
  } else if (needs.length === 1) {
    dominant = needs[0]!;
    dominantSource = 'onlyKeyFactor';
  } else if (chosen !== null) {
    dominantSource = 'chosenWithoutNeed';
  }
  if (inputs.integrationForecast === null) return { combination: null, dominantSource };
  return {
    combination: {
      integrationForecast: inputs.integrationForecast,
      needs,
      dominant,
    },
    dominantSource,
  };
}

export const PROFILE_BASES = ['row', 'fallback', 'missingForecast'] as const;
export const PROFILE_BASIS_LABELS: Readonly<Record<(typeof PROFILE_BASES)[number], string>> = {
  row: 'Zeile der Entscheidungstabelle',
  fallback: 'keine Zeile passte (Auffangregel)',
  missingForecast: 'Integrationsprognose fehlt',
};

export const profileDerivationSchema = z.strictObject({
  result: profileOutcomeSchema,
  /** "row": a table row decided; "fallback": no row matched; "missingForecast": nothing to derive from. */
  basis: z.enum(PROFILE_BASES),
  rowId: z.string().nullable(),
  explanation: z.string().min(1),
  tableVersion: z.string(),
  inputs: profileInputsSchema,
});
export type ProfileDerivation = z.output<typeof profileDerivationSchema>;

function describeInputs(inputs: ProfileInputs, normalized: NormalizedProfileInputs): string {
  const forecast =
    inputs.integrationForecast === null ? 'fehlt' : INTEGRATION_FORECAST_LABELS[inputs.integrationForecast];
  const needs = sortKeyFactors(inputs.keyFactorsWithNeeds);
  const needText =
    needs.length === 0
      ? 'keine'
      : `${joinGerman(needs.map((k) => KEY_FACTOR_LABELS[k]))} (${needs.length} ${needs.length === 1 ? 'Schlüsselgröße' : 'Schlüsselgrößen'})`;
  const chosen = inputs.dominantKeyFactor;
  const dominantText = {
    chosen: () => KEY_FACTOR_LABELS[chosen as KeyFactorId],
    onlyKeyFactor: () => `${KEY_FACTOR_LABELS[needs[0]!]} (einzige Schlüsselgröße mit Handlungsbedarf)`,
    none: () => 'keiner',
    chosenWithoutNeed: () =>
      `keiner (gewählt war ${KEY_FACTOR_LABELS[chosen as KeyFactorId]}, dort ist aber kein Handlungsbedarf erfasst)`,
  }[normalized.dominantSource]();
  return `Integrationsprognose: ${forecast}; Handlungsbedarfe in: ${needText}; Schwerpunkt: ${dominantText}`;
}

/** Derives the Profillage; total: every input yields exactly one outcome with an explanation. */
export function deriveProfileSituation(
  inputs: ProfileInputs,
  table: ProfileDecisionTable = defaultProfileDecisionTable,
): ProfileDerivation {
  const normalized = normalizeProfileInputs(inputs);
  const given = describeInputs(inputs, normalized);
  const base = {
    tableVersion: table.version,
    inputs: { ...inputs, keyFactorsWithNeeds: sortKeyFactors(inputs.keyFactorsWithNeeds) },
  };
  if (normalized.combination === null) {
    return {
      ...base,
      result: 'none',
      basis: 'missingForecast',
      rowId: null,
      explanation: `${PROFILE_OUTCOME_LABELS.none}: Die Integrationsprognose fehlt. Ohne sie (Integration innerhalb von 12 Monaten erwartet: ja/nein) wird keine Profillage abgeleitet. Eingaben – ${given}.`,
    };
  }
  const index = firstMatchingRow(table, normalized.combination);
  const row = index >= 0 ? table.rows[index] : undefined;
  if (!row) {
    return {
      ...base,
      result: table.fallback.result,
      basis: 'fallback',
      rowId: null,
      explanation: `${PROFILE_OUTCOME_LABELS[table.fallback.result]}, weil keine Zeile der Entscheidungstabelle (Stand ${tableStand(table.version)}) passt; es gilt die Rückfallregel. ${table.fallback.description} Eingaben – ${given}.`,
    };
  }
  return {
    ...base,
    result: row.result,
    basis: 'row',
    rowId: row.id,
    explanation: `${PROFILE_OUTCOME_LABELS[row.result]}, weil Zeile ${index + 1} der Entscheidungstabelle (Stand ${tableStand(table.version)}) als erste zutrifft. ${row.description} Erfüllte Bedingungen: ${describeCondition(row.when).join('; ')}. Eingaben – ${given}.`,
  };
}

export const profileOverrideSchema = z.strictObject({
  value: profileOutcomeSchema,
  reason: z
    .string({ error: 'Bitte die Abweichung begründen.' })
    .trim()
    .min(1, { message: 'Bitte die Abweichung begründen.' })
    .max(2000, { message: 'Höchstens 2000 Zeichen erlaubt.' }),
  by: recordIdSchema,
  at: isoTimestampSchema,
});
export type ProfileOverride = z.output<typeof profileOverrideSchema>;

/** The logged Profillage of one assessment version: derived value plus an optional override. */
export const profileSituationDecisionSchema = z.strictObject({
  assessmentId: recordIdSchema,
  assessmentVersion: z.number().int().min(1),
  derived: profileDerivationSchema,
  derivedBy: recordIdSchema,
  derivedAt: isoTimestampSchema,
  override: profileOverrideSchema.nullable(),
});
export type ProfileSituationDecision = z.output<typeof profileSituationDecisionSchema>;

export interface DecisionContext {
  readonly catalogue: CriteriaCatalogue;
  readonly table?: ProfileDecisionTable;
  readonly by: string;
  /** ISO timestamp passed in by the caller. */
  readonly at: string;
}

/** Derives and records the Profillage of an assessment version (no override yet). */
export function decideProfileSituation(
  assessment: Pick<Assessment, 'id' | 'version' | 'entries' | 'integrationForecast' | 'dominantKeyFactor'>,
  context: DecisionContext,
): ProfileSituationDecision {
  return {
    assessmentId: assessment.id,
    assessmentVersion: assessment.version,
    derived: deriveProfileSituation(profileInputsOf(assessment, context.catalogue), context.table),
    derivedBy: context.by,
    derivedAt: context.at,
    override: null,
  };
}

export type ProfileOverrideErrorCode = 'REASON_REQUIRED' | 'INVALID_INPUT' | 'SAME_AS_DERIVED';

/** Overrides the derived Profillage; a reason is mandatory. */
export function overrideProfileSituation(
  decision: ProfileSituationDecision,
  override: { value: ProfileOutcome; reason: string; by: string; at: string },
): DomainResult<ProfileSituationDecision, ProfileOverrideErrorCode> {
  if (override.reason.trim() === '') {
    return refuse('REASON_REQUIRED', 'Eine abweichende Profillage braucht eine Begründung.');
  }
  const parsed = profileOverrideSchema.safeParse(override);
  if (!parsed.success) {
    return refuse(
      'INVALID_INPUT',
      'Die Abweichung ist nicht gültig.',
      parsed.error.issues.map((i) => `${i.path.join(' › ')}: ${i.message}`),
    );
  }
  if (parsed.data.value === decision.derived.result) {
    return refuse(
      'SAME_AS_DERIVED',
      `Die gewählte Profillage (${PROFILE_OUTCOME_LABELS[parsed.data.value]}) entspricht der abgeleiteten; eine Abweichung ist nicht nötig.`,
    );
  }
  return succeed({ ...decision, override: parsed.data });
}

/** Removes an override; the derived value applies again. */
export function clearProfileOverride(decision: ProfileSituationDecision): ProfileSituationDecision {
  return { ...decision, override: null };
}

/** The Profillage that applies: the override if any, else the derived one. */
export function effectiveProfileSituation(decision: ProfileSituationDecision): ProfileOutcome {
  return decision.override?.value ?? decision.derived.result;
}

/** A German sentence for the case view (never colour alone). */
export function describeProfileDecision(decision: ProfileSituationDecision): string {
  const derived = PROFILE_OUTCOME_LABELS[decision.derived.result];
  if (!decision.override) return `Profillage: ${derived} (abgeleitet).`;
  return `Profillage: ${PROFILE_OUTCOME_LABELS[decision.override.value]} (manuell festgelegt; abgeleitet war ${derived}). Begründung: ${decision.override.reason}`;
}

/** The table's version as a caseworker reads it: "2026-01" → "01/2026" (other forms as they are). */
function tableStand(version: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(version);
  return m ? `${m[2]}/${m[1]}` : version;
}
