/**
 * The fixed vocabulary of the Potenzialanalyse (4PM, phase 1). The four Schlüsselgrößen are verified
 * (domain-research.md §1.4); their Merkmale are editable data (resources/assessment/criteria.json).
 */
import { z } from 'zod';
import { recordIdSchema } from '../common/schemas';
// German default messages (zod locale) for every schema that does not set its own.
import '../../validation';

/** Schlüsselgrößen: three in the person, one in the environment (Rahmenbedingungen). */
export const KEY_FACTOR_IDS = ['qualification', 'performance', 'motivation', 'frameworkConditions'] as const;
export type KeyFactorId = (typeof KEY_FACTOR_IDS)[number];
export const KEY_FACTOR_LABELS: Readonly<Record<KeyFactorId, string>> = {
  qualification: 'Qualifikation',
  performance: 'Leistungsfähigkeit',
  motivation: 'Motivation',
  frameworkConditions: 'Rahmenbedingungen',
};
export const keyFactorIdSchema = z.enum(KEY_FACTOR_IDS, {
  error:
    'Bitte eine Schlüsselgröße angeben: qualification, performance, motivation oder frameworkConditions.',
});

/**
 * Integrationsprognose: is integration expected within 12 months? The binary split behind
 * "marktnah / komplex" is [UNVERIFIED] (domain-research.md §1.6); the values are code because the
 * decision table's totality check enumerates them.
 */
export const INTEGRATION_FORECASTS = ['within12Months', 'beyond12Months'] as const;
export type IntegrationForecast = (typeof INTEGRATION_FORECASTS)[number];
export const INTEGRATION_FORECAST_LABELS: Readonly<Record<IntegrationForecast, string>> = {
  within12Months: 'Integration innerhalb von 12 Monaten erwartet',
  beyond12Months: 'Integration nicht innerhalb von 12 Monaten erwartet',
};
export const integrationForecastSchema = z.enum(INTEGRATION_FORECASTS, {
  error:
    'Bitte die Integrationsprognose angeben: Integration innerhalb von 12 Monaten erwartet – ja oder nein.',
});

/** Kompetenzklassen of a strength (haufe § 37 SGB III Rz. 13). Strengths never get a numeric score. */
export const COMPETENCE_CLASSES = [
  'methods',
  'activityImplementation',
  'socialCommunicative',
  'personal',
] as const;
export type CompetenceClass = (typeof COMPETENCE_CLASSES)[number];
export const COMPETENCE_CLASS_LABELS: Readonly<Record<CompetenceClass, string>> = {
  methods: 'Methodenkompetenz',
  activityImplementation: 'Aktivitäts- und Umsetzungskompetenz',
  socialCommunicative: 'Sozial-kommunikative Kompetenz',
  personal: 'Personale Kompetenz',
};

/** Where a finding comes from (Informationsquelle). */
export const EVIDENCE_SOURCES = [
  'conversation',
  'selfReport',
  'documents',
  'expertOpinionPartA',
  'measureReport',
  'employer',
  'employmentAgency',
  'otherAgency',
] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];
export const EVIDENCE_SOURCE_LABELS: Readonly<Record<EvidenceSource, string>> = {
  conversation: 'Gespräch',
  selfReport: 'Selbstauskunft',
  documents: 'Unterlagen (Zeugnisse, Nachweise)',
  expertOpinionPartA: 'Gutachten Ärztlicher Dienst / Berufspsychologischer Service (nur Teil A)',
  measureReport: 'Maßnahmebericht',
  employer: 'Arbeitgeber',
  employmentAgency: 'Agentur für Arbeit (§ 9a SGB III)',
  otherAgency: 'Andere Stelle (mit Einwilligung)',
};

/** "Qualifikation, Motivation und Rahmenbedingungen" – for German explanations. */
export function joinGerman(items: readonly string[], conjunction: 'und' | 'oder' = 'und'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** Key factors in catalogue order (deterministic output whatever the input order). */
export function sortKeyFactors(ids: Iterable<KeyFactorId>): KeyFactorId[] {
  const set = new Set(ids);
  return KEY_FACTOR_IDS.filter((id) => set.has(id));
}

/** A timestamp passed in by the caller (the domain never reads the clock). */
export const isoTimestampSchema = z.iso.datetime({
  offset: true,
  error: 'Bitte einen Zeitpunkt im Format JJJJ-MM-TTThh:mm:ssZ angeben.',
});

/** Ids of records and users, as elsewhere in Lotse. */
export { recordIdSchema };

/** Ids inside catalogues (criteria, strategies, table rows): lower-case words joined by "-". */
export const catalogueIdSchema = z
  .string({ error: 'Bitte eine id angeben.' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message:
      'Die id besteht aus Kleinbuchstaben, Ziffern und Bindestrichen (z. B. "vocational-qualification").',
  });

/** The outcome of a domain operation that may be refused; errors carry German messages. */
export type DomainResult<T, C extends string> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError<C> };

export interface DomainError<C extends string> {
  readonly code: C;
  readonly message: string;
  /** Individual German problems, e.g. what is missing before finalizing. */
  readonly problems?: readonly string[];
}

export function succeed<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function refuse<C extends string>(
  code: C,
  message: string,
  problems?: readonly string[],
): { ok: false; error: DomainError<C> } {
  return { ok: false, error: problems ? { code, message, problems } : { code, message } };
}
