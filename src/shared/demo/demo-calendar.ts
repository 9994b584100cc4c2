/**
 * Calendar of the demo data: working days in Saxony (weekends and the Saxon public holidays off)
 * and the offices' opening hours, with local times in Europe/Berlin written as ISO timestamps with
 * their offset (`2026-11-24T09:30:00+01:00`), as a caseworker at the office reads them.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

const isoCache = new Map<number, string>();

/** ISO date of a day number (cached: the demo data spans a few thousand days at most). */
export function isoOfDay(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Easter Sunday (Gregorian, anonymous algorithm) as a day number. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, dayOfMonth) / DAY_MS;
}

const holidayCache = new Map<number, ReadonlySet<number>>();

/** The statutory public holidays of Saxony in `year` (day numbers). */
export function saxonHolidays(year: number): ReadonlySet<number> {
  let set = holidayCache.get(year);
  if (set) return set;
  const fixed = (m: number, d: number) => Date.UTC(year, m - 1, d) / DAY_MS;
  const easter = easterSunday(year);
  // Buß- und Bettag: the Wednesday before 23 November
  const nov22 = fixed(11, 22);
  const repentance = nov22 - ((weekday(nov22) - 3 + 7) % 7);
  set = new Set([
    fixed(1, 1), // Neujahr
    easter - 2, // Karfreitag
    easter + 1, // Ostermontag
    fixed(5, 1), // Tag der Arbeit
    easter + 39, // Christi Himmelfahrt
    easter + 50, // Pfingstmontag
    fixed(10, 3), // Tag der Deutschen Einheit
    fixed(10, 31), // Reformationstag
    repentance, // Buß- und Bettag
    fixed(12, 25),
    fixed(12, 26),
  ]);
  holidayCache.set(year, set);
  return set;
}

const workingDayCache = new Map<number, boolean>();

export function isWorkingDay(day: number): boolean {
  let working = workingDayCache.get(day);
  if (working === undefined) {
    const wd = weekday(day);
    working = wd !== 0 && wd !== 6 && !saxonHolidays(new Date(day * DAY_MS).getUTCFullYear()).has(day);
    workingDayCache.set(day, working);
  }
  return working;
}

/** The working day on or after `day`. */
export function workingDayOnOrAfter(day: number): number {
  let d = day;
  while (!isWorkingDay(d)) d += 1;
  return d;
}

/** The working day on or before `day`. */
export function workingDayOnOrBefore(day: number): number {
  let d = day;
  while (!isWorkingDay(d)) d -= 1;
  return d;
}

/**
 * Opening hours of the offices for appointments, minutes after midnight local time, by weekday
 * (1 = Monday … 5 = Friday): an appointment starts and ends within them.
 */
export const OFFICE_HOURS: Readonly<Record<number, readonly [open: number, close: number]>> = {
  1: [8 * 60, 16 * 60],
  2: [8 * 60, 16 * 60],
  3: [8 * 60, 16 * 60],
  4: [8 * 60, 18 * 60],
  5: [8 * 60, 12 * 60],
};

function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month, 0) / DAY_MS;
  return last - weekday(last);
}

/** Offset of Europe/Berlin on a day (daytime): +120 in summer time, +60 otherwise. */
export function berlinOffsetMinutes(day: number): number {
  const year = new Date(day * DAY_MS).getUTCFullYear();
  return day >= lastSunday(year, 3) && day < lastSunday(year, 10) ? 120 : 60;
}

const two = (n: number) => String(n).padStart(2, '0');

/** ISO timestamp of a local time (minutes after midnight) on a day, with the Berlin offset. */
export function localTimestamp(day: number, minutes: number): string {
  const offset = berlinOffsetMinutes(day);
  return `${isoOfDay(day)}T${two(Math.floor(minutes / 60))}:${two(minutes % 60)}:00+${two(offset / 60)}:00`;
}
