/**
 * The measure-assignment wizard in domain terms: the candidates of the catalogue for one case on
 * a planned start (eligible first, refused ones kept with their German reasons), what kind of
 * record each produces (a Zuweisung, an Überleitung to the Agentur für Arbeit, a voluntary
 * municipal offer under § 16a SGB II), the duration limits to check while typing, and the
 * obligation wording the legal regime of the date allows. Pure: the date is a parameter.
 */
import { z } from 'zod';
import { formatGermanDate, isoDateSchema, type IsoDate } from '../common/dates';
import {
  defaultLegalRegimes,
  regimeOn,
  type LegalRegimesDocument,
  type RegimeConfig,
} from '../legal/legal-regimes';
import {
  DURATION_UNITS,
  MEASURE_CATEGORIES,
  MEASURE_CATEGORY_LABELS,
  MEASURE_KINDS,
  type CatalogueEntry,
  type DurationUnit,
  type MeasureCatalogue,
  type MeasureCategory,
  type MeasureKind,
  type RuleOf,
} from './catalogue.schema';
import {
  ELIGIBILITY_STATUS_LABELS,
  evaluateEntry,
  lastDayOfDuration,
  lastDayMonthsAfter,
  type EligibilityReason,
  type EligibilityStatus,
} from './eligibility';
import { FACT_FLAGS, FACT_FLAG_LABELS, type EligibilityFacts, type FactFlag } from './facts';

// ---------------------------------------------------------------------------------------------
// needs → facts

/**
 * Flags a need recorded in the Potenzialanalyse establishes (criterion id → flags). A need only
 * ever sets a flag to true; where no need is recorded the flag stays "not known" and the engine
 * warns instead of refusing.
 */
export const NEED_FLAGS: Readonly<Record<string, readonly FactFlag[]>> = {
  'family-situation': ['childcareOrCareNeed'],
  'finances-debts': ['debtCounsellingNeed'],
  'addiction-psychosocial': ['psychosocialSupportNeed', 'addictionCounsellingNeed'],
  'vocational-qualification': ['furtherTrainingNeed'],
};

export function flagsFromNeeds(needIds: readonly string[]): Partial<Record<FactFlag, boolean>> {
  const flags: Partial<Record<FactFlag, boolean>> = {};
  for (const id of needIds) for (const flag of NEED_FLAGS[id] ?? []) flags[flag] = true;
  return flags;
}

/**
 * Flags the caseworker may state in the wizard. Flags derived from the case record (benefit
 * receipt, children, disability, unemployment, completed integration course) are never taken
 * from the wizard's input: the record decides.
 */
export const STATED_FLAGS = [
  'seriousPlacementBarriers',
  'placementHindered',
  'hardToReachYoungPerson',
  'takingUpEmployment',
  'concreteJobPerspective',
  'integrationCourseAdmission',
  'childcareOrCareNeed',
  'debtCounsellingNeed',
  'psychosocialSupportNeed',
  'addictionCounsellingNeed',
  'furtherTrainingNeed',
  'documentedRecheck',
  'atRiskOfDisability',
  'especiallyAffectedDisabled',
] as const satisfies readonly FactFlag[];
export type StatedFlag = (typeof STATED_FLAGS)[number];

/** Only the stated flags of `flags` (everything else is dropped). */
export function statedFlagsOnly(
  flags: Readonly<Partial<Record<string, boolean>>> | undefined,
): Partial<Record<StatedFlag, boolean>> {
  const out: Partial<Record<StatedFlag, boolean>> = {};
  if (!flags) return out;
  for (const flag of STATED_FLAGS) {
    const v = flags[flag];
    if (typeof v === 'boolean') out[flag] = v;
  }
  return out;
}

/** A condition the caseworker states to extend a measure beyond a period rule's regular maximum. */
export interface ExtensionCondition {
  readonly flag: StatedFlag;
  /** German, as a checkbox label (first letter upper case), with the legal reference. */
  readonly label: string;
  /** e.g. "Nötig für mehr als 24 Monate, höchstens 12 Monate mehr." */
  readonly description: string;
}

/**
 * The conditions of an extension beyond the regular maximum of the entry's cumulative period rules
 * (§ 16d Abs. 6 SGB II: AGH over 24 months in five years only after a documented re-check), one per
 * flag the caseworker may state; conditions only the record decides are not offered.
 */
