/**
 * Folding for search as you type: what a caseworker types and what is stored are brought to one
 * spelling, so that spelling variants find the person (gross → Groß, yilmaz → Yılmaz,
 * Mueller → Müller, Muller → Müller, Sanchez → Sánchez). Pure and deterministic.
 *
 * - lower case; ß → ss; ı/İ → i; æ → ae, œ → oe, ø → o, đ → d, ł → l, þ → th;
 * - ä/ö/ü: the German transcription (ae, oe, ue) is the primary form; a stored NAME also gets the
 *   stripped form (a, o, u) as a second key, so both "Mueller" and "Muller" find "Müller";
 * - every other diacritic is stripped (é → e, ş → s, ć → c);
 * - anything that is not a letter or digit separates words.
 */

const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  ı: 'i',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  þ: 'th',
  ð: 'd',
};

const UMLAUT_PRIMARY: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue' };
const UMLAUT_STRIPPED: Readonly<Record<string, string>> = { ä: 'a', ö: 'o', ü: 'u' };

function foldWith(text: string, umlauts: Readonly<Record<string, string>>): string {
  // İ lower-cases to i + combining dot (U+0307); the combining mark goes with the other diacritics
  const lower = text.normalize('NFC').toLowerCase();
  let out = '';
  for (const ch of lower) {
    const mapped = umlauts[ch] ?? SPECIAL[ch];
    out += mapped ?? ch;
  }
  return out
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The primary folded form of a text (ä → ae, ß → ss, diacritics stripped, lower case). */
export function foldForSearch(text: string): string {
  return foldWith(text, UMLAUT_PRIMARY);
}

/** The words of a folded text (primary form), at most `max` of them. */
export function searchTerms(text: string, max = 8): string[] {
  return foldForSearch(text)
    .split(' ')
    .filter((t) => t.length > 0)
    .slice(0, max);
}

/**
 * The keys a stored name is found by: each word in its primary form and, where it differs, in the
 * stripped form (Müller → mueller, muller). Hyphenated and multi-part names give one key per part.
 */
export function nameSearchKeys(name: string): string[] {
  const keys = new Set<string>();
  for (const form of [foldWith(name, UMLAUT_PRIMARY), foldWith(name, UMLAUT_STRIPPED)]) {
    for (const word of form.split(' ')) if (word.length > 0) keys.add(word);
  }
  return [...keys];
}

/** A case or customer number as one key: letters and digits only, lower case (OSZ-2026-000123 → osz2026000123). */
export function numberSearchKey(value: string): string {
  return foldForSearch(value).replaceAll(' ', '');
}

/**
 * What a typed query means as a date: a full German date (dd.mm.yyyy, also d.m.yyyy) gives the ISO
 * date, a four-digit year between 1900 and 2100 gives the year; anything else is no date.
 */
export function dateQuery(
  input: string,
): { kind: 'date'; iso: string } | { kind: 'year'; year: string } | null {
  const text = input.trim();
  const full = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (full) {
    const [, d, m, y] = full;
    const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
    const parsed = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) return null;
    return { kind: 'date', iso };
  }
  if (/^\d{4}$/.test(text)) {
    const year = Number(text);
    if (year >= 1900 && year <= 2100) return { kind: 'year', year: text };
  }
  return null;
}

/** Shortest word (folded) for which note text is searched: shorter words would list nearly every note. */
export const MIN_NOTE_TERM_LENGTH = 4;

/** The fields a search result can have matched on, in ranking order (names first, notes last). */
export const SEARCH_FIELDS = [
  'lastName',
  'firstName',
  'caseNumber',
  'provisionalCaseNumber',
  'customerNumber',
  'birthDate',
  'note',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** German labels of the matched field, as a result list shows them. */
export const SEARCH_FIELD_LABELS: Readonly<Record<SearchField, string>> = {
  lastName: 'Nachname',
  firstName: 'Vorname',
  caseNumber: 'Aktenzeichen',
  provisionalCaseNumber: 'vorläufiges Aktenzeichen',
  customerNumber: 'Kundennummer',
  birthDate: 'Geburtsdatum',
  note: 'Vermerk',
};
