/**
 * The Profillage decision table (editable data, resources/assessment/profile-decision-table.json).
 * Rows are tried in order, the first matching row wins; a final fallback answers when none does.
 * Parsing proves the table total: every combination of forecast, key factors with needs and
 * Schwerpunkt must be caught by a row (no gaps), and every row must win for some combination.
 * Overlaps are allowed (the earlier row wins) and reported by analyzeDecisionTable.
 */
import { z } from 'zod';
import { parseResource } from '../common/resource-data';
import tableData from '../../../../resources/assessment/profile-decision-table.json' with { type: 'json' };
import {
  catalogueIdSchema,
  INTEGRATION_FORECAST_LABELS,
  INTEGRATION_FORECASTS,
  integrationForecastSchema,
  joinGerman,
  KEY_FACTOR_IDS,
  KEY_FACTOR_LABELS,
  keyFactorIdSchema,
  sortKeyFactors,
  type IntegrationForecast,
  type KeyFactorId,
} from './vocabulary';

export const PROFILE_DECISION_TABLE_RESOURCE = 'assessment/profile-decision-table.json';

/** The six Profillagen. */
export const PROFILE_SITUATIONS = [
  'market',
  'activation',
  'promotion',
  'development',
  'stabilization',
  'support',
] as const;
export type ProfileSituation = (typeof PROFILE_SITUATIONS)[number];

/** A derivation yields one Profillage or "keine Zuordnung" (none). */
export const PROFILE_OUTCOMES = [...PROFILE_SITUATIONS, 'none'] as const;
export type ProfileOutcome = (typeof PROFILE_OUTCOMES)[number];
export const PROFILE_OUTCOME_LABELS: Readonly<Record<ProfileOutcome, string>> = {
  market: 'Marktprofil',
  activation: 'Aktivierungsprofil',
  promotion: 'Förderprofil',
  development: 'Entwicklungsprofil',
  stabilization: 'Stabilisierungsprofil',
  support: 'Unterstützungsprofil',
  none: 'keine Zuordnung',
};
export const profileOutcomeSchema = z.enum(PROFILE_OUTCOMES, {
  error: `Bitte eines von ${PROFILE_OUTCOMES.join(', ')} angeben.`,
});

/** "none" in dominantIn: no Schwerpunkt (no need at all, or several without a chosen focus). */
export const NO_DOMINANT = 'none' as const;
export type DominantValue = KeyFactorId | typeof NO_DOMINANT;
const dominantValueSchema = z.enum([...KEY_FACTOR_IDS, NO_DOMINANT], {
  error: `Bitte eine Schlüsselgröße oder "${NO_DOMINANT}" angeben.`,
});

const keyFactorList = z
  .array(keyFactorIdSchema)
  .min(1, { message: 'Bitte mindestens eine Schlüsselgröße angeben.' })
  .transform((ids) => sortKeyFactors(ids));

const countBound = z
  .number({ error: 'Bitte eine Zahl von 0 bis 4 angeben.' })
  .int({ message: 'Bitte eine ganze Zahl angeben.' })
  .min(0, { message: 'Bitte eine Zahl von 0 bis 4 angeben.' })
  .max(KEY_FACTOR_IDS.length, { message: 'Bitte eine Zahl von 0 bis 4 angeben.' });

export const conditionSchema = z.strictObject({
  integrationForecast: integrationForecastSchema.optional(),
  /** How many key factors carry at least one need. */
  needCount: z
    .strictObject({ min: countBound.optional(), max: countBound.optional() })
    .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, {
      message: 'min darf nicht größer als max sein.',
    })
    .optional(),
  needsInAnyOf: keyFactorList.optional(),
  needsInAllOf: keyFactorList.optional(),
  noNeedsIn: keyFactorList.optional(),
  dominantIn: z
    .array(dominantValueSchema)
    .min(1, { message: 'Bitte mindestens einen Schwerpunkt angeben.' })
    .optional(),
});
export type ProfileCondition = z.output<typeof conditionSchema>;

const descriptionSchema = z
  .string({ error: 'Bitte eine Beschreibung angeben.' })
  .trim()
  .min(1, { message: 'Bitte eine Beschreibung angeben.' })
  .max(1000, { message: 'Höchstens 1000 Zeichen erlaubt.' });

export const decisionRowSchema = z.strictObject({
  id: catalogueIdSchema,
  result: profileOutcomeSchema,
  description: descriptionSchema,
  when: conditionSchema,
});
export type DecisionRow = z.output<typeof decisionRowSchema>;

const tableShapeSchema = z.strictObject({
  version: z.string().trim().min(1, { message: 'Bitte die Version angeben.' }).max(40),
  note: z.string().max(2000).optional(),
  rows: z
    .array(decisionRowSchema, { error: 'Bitte die Zeilen als Liste angeben.' })
    .min(1, { message: 'Die Tabelle braucht mindestens eine Zeile.' }),
  fallback: z.strictObject(
    { result: profileOutcomeSchema, description: descriptionSchema },
    { error: 'Bitte eine Rückfallregel (fallback) mit result und description angeben.' },
  ),
});
export type ProfileDecisionTable = z.output<typeof tableShapeSchema>;

