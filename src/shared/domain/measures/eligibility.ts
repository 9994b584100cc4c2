/**
 * The eligibility engine: checks every catalogue entry against the facts of one case on a given
 * date and explains each result in German, with the numbers, the dates and the legal reference.
 * Pure and deterministic: the date is a parameter, nothing reads the clock, nothing does I/O.
 *
 * Semantics:
 * - Person-related rules (age, unemployment, benefit months, windows) are checked on the planned
 *   start of the measure (facts.measureStart, defaulting to the evaluation date `on`).
 * - A fact that is not known (undefined) never passes silently: the rule yields a warning.
 * - A planned duration beyond a limit refuses (the reason names the last allowed day); a missing
 *   planned end warns and names the last allowed day. `latestEnd` is the earliest of these days.
 * - A rule marked `unverified` in the catalogue warns instead of refusing.
 * - Validity: an entry is refused when `on` or the planned start lies after its validTo, when the
 *   planned start lies before its validFrom, or when the planned end lies after its validTo.
 */
import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  daysBetween,
  formatGermanDate,
  fullMonthsBetween,
  type IsoDate,
} from '../common/dates';
import type { LegalReference } from '../common/resource-data';
import type {
  CatalogueEntry,
  DurationUnit,
  MeasureCatalogue,
  MeasureKind,
  MeasureRule,
  MeasureRuleType,
  RuleOf,
} from './catalogue.schema';
import {
  countMonthsInWindow,
  FACT_FLAG_LABELS,
  languageLevelRank,
  mergePeriods,
  resolveFlag,
  unemploymentMonthsOn,
  type EligibilityFacts,
  type FactFlag,
  type LanguageLevel,
} from './facts';

export type EligibilityStatus = 'eligible' | 'not_eligible' | 'eligible_with_warnings';

export const ELIGIBILITY_STATUS_LABELS: Readonly<Record<EligibilityStatus, string>> = {
  eligible: 'möglich',
  eligible_with_warnings: 'möglich, bitte Hinweise prüfen',
  not_eligible: 'nicht möglich',
};

/** met = condition fulfilled; info = hint; warning = check by hand; unmet = refusal. */
export type ReasonSeverity = 'met' | 'info' | 'warning' | 'unmet';

export interface EligibilityReason {
  readonly severity: ReasonSeverity;
  /** The rule type, or 'validity' / 'referral' for checks on the entry itself. */
  readonly check: MeasureRuleType | 'validity' | 'referral';
  readonly text: string;
  readonly ref: LegalReference;
}

export interface EligibilityResult {
  readonly measureId: string;
  readonly title: string;
  readonly kind: MeasureKind;
  readonly status: EligibilityStatus;
  readonly reasons: readonly EligibilityReason[];
  /** Last day the measure may run given the facts (limits, aftercare, validity); null = no limit found. */
  readonly latestEnd: IsoDate | null;
  readonly voluntary: boolean;
  readonly legalConsequencesNoticeAllowed: boolean;
}

export interface EvaluationOptions {
  /** The evaluation date ("today"), passed in: the engine never reads the clock. */
  readonly on: IsoDate;
}

interface Finding {
  readonly severity: ReasonSeverity;
  readonly text: string;
  readonly latestEnd?: IsoDate;
}

interface Context {
  readonly facts: EligibilityFacts;
  readonly on: IsoDate;
  /** The reference date of person-related checks: the planned start. */
  readonly start: IsoDate;
  readonly titles: ReadonlyMap<string, string>;
}

const d = formatGermanDate;
/** A title in German quotation marks (unless it already carries them). */
const quoted = (title: string) => (title.startsWith('„') ? title : `„${title}“`);
const UNVERIFIED_SUFFIX = ' Diese Regel ist fachlich nicht bestätigt; bitte im Einzelfall prüfen.';

/** Evaluates every entry of the catalogue, in catalogue order. */
export function evaluateEligibility(
  catalogue: MeasureCatalogue,
  facts: EligibilityFacts,
  options: EvaluationOptions,
): EligibilityResult[] {
  const titles = new Map(catalogue.entries.map((e) => [e.id, e.title]));
  return catalogue.entries.map((entry) => evaluateEntry(entry, facts, options, titles));
}

