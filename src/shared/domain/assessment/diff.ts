/**
 * The differences between two versions of a Potenzialanalyse, field by field with German labels,
 * for the side-by-side view of the version history (what an amendment changed).
 */
import type { Assessment, CriterionEntry } from './assessment';
import { findCriterion, type CriteriaCatalogue } from './criteria';
import { PROFILE_OUTCOME_LABELS } from './profile-decision-table';
import { effectiveProfileSituation, type ProfileSituationDecision } from './profile-situation';
import {
  COMPETENCE_CLASS_LABELS,
  EVIDENCE_SOURCE_LABELS,
  INTEGRATION_FORECAST_LABELS,
  KEY_FACTOR_IDS,
  KEY_FACTOR_LABELS,
} from './vocabulary';

/** Shown for a value that is not set in one of the versions. */
export const NOT_SET = '—';

export type DiffableAssessment = Pick<
  Assessment,
  'entries' | 'integrationForecast' | 'dominantKeyFactor' | 'targetOccupation'
> & { readonly profileSituation?: ProfileSituationDecision | null };

export interface AssessmentDifference {
  /** Stable key (for React lists and tests): "forecast", "entry:mobility:need". */
  readonly key: string;
  /** Where it is: "Allgemein" or the Schlüsselgröße of the Merkmal. */
  readonly section: string;
  /** What it is, in German: "Mobilität – Handlungsbedarf". */
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

const GENERAL = 'Allgemein';

function profileText(decision: ProfileSituationDecision | null | undefined): string {
  if (!decision) return NOT_SET;
  const value = PROFILE_OUTCOME_LABELS[effectiveProfileSituation(decision)];
  return decision.override ? `${value} (abweichend festgelegt: ${decision.override.reason})` : value;
}

const ENTRY_FIELDS: readonly {
  readonly key: string;
  readonly label: string;
  readonly text: (entry: CriterionEntry | undefined) => string;
}[] = [
  { key: 'strength', label: 'Stärke', text: (e) => e?.strength?.text ?? NOT_SET },
  {
    key: 'competenceClass',
    label: 'Kompetenzklasse',
    text: (e) => (e?.strength ? COMPETENCE_CLASS_LABELS[e.strength.competenceClass] : NOT_SET),
  },
  { key: 'need', label: 'Handlungsbedarf', text: (e) => e?.need?.focus ?? NOT_SET },
  {
    key: 'functionalLimitations',
    label: 'Funktionelle Einschränkungen',
    text: (e) => e?.functionalLimitations ?? NOT_SET,
  },
  {
    key: 'evidenceSources',
    label: 'Informationsquellen',
    text: (e) =>
      e && e.evidenceSources.length > 0
        ? e.evidenceSources.map((s) => EVIDENCE_SOURCE_LABELS[s]).join(', ')
        : NOT_SET,
  },
  { key: 'note', label: 'Vermerk', text: (e) => (e && e.note.trim() !== '' ? e.note : NOT_SET) },
];

/** Field-by-field differences from `before` to `after` (empty when nothing changed), in catalogue order. */
export function diffAssessments(
  before: DiffableAssessment,
  after: DiffableAssessment,
  catalogue: CriteriaCatalogue,
): AssessmentDifference[] {
  const out: AssessmentDifference[] = [];
  const push = (key: string, section: string, label: string, a: string, b: string) => {
    if (a !== b) out.push({ key, section, label, before: a, after: b });
  };
  const occupation = (a: DiffableAssessment) =>
    a.targetOccupation
      ? `${a.targetOccupation.title}${a.targetOccupation.kldbCode ? ` (KldB ${a.targetOccupation.kldbCode})` : ''}`
      : NOT_SET;
  push('targetOccupation', GENERAL, 'Zielberuf', occupation(before), occupation(after));
  const forecast = (a: DiffableAssessment) =>
    a.integrationForecast ? INTEGRATION_FORECAST_LABELS[a.integrationForecast] : NOT_SET;
  push('forecast', GENERAL, 'Integrationsprognose', forecast(before), forecast(after));
  const dominant = (a: DiffableAssessment) =>
    a.dominantKeyFactor ? KEY_FACTOR_LABELS[a.dominantKeyFactor] : NOT_SET;
  push('dominant', GENERAL, 'Schwerpunkt', dominant(before), dominant(after));
  if (before.profileSituation !== undefined || after.profileSituation !== undefined)
    push(
      'profile',
      GENERAL,
      'Profillage',
      profileText(before.profileSituation),
      profileText(after.profileSituation),
    );

  const beforeEntries = new Map(before.entries.map((e) => [e.criterionId, e]));
  const afterEntries = new Map(after.entries.map((e) => [e.criterionId, e]));
  const order = new Map<string, number>();
  catalogue.keyFactors.flatMap((k) => k.criteria).forEach((c, i) => order.set(c.id, i));
  const ids = [...new Set([...beforeEntries.keys(), ...afterEntries.keys()])].sort(
    (a, b) =>
      (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER) ||
      a.localeCompare(b),
  );
  for (const id of ids) {
    const info = findCriterion(catalogue, id);
    const section = info ? KEY_FACTOR_LABELS[info.keyFactor] : 'Ohne Schlüsselgröße';
    const name = info?.criterion.label ?? id;
    for (const field of ENTRY_FIELDS)
      push(
        `entry:${id}:${field.key}`,
        section,
        `${name} – ${field.label}`,
        field.text(beforeEntries.get(id)),
        field.text(afterEntries.get(id)),
      );
  }
  return out;
}

/** Sections of the diff in display order (Allgemein, then the key factors). */
export const DIFF_SECTIONS: readonly string[] = [GENERAL, ...KEY_FACTOR_IDS.map((k) => KEY_FACTOR_LABELS[k])];