/** One point of the input space after normalization (see normalizeProfileInputs). */
export interface ProfileCombination {
  readonly integrationForecast: IntegrationForecast;
  /** Key factors with at least one need, in catalogue order, no duplicates. */
  readonly needs: readonly KeyFactorId[];
  /** The effective Schwerpunkt. */
  readonly dominant: DominantValue;
}

export function rowMatches(when: ProfileCondition, c: ProfileCombination): boolean {
  if (when.integrationForecast !== undefined && when.integrationForecast !== c.integrationForecast)
    return false;
  const count = c.needs.length;
  if (when.needCount?.min !== undefined && count < when.needCount.min) return false;
  if (when.needCount?.max !== undefined && count > when.needCount.max) return false;
  if (when.needsInAnyOf && !when.needsInAnyOf.some((k) => c.needs.includes(k))) return false;
  if (when.needsInAllOf && !when.needsInAllOf.every((k) => c.needs.includes(k))) return false;
  if (when.noNeedsIn?.some((k) => c.needs.includes(k))) return false;
  if (when.dominantIn && !when.dominantIn.includes(c.dominant)) return false;
  return true;
}

/** Index of the first matching row, or -1 (then the fallback applies). */
export function firstMatchingRow(table: Pick<ProfileDecisionTable, 'rows'>, c: ProfileCombination): number {
  return table.rows.findIndex((row) => rowMatches(row.when, c));
}

/** Every normalized combination: forecast × key factors with needs × possible Schwerpunkt. */
export function allProfileCombinations(): ProfileCombination[] {
  const combos: ProfileCombination[] = [];
  for (const forecast of INTEGRATION_FORECASTS) {
    for (let mask = 0; mask < 1 << KEY_FACTOR_IDS.length; mask += 1) {
      const needs = KEY_FACTOR_IDS.filter((_, i) => (mask & (1 << i)) !== 0);
      const dominants: DominantValue[] =
        needs.length === 0 ? [NO_DOMINANT] : needs.length === 1 ? [needs[0]!] : [NO_DOMINANT, ...needs];
      for (const dominant of dominants) {
        combos.push({ integrationForecast: forecast, needs, dominant });
      }
    }
  }
  return combos;
}

function keyFactorNames(ids: readonly KeyFactorId[], conjunction: 'und' | 'oder' = 'und'): string {
  return joinGerman(
    ids.map((id) => KEY_FACTOR_LABELS[id]),
    conjunction,
  );
}

export function dominantName(value: DominantValue): string {
  return value === NO_DOMINANT ? 'ohne Schwerpunkt' : KEY_FACTOR_LABELS[value];
}

/** "Prognose: ja; Handlungsbedarf in Qualifikation und Motivation; Schwerpunkt: Motivation". */
export function describeCombination(c: ProfileCombination): string {
  const forecast = INTEGRATION_FORECAST_LABELS[c.integrationForecast];
  const needs =
    c.needs.length === 0 ? 'kein Handlungsbedarf' : `Handlungsbedarf in ${keyFactorNames(c.needs)}`;
  const dominant =
    c.dominant === NO_DOMINANT ? 'kein Schwerpunkt' : `Schwerpunkt ${KEY_FACTOR_LABELS[c.dominant]}`;
  return `${forecast}; ${needs}; ${dominant}`;
}

function describeCount(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return min === max ? `genau ${min}` : `${min} bis ${max}`;
  if (min !== undefined) return `mindestens ${min}`;
  return `höchstens ${max}`;
}

/** The requirements of a row in German, one per condition (for the table view and explanations). */
export function describeCondition(when: ProfileCondition): string[] {
  const parts: string[] = [];
  if (when.integrationForecast !== undefined)
    parts.push(INTEGRATION_FORECAST_LABELS[when.integrationForecast]);
  if (when.needCount) {
    parts.push(
      `Anzahl der Schlüsselgrößen mit Handlungsbedarf: ${describeCount(when.needCount.min, when.needCount.max)}`,
    );
  }
  if (when.needsInAnyOf) parts.push(`Handlungsbedarf in ${keyFactorNames(when.needsInAnyOf, 'oder')}`);
  if (when.needsInAllOf) parts.push(`Handlungsbedarf in ${keyFactorNames(when.needsInAllOf)}`);
  if (when.noNeedsIn) parts.push(`kein Handlungsbedarf in ${keyFactorNames(when.noNeedsIn, 'oder')}`);
  if (when.dominantIn) {
    parts.push(`Schwerpunkt: ${joinGerman(when.dominantIn.map(dominantName), 'oder')}`);
  }
  if (parts.length === 0) parts.push('keine Bedingung (trifft immer zu)');
  return parts;
}

