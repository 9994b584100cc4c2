/**
 * Strategieauswahl (4PM phase 3): the strategy catalogue grouped by Schlüsselgröße plus
 * "übergreifend" and "dezentral" (local offers), proposals per need, and the check that every
 * selected strategy serves a recorded need.
 */
import { z } from 'zod';
import { OFFICE_IDS } from '../case/office';
import { recordIdSchema, requiredText as text } from '../common/schemas';
import { formatGermanDate, isoDateSchema, isWithin, type IsoDate } from '../common/dates';
import { parseResource } from '../common/resource-data';
import { needsOf, type Assessment, type RecordedNeed } from '../assessment/assessment';
import { defaultCriteriaCatalogue, findCriterion, type CriteriaCatalogue } from '../assessment/criteria';
import {
  catalogueIdSchema,
  joinGerman,
  KEY_FACTOR_IDS,
  KEY_FACTOR_LABELS,
  keyFactorIdSchema,
  type KeyFactorId,
} from '../assessment/vocabulary';
import strategiesData from '../../../../resources/goals/strategies.json' with { type: 'json' };

export const STRATEGIES_RESOURCE = 'goals/strategies.json';

export const STRATEGY_GROUP_IDS = [...KEY_FACTOR_IDS, 'crossCutting', 'local'] as const;
export type StrategyGroupId = (typeof STRATEGY_GROUP_IDS)[number];
export const STRATEGY_GROUP_LABELS: Readonly<Record<StrategyGroupId, string>> = {
  ...KEY_FACTOR_LABELS,
  crossCutting: 'Übergreifend',
  local: 'Dezentral',
};

/** The four offices (same ids as the case domain). */
/** Offices a local offer is available at: the four offices of the Jobcenter. */
export const STRATEGY_OFFICE_IDS = OFFICE_IDS;
export type StrategyOfficeId = (typeof STRATEGY_OFFICE_IDS)[number];

export const strategySchema = z.strictObject({
  id: catalogueIdSchema,
  label: text('die Bezeichnung', 200),
  description: text('die Beschreibung', 1000),
  /** Key-factor groups only: the criteria whose needs it serves (absent = every criterion of the group). */
  criteria: z.array(catalogueIdSchema).min(1).optional(),
  /** Übergreifend/dezentral only: the key factors it suits (absent = all). */
  suitsKeyFactors: z.array(keyFactorIdSchema).min(1).optional(),
  /** Since 1.1.2025 FbW and Reha are decided by the Agentur: the strategy is a referral. */
  referralToAgency: z.boolean().default(false),
  legalBasis: z.string().trim().max(200).optional(),
  offices: z
    .array(
      z.enum(STRATEGY_OFFICE_IDS, {
        error: `Bitte einen Standort angeben: ${STRATEGY_OFFICE_IDS.join(', ')}.`,
      }),
    )
    .min(1)
    .optional(),
  validFrom: isoDateSchema.optional(),
  validTo: isoDateSchema.optional(),
  /** Marks content the research could not confirm ([UNVERIFIED]); shown to Fachadministration. */
  unverified: z.boolean().default(false),
});
export type Strategy = z.output<typeof strategySchema>;

export const strategyGroupSchema = z.strictObject({
  id: z.enum(STRATEGY_GROUP_IDS, { error: `Bitte eine Gruppe angeben: ${STRATEGY_GROUP_IDS.join(', ')}.` }),
  label: text('die Bezeichnung', 120),
  strategies: z.array(strategySchema),
});
export type StrategyGroup = z.output<typeof strategyGroupSchema>;

const catalogueShapeSchema = z.strictObject({
  version: text('die Version', 40),
  note: z.string().max(2000).optional(),
  groups: z.array(strategyGroupSchema, { error: 'Bitte die Gruppen als Liste angeben.' }),
});
export type StrategyCatalogue = z.output<typeof catalogueShapeSchema>;

function isKeyFactorGroup(id: StrategyGroupId): id is KeyFactorId {
  return (KEY_FACTOR_IDS as readonly string[]).includes(id);
}