/**
 * The rules about when a measure may run: its maximum duration, the cumulative limit in a window
 * (§ 16d Abs. 6 SGB II) and the window after a job start (Nachbetreuung). An extension to a new
 * planned end is checked against these again; the rest was checked when the measure was assigned.
 */
export const PERIOD_RULE_TYPES: readonly MeasureRuleType[] = [
  'duration',
  'maxCumulativeMonthsInWindow',
  'withinMonthsAfterJobStart',
];

/** The entry with only its period rules (for the check of an extension). */
export function periodRulesOf(entry: CatalogueEntry): CatalogueEntry {
  return { ...entry, rules: entry.rules.filter((r) => PERIOD_RULE_TYPES.includes(r.type)) };
}

/** Evaluates one entry. `titles` (id → title) only improves the wording of cumulative limits. */
export function evaluateEntry(
  entry: CatalogueEntry,
  facts: EligibilityFacts,
  options: EvaluationOptions,
  titles: ReadonlyMap<string, string> = new Map([[entry.id, entry.title]]),
): EligibilityResult {
  const ctx: Context = { facts, on: options.on, start: facts.measureStart ?? options.on, titles };
  const reasons: EligibilityReason[] = [];
  const latestEnds: IsoDate[] = [];
  const add = (check: EligibilityReason['check'], ref: string, f: Finding) => {
    reasons.push({ severity: f.severity, check, text: f.text, ref });
    if (f.latestEnd) latestEnds.push(f.latestEnd);
  };

  if (entry.kind === 'referral') {
    add('referral', entry.legalBasis, {
      severity: 'info',
      text: `Entscheidung durch: ${entry.referralTo ?? 'Agentur für Arbeit'}. Das Jobcenter erstellt eine Überleitung, keine Zuweisung.`,
    });
  }
  for (const f of checkValidity(entry, ctx)) add('validity', entry.legalBasis, f);
  for (const rule of entry.rules) {
    for (const f of evaluateRule(rule, ctx)) {
      const downgraded =
        rule.unverified && f.severity === 'unmet'
          ? { ...f, severity: 'warning' as const, text: f.text + UNVERIFIED_SUFFIX }
          : f;
      add(rule.type, rule.ref, downgraded);
    }
  }

  const status: EligibilityStatus = reasons.some((r) => r.severity === 'unmet')
    ? 'not_eligible'
    : reasons.some((r) => r.severity === 'warning')
      ? 'eligible_with_warnings'
      : 'eligible';
  return {
    measureId: entry.id,
    title: entry.title,
    kind: entry.kind,
    status,
    reasons,
    latestEnd: latestEnds.length > 0 ? latestEnds.reduce((a, b) => (b < a ? b : a)) : null,
    voluntary: entry.voluntary,
    legalConsequencesNoticeAllowed: entry.legalConsequencesNoticeAllowed,
  };
}

function checkValidity(entry: CatalogueEntry, ctx: Context): Finding[] {
  const { validFrom, validTo } = entry;
  if (!validFrom && !validTo) return [];
  const span =
    `${validFrom ? `vom ${d(validFrom)} ` : ''}${validTo ? `bis ${d(validTo)}` : 'ohne Enddatum'}`.trim();
  const plannedEnd = ctx.facts.plannedEnd;
  if (validTo && ctx.on > validTo) {
    return [
      {
        severity: 'unmet',
        text: `${quoted(entry.title)} ist abgelaufen: die Laufzeit endete am ${d(validTo)} (gültig ${span}).`,
      },
    ];
  }
  if (validTo && ctx.start > validTo) {
    return [
      {
        severity: 'unmet',
        text: `Der geplante Beginn am ${d(ctx.start)} liegt nach dem Ende der Laufzeit am ${d(validTo)} (gültig ${span}).`,
      },
    ];
  }
  if (validFrom && ctx.start < validFrom) {
    return [
      {
        severity: 'unmet',
        text: `${quoted(entry.title)} gilt erst ab dem ${d(validFrom)}; der geplante Beginn am ${d(ctx.start)} liegt davor.`,
      },
    ];
  }
  if (validTo && plannedEnd && plannedEnd > validTo) {
    return [
      {
        severity: 'unmet',
        text: `Das geplante Ende am ${d(plannedEnd)} liegt nach dem Ende der Laufzeit am ${d(validTo)}.`,
        latestEnd: validTo,
      },
    ];
  }
  return [
    {
      severity: 'met',
      text: `Der Beginn am ${d(ctx.start)} liegt in der Laufzeit (gültig ${span}).`,
      ...(validTo ? { latestEnd: validTo } : {}),
    },
  ];
}

