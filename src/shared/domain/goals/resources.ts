/**
 * Parsers of the goal and strategy resource files, keyed by their path relative to resources/, so a
 * repo-wide test can validate every resource file. Each throws ResourceDataError naming the file.
 */
import { OCCUPATIONS_RESOURCE, parseOccupationCatalogue } from './occupations';
import { parseStrategyCatalogue, STRATEGIES_RESOURCE } from './strategies';

export const goalsResourceParsers: Record<string, (data: unknown, source: string) => unknown> = {
  [OCCUPATIONS_RESOURCE]: (data, source) => parseOccupationCatalogue(data, source),
  [STRATEGIES_RESOURCE]: (data, source) => parseStrategyCatalogue(data, source),
};
