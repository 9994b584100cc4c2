/**
 * Dates as caseworkers type them (TT.MM.JJJJ) into ISO dates, with a German message saying what is
 * wrong: "30.02.2026" is refused as a day February does not have, not silently moved to March.
 */
import { isPlausibleIsoDate, MAX_PLAUSIBLE_DATE, MIN_PLAUSIBLE_DATE, type IsoDate } from './dates';

export type GermanDateResult =
  { readonly ok: true; readonly value: IsoDate } | { readonly ok: false; readonly message: string };

const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const MONTHS = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
] as const;

/** Parses "1.3.2026" or "01.03.2026"; refuses other forms and days that do not exist. */
export function parseGermanDate(input: string): GermanDateResult {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Bitte ein Datum angeben (TT.MM.JJJJ).' };
  const m = GERMAN_DATE.exec(text);
  if (!m) return { ok: false, message: 'Bitte das Datum im Format TT.MM.JJJJ angeben, z. B. 01.03.2026.' };
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12)
    return {
      ok: false,
      message: `Den Monat ${m[2]} gibt es nicht. Bitte einen Monat von 01 bis 12 angeben.`,
    };
  const iso = `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth)
    return {
      ok: false,
      message: `Den ${day}. ${MONTHS[month - 1]} ${year} gibt es nicht: Der ${MONTHS[month - 1]} ${year} hat ${daysInMonth} Tage.`,
    };
  if (!isPlausibleIsoDate(iso))
    return {
      ok: false,
      message: `Das Datum muss zwischen ${MIN_PLAUSIBLE_DATE.slice(0, 4)} und ${MAX_PLAUSIBLE_DATE.slice(0, 4)} liegen.`,
    };
  return { ok: true, value: iso };
}