export function extensionConditionsOf(entry: CatalogueEntry): ExtensionCondition[] {
  const out = new Map<StatedFlag, ExtensionCondition>();
  for (const rule of entry.rules) {
    if (rule.type !== 'maxCumulativeMonthsInWindow' || !rule.extensionRequires) continue;
    const flag = rule.extensionRequires;
    if (!isStatedFlag(flag) || out.has(flag)) continue;
    out.set(flag, {
      flag,
      label: `${capitalLabel(flag)} (${rule.ref})`,
      description: `Nötig für mehr als ${rule.months} Monate in ${rule.windowYears} Jahren; höchstens ${rule.extensionMonths ?? 0} Monate mehr.`,
    });
  }
  return [...out.values()];
}

export const isStatedFlag = (v: string): v is StatedFlag => (STATED_FLAGS as readonly string[]).includes(v);

/** A flag's German label as a list item or a field label (first letter capitalized). */
function capitalLabel(flag: FactFlag): string {
  const label = FACT_FLAG_LABELS[flag];
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
}

/** A fact the caseworker may state for an entry's check, with its German label (capitalized). */
export interface StatedQuestion {
  readonly flag: StatedFlag;
  readonly label: string;
}

/**
 * The facts the caseworker may state that decide an entry's check: every stated flag its rules
 * name (required, one of several, excluding, reducing a period, extending a duration or a
 * maximum), each once, in rule order. The wizard asks them with the entry (trifft zu, trifft nicht
 * zu, nicht angegeben); flags the case record derives are never asked.
 */
export function statedQuestionsOf(entry: Pick<CatalogueEntry, 'rules'>): StatedQuestion[] {
  const flags: string[] = [];
  for (const rule of entry.rules) {
    switch (rule.type) {
      case 'requiresFlag':
      case 'excludedIfFlag':
        flags.push(rule.flag);
        break;
      case 'requiresAnyFlag':
        flags.push(...rule.flags);
        break;
      case 'benefitMonthsInWindow':
        flags.push(...(rule.reducedIf ?? []));
        break;
      case 'maxCumulativeMonthsInWindow':
        if (rule.extensionRequires) flags.push(rule.extensionRequires);
        break;
      case 'duration':
        for (const e of rule.extensions) flags.push(...(e.ifAnyFlag ?? []));
        break;
      default:
        break;
    }
  }
  const out: StatedQuestion[] = [];
  for (const flag of new Set(flags)) {
    if (isStatedFlag(flag)) out.push({ flag, label: capitalLabel(flag) });
  }
  return out;
}

/**
 * The Vermerk an extension beyond the regular maximum leaves in the case file: which measure, from
 * which planned end to which, on which day, and the conditions the caseworker stated as met (the
 * law asks for the re-check to be on record, § 16d Abs. 6 SGB II).
 */
export function extensionNote(input: {
  readonly measureTitle: string;
  readonly previousEnd: IsoDate | null;
  readonly plannedEnd: IsoDate;
  readonly on: IsoDate;
  readonly conditions: readonly Pick<ExtensionCondition, 'label'>[];
}): { readonly title: string; readonly body: string } {
  const before = input.previousEnd ? `bisher bis ${formatGermanDate(input.previousEnd)}` : 'bisher ohne Ende';
  const stated = input.conditions.map((c) => `- ${c.label}`).join('\n');
  return {
    title: `Verlängerung: ${input.measureTitle}`.slice(0, 200),
    body:
      `„${input.measureTitle}“ am ${formatGermanDate(input.on)} verlängert bis ${formatGermanDate(input.plannedEnd)} (${before}).\n` +
      `Über die reguläre Höchstdauer hinaus; von der Integrationsfachkraft als erfüllt angegeben:\n${stated}`,
  };
}

/**
 * What the caseworker stated in the wizard, in German, one line each (the wizard's summary and the
 * proposal's Vermerk): every stated fact, the planned teaching units, the day of the job start.
 */
export function statementLines(facts: WizardFacts | undefined): string[] {
  const flags = facts?.flags ?? {};
  const lines = STATED_FLAGS.filter((f) => flags[f] !== undefined).map(
    (f) => `${capitalLabel(f)}: ${flags[f] ? 'trifft zu' : 'trifft nicht zu'}`,
  );
  if (facts?.plannedTeachingUnits !== undefined)
    lines.push(`Geplante Unterrichtseinheiten: ${facts.plannedTeachingUnits}`);
  if (facts?.jobStartDate !== undefined)
    lines.push(
      `Arbeitsaufnahme: ${facts.jobStartDate === null ? 'keine' : `am ${formatGermanDate(facts.jobStartDate)}`}`,
    );
  return lines;
}

