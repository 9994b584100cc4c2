/**
 * Parsers of the assessment resource files, keyed by their path relative to resources/, so a
 * repo-wide test can validate every resource file. Each throws ResourceDataError naming the file.
 */
import { CRITERIA_RESOURCE, parseCriteriaCatalogue } from './criteria';
import { parseProfileDecisionTable, PROFILE_DECISION_TABLE_RESOURCE } from './profile-decision-table';

export const assessmentResourceParsers: Record<string, (data: unknown, source: string) => unknown> = {
  [CRITERIA_RESOURCE]: (data, source) => parseCriteriaCatalogue(data, source),
  [PROFILE_DECISION_TABLE_RESOURCE]: (data, source) => parseProfileDecisionTable(data, source),
};
