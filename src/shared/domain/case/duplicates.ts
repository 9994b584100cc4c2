/**
 * Duplicate detection at intake: before a new person and case are created, persons with the same
 * birth date and a similar name are shown. Similar means: the same after German spelling
 * variants are folded (Müller/Mueller, Schäfer/Schaefer, ß/ss, accents, hyphens and spaces),
 * first and last name swapped, or one letter apart in a name of five or more letters (typing
 * errors). A different birth date is never a duplicate.
 */
import { z } from 'zod';
import { formatGermanDate, isoDateSchema, type IsoDate } from '../common/dates';
import { recordIdSchema } from '../common/schemas';

/** Folds a name to compare spelling variants: lower case, umlauts as ae/oe/ue, ß as ss, no accents. */
export function foldName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Levenshtein distance, stopping early above `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

/** Whether two names are the same up to spelling variants or (for longer names) one typing error. */
export function similarName(a: string, b: string): boolean {
  const x = foldName(a);
  const y = foldName(b);
  if (x.length === 0 || y.length === 0) return false;
  if (x === y) return true;
  return Math.min(x.length, y.length) >= 5 && distance(x, y, 1) <= 1;
}

export interface NameAndBirth {
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: IsoDate | null;
}

export type DuplicateMatch = (typeof DUPLICATE_MATCHES)[number];

export interface DuplicateFinding {
  readonly match: DuplicateMatch;
  /** German, e.g. "Gleiches Geburtsdatum (12.03.1985), Name ähnlich geschrieben (Schäfer/Schaefer)." */
  readonly reason: string;
}

/** Whether `existing` may be the same person as `candidate` (undefined: not a duplicate). */
export function duplicateOf(candidate: NameAndBirth, existing: NameAndBirth): DuplicateFinding | undefined {
  if (candidate.birthDate === null || candidate.birthDate !== existing.birthDate) return undefined;
  const born = `Gleiches Geburtsdatum (${formatGermanDate(candidate.birthDate)})`;
  const exact =
    foldName(candidate.firstName) === foldName(existing.firstName) &&
    foldName(candidate.lastName) === foldName(existing.lastName);
  const spelledAlike =
    exact && (candidate.firstName !== existing.firstName || candidate.lastName !== existing.lastName);
  if (exact)
    return {
      match: 'sameName',
      reason: spelledAlike
        ? `${born}, gleicher Name in anderer Schreibweise (${existing.lastName}, ${existing.firstName}).`
        : `${born} und gleicher Name.`,
    };
  if (
    similarName(candidate.firstName, existing.firstName) &&
    similarName(candidate.lastName, existing.lastName)
  )
    return {
      match: 'similarName',
      reason: `${born}, Name ähnlich geschrieben (${existing.lastName}, ${existing.firstName}).`,
    };
  if (
    similarName(candidate.firstName, existing.lastName) &&
    similarName(candidate.lastName, existing.firstName)
  )
    return {
      match: 'swappedNames',
      reason: `${born}, Vor- und Nachname vertauscht (${existing.lastName}, ${existing.firstName}).`,
    };
  return undefined;
}

/** All possible duplicates of `candidate` among `existing`, closest matches first. */
export function findDuplicates<T extends NameAndBirth>(
  candidate: NameAndBirth,
  existing: readonly T[],
): (T & DuplicateFinding)[] {
  const rank: Record<DuplicateMatch, number> = { sameName: 0, similarName: 1, swappedNames: 2 };
  return existing
    .flatMap((e) => {
      const found = duplicateOf(candidate, e);
      return found ? [{ ...e, ...found }] : [];
    })
    .sort((a, b) => rank[a.match] - rank[b.match]);
}

export const DUPLICATE_MATCHES = ['sameName', 'similarName', 'swappedNames'] as const;
export const DUPLICATE_MATCH_LABELS: Readonly<Record<DuplicateMatch, string>> = {
  sameName: 'gleicher Name',
  similarName: 'Name ähnlich geschrieben',
  swappedNames: 'Vor- und Nachname vertauscht',
};
export const duplicateFindingSchema = z.object({
  match: z.enum(DUPLICATE_MATCHES),
  reason: z.string(),
});

/**
 * A possible duplicate the SERVER found when a person created on a laptop (an outreach day, an
 * intake offline) reached it: the new person, the existing one with its case, why they look alike.
 * Nothing is merged: the caseworker decides whether both are the same person (then the cases are
 * brought together by hand) or different people. The record stays, with the decision.
 */
export const DUPLICATE_DECISIONS = ['offen', 'gleiche_person', 'verschiedene_personen'] as const;
export type DuplicateDecision = (typeof DUPLICATE_DECISIONS)[number];
export const DUPLICATE_DECISION_LABELS: Readonly<Record<DuplicateDecision, string>> = {
  offen: 'Noch nicht geprüft',
  gleiche_person: 'Dieselbe Person – Fälle werden von Hand zusammengeführt',
  verschiedene_personen: 'Verschiedene Personen',
};

export const duplicateSuspectSchema = z.object({
  id: recordIdSchema,
  caseId: recordIdSchema,
  /** The person created on the laptop (in this case). */
  personId: recordIdSchema,
  /** The person already on the server, and the case it belongs to. */
  otherPersonId: recordIdSchema,
  otherCaseId: recordIdSchema,
  otherCaseNumber: z.string().max(40).nullable().default(null),
  match: z.enum(DUPLICATE_MATCHES),
  /** German, from duplicateOf ("Gleiches Geburtsdatum (…), Vor- und Nachname vertauscht (…)."). */
  reason: z.string().min(1).max(500),
  decision: z.enum(DUPLICATE_DECISIONS, { error: 'Bitte eine Entscheidung wählen.' }).default('offen'),
  decidedBy: recordIdSchema.nullable().default(null),
  decidedOn: isoDateSchema.nullable().default(null),
});
export type DuplicateSuspect = z.output<typeof duplicateSuspectSchema>;
