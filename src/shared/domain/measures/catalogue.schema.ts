/**
 * The measure catalogue (Maßnahmenkatalog) as data: versioned, with validity dates, each entry with
 * declarative, machine-checkable rules and their legal reference. Fachadministration edits the JSON
 * in resources/measures; this schema is the contract it must meet, and every problem is reported
 * with the file and the entry id (parseResource).
 */
import { z } from 'zod';
import { isoDateSchema } from '../common/dates';
import { OFFICES as DOMAIN_OFFICES } from '../case/office';
import { describePath, parseResource, ResourceDataError } from '../common/resource-data';
import { CEFR_LEVELS, FACT_FLAGS } from './facts';

export const MEASURE_KINDS = ['assignment', 'referral'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_KIND_LABELS: Readonly<Record<MeasureKind, string>> = {
  assignment: 'Zuweisung durch das Jobcenter',
  referral: 'Überleitung an die Agentur für Arbeit',
};

export const MEASURE_CATEGORIES = [
  'activation',
  'employment',
  'wageSubsidy',
  'startupSupport',
  'aftercare',
  'coaching',
  'placementBudget',
  'municipal',
  'furtherTraining',
  'rehabilitation',
  'language',
  'regionalProgramme',
  'health',
  'localOffer',
] as const;
export type MeasureCategory = (typeof MEASURE_CATEGORIES)[number];

export const MEASURE_CATEGORY_LABELS: Readonly<Record<MeasureCategory, string>> = {
  activation: 'Aktivierung und berufliche Eingliederung',
  employment: 'Beschäftigung',
  wageSubsidy: 'Zuschüsse zum Arbeitsentgelt',
  startupSupport: 'Einstiegsförderung',
  aftercare: 'Nachbetreuung',
  coaching: 'Ganzheitliche Betreuung',
  placementBudget: 'Vermittlungsbudget',
  municipal: 'Kommunale Eingliederungsleistungen',
  furtherTraining: 'Berufliche Weiterbildung',
  rehabilitation: 'Berufliche Rehabilitation',
  language: 'Sprachförderung',
  regionalProgramme: 'Regionale Programme (AMIP)',
  health: 'Gesundheitsförderung',
  localOffer: 'Dezentrale Angebote',
};

/** Offices as the catalogue names them (by town), from the domain's one list. */
type CatalogueOffice = (typeof DOMAIN_OFFICES)[number]['name'];
export const OFFICES = DOMAIN_OFFICES.map((o) => o.name) as [CatalogueOffice, ...CatalogueOffice[]];

export const DURATION_UNITS = ['days', 'weeks', 'months'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = (label: string, max = 2000) =>
  z
    .string({ error: `Bitte ${label} angeben.` })
    .trim()
    .min(1, { message: `Bitte ${label} angeben.` })
    .max(max, { message: `${label} darf höchstens ${max} Zeichen lang sein.` });

const count = (label: string, min: number, max: number) =>
  z
    .number({ error: `Bitte ${label} als Zahl angeben.` })
    .int({ message: `${label} muss eine ganze Zahl sein.` })
    .min(min, { message: `${label} muss mindestens ${min} sein.` })
    .max(max, { message: `${label} darf höchstens ${max} sein.` });

const flagSchema = z.enum(FACT_FLAGS, {
  error: (iss) => `Unbekanntes Merkmal ${JSON.stringify(iss.input)}. Erlaubt: ${FACT_FLAGS.join(', ')}.`,
});
const levelSchema = z.enum(CEFR_LEVELS, {
  error: `Bitte ein Sprachniveau angeben (${CEFR_LEVELS.join(', ')}).`,
});
const measureIdSchema = z.string({ error: 'Bitte eine id angeben.' }).regex(KEBAB_ID, {
  message: 'Die id besteht aus Kleinbuchstaben, Ziffern und Bindestrichen (z. B. "agh-16d").',
});

const unknownKeys = (iss: { code?: string; keys?: string[] }) =>
  iss.code === 'unrecognized_keys' ? `Unbekanntes Feld: ${(iss.keys ?? []).join(', ')}` : undefined;

/** Fields every rule carries: the German legal reference and whether the rule is confirmed. */
const ruleBase = {
  ref: text('die Rechtsgrundlage der Regel', 200),
  /** True where research could not confirm the rule: a failure only warns, never refuses. */
  unverified: z.boolean({ error: 'unverified ist true oder false.' }).default(false),
  note: text('die Anmerkung', 1000).optional(),
};

const rule = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...ruleBase, ...shape }, { error: unknownKeys });

