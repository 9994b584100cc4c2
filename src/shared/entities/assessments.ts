import { ASSESSMENT_STATUS_LABELS } from '../domain/assessment/assessment';
import {
  COMPETENCE_CLASS_LABELS,
  EVIDENCE_SOURCE_LABELS,
  INTEGRATION_FORECAST_LABELS,
  KEY_FACTOR_LABELS,
} from '../domain/assessment/vocabulary';
import { PROFILE_OUTCOME_LABELS } from '../domain/assessment/profile-decision-table';
import { assessmentSchema } from '../domain/assessment/assessment';
import { PROFILE_BASIS_LABELS, profileSituationDecisionSchema } from '../domain/assessment/profile-situation';
import { defineEntity, field as f, problemsOf, type FieldProblem } from './define';

const s = assessmentSchema.shape;

/**
 * Die Potenzialanalyse, one row per version: a draft is edited; a finalized version is never
 * changed again but amended (a new row, `version` + 1, pointing at its predecessor).
 */
export const assessmentsEntity = defineEntity({
  name: 'assessments',
  label: 'Potenzialanalyse',
  fields: {
    version: f.integer(s.version, { policy: 'set-once' }),
    previousVersionId: f.text(s.previousVersionId, { policy: 'set-once' }),
    amendmentReason: f.text(s.amendmentReason, { policy: 'set-once' }),
    status: f.text(s.status),
    catalogueVersion: f.text(s.catalogueVersion),
    createdOn: f.text(s.createdOn, { policy: 'set-once' }),
    createdBy: f.text(s.createdBy, { policy: 'set-once', column: 'author_id' }),
    finalizedOn: f.text(s.finalizedOn),
    finalizedBy: f.text(s.finalizedBy),
    targetOccupation: f.json(s.targetOccupation),
    integrationForecast: f.text(s.integrationForecast),
    dominantKeyFactor: f.text(s.dominantKeyFactor),
    entries: f.json(s.entries),
    /** The Profillage with its explanation and an override reason, logged per version. */
    profileSituation: f.json(profileSituationDecisionSchema.nullable().default(null)),
  },
  fieldLabels: {
    version: 'Version',
    previousVersionId: 'Vorversion',
    amendmentReason: 'Grund der Fortschreibung',
    status: 'Status',
    catalogueVersion: 'Stand des Merkmalskatalogs',
    createdOn: 'Angelegt am',
    createdBy: 'Angelegt von',
    finalizedOn: 'Abgeschlossen am',
    finalizedBy: 'Abgeschlossen von',
    targetOccupation: 'Zielberuf',
    integrationForecast: 'Integrationsprognose',
    dominantKeyFactor: 'Schwerpunkt des Handlungsbedarfs',
    entries: 'Merkmale',
    profileSituation: 'Profillage',
  },
  valueLabels: {
    status: ASSESSMENT_STATUS_LABELS,
    integrationForecast: INTEGRATION_FORECAST_LABELS,
    dominantKeyFactor: KEY_FACTOR_LABELS,
    'entries.strength.competenceClass': COMPETENCE_CLASS_LABELS,
    'entries.evidenceSources': EVIDENCE_SOURCE_LABELS,
    'profileSituation.derived.result': PROFILE_OUTCOME_LABELS,
    'profileSituation.derived.basis': PROFILE_BASIS_LABELS,
    'profileSituation.derived.inputs.integrationForecast': INTEGRATION_FORECAST_LABELS,
    'profileSituation.derived.inputs.keyFactorsWithNeeds': KEY_FACTOR_LABELS,
    'profileSituation.derived.inputs.dominantKeyFactor': KEY_FACTOR_LABELS,
    'profileSituation.override.value': PROFILE_OUTCOME_LABELS,
  },
  validate: (record) => {
    const { profileSituation, ...assessment } = record;
    const problems: FieldProblem[] = problemsOf(assessmentSchema, assessment);
    const ps = profileSituation as { assessmentId?: string; assessmentVersion?: number } | null | undefined;
    if (ps && (ps.assessmentId !== record['id'] || ps.assessmentVersion !== record['version']))
      problems.push({
        field: 'profileSituation',
        message: 'Die Profillage gehört zu einer anderen Fassung der Potenzialanalyse.',
      });
    return problems;
  },
  frozen: (record) =>
    record['status'] === 'finalized'
      ? 'Eine abgeschlossene Potenzialanalyse wird nicht mehr geändert. Bitte eine Fortschreibung anlegen.'
      : null,
  /** The Profillage is a decision logged beside the version: it may be overridden after finalizing. */
  mutableWhenFrozen: ['profileSituation'],
});