/** The catalogue schema with its cross checks against the criteria catalogue. */
export function strategyCatalogueSchemaFor(criteria: CriteriaCatalogue = defaultCriteriaCatalogue) {
  return catalogueShapeSchema.superRefine((catalogue, ctx) => {
    const groups = new Set<StrategyGroupId>();
    const ids = new Set<string>();
    catalogue.groups.forEach((group, g) => {
      if (groups.has(group.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', g, 'id'],
          message: `Die Gruppe "${group.id}" ist doppelt vergeben.`,
        });
      }
      groups.add(group.id);
      group.strategies.forEach((strategy, s) => {
        const at = (...rest: (string | number)[]) => ['groups', g, 'strategies', s, ...rest];
        if (ids.has(strategy.id)) {
          ctx.addIssue({
            code: 'custom',
            path: at('id'),
            message: `id "${strategy.id}" ist doppelt vergeben.`,
          });
        }
        ids.add(strategy.id);
        const groupId = group.id;
        if (isKeyFactorGroup(groupId)) {
          if (strategy.suitsKeyFactors) {
            ctx.addIssue({
              code: 'custom',
              path: at('suitsKeyFactors'),
              message: 'suitsKeyFactors gibt es nur bei übergreifenden und dezentralen Strategien.',
            });
          }
          strategy.criteria?.forEach((criterionId, c) => {
            const info = findCriterion(criteria, criterionId);
            if (!info) {
              ctx.addIssue({
                code: 'custom',
                path: at('criteria', c),
                message: `Das Merkmal "${criterionId}" gibt es im Merkmalskatalog (Stand ${criteria.version}) nicht.`,
              });
            } else if (info.keyFactor !== groupId) {
              ctx.addIssue({
                code: 'custom',
                path: at('criteria', c),
                message: `Das Merkmal "${criterionId}" gehört zu ${KEY_FACTOR_LABELS[info.keyFactor]}, nicht zu ${KEY_FACTOR_LABELS[groupId]}.`,
              });
            }
          });
        } else if (strategy.criteria) {
          ctx.addIssue({
            code: 'custom',
            path: at('criteria'),
            message:
              'Merkmale (criteria) gibt es nur bei Strategien einer Schlüsselgröße; hier bitte suitsKeyFactors verwenden.',
          });
        }
        if (strategy.validFrom && strategy.validTo && strategy.validTo < strategy.validFrom) {
          ctx.addIssue({ code: 'custom', path: at('validTo'), message: 'validTo liegt vor validFrom.' });
        }
      });
    });
    const missing = STRATEGY_GROUP_IDS.filter((id) => !groups.has(id));
    if (missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['groups'],
        message: `Es fehlen Gruppen: ${missing.map((id) => STRATEGY_GROUP_LABELS[id]).join(', ')}.`,
      });
    }
  });
}

export function parseStrategyCatalogue(
  data: unknown,
  source: string = STRATEGIES_RESOURCE,
  criteria: CriteriaCatalogue = defaultCriteriaCatalogue,
): StrategyCatalogue {
  return parseResource(strategyCatalogueSchemaFor(criteria), data, source);
}

export const defaultStrategyCatalogue: StrategyCatalogue = parseStrategyCatalogue(strategiesData);

export interface LocatedStrategy {
  readonly strategy: Strategy;
  readonly group: StrategyGroupId;
}

export function findStrategy(catalogue: StrategyCatalogue, strategyId: string): LocatedStrategy | undefined {
  for (const group of catalogue.groups) {
    const strategy = group.strategies.find((s) => s.id === strategyId);
    if (strategy) return { strategy, group: group.id };
  }
  return undefined;
}

function strategiesOf(catalogue: StrategyCatalogue, group: StrategyGroupId): Strategy[] {
  return catalogue.groups.find((g) => g.id === group)?.strategies ?? [];
}

export interface ProposalOptions {
  readonly criteria?: CriteriaCatalogue;
  readonly strategies?: StrategyCatalogue;
  /** Only offers valid on this day (validFrom/validTo). */
  readonly on?: IsoDate;
  /** Only local offers available at this office. */
  readonly office?: StrategyOfficeId;
}

export interface NeedStrategyProposal {
  readonly need: RecordedNeed;
  readonly criterionLabel: string;
  /** The need lies in the assessment's Schwerpunkt. */
  readonly dominant: boolean;
  readonly keyFactorStrategies: readonly Strategy[];
  readonly crossCuttingStrategies: readonly Strategy[];
  readonly localStrategies: readonly Strategy[];
}

function serves(strategy: Strategy, group: StrategyGroupId, need: RecordedNeed): boolean {
  if (isKeyFactorGroup(group)) {
    return group === need.keyFactor && (!strategy.criteria || strategy.criteria.includes(need.criterionId));
  }
  return !strategy.suitsKeyFactors || strategy.suitsKeyFactors.includes(need.keyFactor);
}

function isOffered(strategy: Strategy, options: ProposalOptions): boolean {
  if (options.on && !isWithin(options.on, { from: strategy.validFrom, to: strategy.validTo })) return false;
  if (options.office && strategy.offices && !strategy.offices.includes(options.office)) return false;
  return true;
}

/** Per need: the strategies of its key factor, plus the cross-cutting and local ones that suit it. */
export function proposeStrategies(
  assessment: Pick<Assessment, 'entries' | 'dominantKeyFactor'>,
  options: ProposalOptions = {},
): NeedStrategyProposal[] {
  const criteria = options.criteria ?? defaultCriteriaCatalogue;
  const catalogue = options.strategies ?? defaultStrategyCatalogue;
  const needs = needsOf(assessment, criteria);
  const order = new Map<string, number>();
  criteria.keyFactors.flatMap((k) => k.criteria).forEach((c, i) => order.set(c.id, i));
  needs.sort((a, b) => order.get(a.criterionId)! - order.get(b.criterionId)!);
  const pick = (group: StrategyGroupId, need: RecordedNeed) =>
    strategiesOf(catalogue, group).filter((s) => serves(s, group, need) && isOffered(s, options));
  return needs.map((need) => ({
    need,
    criterionLabel: findCriterion(criteria, need.criterionId)!.criterion.label,
    dominant: assessment.dominantKeyFactor === need.keyFactor,
    keyFactorStrategies: pick(need.keyFactor, need),
    crossCuttingStrategies: pick('crossCutting', need),
    localStrategies: pick('local', need),
  }));
}