function evaluateRule(rule: MeasureRule, ctx: Context): Finding[] {
  switch (rule.type) {
    case 'minAge':
      return [checkMinAge(rule, ctx)];
    case 'maxAge':
      return [checkMaxAge(rule, ctx)];
    case 'minUnemploymentMonths':
      return [checkUnemployment(rule, ctx)];
    case 'benefitMonthsInWindow':
      return [checkBenefitMonths(rule, ctx)];
    case 'maxCumulativeMonthsInWindow':
      return [checkCumulative(rule, ctx)];
    case 'withinMonthsAfterJobStart':
      return [checkAftercareMonths(rule, ctx)];
    case 'minLanguageLevel':
    case 'maxLanguageLevel':
      return [checkLanguage(rule, ctx)];
    case 'requiresFlag':
      return [checkFlags(rule.ref, [rule.flag], ctx)];
    case 'requiresAnyFlag':
      return [checkFlags(rule.ref, rule.flags, ctx)];
    case 'excludedIfFlag':
      return [checkExcluded(rule, ctx)];
    case 'duration':
      return [checkDuration(rule, ctx)];
    case 'teachingUnits':
      return [checkTeachingUnits(rule, ctx)];
    case 'applicationBeforeStart':
      return [checkApplicationBeforeStart(rule, ctx)];
    case 'notice':
      return [{ severity: rule.severity, text: rule.text }];
  }
}

// ---------------------------------------------------------------------------------------------
// age

function years(n: number): string {
  return n === 1 ? '1 Jahr' : `${n} Jahre`;
}

function months(n: number): string {
  return n === 1 ? '1 Monat' : `${n} Monate`;
}

/** The first day on which a person born on `birthDate` has completed `age` years. */
export function dateOfAge(birthDate: IsoDate, age: number): IsoDate {
  const candidate = addYears(birthDate, age);
  return ageOn(birthDate, candidate) < age ? addDays(candidate, 1) : candidate;
}

function checkMinAge(rule: RuleOf<'minAge'>, ctx: Context): Finding {
  const birth = ctx.facts.birthDate;
  if (!birth) {
    return {
      severity: 'warning',
      text: `Das Geburtsdatum ist nicht erfasst; ${rule.ref} verlangt ein Alter von mindestens ${years(rule.years)}.`,
    };
  }
  const age = ageOn(birth, ctx.start);
  if (age >= rule.years) {
    return {
      severity: 'met',
      text: `Am ${d(ctx.start)} ist die Person ${years(age)} alt; ${rule.ref} verlangt mindestens ${years(rule.years)}.`,
    };
  }
  return {
    severity: 'unmet',
    text: `Am ${d(ctx.start)} ist die Person ${years(age)} alt; ${rule.ref} verlangt mindestens ${years(rule.years)}. Das Mindestalter ist am ${d(dateOfAge(birth, rule.years))} erreicht.`,
  };
}

function checkMaxAge(rule: RuleOf<'maxAge'>, ctx: Context): Finding {
  const birth = ctx.facts.birthDate;
  const limit = `höchstens ${years(rule.years)} (also jünger als ${rule.years + 1})`;
  if (!birth) {
    return {
      severity: 'warning',
      text: `Das Geburtsdatum ist nicht erfasst; ${rule.ref} verlangt ein Alter von ${limit}.`,
    };
  }
  const age = ageOn(birth, ctx.start);
  return {
    severity: age <= rule.years ? 'met' : 'unmet',
    text: `Am ${d(ctx.start)} ist die Person ${years(age)} alt; ${rule.ref} verlangt ${limit}.`,
  };
}

// ---------------------------------------------------------------------------------------------
// unemployment and benefit receipt

