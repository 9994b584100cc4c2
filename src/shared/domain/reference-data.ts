/**
 * Every catalogue and rule document Lotse ships in resources/, with the key under which the central
 * server distributes it (Fachadministration edits it there; desktops pull it). One place maps
 * key ↔ file ↔ parser, so the server validates an edited document with the same schema the shipped
 * file is tested with.
 */
import criteria from '../../../resources/assessment/criteria.json' with { type: 'json' };
import decisionTable from '../../../resources/assessment/profile-decision-table.json' with { type: 'json' };
import occupations from '../../../resources/goals/occupations-kldb.json' with { type: 'json' };
import strategies from '../../../resources/goals/strategies.json' with { type: 'json' };
import catalogue from '../../../resources/measures/catalogue.json' with { type: 'json' };
import quality from '../../../resources/quality/rules.json' with { type: 'json' };
import legal from '../../../resources/rules/legal-regimes.json' with { type: 'json' };
import { assessmentResourceParsers } from './assessment/resources';
import { ResourceDataError } from './common/resource-data';
import { goalsResourceParsers } from './goals/resources';
import { legalResourceParsers } from './legal/legal-regimes';
import { measureResourceParsers } from './measures/catalogue';
import { plainLanguageResourceParsers } from './plan/plain-language';
import { PLAN_TEXT_FILES, planTextsResourceParsers } from './plan/plan-texts';
import plainLanguage from '../../../resources/plan/plain-language.json' with { type: 'json' };
import { qualityResourceParsers } from './quality/quality-rules';

type Parser = (data: unknown, source: string) => unknown;

/** Parsers keyed by the file's path relative to resources/. */
export const RESOURCE_PARSERS: Readonly<Record<string, Parser>> = {
  ...assessmentResourceParsers,
  ...goalsResourceParsers,
  ...measureResourceParsers,
  ...legalResourceParsers,
  ...qualityResourceParsers,
  ...planTextsResourceParsers,
  ...plainLanguageResourceParsers,
};

export interface ReferenceDocumentSpec {
  /** Key on the server: /reference-data/:key */
  readonly key: string;
  /** German name for administrators. */
  readonly title: string;
  /** Path relative to resources/. */
  readonly resource: string;
  /** The shipped content, as in the file. */
  readonly shipped: unknown;
}

export const REFERENCE_DOCUMENTS: readonly ReferenceDocumentSpec[] = [
  {
    key: 'assessment-criteria',
    title: 'Merkmale der Potenzialanalyse',
    resource: 'assessment/criteria.json',
    shipped: criteria,
  },
  {
    key: 'profile-decision-table',
    title: 'Entscheidungstabelle Profillagen',
    resource: 'assessment/profile-decision-table.json',
    shipped: decisionTable,
  },
  {
    key: 'occupations',
    title: 'Zielberufe (KldB 2010)',
    resource: 'goals/occupations-kldb.json',
    shipped: occupations,
  },
  { key: 'strategies', title: 'Handlungsstrategien', resource: 'goals/strategies.json', shipped: strategies },
  {
    key: 'measure-catalogue',
    title: 'Maßnahmekatalog',
    resource: 'measures/catalogue.json',
    shipped: catalogue,
  },
  {
    key: 'legal-regimes',
    title: 'Rechtliche Regelwerke',
    resource: 'rules/legal-regimes.json',
    shipped: legal,
  },
  { key: 'quality-rules', title: 'Qualitätsregeln', resource: 'quality/rules.json', shipped: quality },
  {
    key: 'plain-language',
    title: 'Hinweise zu verständlicher Sprache (Kooperationsplan)',
    resource: 'plan/plain-language.json',
    shipped: plainLanguage,
  },
  ...PLAN_TEXT_FILES.map((f) => ({
    key: `kooperationsplan-texte-${f.version}`,
    title: `Texte des Kooperationsplans (Version ${f.version})`,
    resource: f.resource,
    shipped: f.shipped,
  })),
];

export function referenceDocumentSpec(key: string): ReferenceDocumentSpec | undefined {
  return REFERENCE_DOCUMENTS.find((d) => d.key === key);
}

export type ReferenceValidation = { ok: true } | { ok: false; problems: string[] };

/** Validates a reference document by its key; unknown keys are refused. */
export function validateReferenceDocument(key: string, content: unknown): ReferenceValidation {
  const spec = referenceDocumentSpec(key);
  if (!spec) return { ok: false, problems: [`Unbekannte Referenzdaten „${key.slice(0, 64)}“.`] };
  const parse = RESOURCE_PARSERS[spec.resource] as Parser;
  try {
    parse(content, spec.resource);
    return { ok: true };
  } catch (error) {
    if (error instanceof ResourceDataError) return { ok: false, problems: error.problems };
    throw error;
  }
}