/**
 * The Vermerk a proposal leaves when the caseworker stated facts for its check (a 12-week MAG rests
 * on "schwerwiegende Vermittlungshemmnisse", an AGH beyond 24 months on the documented re-check, a
 * Job-BSK on its planned teaching units): which measure, when, for which period, and each statement
 * as given. The record itself keeps only the check's outcome, so without this the basis of the
 * decision is lost for the team lead's review. Nothing stated: no Vermerk (null).
 */
export function proposalNote(input: {
  readonly measureTitle: string;
  readonly plannedStart: IsoDate;
  readonly plannedEnd: IsoDate | null;
  readonly on: IsoDate;
  readonly facts: WizardFacts | undefined;
}): { readonly title: string; readonly body: string } | null {
  const lines = statementLines(input.facts);
  if (lines.length === 0) return null;
  const period = input.plannedEnd
    ? `${formatGermanDate(input.plannedStart)} bis ${formatGermanDate(input.plannedEnd)}`
    : `ab ${formatGermanDate(input.plannedStart)}`;
  return {
    title: `Maßnahme vorgeschlagen: ${input.measureTitle}`.slice(0, 200),
    body:
      `„${input.measureTitle}“ am ${formatGermanDate(input.on)} vorgeschlagen (geplant ${period}).\n` +
      `Für die Prüfung der Voraussetzungen von der Integrationsfachkraft angegeben:\n${lines.map((l) => `- ${l}`).join('\n')}`,
  };
}

export const isFactFlag = (v: string): v is FactFlag => (FACT_FLAGS as readonly string[]).includes(v);

// ---------------------------------------------------------------------------------------------
// what the record is: Zuweisung, Überleitung, freiwilliges Angebot

export const MEASURE_FORMS = ['assignment', 'referral', 'municipalOffer', 'voluntaryOffer'] as const;
export type MeasureForm = (typeof MEASURE_FORMS)[number];

/** The form of the record an entry produces, with the German label any letter or list uses. */
export function measureFormOf(
  entry: Pick<CatalogueEntry, 'kind' | 'category' | 'voluntary' | 'referralTo'>,
): {
  readonly form: MeasureForm;
  readonly label: string;
} {
  if (entry.kind === 'referral')
    return {
      form: 'referral',
      label: `Überleitung an die ${entry.referralTo ?? 'Agentur für Arbeit'}`,
    };
  if (entry.category === 'municipal')
    return {
      form: 'municipalOffer',
      label: 'Freiwilliges kommunales Angebot (§ 16a SGB II), keine Zuweisung',
    };
  if (entry.voluntary) return { form: 'voluntaryOffer', label: 'Freiwilliges Angebot, keine Zuweisung' };
  return { form: 'assignment', label: 'Zuweisung durch das Jobcenter' };
}

/** German label of an assignment's status by the form of its record. */
export function statusLabelOf(
  status: 'proposed' | 'assigned' | 'started' | 'ended' | 'aborted',
  form: MeasureForm,
): string {
  const base = {
    proposed: 'vorgeschlagen',
    assigned: 'zugewiesen',
    started: 'angetreten',
    ended: 'beendet',
    aborted: 'abgebrochen',
  }[status];
  if (status !== 'assigned') return base;
  if (form === 'referral') return 'übergeleitet';
  if (form === 'municipalOffer' || form === 'voluntaryOffer') return 'angeboten';
  return base;
}

// ---------------------------------------------------------------------------------------------
// obligation wording

export interface ObligationOption {
  readonly withLegalConsequencesNotice: boolean;
  readonly label: string;
}

export interface Obligation {
  /** Whether a Rechtsfolgenbelehrung may be attached on this date. */
  readonly noticeAllowed: boolean;
  readonly options: ObligationOption[];
  /** Why (German): catalogue, regime, form. */
  readonly explanation: string;
  /** The regime of the date (null before 01.07.2023). */
  readonly regime: { readonly id: string; readonly name: string } | null;
}

const ASSIGNMENT_NOTICE = 'zuweisung-massnahme';

