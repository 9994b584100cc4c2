/**
 * Target occupations (Zielberufe) coded in the KldB 2010 (Klassifikation der Berufe, Fassung 2020).
 * The app ships a subset typical for Nordsachsen (resources/goals/occupations-kldb.json); a goal may
 * also name an occupation by title only.
 */
import { z } from 'zod';
import { parseResource } from '../common/resource-data';
import occupationsData from '../../../../resources/goals/occupations-kldb.json' with { type: 'json' };
import { foldForSearch } from '../common/search-fold';

export const OCCUPATIONS_RESOURCE = 'goals/occupations-kldb.json';

/** A KldB 2010 Berufsgattung: five digits, the last one is the Anforderungsniveau (1–4). */
export const kldbCodeSchema = z
  .string({ error: 'Bitte eine KldB-Kennziffer angeben.' })
  .regex(/^\d{4}[1-4]$/, {
    message: 'Eine KldB-2010-Kennziffer hat fünf Ziffern; die letzte (Anforderungsniveau) ist 1 bis 4.',
  });
export type KldbCode = z.output<typeof kldbCodeSchema>;

export const REQUIREMENT_LEVEL_LABELS = {
  1: 'Helfer-/Anlerntätigkeiten',
  2: 'fachlich ausgerichtete Tätigkeiten',
  3: 'komplexe Spezialistentätigkeiten',
  4: 'hoch komplexe Tätigkeiten',
} as const;
export type RequirementLevel = keyof typeof REQUIREMENT_LEVEL_LABELS;

/** The Anforderungsniveau encoded in the fifth digit. */
export function requirementLevel(code: KldbCode): RequirementLevel {
  return Number(code.slice(4, 5)) as RequirementLevel;
}

export const occupationSchema = z.strictObject({
  code: kldbCodeSchema,
  title: z
    .string({ error: 'Bitte die Bezeichnung angeben.' })
    .trim()
    .min(1, { message: 'Bitte die Bezeichnung angeben.' })
    .max(200, { message: 'Höchstens 200 Zeichen erlaubt.' }),
  examples: z.array(z.string().trim().min(1).max(200)).default([]),
});
export type Occupation = z.output<typeof occupationSchema>;

export const occupationCatalogueSchema = z
  .strictObject({
    version: z.string().trim().min(1, { message: 'Bitte die Version angeben.' }).max(40),
    classification: z.string().max(200).optional(),
    note: z.string().max(2000).optional(),
    occupations: z
      .array(occupationSchema, { error: 'Bitte die Berufe als Liste angeben.' })
      .min(1, { message: 'Die Liste der Zielberufe ist leer.' }),
  })
  .superRefine((catalogue, ctx) => {
    const seen = new Set<string>();
    catalogue.occupations.forEach((o, i) => {
      if (seen.has(o.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['occupations', i, 'code'],
          message: `Die Kennziffer ${o.code} ist doppelt vergeben.`,
        });
      }
      seen.add(o.code);
    });
  });
export type OccupationCatalogue = z.output<typeof occupationCatalogueSchema>;

export function parseOccupationCatalogue(
  data: unknown,
  source: string = OCCUPATIONS_RESOURCE,
): OccupationCatalogue {
  return parseResource(occupationCatalogueSchema, data, source);
}

export const defaultOccupationCatalogue: OccupationCatalogue = parseOccupationCatalogue(occupationsData);

export function findOccupation(catalogue: OccupationCatalogue, code: string): Occupation | undefined {
  return catalogue.occupations.find((o) => o.code === code);
}

/** A target occupation as recorded on an assessment or goal: the KldB code is optional. */
export const targetOccupationSchema = z.strictObject({
  kldbCode: kldbCodeSchema.nullable().default(null),
  title: z
    .string({ error: 'Bitte den Zielberuf angeben.' })
    .trim()
    .min(1, { message: 'Bitte den Zielberuf angeben.' })
    .max(200, { message: 'Höchstens 200 Zeichen erlaubt.' }),
});
export type TargetOccupation = z.output<typeof targetOccupationSchema>;

/** German problem when a given KldB code is not in the shipped subset (empty when fine). */
export function targetOccupationProblems(
  target: TargetOccupation | null,
  catalogue: OccupationCatalogue = defaultOccupationCatalogue,
): string[] {
  if (!target || target.kldbCode === null) return [];
  return findOccupation(catalogue, target.kldbCode)
    ? []
    : [
        `Die KldB-Kennziffer ${target.kldbCode} ist nicht in der Liste der Zielberufe (Stand ${catalogue.version}). Bitte einen Beruf aus der Liste wählen oder den Zielberuf ohne Kennziffer angeben.`,
      ];
}

/** Same occupation? Codes decide when both have one; otherwise the titles (ignoring case and spaces). */
export function isSameOccupation(a: TargetOccupation | null, b: TargetOccupation | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kldbCode !== null && b.kldbCode !== null) return a.kldbCode === b.kldbCode;
  return normalizeTitle(a.title) === normalizeTitle(b.title);
}

function normalizeTitle(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLocaleLowerCase('de');
}

/** "Fachkraft für Lagerlogistik (KldB 51312)" for explanations. */
export function describeTargetOccupation(target: TargetOccupation): string {
  return target.kldbCode ? `„${target.title}“ (KldB ${target.kldbCode})` : `„${target.title}“`;
}

export interface OccupationMatch {
  readonly occupation: Occupation;
  /** Where the query matched: the title, an example title or the code. */
  readonly matchedOn: 'title' | 'example' | 'code';
  /** The matching example title, when matchedOn is 'example'. */
  readonly example?: string;
}

/**
 * Searches the KldB list by title, example titles (folded German, every word of the query must
 * match the start of a word or, from three letters on, anywhere) and by code prefix. Ranked: the
 * text starts with the query, then a word starts with it, then it occurs anywhere; a match on the
 * title before the same kind of match on an example title.
 */
export function searchOccupations(
  catalogue: OccupationCatalogue,
  query: string,
  limit = 20,
): OccupationMatch[] {
  const q = foldForSearch(query);
  if (q === '') return [];
  if (/^\d+$/.test(q))
    return catalogue.occupations
      .filter((o) => o.code.startsWith(q))
      .slice(0, limit)
      .map((occupation) => ({ occupation, matchedOn: 'code' as const }));
  const words = q.split(' ');
  const score = (text: string): number => {
    const folded = foldForSearch(text);
    if (folded.startsWith(q)) return 0;
    const tokens = folded.split(/[^a-z0-9]+/).filter(Boolean);
    const every = (test: (w: string) => boolean) => words.every(test);
    if (every((w) => tokens.some((t) => t.startsWith(w)))) return 1;
    if (every((w) => w.length >= 3 && folded.includes(w))) return 2;
    return -1;
  };
  const ranked: { match: OccupationMatch; rank: number; index: number }[] = [];
  catalogue.occupations.forEach((occupation, index) => {
    let best: { match: OccupationMatch; rank: number } | undefined;
    const title = score(occupation.title);
    if (title >= 0) best = { match: { occupation, matchedOn: 'title' }, rank: title };
    for (const example of occupation.examples) {
      // an example title matched as well as the title ranks just behind it
      const s = score(example);
      if (s >= 0 && (!best || s + 0.5 < best.rank))
        best = { match: { occupation, matchedOn: 'example', example }, rank: s + 0.5 };
    }
    if (best) ranked.push({ ...best, index });
  });
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.match.occupation.title.localeCompare(b.match.occupation.title, 'de') ||
      a.index - b.index,
  );
  return ranked.slice(0, limit).map((r) => r.match);
}