function checkUnemployment(rule: RuleOf<'minUnemploymentMonths'>, ctx: Context): Finding {
  const required = `mindestens ${months(rule.months)} Arbeitslosigkeit`;
  const n = unemploymentMonthsOn(ctx.facts, ctx.start);
  if (n === undefined) {
    return {
      severity: 'warning',
      text: `Der Beginn der Arbeitslosigkeit ist nicht erfasst; ${rule.ref} verlangt ${required}.`,
    };
  }
  if (n === null) {
    return {
      severity: 'unmet',
      text: `Die Person ist am ${d(ctx.start)} nicht arbeitslos gemeldet; ${rule.ref} verlangt ${required}.`,
    };
  }
  const since = ctx.facts.unemployedSince as IsoDate;
  const base = `Die Person ist seit dem ${d(since)} arbeitslos, am ${d(ctx.start)} also ${months(n)}; ${rule.ref} verlangt ${required}.`;
  if (n >= rule.months) return { severity: 'met', text: base };
  return {
    severity: 'unmet',
    text: `${base} Die Voraussetzung ist ab dem ${d(addMonths(since, rule.months))} erfüllt.`,
  };
}

type TriState = boolean | undefined;

function anyOf(values: readonly TriState[]): TriState {
  if (values.some((v) => v === true)) return true;
  if (values.every((v) => v === false)) return false;
  return undefined;
}

function flagList(flags: readonly FactFlag[]): string {
  return flags.map((f) => FACT_FLAG_LABELS[f]).join(' oder ');
}

function checkBenefitMonths(rule: RuleOf<'benefitMonthsInWindow'>, ctx: Context): Finding {
  const windowFrom = addYears(ctx.start, -rule.windowYears);
  const windowTo = addDays(ctx.start, -1);
  const periods = ctx.facts.benefitPeriods;
  const reduced =
    rule.reducedMonths !== undefined && rule.reducedIf
      ? { months: rule.reducedMonths, flags: rule.reducedIf }
      : undefined;
  const requirement =
    `${rule.ref} verlangt mindestens ${months(rule.months)}` +
    (reduced ? ` (${months(reduced.months)} bei: ${flagList(reduced.flags)})` : '');
  if (periods === undefined) {
    return {
      severity: 'warning',
      text: `Die Zeiten des Leistungsbezugs sind nicht erfasst; ${requirement} in den letzten ${years(rule.windowYears)}.`,
    };
  }
  const { months: got } = countMonthsInWindow(periods, { from: windowFrom, to: windowTo });
  const base = `In den ${rule.windowYears} Jahren vor dem ${d(ctx.start)} (${d(windowFrom)} bis ${d(windowTo)}) bezog die Person ${months(got)} Leistungen nach dem SGB II`;
  if (got >= rule.months) return { severity: 'met', text: `${base}; ${requirement}.` };
  if (!reduced) return { severity: 'unmet', text: `${base}; ${requirement}.` };
  const resolved = reduced.flags.map((f) => ({ flag: f, ...resolveFlag(ctx.facts, f, ctx.start) }));
  const applies = anyOf(resolved.map((r) => r.value));
  if (got >= reduced.months && applies === true) {
    const why = resolved.filter((r) => r.value === true).map((r) => FACT_FLAG_LABELS[r.flag]);
    return {
      severity: 'met',
      text: `${base}; ${rule.ref} verlangt hier nur ${months(reduced.months)}, weil: ${why.join(', ')}.`,
    };
  }
  if (got >= reduced.months && applies === undefined) {
    return {
      severity: 'warning',
      text: `${base}; ${rule.ref} verlangt ${months(rule.months)}, nur ${months(reduced.months)} bei: ${flagList(reduced.flags)}. Das ist nicht erfasst.`,
    };
  }
  return { severity: 'unmet', text: `${base}; ${requirement}.` };
}

// ---------------------------------------------------------------------------------------------
// cumulative limit in a window (§ 16d Abs. 6 SGB II)

