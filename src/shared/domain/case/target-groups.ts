/**
 * Target-group flags (Zielgruppen) derived from the person, their household and the date. They are
 * never stored: they change with time (a 24-year-old turns 25) and are recomputed on demand. Each
 * flag carries a German reason so the caseworker sees why it applies.
 */
import {
  addDays,
  addMonths,
  ageOn,
  formatGermanDate,
  fullMonthsBetween,
  type IsoDate,
} from '../common/dates';
import { isSingleParentHousehold, type Household } from './household';
import {
  languageLevelAtLeast,
  type DateRange,
  type DisabilityStatus,
  type LanguageLevel,
  type Person,
} from './person';

export const TARGET_GROUPS = [
  'under25',
  'over50',
  'longTermUnemployed',
  'longTermBenefitRecipient',
  'singleParent',
  'returnerToWork',
  'severelyDisabledOrEqual',
  'languageSupportNeed',
  'preReleaseContact',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const TARGET_GROUP_LABELS: Readonly<Record<TargetGroup, string>> = {
  under25: 'unter 25 Jahre (U25)',
  over50: '50 Jahre und älter (Ü50)',
  longTermUnemployed: 'langzeitarbeitslos',
  longTermBenefitRecipient: 'Langzeitleistungsbezug',
  singleParent: 'alleinerziehend',
  returnerToWork: 'Berufsrückkehr',
  severelyDisabledOrEqual: 'schwerbehindert oder gleichgestellt',
  languageSupportNeed: 'Sprachförderbedarf',
  preReleaseContact: 'Haftentlassungsvorbereitung (JVA)',
};

export interface TargetGroupFlag {
  readonly group: TargetGroup;
  readonly label: string;
  readonly reason: string;
}

/** Calendar months between `from` and `to` (inclusive) with at least one day inside a period. */
export function calendarMonthsCovered(periods: readonly DateRange[], from: IsoDate, to: IsoDate): number {
  let count = 0;
  let monthStart = `${from.slice(0, 7)}-01`;
  while (monthStart <= to) {
    const next = addMonths(monthStart, 1);
    const start = monthStart < from ? from : monthStart;
    const monthEnd = addDays(next, -1);
    const end = monthEnd > to ? to : monthEnd;
    if (periods.some((p) => p.from <= end && (p.to === null || p.to >= start))) count += 1;
    monthStart = next;
  }
  return count;
}

/** Long-term unemployed: unemployed for one year or longer (§ 18 Abs. 1 SGB III). */
export function unemploymentMonths(person: Pick<Person, 'unemployedSince'>, on: IsoDate): number | null {
  if (person.unemployedSince === null || person.unemployedSince > on) return null;
  return fullMonthsBetween(person.unemployedSince, on);
}

/**
 * Langzeitleistungsbezug: benefits in at least 21 of the last 24 months (BA statistics definition,
 * which counts calendar months with receipt). Measure rules that count a duration of receipt
 * (§ 16i: six of seven years) use countMonthsInWindow in measures/facts.ts instead.
 */
export function benefitMonthsInLast24(
  person: { readonly benefitPeriods: readonly DateRange[] },
  on: IsoDate,
): number {
  return calendarMonthsCovered(person.benefitPeriods, addMonths(on, -23).slice(0, 8) + '01', on);
}

/** Release from prison within this many months counts as pre-release contact. */
export const PRE_RELEASE_MONTHS = 6;

/**
 * What the flags are derived from. Only `birthDate` is required: a fact that is not known
 * (undefined) yields no flag, so a partial record (e.g. the desktop's local tables) never claims
 * more than it knows.
 */
export interface TargetGroupFacts {
  readonly birthDate: IsoDate;
  readonly unemployedSince?: IsoDate | null;
  readonly benefitPeriods?: readonly DateRange[];
  readonly singleParent?: boolean;
  readonly returnerToWork?: boolean;
  readonly disability?: DisabilityStatus;
  /** Known only as "severely disabled or equal status" (without saying which). */
  readonly severelyDisabledOrEqual?: boolean;
  readonly germanLevel?: LanguageLevel | null;
  readonly expectedReleaseDate?: IsoDate | null;
}

export function targetGroupsFrom(facts: TargetGroupFacts, on: IsoDate): TargetGroupFlag[] {
  const flags: TargetGroupFlag[] = [];
  const add = (group: TargetGroup, reason: string) =>
    flags.push({ group, label: TARGET_GROUP_LABELS[group], reason });

  const age = ageOn(facts.birthDate, on);
  if (age < 25) add('under25', `Am ${formatGermanDate(on)} ist die Person ${age} Jahre alt.`);
  if (age >= 50) add('over50', `Am ${formatGermanDate(on)} ist die Person ${age} Jahre alt.`);

  const unemployed = unemploymentMonths({ unemployedSince: facts.unemployedSince ?? null }, on);
  if (unemployed !== null && unemployed >= 12) {
    add(
      'longTermUnemployed',
      `Arbeitslos seit ${formatGermanDate(facts.unemployedSince as IsoDate)} (${unemployed} Monate, § 18 SGB III).`,
    );
  }
  if (facts.benefitPeriods) {
    const benefitMonths = benefitMonthsInLast24({ benefitPeriods: facts.benefitPeriods }, on);
    if (benefitMonths >= 21) {
      add('longTermBenefitRecipient', `Leistungsbezug in ${benefitMonths} der letzten 24 Monaten.`);
    }
  }
  if (facts.singleParent) {
    add('singleParent', 'Einziger Erwachsener in der Bedarfsgemeinschaft mit minderjährigem Kind.');
  }
  if (facts.returnerToWork)
    add('returnerToWork', 'Rückkehr nach Kinderbetreuung oder Pflege (§ 20 SGB III).');
  if (facts.disability === 'severely_disabled')
    add('severelyDisabledOrEqual', 'Schwerbehinderung (GdB ab 50).');
  else if (facts.disability === 'equal_status') {
    add('severelyDisabledOrEqual', 'Gleichstellung mit schwerbehinderten Menschen (§ 2 Abs. 3 SGB IX).');
  } else if (facts.disability === undefined && facts.severelyDisabledOrEqual) {
    add('severelyDisabledOrEqual', 'Schwerbehinderung oder Gleichstellung erfasst.');
  }
  const level = facts.germanLevel;
  if (level !== undefined && level !== null && !languageLevelAtLeast(level, 'B1')) {
    add(
      'languageSupportNeed',
      level === 'none' ? 'Keine Deutschkenntnisse.' : `Deutschkenntnisse auf Niveau ${level} (unter B1).`,
    );
  }
  const release = facts.expectedReleaseDate;
  if (release && release >= on && release <= addMonths(on, PRE_RELEASE_MONTHS)) {
    add('preReleaseContact', `Voraussichtliche Haftentlassung am ${formatGermanDate(release)}.`);
  }
  return flags;
}

/** The flags of a person on a date, with the household deciding "single parent". */
export function deriveTargetGroups(
  person: Person,
  household: Household | null,
  on: IsoDate,
): TargetGroupFlag[] {
  return targetGroupsFrom(
    {
      ...person,
      ...(household ? { singleParent: isSingleParentHousehold(household, on) } : {}),
    },
    on,
  );
}
