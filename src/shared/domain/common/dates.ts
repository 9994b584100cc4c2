/**
 * Calendar dates as ISO strings ('YYYY-MM-DD'), computed in UTC so results never depend on the
 * machine's time zone. The domain never reads the clock: callers pass "today" in.
 */
import { z } from 'zod';

export type IsoDate = string & { readonly __isoDate?: never };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in ISO form (rejects 2025-02-30). */
export function isIsoDate(value: string): value is IsoDate {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  // arithmetic instead of a Date round trip: every date field of every pulled row comes through here
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // years 0–99 are no dates here (as before: Date.UTC maps them to 1900–1999)
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

/**
 * The range of dates Lotse accepts anywhere (birth dates, plans, appointments, timestamps): a year
 * 0000 or 9999 is a typing error or a hostile value, and PostgreSQL has no year 0.
 */
export const MIN_PLAUSIBLE_DATE = '1900-01-01';
export const MAX_PLAUSIBLE_DATE = '2100-12-31';

/** True for a real calendar date within the plausible range. */
export function isPlausibleIsoDate(value: string): value is IsoDate {
  return isIsoDate(value) && value >= MIN_PLAUSIBLE_DATE && value <= MAX_PLAUSIBLE_DATE;
}

export const isoDateSchema = z
  .string({ error: 'Bitte ein Datum angeben.' })
  .refine(isIsoDate, { message: 'Bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.' })
  .refine((v) => !isIsoDate(v) || (v >= MIN_PLAUSIBLE_DATE && v <= MAX_PLAUSIBLE_DATE), {
    message: 'Das Datum muss zwischen 1900 und 2100 liegen.',
  });

/** An instant (ISO 8601 with offset) within the plausible date range, e.g. for timestamps on the wire. */
export const isoInstantSchema = z.iso
  .datetime({ offset: true, error: 'Bitte einen gültigen Zeitpunkt angeben.' })
  .refine(
    (v) => {
      const t = Date.parse(v);
      return (
        Number.isFinite(t) &&
        t >= Date.parse(`${MIN_PLAUSIBLE_DATE}T00:00:00Z`) &&
        t < Date.parse(`${MAX_PLAUSIBLE_DATE}T00:00:00Z`) + 86_400_000
      );
    },
    { message: 'Der Zeitpunkt muss zwischen 1900 und 2100 liegen.' },
  );

/** Parsed dates (the engine checks a catalogue against the same few dates many times). */
const PARSED = new Map<string, readonly [number, number, number]>();

function parts(date: IsoDate): readonly [number, number, number] {
  const cached = PARSED.get(date);
  if (cached) return cached;
  if (!isIsoDate(date)) throw new RangeError(`Kein gültiges Datum: ${date}`);
  const parsed = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))] as const;
  if (PARSED.size >= 4096) PARSED.clear();
  PARSED.set(date, parsed);
  return parsed;
}

function toDayNumber(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * Days since 1970-01-01 to the ISO date, in integer arithmetic (H. Hinnant's civil_from_days):
 * rules over benefit periods and plan dates call this thousands of times per caseload.
 */
function fromDayNumber(day: number): IsoDate {
  const z = Math.floor(day) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return new Date(day * 86_400_000).toISOString().slice(0, 10);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const berlinDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' });

// Berlin's offset from UTC has been whole hours since 1893, so the UTC hour decides the Berlin day:
// one Intl time-zone computation per hour, not per instant (dashboards map thousands of contacts)
const berlinDayByUtcHour = new Map<number, IsoDate>();

/** The calendar date at the offices (Europe/Berlin) of an instant: what "today" means for users. */
export function dateInBerlin(instant: Date): IsoDate {
  const hour = Math.floor(instant.getTime() / 3_600_000);
  let day = berlinDayByUtcHour.get(hour);
  if (day === undefined) {
    day = berlinDay.format(instant);
    if (berlinDayByUtcHour.size >= 100_000) berlinDayByUtcHour.clear();
    berlinDayByUtcHour.set(hour, day);
  }
  return day;
}

/** The calendar date of an instant (UTC). */
export function dateOf(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Adds calendar months; the day is clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(year, month, Math.min(d, lastDay)) / 86_400_000);
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Whole calendar months from `from` to `to` (0 when `to` is before one full month). */
export function fullMonthsBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1 && addMonths(from, months) > to) months -= 1;
  return months;
}

/**
 * Age in completed years on `on`. A person born on 29 Feb turns a year older on 1 Mar in
 * non-leap years (§ 187 Abs. 2, § 188 Abs. 2 BGB count the birthday itself).
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isWithin(date: IsoDate, range: { from?: IsoDate | null; to?: IsoDate | null }): boolean {
  if (range.from && date < range.from) return false;
  if (range.to && date > range.to) return false;
  return true;
}

/** Days of overlap (inclusive) between two closed ranges; 0 when they do not touch. */
export function overlapDays(a: { from: IsoDate; to: IsoDate }, b: { from: IsoDate; to: IsoDate }): number {
  const from = a.from > b.from ? a.from : b.from;
  const to = a.to < b.to ? a.to : b.to;
  return to < from ? 0 : daysBetween(from, to) + 1;
}

/** German display form (TT.MM.JJJJ) for explanations and reasons. */
export function formatGermanDate(date: IsoDate): string {
  const [y, m, d] = parts(date);
  return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
}