/** The frame whose used months count for a measure starting on `start`. */
export function cumulativeFrame(
  rule: Pick<RuleOf<'maxCumulativeMonthsInWindow'>, 'window' | 'windowYears'>,
  periods: readonly { from: IsoDate; to: IsoDate | null }[],
  start: IsoDate,
): { from: IsoDate; to: IsoDate } {
  const frameOf = (from: IsoDate) => ({ from, to: addDays(addYears(from, rule.windowYears), -1) });
  if (rule.window === 'sliding') return { from: addYears(start, -rule.windowYears), to: addDays(start, -1) };
  const before = mergePeriods(
    periods.filter((p) => p.from < start),
    addDays(start, -1),
  ).map((p) => ({ from: p.from, to: p.to < start ? p.to : addDays(start, -1) }));
  const first = before[0];
  if (!first) return frameOf(start);
  let frame = frameOf(first.from);
  while (start > frame.to) {
    const end = frame.to;
    const next = before.find((p) => p.to > end);
    if (!next) return frameOf(start);
    frame = frameOf(next.from > end ? next.from : addDays(end, 1));
  }
  return frame;
}

function checkCumulative(rule: RuleOf<'maxCumulativeMonthsInWindow'>, ctx: Context): Finding {
  const names = rule.measureIds.map((id) => quoted(ctx.titles.get(id) ?? id)).join(', ');
  const ext = rule.extensionMonths ?? 0;
  const extensionNeeds = rule.extensionRequires
    ? ` Eine Verlängerung um bis zu ${months(ext)} setzt voraus: ${FACT_FLAG_LABELS[rule.extensionRequires]}.`
    : '';
  const previous = ctx.facts.previousMeasures;
  if (previous === undefined) {
    return {
      severity: 'warning',
      text: `Frühere Zuweisungen sind nicht erfasst; ${rule.ref} erlaubt in ${names} höchstens ${months(rule.months)} innerhalb von ${years(rule.windowYears)}.`,
    };
  }
  const periods = previous.filter((p) => rule.measureIds.includes(p.measureId));
  const frame = cumulativeFrame(rule, periods, ctx.start);
  const used = countMonthsInWindow(periods, {
    from: frame.from,
    to: frame.to < ctx.start ? frame.to : addDays(ctx.start, -1),
  }).months;
  const frameText =
    rule.window === 'sliding'
      ? `In den ${rule.windowYears} Jahren vor dem ${d(ctx.start)} (${d(frame.from)} bis ${d(frame.to)})`
      : `Im Rahmenzeitraum ${d(frame.from)} bis ${d(frame.to)}`;
  const usedText =
    used === 0
      ? 'entfällt noch kein Monat'
      : `${used === 1 ? 'entfällt' : 'entfallen'} bereits ${months(used)}`;
  const prefix = `${frameText} ${usedText} auf ${names}`;
  const recheck = rule.extensionRequires
    ? resolveFlag(ctx.facts, rule.extensionRequires, ctx.start).value === true
    : false;
  const lastDay = (remaining: number) =>
    remaining > 0 ? addDays(addMonths(ctx.start, remaining), -1) : null;
  const latestBase = lastDay(rule.months - used);
  const latestExt = lastDay(rule.months + ext - used);
  const allowed = recheck ? latestExt : latestBase;
  const plannedEnd = ctx.facts.plannedEnd;

  if (allowed === null) {
    if (latestExt === null) {
      return {
        severity: 'unmet',
        text: `${prefix}; ${rule.ref} erlaubt höchstens ${months(rule.months)}${ext ? `, mit Verlängerung ${months(rule.months + ext)}` : ''} – ausgeschöpft.`,
      };
    }
    return {
      severity: 'unmet',
      text: `${prefix}; ${rule.ref} erlaubt höchstens ${months(rule.months)}.${extensionNeeds}`,
    };
  }
  const extended = latestBase === null || (plannedEnd !== undefined && plannedEnd > latestBase);
  if (plannedEnd === undefined) {
    return {
      severity: 'warning',
      text: `${prefix}; eine Zuweisung ist bis längstens ${d(allowed)} möglich${recheck && latestBase === null ? ' (Verlängerung nach dokumentierter Prüfung)' : ''}. Das geplante Ende ist nicht erfasst.`,
      latestEnd: allowed,
    };
  }
  if (plannedEnd > allowed) {
    return {
      severity: 'unmet',
      text: `${prefix}; ${rule.ref} erlaubt höchstens ${months(recheck ? rule.months + ext : rule.months)}, die Zuweisung ist daher nur bis zum ${d(allowed)} möglich (geplant: bis ${d(plannedEnd)}).${recheck ? '' : extensionNeeds}`,
      latestEnd: allowed,
    };
  }
  if (recheck && extended) {
    return {
      severity: 'warning',
      text: `${prefix}; die Zuweisung bis ${d(plannedEnd)} geht über ${months(rule.months)} hinaus und ist nur als Verlängerung nach ${rule.ref} zulässig (höchstens bis ${d(allowed)}). Die erneute Prüfung ist dokumentiert; bitte das Prüfergebnis in der Akte halten.`,
      latestEnd: allowed,
    };
  }
  const remainingAfter = rule.months - used;
  if (rule.warnRemainingMonths !== undefined && remainingAfter <= rule.warnRemainingMonths) {
    return {
      severity: 'warning',
      text: `${prefix}; bis zur Höchstdauer von ${months(rule.months)} bleiben nur noch ${months(remainingAfter)} (bis ${d(allowed)}).`,
      latestEnd: allowed,
    };
  }
  return {
    severity: 'met',
    text: `${prefix}; ${rule.ref} erlaubt höchstens ${months(rule.months)}, die Zuweisung ist bis zum ${d(allowed)} möglich.`,
    latestEnd: allowed,
  };
}

