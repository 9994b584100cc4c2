/**
 * The two legal rule sets of SGB II integration work, chosen by date: the Bürgergeld regime
 * (1.7.2023 until the cut-over) and the Neue Grundsicherung (from the cut-over, by default
 * 1.7.2026). The rules are data (resources/rules/legal-regimes.json) that Fachadministration can
 * revise; the cut-over date can also be overridden by configuration.
 */
import { z } from 'zod';
import { addDays, formatGermanDate, isoDateSchema, type IsoDate } from '../common/dates';
import { duplicateIds, parseResource, ResourceDataError } from '../common/resource-data';
import data from '../../../../resources/rules/legal-regimes.json' with { type: 'json' };

const text = z.string().trim().min(1, { message: 'Text fehlt.' });
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
  message: 'Die id besteht aus Kleinbuchstaben, Ziffern und Bindestrichen.',
});

export const REGIME_IDS = ['buergergeld', 'grundsicherung'] as const;
export type RegimeId = (typeof REGIME_IDS)[number];

const regimeSchema = z.object({
  id: z.enum(REGIME_IDS),
  name: text,
  /** First day of the regime; null for the regime that starts at the cut-over date. */
  appliesFrom: isoDateSchema.nullable(),
  plan: z.object({
    legallyBinding: z.boolean(),
    handoverForm: text,
    signatureRequired: z.boolean(),
    legalConsequencesNotice: z.boolean(),
    plainLanguage: z.boolean(),
    targetLengthPages: z.number().int().min(1).max(10),
    requiresPersonalOffer: z.boolean(),
    reviewIntervalMonths: z.number().int().min(1).max(24),
    reviewReference: text,
  }),
  bindingDecision: z.object({ available: z.boolean(), reference: text }),
  mediation: z.object({
    available: z.boolean(),
    maxDurationWeeks: z.number().int().min(1).max(52).nullable(),
    reference: text,
  }),
  noticesWithLegalConsequences: z.array(slug),
  texts: z.object({ planIntro: text, planFooter: text }),
});
export type LegalRegime = z.output<typeof regimeSchema>;

export const legalRegimesDocumentSchema = z.object({
  version: text,
  cutOverDate: isoDateSchema,
  notices: z.array(z.object({ id: slug, title: text, legalBasis: text })).min(1),
  regimes: z.array(regimeSchema).length(2, { message: 'Es müssen genau zwei Regelwerke angegeben sein.' }),
});
export type LegalRegimesDocument = z.output<typeof legalRegimesDocumentSchema>;

export const LEGAL_REGIMES_SOURCE = 'rules/legal-regimes.json';

/** Parses and cross-checks the rule sets; problems name the file and the entry. */
export function parseLegalRegimes(input: unknown, source = LEGAL_REGIMES_SOURCE): LegalRegimesDocument {
  const doc = parseResource(legalRegimesDocumentSchema, input, source);
  const problems = duplicateIds(doc.notices).map((p) => `notices › ${p}`);
  problems.push(...duplicateIds(doc.regimes).map((p) => `regimes › ${p}`));
  const noticeIds = new Set(doc.notices.map((n) => n.id));
  doc.regimes.forEach((r, i) => {
    for (const id of r.noticesWithLegalConsequences) {
      if (!noticeIds.has(id)) {
        problems.push(
          `regimes › Eintrag ${i + 1} (id "${r.id}") › noticesWithLegalConsequences: unbekannter Bescheid "${id}"`,
        );
      }
    }
    if (r.mediation.available && r.mediation.maxDurationWeeks === null) {
      problems.push(`regimes › Eintrag ${i + 1} (id "${r.id}") › mediation: Höchstdauer fehlt`);
    }
  });
  const buergergeld = doc.regimes.find((r) => r.id === 'buergergeld');
  if (!buergergeld?.appliesFrom) problems.push('regimes: das Bürgergeld-Regelwerk braucht appliesFrom');
  else if (buergergeld.appliesFrom >= doc.cutOverDate) {
    problems.push('cutOverDate: der Stichtag muss nach dem Beginn des Bürgergeld-Regelwerks liegen');
  }
  if (problems.length > 0) throw new ResourceDataError(source, problems);
  return doc;
}

export const defaultLegalRegimes: LegalRegimesDocument = parseLegalRegimes(data);

export interface RegimeConfig {
  /** Overrides the document's cut-over date (configuration of the installation). */
  readonly cutOverDate?: IsoDate;
}

export type RegimeSelection =
  | {
      readonly ok: true;
      readonly regime: LegalRegime;
      readonly validFrom: IsoDate;
      readonly validUntil: IsoDate | null;
    }
  | { readonly ok: false; readonly reason: string };

/** The rule set that applies on `on`. Before 1.7.2023 neither applies (Eingliederungsvereinbarung). */
export function regimeOn(
  on: IsoDate,
  doc: LegalRegimesDocument = defaultLegalRegimes,
  config: RegimeConfig = {},
): RegimeSelection {
  const cutOver = config.cutOverDate ?? doc.cutOverDate;
  const buergergeld = doc.regimes.find((r) => r.id === 'buergergeld') as LegalRegime;
  const grundsicherung = doc.regimes.find((r) => r.id === 'grundsicherung') as LegalRegime;
  const start = buergergeld.appliesFrom as IsoDate;
  if (on < start) {
    return {
      ok: false,
      reason: `Vor dem ${formatGermanDate(start)} galt die Eingliederungsvereinbarung; Lotse erstellt dafür keine Pläne.`,
    };
  }
  if (on < cutOver)
    return { ok: true, regime: buergergeld, validFrom: start, validUntil: addDays(cutOver, -1) };
  return { ok: true, regime: grundsicherung, validFrom: cutOver, validUntil: null };
}

/** Whether a notice of this kind carries a Rechtsfolgenbelehrung under the regime. */
export function noticeCarriesLegalConsequences(regime: LegalRegime, noticeId: string): boolean {
  return regime.noticesWithLegalConsequences.includes(noticeId);
}

export const legalResourceParsers: Record<string, (input: unknown, source: string) => unknown> = {
  [LEGAL_REGIMES_SOURCE]: parseLegalRegimes,
};