/** The obligation wording the catalogue entry and the legal regime of `on` allow. */
export function obligationFor(
  entry: Pick<
    CatalogueEntry,
    'title' | 'kind' | 'category' | 'voluntary' | 'referralTo' | 'legalConsequencesNoticeAllowed'
  >,
  on: IsoDate,
  regimes: LegalRegimesDocument = defaultLegalRegimes,
  config: RegimeConfig = {},
): Obligation {
  const selection = regimeOn(on, regimes, config);
  const regime = selection.ok ? { id: selection.regime.id, name: selection.regime.name } : null;
  const form = measureFormOf(entry).form;
  const without = (label: string): ObligationOption[] => [{ withLegalConsequencesNotice: false, label }];
  const title = `„${entry.title}“`;
  if (form === 'municipalOffer')
    return {
      noticeAllowed: false,
      regime,
      options: without('Angebot ohne Rechtsfolgenbelehrung'),
      explanation: `${title} ist eine kommunale Eingliederungsleistung nach § 16a SGB II: ein freiwilliges Angebot, keine Zuweisung, und nie mit einer Rechtsfolgenbelehrung verbunden.`,
    };
  if (form === 'referral')
    return {
      noticeAllowed: false,
      regime,
      options: without('Überleitung ohne Rechtsfolgenbelehrung'),
      explanation: `Über ${title} entscheidet die ${entry.referralTo ?? 'Agentur für Arbeit'}; das Jobcenter leitet über und weist nicht zu. Eine Rechtsfolgenbelehrung gibt es dabei nicht.`,
    };
  if (form === 'voluntaryOffer')
    return {
      noticeAllowed: false,
      regime,
      options: without('Angebot ohne Rechtsfolgenbelehrung'),
      explanation: `${title} ist ein freiwilliges Angebot; der Maßnahmekatalog lässt keine Rechtsfolgenbelehrung zu.`,
    };
  if (!entry.legalConsequencesNoticeAllowed)
    return {
      noticeAllowed: false,
      regime,
      options: without('Zuweisung ohne Rechtsfolgenbelehrung'),
      explanation: `Der Maßnahmekatalog lässt für ${title} keine Rechtsfolgenbelehrung zu.`,
    };
  if (!selection.ok)
    return {
      noticeAllowed: false,
      regime,
      options: without('Zuweisung ohne Rechtsfolgenbelehrung'),
      explanation: selection.reason,
    };
  const notice = regimes.notices.find((n) => n.id === ASSIGNMENT_NOTICE);
  if (!selection.regime.noticesWithLegalConsequences.includes(ASSIGNMENT_NOTICE) || !notice)
    return {
      noticeAllowed: false,
      regime,
      options: without('Zuweisung ohne Rechtsfolgenbelehrung'),
      explanation: `Im Regelwerk „${selection.regime.name}“ trägt eine Zuweisung keine Rechtsfolgenbelehrung.`,
    };
  return {
    noticeAllowed: true,
    regime,
    options: [
      { withLegalConsequencesNotice: false, label: 'Zuweisung ohne Rechtsfolgenbelehrung (Angebot)' },
      {
        withLegalConsequencesNotice: true,
        label: `Zuweisung mit Rechtsfolgenbelehrung (${notice.legalBasis})`,
      },
    ],
    explanation: `Nach dem Regelwerk „${selection.regime.name}“ (ab ${formatGermanDate(selection.validFrom)}) darf die Zuweisung eine Rechtsfolgenbelehrung tragen (${notice.legalBasis}). ${selection.regime.bindingDecision.reference}.`,
  };
}

// ---------------------------------------------------------------------------------------------
// dates as you type

export interface PeriodLimits {
  /** The entry's duration rule, if any. */
  readonly duration: Pick<RuleOf<'duration'>, 'unit' | 'max' | 'min' | 'ref'> | null;
  /** The latest allowed end the engine found for the case (limits, aftercare, validity). */
  readonly latestEnd: IsoDate | null;
}

const UNIT: Readonly<Record<DurationUnit, [string, string]>> = {
  days: ['Tag', 'Tage'],
  weeks: ['Woche', 'Wochen'],
  months: ['Monat', 'Monate'],
};
const amount = (n: number, unit: DurationUnit) => `${n} ${UNIT[unit][n === 1 ? 0 : 1]}`;