// ---------------------------------------------------------------------------------------------
// aftercare

/**
 * Last day of services n calendar months after a job started on `jobStart` (§ 26 SGB X with
 * §§ 187 Abs. 2, 188 Abs. 2 BGB: the start day counts, the period ends the day before the day of
 * the same number; a job started 01.05. gives 31.10. for six). Where that month has no day of the
 * same number, the period ends on its last day (§ 188 Abs. 3 BGB: 31.08. gives 28.02.).
 */
export function lastDayMonthsAfter(jobStart: IsoDate, n: number): IsoDate {
  const same = addMonths(jobStart, n);
  return same.slice(8) === jobStart.slice(8) ? addDays(same, -1) : same;
}

function checkAftercareMonths(rule: RuleOf<'withinMonthsAfterJobStart'>, ctx: Context): Finding {
  const job = ctx.facts.jobStartDate;
  const limit = `${rule.ref} erlaubt Leistungen bis zu ${months(rule.months)} nach der Arbeitsaufnahme`;
  if (job === undefined) {
    return { severity: 'warning', text: `Das Datum der Arbeitsaufnahme ist nicht erfasst; ${limit}.` };
  }
  if (job === null) {
    return { severity: 'unmet', text: `Es ist keine Arbeitsaufnahme erfasst; ${limit}.` };
  }
  const last = lastDayMonthsAfter(job, rule.months);
  const window = `${limit}: nach der Arbeitsaufnahme am ${d(job)} also bis ${d(last)}`;
  if (ctx.start < job) {
    return {
      severity: 'unmet',
      text: `Der Beginn am ${d(ctx.start)} liegt vor der Arbeitsaufnahme am ${d(job)}; ${limit}.`,
      latestEnd: last,
    };
  }
  if (ctx.start > last) {
    return {
      severity: 'unmet',
      text: `Der Beginn am ${d(ctx.start)} liegt nach dem Ende der Frist; ${window}.`,
    };
  }
  const plannedEnd = ctx.facts.plannedEnd;
  if (plannedEnd === undefined) {
    return {
      severity: 'warning',
      text: `${window}. Das geplante Ende ist nicht erfasst.`,
      latestEnd: last,
    };
  }
  if (plannedEnd > last) {
    return {
      severity: 'unmet',
      text: `${window}, geplant ist aber bis ${d(plannedEnd)}.`,
      latestEnd: last,
    };
  }
  return {
    severity: 'met',
    text: `Der Beginn am ${d(ctx.start)} liegt in der Frist; ${window}.`,
    latestEnd: last,
  };
}

// ---------------------------------------------------------------------------------------------
// language and flags

function levelText(level: LanguageLevel): string {
  return level === 'none' ? 'keine Deutschkenntnisse' : `Deutschkenntnisse auf Niveau ${level}`;
}

