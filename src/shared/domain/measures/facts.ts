/**
 * The facts the eligibility engine checks a catalogue entry against. A plain input: the wizard
 * builds it from the case (person, household, benefit periods, earlier assignments) plus what it
 * asks for the planned measure. A missing fact (`undefined`) means "not known": the engine then
 * warns instead of passing silently. Where a fact can be derived from data (long-term
 * unemployment from the start of unemployment, a minor child from the children's birth dates,
 * severe disability from the disability status), the derivation wins over a plain flag.
 */
import { z } from 'zod';
import {
  addDays,
  addMonths,
  ageOn,
  daysBetween,
  formatGermanDate,
  fullMonthsBetween,
  isoDateSchema,
  type IsoDate,
} from '../common/dates';

import {
  DISABILITY_STATUSES,
  LANGUAGE_LEVELS,
  languageLevelRank,
  type DisabilityStatus,
  type LanguageLevel,
} from '../case/person';

// The person record and the engine share one vocabulary for German level and disability status.
export { DISABILITY_STATUSES, LANGUAGE_LEVELS, languageLevelRank, type DisabilityStatus, type LanguageLevel };

/** Levels a catalogue rule may name (a rule never asks for "no German"). */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];

/**
 * Yes/no facts a rule can require. Some are derived (see DERIVED_FLAGS); the rest are recorded by
 * the caseworker (usually from the Potenzialanalyse: a need in a Schlüsselgröße).
 */
export const FACT_FLAGS = [
  'employableBenefitRecipient',
  'childInHousehold',
  'disabled',
  'severelyDisabled',
  'especiallyAffectedDisabled',
  'atRiskOfDisability',
  'longTermUnemployed',
  'seriousPlacementBarriers',
  'placementHindered',
  'hardToReachYoungPerson',
  'takingUpEmployment',
  'concreteJobPerspective',
  'integrationCourseCompleted',
  'integrationCourseAdmission',
  'childcareOrCareNeed',
  'debtCounsellingNeed',
  'psychosocialSupportNeed',
  'addictionCounsellingNeed',
  'furtherTrainingNeed',
  'documentedRecheck',
] as const;
export type FactFlag = (typeof FACT_FLAGS)[number];

/** German wording of each flag, usable after "die Person …" / in a list of conditions. */
export const FACT_FLAG_LABELS: Readonly<Record<FactFlag, string>> = {
  employableBenefitRecipient: 'erwerbsfähige leistungsberechtigte Person (§ 7 SGB II)',
  childInHousehold: 'minderjähriges Kind in der Bedarfsgemeinschaft',
  disabled: 'Behinderung (auch Schwerbehinderung oder Gleichstellung)',
  severelyDisabled: 'schwerbehindert oder gleichgestellt',
  especiallyAffectedDisabled: 'besonders betroffener schwerbehinderter Mensch',
  atRiskOfDisability: 'von Behinderung bedroht',
  longTermUnemployed: 'langzeitarbeitslos (seit mindestens 12 Monaten arbeitslos, § 18 SGB III)',
  seriousPlacementBarriers: 'schwerwiegende Vermittlungshemmnisse',
  placementHindered: 'Vermittlung wegen in der Person liegender Gründe erschwert',
  hardToReachYoungPerson: 'schwer zu erreichender junger Mensch',
  takingUpEmployment: 'Aufnahme einer sozialversicherungspflichtigen oder selbständigen Erwerbstätigkeit',
  concreteJobPerspective: 'Arbeitsangebot, Vorbereitung auf eine konkrete Stelle oder Beschäftigung',
  integrationCourseCompleted: 'Integrationskurs abgeschlossen',
  integrationCourseAdmission: 'Teilnahmeberechtigung oder -verpflichtung für den Integrationskurs',
  childcareOrCareNeed: 'Bedarf an Kinderbetreuung oder häuslicher Pflege von Angehörigen',
  debtCounsellingNeed: 'Bedarf an Schuldnerberatung',
  psychosocialSupportNeed: 'Bedarf an psychosozialer Betreuung',
  addictionCounsellingNeed: 'Bedarf an Suchtberatung',
  furtherTrainingNeed: 'Weiterbildungsbedarf festgestellt',
  documentedRecheck: 'erneute Prüfung der Voraussetzungen dokumentiert',
};