export const strategySelectionSchema = z.strictObject({
  strategyId: catalogueIdSchema,
  /** Criterion ids of the needs the strategy serves. */
  servesNeeds: z.array(catalogueIdSchema),
});
export type StrategySelection = z.output<typeof strategySelectionSchema>;

/** A chosen strategy as a stored record of the case (4PM phase 3). */
export const strategyChoiceSchema = z.strictObject({
  id: recordIdSchema,
  caseId: recordIdSchema,
  /** The Potenzialanalyse version whose needs the strategy serves. */
  assessmentId: recordIdSchema,
  goalId: recordIdSchema.nullable().default(null),
  strategyId: catalogueIdSchema,
  servesNeeds: z
    .array(catalogueIdSchema)
    .min(1, { message: 'Bitte mindestens einen Handlungsbedarf angeben, dem die Strategie dient.' })
    .max(50),
  note: z.string().trim().max(2000).nullable().default(null),
  chosenOn: isoDateSchema,
  chosenBy: recordIdSchema,
});
export type StrategyChoice = z.output<typeof strategyChoiceSchema>;

export interface StrategyProblem {
  readonly strategyId: string;
  readonly message: string;
}

/** German problems when a selected strategy serves no recorded need (empty when all is well). */
export function checkStrategySelection(
  selections: readonly StrategySelection[],
  assessment: Pick<Assessment, 'entries'>,
  options: ProposalOptions = {},
): StrategyProblem[] {
  const criteria = options.criteria ?? defaultCriteriaCatalogue;
  const catalogue = options.strategies ?? defaultStrategyCatalogue;
  const needs = new Map(needsOf(assessment, criteria).map((n) => [n.criterionId, n]));
  const problems: StrategyProblem[] = [];
  const seen = new Set<string>();
  for (const selection of selections) {
    const problem = (message: string) => problems.push({ strategyId: selection.strategyId, message });
    const located = findStrategy(catalogue, selection.strategyId);
    if (!located) {
      problem(
        `Die Strategie "${selection.strategyId}" gibt es im Strategiekatalog (Stand ${catalogue.version}) nicht.`,
      );
      continue;
    }
    const { strategy, group } = located;
    const name = `„${strategy.label}“`;
    if (seen.has(strategy.id)) problem(`Die Strategie ${name} ist doppelt ausgewählt.`);
    seen.add(strategy.id);
    if (selection.servesNeeds.length === 0) {
      problem(
        `Die Strategie ${name} dient keinem Handlungsbedarf. Bitte mindestens einen Handlungsbedarf zuordnen.`,
      );
    }
    for (const criterionId of selection.servesNeeds) {
      const need = needs.get(criterionId);
      const criterion = findCriterion(criteria, criterionId)?.criterion.label ?? criterionId;
      if (!need) {
        problem(
          `Die Strategie ${name} ist dem Merkmal „${criterion}“ zugeordnet, dort ist aber kein Handlungsbedarf erfasst.`,
        );
      } else if (!serves(strategy, group, need)) {
        problem(
          isKeyFactorGroup(group) && group !== need.keyFactor
            ? `Die Strategie ${name} gehört zur Schlüsselgröße ${KEY_FACTOR_LABELS[group]}, der Handlungsbedarf „${criterion}“ zu ${KEY_FACTOR_LABELS[need.keyFactor]}.`
            : `Die Strategie ${name} ist nicht für den Handlungsbedarf „${criterion}“ vorgesehen (sie dient ${describeScope(strategy, criteria)}).`,
        );
      }
    }
    if (options.on && !isOffered(strategy, { on: options.on })) {
      problem(
        strategy.validTo && options.on > strategy.validTo
          ? `Die Strategie ${name} wird seit ${formatGermanDate(strategy.validTo)} nicht mehr angeboten.`
          : `Die Strategie ${name} wird erst ab ${formatGermanDate(strategy.validFrom!)} angeboten.`,
      );
    }
  }
  return problems;
}

function describeScope(strategy: Strategy, criteria: CriteriaCatalogue): string {
  if (strategy.criteria) {
    const labels = strategy.criteria.map((id) => `„${findCriterion(criteria, id)?.criterion.label ?? id}“`);
    return `${labels.length === 1 ? 'dem Merkmal' : 'den Merkmalen'} ${joinGerman(labels)}`;
  }
  const factors = (strategy.suitsKeyFactors ?? []).map((k) => KEY_FACTOR_LABELS[k]);
  return `${factors.length === 1 ? 'der Schlüsselgröße' : 'den Schlüsselgrößen'} ${joinGerman(factors)}`;
}