const minAgeRule = rule('minAge', { years: count('Das Mindestalter', 0, 100) });
/** Highest allowed age in completed years: "unter 25" is maxAge 24. */
const maxAgeRule = rule('maxAge', { years: count('Das Höchstalter', 0, 100) });
const minUnemploymentMonthsRule = rule('minUnemploymentMonths', {
  months: count('Die Dauer der Arbeitslosigkeit in Monaten', 1, 600),
});
const benefitMonthsInWindowRule = rule('benefitMonthsInWindow', {
  months: count('Die Zahl der Leistungsmonate', 1, 600),
  windowYears: count('Der Betrachtungszeitraum in Jahren', 1, 50),
  reducedMonths: count('Die verringerte Zahl der Leistungsmonate', 1, 600).optional(),
  reducedIf: z.array(flagSchema).min(1, { message: 'Bitte mindestens ein Merkmal angeben.' }).optional(),
});
const maxCumulativeMonthsInWindowRule = rule('maxCumulativeMonthsInWindow', {
  measureIds: z.array(measureIdSchema).min(1, { message: 'Bitte mindestens eine Maßnahme angeben.' }),
  months: count('Die Höchstdauer in Monaten', 1, 600),
  windowYears: count('Der Rahmenzeitraum in Jahren', 1, 50),
  /**
   * 'fromFirstEntry': the frame starts with the first entry and a new frame with the first entry
   * after it ended (§ 16d Abs. 6 Satz 2 SGB II); 'sliding': the years before the planned start.
   */
  window: z.enum(['sliding', 'fromFirstEntry'], {
    error: 'window ist "sliding" oder "fromFirstEntry".',
  }),
  extensionMonths: count('Die Verlängerung in Monaten', 1, 600).optional(),
  extensionRequires: flagSchema.optional(),
  warnRemainingMonths: count('Die Warnschwelle in Monaten', 0, 600).optional(),
});
/**
 * Services up to n calendar months after taking up work (§ 16g Abs. 2 SGB II): counted by
 * § 26 SGB X with §§ 187 Abs. 2, 188 Abs. 2 BGB (a job started 01.05. allows services through 31.10.).
 */
const withinMonthsAfterJobStartRule = rule('withinMonthsAfterJobStart', {
  months: count('Die Zahl der Monate nach Arbeitsaufnahme', 1, 120),
});
const minLanguageLevelRule = rule('minLanguageLevel', { level: levelSchema });
const maxLanguageLevelRule = rule('maxLanguageLevel', { level: levelSchema });
const requiresFlagRule = rule('requiresFlag', { flag: flagSchema });
const requiresAnyFlagRule = rule('requiresAnyFlag', {
  flags: z
    .array(flagSchema)
    .min(2, { message: 'Bitte mindestens zwei Merkmale angeben (sonst requiresFlag).' }),
});
const excludedIfFlagRule = rule('excludedIfFlag', { flag: flagSchema });
const durationExtensionSchema = z
  .strictObject(
    {
      max: count('Die verlängerte Höchstdauer', 1, 1200),
      ifAnyFlag: z.array(flagSchema).min(1, { message: 'Bitte mindestens ein Merkmal angeben.' }).optional(),
      minAge: count('Das Mindestalter der Verlängerung', 0, 100).optional(),
    },
    { error: unknownKeys },
  )
  .refine((e) => e.ifAnyFlag !== undefined || e.minAge !== undefined, {
    message: 'Eine Verlängerung braucht eine Bedingung (ifAnyFlag oder minAge).',
  });