export interface DatePeriod {
  readonly from: IsoDate;
  /** Inclusive last day; null = still running. */
  readonly to: IsoDate | null;
}

export interface PreviousMeasure extends DatePeriod {
  readonly measureId: string;
}

/** Everything the engine may look at. Omit (undefined) what is not known. */
export interface EligibilityFacts {
  readonly birthDate?: IsoDate;
  /** Planned first day of the measure; defaults to the evaluation date. */
  readonly measureStart?: IsoDate;
  /** Planned last day of the measure (inclusive). */
  readonly plannedEnd?: IsoDate;
  /** Planned extent of a language course in Unterrichtseinheiten (UE). */
  readonly plannedTeachingUnits?: number;
  /** Start of the current spell of unemployment; null = not unemployed. */
  readonly unemployedSince?: IsoDate | null;
  /** Periods of SGB II benefit receipt; [] = none. */
  readonly benefitPeriods?: readonly DatePeriod[];
  /** Earlier and running measures (for sliding windows and cumulative limits); [] = none. */
  readonly previousMeasures?: readonly PreviousMeasure[];
  /** First day of the job taken up (for Nachbetreuung); null = no job taken up. */
  readonly jobStartDate?: IsoDate | null;
  /** German level (CEFR); null or undefined = not known. */
  readonly germanLevel?: LanguageLevel | null;
  /** Birth dates of the children in the Bedarfsgemeinschaft; [] = no children. */
  readonly householdChildBirthDates?: readonly IsoDate[];
  readonly disability?: DisabilityStatus;
  /** Recorded flags; derived flags are computed from the data above where it is present. */
  readonly flags?: Readonly<Partial<Record<FactFlag, boolean>>>;
}

const periodSchema = z
  .strictObject({ from: isoDateSchema, to: isoDateSchema.nullable() })
  .refine((p) => p.to === null || p.to >= p.from, {
    message: 'Das Ende darf nicht vor dem Beginn liegen.',
    path: ['to'],
  });

/** Schema for facts crossing a boundary (IPC); the engine itself trusts its typed input. */
export const eligibilityFactsSchema = z.strictObject({
  birthDate: isoDateSchema.optional(),
  measureStart: isoDateSchema.optional(),
  plannedEnd: isoDateSchema.optional(),
  plannedTeachingUnits: z
    .number()
    .int({ message: 'Bitte eine ganze Zahl von Unterrichtseinheiten angeben.' })
    .min(1, { message: 'Bitte mindestens 1 Unterrichtseinheit angeben.' })
    .max(5000, { message: 'Höchstens 5000 Unterrichtseinheiten.' })
    .optional(),
  unemployedSince: isoDateSchema.nullable().optional(),
  benefitPeriods: z.array(periodSchema).max(500).optional(),
  previousMeasures: z
    .array(
      periodSchema.and(
        z.object({ measureId: z.string().min(1, { message: 'Bitte die Maßnahme angeben.' }) }),
      ),
    )
    .max(500)
    .optional(),
  jobStartDate: isoDateSchema.nullable().optional(),
  germanLevel: z.enum(LANGUAGE_LEVELS).nullable().optional(),
  householdChildBirthDates: z.array(isoDateSchema).max(30).optional(),
  disability: z.enum(DISABILITY_STATUSES).optional(),
  flags: z.partialRecord(z.enum(FACT_FLAGS), z.boolean()).optional(),
});

/** A flag's value on the reference date and, when derived, how ("arbeitslos seit …"). */
export interface ResolvedFlag {
  readonly value: boolean | undefined;
  readonly derivation?: string;
}

/** Flags the engine derives from data when the data is present. */
export const DERIVED_FLAGS: readonly FactFlag[] = [
  'longTermUnemployed',
  'childInHousehold',
  'disabled',
  'severelyDisabled',
];

/** Unemployment of one year or longer makes a person long-term unemployed (§ 18 Abs. 1 SGB III). */
export const LONG_TERM_UNEMPLOYMENT_MONTHS = 12;

/** Whole months of unemployment on `on`; null when not unemployed, undefined when not known. */
export function unemploymentMonthsOn(facts: EligibilityFacts, on: IsoDate): number | null | undefined {
  if (facts.unemployedSince === undefined) return undefined;
  if (facts.unemployedSince === null || facts.unemployedSince > on) return null;
  return fullMonthsBetween(facts.unemployedSince, on);
}