function checkLanguage(rule: RuleOf<'minLanguageLevel'> | RuleOf<'maxLanguageLevel'>, ctx: Context): Finding {
  const isMin = rule.type === 'minLanguageLevel';
  const requirement = `${rule.ref} verlangt ${isMin ? 'mindestens' : 'höchstens'} Niveau ${rule.level}`;
  const level = ctx.facts.germanLevel;
  if (level === undefined || level === null) {
    return { severity: 'warning', text: `Das Sprachniveau ist nicht erfasst; ${requirement}.` };
  }
  const diff = languageLevelRank(level) - languageLevelRank(rule.level);
  const ok = isMin ? diff >= 0 : diff <= 0;
  return { severity: ok ? 'met' : 'unmet', text: `Die Person hat ${levelText(level)}; ${requirement}.` };
}

function describeFlag(flag: FactFlag, ctx: Context): { value: TriState; text: string; derivation?: string } {
  const r = resolveFlag(ctx.facts, flag, ctx.start);
  return {
    value: r.value,
    text: `${FACT_FLAG_LABELS[flag]}${r.derivation ? ` (${r.derivation})` : ''}`,
    ...(r.derivation ? { derivation: r.derivation } : {}),
  };
}

function checkFlags(ref: string, flags: readonly FactFlag[], ctx: Context): Finding {
  const described = flags.map((f) => describeFlag(f, ctx));
  const value = anyOf(described.map((x) => x.value));
  const requirement = `${ref} setzt voraus: ${flagList(flags)}`;
  if (value === true) {
    const which = described.filter((x) => x.value === true);
    const named =
      flags.length > 1
        ? `: ${which.map((x) => x.text).join('; ')}`
        : which[0]?.derivation
          ? ` (${which[0].derivation})`
          : '';
    return { severity: 'met', text: `${requirement}. Das trifft zu${named}.` };
  }
  if (value === false) {
    const why = described.flatMap((x) => (x.derivation ? [x.derivation] : []));
    return {
      severity: 'unmet',
      text: `${requirement}. Das trifft nicht zu${why.length > 0 ? ` (${why.join('; ')})` : ''}.`,
    };
  }
  return { severity: 'warning', text: `${requirement}. Das ist nicht erfasst.` };
}

function checkExcluded(rule: RuleOf<'excludedIfFlag'>, ctx: Context): Finding {
  const { value, text } = describeFlag(rule.flag, ctx);
  const condition = `${rule.ref} schließt aus: ${FACT_FLAG_LABELS[rule.flag]}`;
  if (value === true) return { severity: 'unmet', text: `${condition}. Das trifft zu: ${text}.` };
  if (value === false) return { severity: 'met', text: `${condition}. Das trifft nicht zu.` };
  return { severity: 'warning', text: `${condition}. Das ist nicht erfasst.` };
}

// ---------------------------------------------------------------------------------------------
// duration

const UNIT_WORDS: Readonly<Record<DurationUnit, [string, string]>> = {
  days: ['Tag', 'Tage'],
  weeks: ['Woche', 'Wochen'],
  months: ['Monat', 'Monate'],
};

function amount(n: number, unit: DurationUnit): string {
  return `${n} ${UNIT_WORDS[unit][n === 1 ? 0 : 1]}`;
}

/** Last day of a measure of `n` units starting on `start` (inclusive). */
export function lastDayOfDuration(start: IsoDate, n: number, unit: DurationUnit): IsoDate {
  if (unit === 'days') return addDays(start, n - 1);
  if (unit === 'weeks') return addDays(start, n * 7 - 1);
  return addDays(addMonths(start, n), -1);
}

function spanText(start: IsoDate, end: IsoDate): string {
  const dayAfter = addDays(end, 1);
  const m = fullMonthsBetween(start, dayAfter);
  const rest = daysBetween(addMonths(start, m), dayAfter);
  const days = daysBetween(start, dayAfter);
  const monthPart = m > 0 ? `${months(m)}${rest > 0 ? ` und ${amount(rest, 'days')}` : ''}, ` : '';
  return `${monthPart}${amount(days, 'days')}`;
}