const durationRule = rule('duration', {
  unit: z.enum(DURATION_UNITS, { error: 'unit ist "days", "weeks" oder "months".' }),
  max: count('Die Höchstdauer', 1, 1200),
  min: count('Die Mindestdauer', 1, 1200).optional(),
  extensions: z.array(durationExtensionSchema).default([]),
});
const teachingUnitsRule = rule('teachingUnits', {
  min: count('Die Mindestzahl an Unterrichtseinheiten', 1, 5000),
  max: count('Die Höchstzahl an Unterrichtseinheiten', 1, 5000),
});
const applicationBeforeStartRule = rule('applicationBeforeStart', {});
const noticeRule = rule('notice', {
  severity: z.enum(['info', 'warning'], { error: 'severity ist "info" oder "warning".' }),
  text: text('den Hinweistext', 1000),
});

const RULE_SCHEMAS = [
  minAgeRule,
  maxAgeRule,
  minUnemploymentMonthsRule,
  benefitMonthsInWindowRule,
  maxCumulativeMonthsInWindowRule,
  withinMonthsAfterJobStartRule,
  minLanguageLevelRule,
  maxLanguageLevelRule,
  requiresFlagRule,
  requiresAnyFlagRule,
  excludedIfFlagRule,
  durationRule,
  teachingUnitsRule,
  applicationBeforeStartRule,
  noticeRule,
] as const;

export const RULE_TYPES = RULE_SCHEMAS.map((s) => s.shape.type.value);

export const measureRuleSchema = z
  .discriminatedUnion('type', RULE_SCHEMAS, {
    error: (iss) => {
      const type = (iss.input as { type?: unknown } | undefined)?.type;
      return type === undefined
        ? `Der Regel fehlt der Typ (type). Erlaubt: ${RULE_TYPES.join(', ')}.`
        : `Unbekannter Regeltyp ${JSON.stringify(type)}. Erlaubt: ${RULE_TYPES.join(', ')}.`;
    },
  })
  .superRefine((r, ctx) => {
    if (r.type === 'benefitMonthsInWindow') {
      if ((r.reducedMonths === undefined) !== (r.reducedIf === undefined)) {
        ctx.addIssue({ code: 'custom', message: 'reducedMonths und reducedIf gehören zusammen.' });
      }
      if (r.reducedMonths !== undefined && r.reducedMonths > r.months) {
        ctx.addIssue({
          code: 'custom',
          path: ['reducedMonths'],
          message: 'Die verringerte Zahl darf nicht größer sein als die reguläre.',
        });
      }
      if (r.months > r.windowYears * 12) {
        ctx.addIssue({
          code: 'custom',
          path: ['months'],
          message: 'Es können nicht mehr Monate verlangt werden, als der Zeitraum hat.',
        });
      }
    }
    if (
      r.type === 'maxCumulativeMonthsInWindow' &&
      (r.extensionMonths === undefined) !== (r.extensionRequires === undefined)
    ) {
      ctx.addIssue({ code: 'custom', message: 'extensionMonths und extensionRequires gehören zusammen.' });
    }
    if (r.type === 'duration') {
      if (r.min !== undefined && r.min > r.max) {
        ctx.addIssue({
          code: 'custom',
          path: ['min'],
          message: 'Die Mindestdauer ist größer als die Höchstdauer.',
        });
      }
      r.extensions.forEach((e, i) => {
        if (e.max <= r.max) {
          ctx.addIssue({
            code: 'custom',
            path: ['extensions', i, 'max'],
            message: 'Eine Verlängerung muss länger sein als die reguläre Höchstdauer.',
          });
        }
      });
    }
    if (r.type === 'teachingUnits' && r.min > r.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['min'],
        message: 'Die Mindestzahl ist größer als die Höchstzahl.',
      });
    }
  });