/** Resolves one flag on the reference date: derived from data where possible, else as recorded. */
export function resolveFlag(facts: EligibilityFacts, flag: FactFlag, on: IsoDate): ResolvedFlag {
  const recorded = facts.flags?.[flag];
  switch (flag) {
    case 'longTermUnemployed': {
      const months = unemploymentMonthsOn(facts, on);
      if (months === undefined) return { value: recorded };
      if (months === null) return { value: false, derivation: 'nicht arbeitslos gemeldet' };
      return {
        value: months >= LONG_TERM_UNEMPLOYMENT_MONTHS,
        derivation: `arbeitslos seit ${formatGermanDate(facts.unemployedSince as IsoDate)}, am ${formatGermanDate(on)} ${months} Monate`,
      };
    }
    case 'childInHousehold': {
      const births = facts.householdChildBirthDates;
      if (births === undefined) return { value: recorded };
      const minors = births.filter((b) => b <= on && ageOn(b, on) < 18).length;
      return {
        value: minors > 0,
        derivation:
          minors > 0
            ? `${minors} minderjährige${minors === 1 ? 's Kind' : ' Kinder'} in der Bedarfsgemeinschaft`
            : 'kein minderjähriges Kind in der Bedarfsgemeinschaft',
      };
    }
    case 'disabled':
      if (facts.disability === undefined) return { value: recorded };
      return { value: facts.disability !== 'none', derivation: DISABILITY_DERIVATIONS[facts.disability] };
    case 'severelyDisabled':
      if (facts.disability === undefined) return { value: recorded };
      return {
        value: facts.disability === 'severely_disabled' || facts.disability === 'equal_status',
        derivation: DISABILITY_DERIVATIONS[facts.disability],
      };
    default:
      return { value: recorded };
  }
}

/**
 * How a rule check words what the person record says about disability (a sentence for the
 * derivation, not the status's name: that is DISABILITY_LABELS in case/person.ts).
 */
const DISABILITY_DERIVATIONS: Readonly<Record<DisabilityStatus, string>> = {
  none: 'keine Behinderung erfasst',
  disabled: 'Behinderung erfasst (ohne Schwerbehinderung)',
  severely_disabled: 'schwerbehindert (GdB ab 50)',
  equal_status: 'schwerbehinderten Menschen gleichgestellt',
};

/** Months and remaining days of a set of periods inside a window (overlaps counted once). */
export interface MonthCount {
  readonly months: number;
  readonly days: number;
}

/** Sorts and merges overlapping or touching periods; open ends are closed at `openEnd`. */
export function mergePeriods(
  periods: readonly DatePeriod[],
  openEnd: IsoDate,
): { from: IsoDate; to: IsoDate }[] {
  const closed = periods
    .map((p) => ({ from: p.from, to: p.to ?? openEnd }))
    .filter((p) => p.to >= p.from)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: { from: IsoDate; to: IsoDate }[] = [];
  for (const p of closed) {
    const last = merged[merged.length - 1];
    if (last && p.from <= addDays(last.to, 1)) {
      if (p.to > last.to) last.to = p.to;
    } else {
      merged.push({ ...p });
    }
  }
  return merged;
}

/**
 * Counts the time the periods cover inside [window.from, window.to] in whole calendar months:
 * each merged stretch contributes its full months; the left-over days of all stretches are added
 * up and every 30 of them count as one more month. So 01.03.2020–28.02.2026 is exactly 72 months.
 * (Langzeitleistungsbezug counts calendar months with receipt instead: case/target-groups.ts.)
 */
export function countMonthsInWindow(
  periods: readonly DatePeriod[],
  window: { from: IsoDate; to: IsoDate },
): MonthCount {
  if (window.to < window.from) return { months: 0, days: 0 };
  let months = 0;
  let restDays = 0;
  for (const p of mergePeriods(periods, window.to)) {
    const from = p.from > window.from ? p.from : window.from;
    const to = p.to < window.to ? p.to : window.to;
    if (to < from) continue;
    const dayAfter = addDays(to, 1);
    const full = fullMonthsBetween(from, dayAfter);
    months += full;
    restDays += daysBetween(addMonths(from, full), dayAfter);
  }
  return { months: months + Math.floor(restDays / 30), days: restDays % 30 };
}