function checkDuration(rule: RuleOf<'duration'>, ctx: Context): Finding {
  const birth = ctx.facts.birthDate;
  const age = birth ? ageOn(birth, ctx.start) : undefined;
  const extensions = rule.extensions.map((e) => {
    const byFlag = e.ifAnyFlag
      ? anyOf(e.ifAnyFlag.map((f) => resolveFlag(ctx.facts, f, ctx.start).value))
      : true;
    const byAge = e.minAge === undefined ? true : age === undefined ? undefined : age >= e.minAge;
    const applies: TriState =
      byFlag === false || byAge === false ? false : byFlag === true && byAge === true ? true : undefined;
    const parts = [
      ...(e.ifAnyFlag ? [flagList(e.ifAnyFlag)] : []),
      ...(e.minAge !== undefined ? [`ab ${years(e.minAge)}`] : []),
    ];
    return { max: e.max, applies, condition: parts.join(' und ') };
  });
  const granted = extensions.filter((e) => e.applies === true).sort((a, b) => b.max - a.max)[0];
  const max = granted ? granted.max : rule.max;
  const latest = lastDayOfDuration(ctx.start, max, rule.unit);
  const allowedText = `${rule.ref} erlaubt höchstens ${amount(max, rule.unit)}${granted ? ` (wegen: ${granted.condition})` : ''}, also bis ${d(latest)}`;
  const others = extensions
    .filter((e) => e.applies !== true && e.max > max)
    .map((e) => `${amount(e.max, rule.unit)} bei ${e.condition}`);
  const othersText = others.length > 0 ? ` Länger nur: ${others.join('; ')}.` : '';
  const plannedEnd = ctx.facts.plannedEnd;
  if (plannedEnd === undefined) {
    return {
      severity: 'warning',
      text: `Das geplante Ende ist nicht erfasst; ${allowedText}.`,
      latestEnd: latest,
    };
  }
  if (plannedEnd < ctx.start) {
    return {
      severity: 'unmet',
      text: `Das geplante Ende am ${d(plannedEnd)} liegt vor dem Beginn am ${d(ctx.start)}.`,
    };
  }
  const planned = `Geplant ist die Zeit vom ${d(ctx.start)} bis ${d(plannedEnd)} (${spanText(ctx.start, plannedEnd)})`;
  if (rule.min !== undefined) {
    const earliest = lastDayOfDuration(ctx.start, rule.min, rule.unit);
    if (plannedEnd < earliest) {
      return {
        severity: 'unmet',
        text: `${planned}; ${rule.ref} verlangt mindestens ${amount(rule.min, rule.unit)}, also bis mindestens ${d(earliest)}.`,
        latestEnd: latest,
      };
    }
  }
  if (plannedEnd <= latest)
    return { severity: 'met', text: `${planned}; ${allowedText}.`, latestEnd: latest };
  const possible = extensions.filter(
    (e) => e.applies === undefined && plannedEnd <= lastDayOfDuration(ctx.start, e.max, rule.unit),
  );
  if (possible.length > 0) {
    return {
      severity: 'warning',
      text: `${planned}; ${allowedText}. Länger ist es nur zulässig bei: ${possible.map((e) => e.condition).join('; ')}. Das ist nicht erfasst.`,
      latestEnd: latest,
    };
  }
  return { severity: 'unmet', text: `${planned}; ${allowedText}.${othersText}`, latestEnd: latest };
}

function checkTeachingUnits(rule: RuleOf<'teachingUnits'>, ctx: Context): Finding {
  const requirement = `${rule.ref} sieht ${rule.min} bis ${rule.max} Unterrichtseinheiten vor`;
  const planned = ctx.facts.plannedTeachingUnits;
  if (planned === undefined) {
    return { severity: 'warning', text: `Der geplante Umfang ist nicht erfasst; ${requirement}.` };
  }
  return {
    severity: planned >= rule.min && planned <= rule.max ? 'met' : 'unmet',
    text: `Geplant sind ${planned} Unterrichtseinheiten; ${requirement}.`,
  };
}

function checkApplicationBeforeStart(rule: RuleOf<'applicationBeforeStart'>, ctx: Context): Finding {
  const start = ctx.facts.measureStart;
  const requirement = `${rule.ref}: die Leistung muss vor dem Beginn (z. B. vor der Einstellung) beantragt werden`;
  if (start === undefined) {
    return { severity: 'warning', text: `Der Beginn ist nicht erfasst; ${requirement}.` };
  }
  return {
    severity: ctx.on <= start ? 'met' : 'unmet',
    text: `Antrag am ${d(ctx.on)}, Beginn am ${d(start)}; ${requirement}.`,
  };
}