export interface DecisionTableAnalysis {
  /** Size of the normalized input space. */
  readonly combinations: number;
  /** Combinations no row catches (only the fallback would answer). */
  readonly gaps: readonly ProfileCombination[];
  /** Combinations caught by more than one row; the first listed row wins. */
  readonly overlaps: readonly {
    readonly combination: ProfileCombination;
    readonly rowIds: readonly string[];
  }[];
  /** Rows that never decide: they match nothing, or only what earlier rows already catch. */
  readonly unusedRows: readonly {
    readonly index: number;
    readonly rowId: string;
    readonly shadowedBy: readonly string[];
  }[];
}

export function analyzeDecisionTable(table: Pick<ProfileDecisionTable, 'rows'>): DecisionTableAnalysis {
  const combos = allProfileCombinations();
  const gaps: ProfileCombination[] = [];
  const overlaps: { combination: ProfileCombination; rowIds: string[] }[] = [];
  const wins = new Array<number>(table.rows.length).fill(0);
  const shadowers = table.rows.map(() => new Set<string>());
  for (const combination of combos) {
    const matching = table.rows.flatMap((row, index) => (rowMatches(row.when, combination) ? [index] : []));
    if (matching.length === 0) {
      gaps.push(combination);
      continue;
    }
    const winner = matching[0]!;
    wins[winner]! += 1;
    for (const loser of matching.slice(1)) shadowers[loser]!.add(table.rows[winner]!.id);
    if (matching.length > 1) overlaps.push({ combination, rowIds: matching.map((i) => table.rows[i]!.id) });
  }
  const unusedRows = table.rows.flatMap((row, index) =>
    wins[index] === 0 ? [{ index, rowId: row.id, shadowedBy: [...shadowers[index]!] }] : [],
  );
  return { combinations: combos.length, gaps, overlaps, unusedRows };
}

/** A readable German report of gaps, unused rows and overlaps. */
export function formatDecisionTableReport(analysis: DecisionTableAnalysis): string[] {
  const lines: string[] = [];
  for (const gap of analysis.gaps) lines.push(`Lücke: Für „${describeCombination(gap)}“ passt keine Zeile.`);
  for (const row of analysis.unusedRows) lines.push(unusedRowMessage(row));
  for (const overlap of analysis.overlaps) {
    lines.push(
      `Überschneidung: „${describeCombination(overlap.combination)}“ passt auf die Zeilen ${overlap.rowIds
        .map((id) => `"${id}"`)
        .join(', ')}; es gilt "${overlap.rowIds[0]}".`,
    );
  }
  return lines;
}

function unusedRowMessage(row: DecisionTableAnalysis['unusedRows'][number]): string {
  return row.shadowedBy.length === 0
    ? `Zeile "${row.rowId}" passt auf keine Kombination (die Bedingungen widersprechen sich).`
    : `Zeile "${row.rowId}" kommt nie zum Zug: Alle Kombinationen, auf die sie passt, erfassen schon die Zeilen ${row.shadowedBy
        .map((id) => `"${id}"`)
        .join(', ')}.`;
}

const MAX_GAPS_REPORTED = 12;

export const profileDecisionTableSchema = tableShapeSchema.superRefine((table, ctx) => {
  const seen = new Set<string>();
  table.rows.forEach((row, i) => {
    if (seen.has(row.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rows', i, 'id'],
        message: `id "${row.id}" ist doppelt vergeben.`,
      });
    }
    seen.add(row.id);
  });
  const analysis = analyzeDecisionTable(table);
  analysis.gaps.slice(0, MAX_GAPS_REPORTED).forEach((gap) => {
    ctx.addIssue({
      code: 'custom',
      path: ['rows'],
      message: `Lücke: Für „${describeCombination(gap)}“ passt keine Zeile. Bitte eine Zeile ergänzen.`,
    });
  });
  if (analysis.gaps.length > MAX_GAPS_REPORTED) {
    ctx.addIssue({
      code: 'custom',
      path: ['rows'],
      message: `… und ${analysis.gaps.length - MAX_GAPS_REPORTED} weitere Lücken (insgesamt ${analysis.gaps.length} von ${analysis.combinations} Kombinationen).`,
    });
  }
  for (const row of analysis.unusedRows) {
    ctx.addIssue({ code: 'custom', path: ['rows', row.index], message: unusedRowMessage(row) });
  }
});

/** Parses the decision table; throws ResourceDataError naming the file, the row and any gap. */
export function parseProfileDecisionTable(
  data: unknown,
  source: string = PROFILE_DECISION_TABLE_RESOURCE,
): ProfileDecisionTable {
  return parseResource(profileDecisionTableSchema, data, source);
}

export const defaultProfileDecisionTable: ProfileDecisionTable = parseProfileDecisionTable(tableData);