/** German problems of a planned period against the limits (empty: fine). */
export function plannedPeriodProblems(
  limits: PeriodLimits,
  start: IsoDate,
  end: IsoDate | null,
): { path: 'plannedStart' | 'plannedEnd'; message: string }[] {
  if (end === null) return [];
  if (end < start)
    return [{ path: 'plannedEnd', message: 'Das geplante Ende liegt vor dem geplanten Beginn.' }];
  const problems: { path: 'plannedEnd'; message: string }[] = [];
  const d = limits.duration;
  if (d?.min !== undefined) {
    const earliest = lastDayOfDuration(start, d.min, d.unit);
    if (end < earliest)
      problems.push({
        path: 'plannedEnd',
        message: `${d.ref} verlangt mindestens ${amount(d.min, d.unit)}: das Ende liegt frühestens am ${formatGermanDate(earliest)}.`,
      });
  }
  if (limits.latestEnd !== null && end > limits.latestEnd)
    problems.push({
      path: 'plannedEnd',
      message: `Die Maßnahme darf für diese Person längstens bis ${formatGermanDate(limits.latestEnd)} laufen.`,
    });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// aftercare (§ 16g SGB II)

/** Months of Nachbetreuung after taking up work (§ 16g Abs. 2 SGB II). */
export const AFTERCARE_MONTHS = 6;

/**
 * Last day of aftercare after a job started on `jobStart`: six calendar months (§ 26 SGB X with
 * §§ 187 Abs. 2, 188 Abs. 2 BGB): a job started 01.05. allows services through 31.10.
 */
export function aftercareLastDay(jobStart: IsoDate, months = AFTERCARE_MONTHS): IsoDate {
  return lastDayMonthsAfter(jobStart, months);
}

export interface AftercareStatus {
  readonly lastDay: IsoDate;
  readonly expired: boolean;
  readonly text: string;
}

export function aftercareStatus(jobStart: IsoDate, on: IsoDate): AftercareStatus {
  const lastDay = aftercareLastDay(jobStart);
  const expired = on > lastDay;
  return {
    lastDay,
    expired,
    text: expired
      ? `Die Nachbetreuung nach § 16g Abs. 2 SGB II endete am ${formatGermanDate(lastDay)} (sechs Monate nach der Arbeitsaufnahme am ${formatGermanDate(jobStart)}).`
      : `Nachbetreuung nach § 16g Abs. 2 SGB II möglich bis ${formatGermanDate(lastDay)} (sechs Monate nach der Arbeitsaufnahme am ${formatGermanDate(jobStart)}).`,
  };
}

// ---------------------------------------------------------------------------------------------
// the candidates

export interface WizardCandidate {
  readonly measureId: string;
  readonly title: string;
  readonly description: string;
  readonly kind: MeasureKind;
  readonly form: MeasureForm;
  readonly formLabel: string;
  readonly category: MeasureCategory;
  readonly categoryLabel: string;
  readonly legalBasis: string;
  readonly referralTo: string | null;
  readonly provider: string | null;
  readonly status: EligibilityStatus;
  readonly statusLabel: string;
  /** Reasons as the engine gave them (met, info, warning, unmet), each with its legal reference. */
  readonly reasons: EligibilityReason[];
  readonly latestEnd: IsoDate | null;
  readonly duration: PeriodLimits['duration'];
  readonly teachingUnits: { readonly min: number; readonly max: number } | null;
  readonly obligation: Obligation;
  /** What the caseworker may state that decides this entry's check (statedQuestionsOf). */
  readonly questions: StatedQuestion[];
  /** Services within n months after taking up work (§ 16g): the wizard asks the day of the job start. */
  readonly afterJobStart: { readonly months: number } | null;
}

const STATUS_RANK: Readonly<Record<EligibilityStatus, number>> = {
  eligible: 0,
  eligible_with_warnings: 1,
  not_eligible: 2,
};

export interface CandidateOptions {
  /** The evaluation date ("today"). */
  readonly on: IsoDate;
  readonly regimes?: LegalRegimesDocument;
  readonly regimeConfig?: RegimeConfig;
  /** Offices where the case is worked: entries limited to other offices are left out. */
  readonly office?: string;
}

/**
 * Every entry of the catalogue checked against the facts: eligible first, then with warnings,
 * then refused (catalogue order within each). The obligation wording follows the planned start.
 */
export function wizardCandidates(
  catalogue: MeasureCatalogue,
  facts: EligibilityFacts,
  options: CandidateOptions,
): WizardCandidate[] {
  const titles = new Map(catalogue.entries.map((e) => [e.id, e.title]));
  const start = facts.measureStart ?? options.on;
  const regimes = options.regimes ?? defaultLegalRegimes;
  const config = options.regimeConfig ?? {};
  const candidates: WizardCandidate[] = [];
  for (const entry of catalogue.entries) {
    if (options.office && entry.offices && !entry.offices.some((o) => o.toLowerCase() === options.office))
      continue;
    const result = evaluateEntry(entry, facts, { on: options.on }, titles);
    const form = measureFormOf(entry);
    const duration = entry.rules.find((r): r is RuleOf<'duration'> => r.type === 'duration');
    const units = entry.rules.find((r): r is RuleOf<'teachingUnits'> => r.type === 'teachingUnits');
    const aftercare = entry.rules.find(
      (r): r is RuleOf<'withinMonthsAfterJobStart'> => r.type === 'withinMonthsAfterJobStart',
    );
    candidates.push({
      measureId: entry.id,
      title: entry.title,
      description: entry.description,
      kind: entry.kind,
      form: form.form,
      formLabel: form.label,
      category: entry.category,
      categoryLabel: MEASURE_CATEGORY_LABELS[entry.category],
      legalBasis: entry.legalBasis,
      referralTo: entry.referralTo,
      provider: entry.provider,
      status: result.status,
      statusLabel: ELIGIBILITY_STATUS_LABELS[result.status],
      reasons: [...result.reasons],
      latestEnd: result.latestEnd,
      duration: duration
        ? {
            unit: duration.unit,
            max: duration.max,
            ref: duration.ref,
            ...(duration.min !== undefined ? { min: duration.min } : {}),
          }
        : null,
      teachingUnits: units ? { min: units.min, max: units.max } : null,
      obligation: obligationFor(entry, start, regimes, config),
      questions: statedQuestionsOf(entry),
      afterJobStart: aftercare ? { months: aftercare.months } : null,
    });
  }
  return candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => STATUS_RANK[a.c.status] - STATUS_RANK[b.c.status] || a.i - b.i)
    .map((x) => x.c);
}

