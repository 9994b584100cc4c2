/** The shipped measure catalogue (resources/measures/catalogue.json), parsed once at import. */
import data from '../../../../resources/measures/catalogue.json' with { type: 'json' };
import { parseMeasureCatalogue, type CatalogueEntry, type MeasureCatalogue } from './catalogue.schema';

export const MEASURE_CATALOGUE_SOURCE = 'resources/measures/catalogue.json';

/** The default catalogue; importing this module throws ResourceDataError if the JSON is malformed. */
export const defaultMeasureCatalogue: MeasureCatalogue = parseMeasureCatalogue(
  data,
  MEASURE_CATALOGUE_SOURCE,
);

/**
 * Parsers of this folder's resource files, keyed by their path relative to resources/, so a
 * repo-wide test can validate every resource file.
 */
export const measureResourceParsers: Record<string, (data: unknown, source: string) => unknown> = {
  'measures/catalogue.json': parseMeasureCatalogue,
};

export function findCatalogueEntry(catalogue: MeasureCatalogue, id: string): CatalogueEntry | undefined {
  return catalogue.entries.find((e) => e.id === id);
}