export type MeasureRule = z.output<typeof measureRuleSchema>;
export type MeasureRuleType = MeasureRule['type'];
export type RuleOf<T extends MeasureRuleType> = Extract<MeasureRule, { type: T }>;

export const maxDurationSchema = z.strictObject(
  {
    amount: count('Die Höchstdauer', 1, 1200),
    unit: z.enum(DURATION_UNITS, { error: 'unit ist "days", "weeks" oder "months".' }),
  },
  { error: unknownKeys },
);
export type MaxDuration = z.output<typeof maxDurationSchema>;

export const catalogueEntrySchema = z
  .strictObject(
    {
      id: measureIdSchema,
      title: text('den Titel', 200),
      legalBasis: text('die Rechtsgrundlage', 200),
      kind: z.enum(MEASURE_KINDS, {
        error: 'kind ist "assignment" (Zuweisung) oder "referral" (Überleitung).',
      }),
      /** Who decides a referral (kind 'referral'); null for assignments. */
      referralTo: text('die Stelle, an die übergeleitet wird', 200).nullable().default(null),
      category: z.enum(MEASURE_CATEGORIES, {
        error: (iss) =>
          `Unbekannte Kategorie ${JSON.stringify(iss.input)}. Erlaubt: ${MEASURE_CATEGORIES.join(', ')}.`,
      }),
      description: text('die Beschreibung', 2000),
      validFrom: isoDateSchema.nullable(),
      validTo: isoDateSchema.nullable(),
      /** Longest possible duration (for lists); a 'duration' rule must agree with it. */
      maxDuration: maxDurationSchema.nullable(),
      voluntary: z.boolean({ error: 'voluntary ist true oder false.' }),
      legalConsequencesNoticeAllowed: z.boolean({
        error: 'legalConsequencesNoticeAllowed ist true oder false.',
      }),
      provider: text('den Träger', 200).nullable().default(null),
      /** Offices offering it; null = all. */
      offices: z
        .array(z.enum(OFFICES, { error: `Standort ist einer von: ${OFFICES.join(', ')}.` }))
        .min(1, { message: 'Bitte mindestens einen Standort angeben oder null für alle.' })
        .nullable()
        .default(null),
      rules: z.array(measureRuleSchema),
      sources: z.array(text('die Quelle', 1000)).default([]),
      /** Open points, e.g. "[UNVERIFIED] …": shown to Fachadministration, never acted on. */
      notes: z.array(text('die Anmerkung', 1000)).default([]),
    },
    { error: unknownKeys },
  )
  .superRefine((e, ctx) => {
    if (e.validFrom && e.validTo && e.validTo < e.validFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['validTo'],
        message: `Das Ende der Gültigkeit (${e.validTo}) liegt vor ihrem Beginn (${e.validFrom}).`,
      });
    }
    if (e.kind === 'referral' && e.referralTo === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['referralTo'],
        message: 'Eine Überleitung nennt die Stelle, die entscheidet (referralTo).',
      });
    }
    if (e.kind === 'assignment' && e.referralTo !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['referralTo'],
        message: 'referralTo gilt nur für Überleitungen.',
      });
    }
    if (e.legalConsequencesNoticeAllowed && e.voluntary) {
      ctx.addIssue({
        code: 'custom',
        path: ['legalConsequencesNoticeAllowed'],
        message: 'Ein freiwilliges Angebot darf keine Rechtsfolgenbelehrung tragen.',
      });
    }
    if (e.legalConsequencesNoticeAllowed && e.category === 'municipal') {
      ctx.addIssue({
        code: 'custom',
        path: ['legalConsequencesNoticeAllowed'],
        message:
          'Kommunale Eingliederungsleistungen (§ 16a SGB II) dürfen keine Rechtsfolgenbelehrung tragen.',
      });
    }
    const durations = e.rules.flatMap((r, i) => (r.type === 'duration' ? [{ r, i }] : []));
    if (durations.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['rules'], message: 'Höchstens eine Regel vom Typ "duration".' });
    }
    const first = durations[0];
    if (first) {
      const longest = Math.max(first.r.max, ...first.r.extensions.map((x) => x.max));
      if (e.maxDuration === null || e.maxDuration.unit !== first.r.unit || e.maxDuration.amount !== longest) {
        ctx.addIssue({
          code: 'custom',
          path: ['maxDuration'],
          message: `maxDuration muss der längsten Dauer der Regel entsprechen (${longest} ${first.r.unit}).`,
        });
      }
    }
  });