/** The refusal reasons of a result, in German, for an error message. */
export function refusalTexts(reasons: readonly EligibilityReason[]): string[] {
  return reasons.filter((r) => r.severity === 'unmet').map((r) => `${r.text} (${r.ref})`);
}

// ---------------------------------------------------------------------------------------------
// schemas of what crosses IPC (outputs: parsed by main's dispatch before the renderer sees them)

const reasonSchema = z.object({
  severity: z.enum(['met', 'info', 'warning', 'unmet']),
  check: z.string(),
  text: z.string(),
  ref: z.string(),
});

export const obligationSchema = z.object({
  noticeAllowed: z.boolean(),
  options: z.array(z.object({ withLegalConsequencesNotice: z.boolean(), label: z.string() })),
  explanation: z.string(),
  regime: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const wizardCandidateSchema = z.object({
  measureId: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(MEASURE_KINDS),
  form: z.enum(MEASURE_FORMS),
  formLabel: z.string(),
  category: z.enum(MEASURE_CATEGORIES),
  categoryLabel: z.string(),
  legalBasis: z.string(),
  referralTo: z.string().nullable(),
  provider: z.string().nullable(),
  status: z.enum(['eligible', 'eligible_with_warnings', 'not_eligible']),
  statusLabel: z.string(),
  reasons: z.array(reasonSchema),
  latestEnd: isoDateSchema.nullable(),
  duration: z
    .object({
      unit: z.enum(DURATION_UNITS),
      max: z.number().int(),
      min: z.number().int().optional(),
      ref: z.string(),
    })
    .nullable(),
  teachingUnits: z.object({ min: z.number().int(), max: z.number().int() }).nullable(),
  obligation: obligationSchema,
  questions: z.array(z.object({ flag: z.enum(STATED_FLAGS), label: z.string() })),
  afterJobStart: z.object({ months: z.number().int() }).nullable(),
});

/** What the caseworker may state in the wizard beyond the case record (never derived facts). */
export const wizardFactsSchema = z.strictObject({
  /** First day of the job taken up (Nachbetreuung); null = none. */
  jobStartDate: isoDateSchema.nullable().optional(),
  plannedTeachingUnits: z
    .number({ error: 'Bitte die Unterrichtseinheiten als Zahl angeben.' })
    .int({ message: 'Bitte eine ganze Zahl von Unterrichtseinheiten angeben.' })
    .min(1, { message: 'Bitte mindestens 1 Unterrichtseinheit angeben.' })
    .max(5000, { message: 'Höchstens 5000 Unterrichtseinheiten.' })
    .optional(),
  flags: z.partialRecord(z.enum(STATED_FLAGS), z.boolean()).optional(),
});
export type WizardFacts = z.output<typeof wizardFactsSchema>;
