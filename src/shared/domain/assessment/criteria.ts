/**
 * The Merkmal catalogue: per Schlüsselgröße the criteria an assessment records strengths and needs
 * for. Editable data (resources/assessment/criteria.json); only the four key factors are fixed.
 */
import { z } from 'zod';
import { parseResource } from '../common/resource-data';
import criteriaData from '../../../../resources/assessment/criteria.json' with { type: 'json' };
import {
  catalogueIdSchema,
  KEY_FACTOR_IDS,
  KEY_FACTOR_LABELS,
  keyFactorIdSchema,
  type KeyFactorId,
} from './vocabulary';

export const CRITERIA_RESOURCE = 'assessment/criteria.json';

const label = (what: string, max = 120) =>
  z
    .string({ error: `Bitte ${what} angeben.` })
    .trim()
    .min(1, { message: `Bitte ${what} angeben.` })
    .max(max, { message: `Höchstens ${max} Zeichen erlaubt.` });

export const criterionSchema = z.strictObject({
  id: catalogueIdSchema,
  label: label('die Bezeichnung'),
  hint: label('den Hinweis', 500).optional(),
  /** Subgroup shown as a heading, e.g. "Persönliche Rahmenbedingungen" ([UNVERIFIED] split). */
  group: label('die Gruppe').optional(),
  /** Health criteria: only functional limitations (Teil A), never printed. */
  healthRelated: z.boolean().default(false),
});
export type Criterion = z.output<typeof criterionSchema>;

export const keyFactorSchema = z.strictObject({
  id: keyFactorIdSchema,
  label: label('die Bezeichnung'),
  sphere: z.enum(['person', 'environment'], { error: 'Bitte "person" oder "environment" angeben.' }),
  hint: label('den Hinweis', 500).optional(),
  criteria: z
    .array(criterionSchema, { error: 'Bitte die Merkmale als Liste angeben.' })
    .min(1, { message: 'Jede Schlüsselgröße braucht mindestens ein Merkmal.' }),
});
export type KeyFactor = z.output<typeof keyFactorSchema>;

export const criteriaCatalogueSchema = z
  .strictObject({
    version: label('die Version', 40),
    note: z.string().max(2000).optional(),
    keyFactors: z.array(keyFactorSchema, { error: 'Bitte die Schlüsselgrößen als Liste angeben.' }),
  })
  .superRefine((catalogue, ctx) => {
    const seenFactors = new Set<KeyFactorId>();
    const seenCriteria = new Map<string, string>();
    catalogue.keyFactors.forEach((factor, i) => {
      if (seenFactors.has(factor.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['keyFactors', i, 'id'],
          message: `Die Schlüsselgröße "${factor.id}" ist doppelt vergeben.`,
        });
      }
      seenFactors.add(factor.id);
      factor.criteria.forEach((criterion, j) => {
        const owner = seenCriteria.get(criterion.id);
        if (owner !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['keyFactors', i, 'criteria', j, 'id'],
            message: `id "${criterion.id}" ist doppelt vergeben (schon bei ${owner}).`,
          });
        } else {
          seenCriteria.set(criterion.id, KEY_FACTOR_LABELS[factor.id]);
        }
      });
    });
    const missing = KEY_FACTOR_IDS.filter((id) => !seenFactors.has(id));
    if (missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['keyFactors'],
        message: `Es fehlen Schlüsselgrößen: ${missing.map((id) => KEY_FACTOR_LABELS[id]).join(', ')}.`,
      });
    }
  });
export type CriteriaCatalogue = z.output<typeof criteriaCatalogueSchema>;

/** Parses criteria.json; throws ResourceDataError naming the file and each bad entry. */
export function parseCriteriaCatalogue(data: unknown, source: string = CRITERIA_RESOURCE): CriteriaCatalogue {
  return parseResource(criteriaCatalogueSchema, data, source);
}

export const defaultCriteriaCatalogue: CriteriaCatalogue = parseCriteriaCatalogue(criteriaData);

export interface CriterionInfo {
  readonly criterion: Criterion;
  readonly keyFactor: KeyFactorId;
}

const indexCache = new WeakMap<CriteriaCatalogue, ReadonlyMap<string, CriterionInfo>>();

/** criterion id → criterion and its key factor. */
export function criterionIndex(catalogue: CriteriaCatalogue): ReadonlyMap<string, CriterionInfo> {
  let index = indexCache.get(catalogue);
  if (!index) {
    const map = new Map<string, CriterionInfo>();
    for (const factor of catalogue.keyFactors) {
      for (const criterion of factor.criteria) map.set(criterion.id, { criterion, keyFactor: factor.id });
    }
    index = map;
    indexCache.set(catalogue, index);
  }
  return index;
}

export function findCriterion(catalogue: CriteriaCatalogue, criterionId: string): CriterionInfo | undefined {
  return criterionIndex(catalogue).get(criterionId);
}

/** The German label of a criterion, or its id when the catalogue no longer has it. */
export function criterionLabel(catalogue: CriteriaCatalogue, criterionId: string): string {
  return findCriterion(catalogue, criterionId)?.criterion.label ?? criterionId;
}