export type CatalogueEntry = z.output<typeof catalogueEntrySchema>;

export const measureCatalogueSchema = z
  .strictObject(
    {
      version: z
        .string({ error: 'Bitte eine Version angeben.' })
        .regex(/^\d{4}\.\d+$/, { message: 'Die Version hat die Form JJJJ.N (z. B. "2026.2").' }),
      validFrom: isoDateSchema,
      entries: z
        .array(catalogueEntrySchema)
        .min(1, { message: 'Der Katalog braucht mindestens einen Eintrag.' }),
    },
    { error: unknownKeys },
  )
  .superRefine((catalogue, ctx) => {
    for (const p of crossEntryProblems(catalogue.entries)) ctx.addIssue({ code: 'custom', ...p });
  });
export type MeasureCatalogue = z.output<typeof measureCatalogueSchema>;

/**
 * Checks across entries (duplicate ids, rules naming unknown measures). Works on unparsed data too,
 * so these problems are reported together with schema errors elsewhere in the document.
 */
export function crossEntryProblems(entries: unknown): { path: PropertyKey[]; message: string }[] {
  if (!Array.isArray(entries)) return [];
  const problems: { path: PropertyKey[]; message: string }[] = [];
  const idOf = (e: unknown) => (e !== null && typeof e === 'object' ? (e as { id?: unknown }).id : undefined);
  const ids = new Set<unknown>();
  entries.forEach((entry, i) => {
    const id = idOf(entry);
    if (typeof id !== 'string') return;
    if (ids.has(id))
      problems.push({ path: ['entries', i, 'id'], message: `Die id "${id}" ist doppelt vergeben.` });
    ids.add(id);
  });
  entries.forEach((entry, i) => {
    const rules =
      entry !== null && typeof entry === 'object' ? (entry as { rules?: unknown }).rules : undefined;
    if (!Array.isArray(rules)) return;
    rules.forEach((r: unknown, j) => {
      const measureIds =
        r !== null && typeof r === 'object' ? (r as { measureIds?: unknown }).measureIds : undefined;
      if (!Array.isArray(measureIds)) return;
      for (const id of measureIds) {
        if (typeof id === 'string' && !ids.has(id)) {
          problems.push({
            path: ['entries', i, 'rules', j, 'measureIds'],
            message: `Die Regel verweist auf die unbekannte Maßnahme "${id}".`,
          });
        }
      }
    });
  });
  return problems;
}

/** Parses a catalogue document; throws ResourceDataError naming `source` and each bad entry. */
export function parseMeasureCatalogue(data: unknown, source: string): MeasureCatalogue {
  try {
    return parseResource(measureCatalogueSchema, data, source);
  } catch (error) {
    if (!(error instanceof ResourceDataError)) throw error;
    const entries =
      data !== null && typeof data === 'object' ? (data as { entries?: unknown }).entries : undefined;
    const extra = crossEntryProblems(entries)
      .map((p) => `${describePath(data, p.path)}: ${p.message}`)
      .filter((p) => !error.problems.includes(p));
    throw extra.length > 0 ? new ResourceDataError(source, [...error.problems, ...extra]) : error;
  }
}
