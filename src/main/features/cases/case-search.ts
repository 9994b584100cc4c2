import { sql } from 'kysely';
import {
  dateQuery,
  MIN_NOTE_TERM_LENGTH,
  numberSearchKey,
  searchTerms,
  type SearchField,
} from '../../../shared/domain/common/search-fold';
import type { Executor } from '../../db/kysely';
import type { SearchKeyKind } from '../../db/search-keys';
import { listCasesByIds, toFtsQuery, type CaseListItem } from './cases.repository';

/**
 * Search as you type, designed for a keystroke at 100,000 cases (bench `search.keystroke`):
 *
 * 1. Names, numbers and the birth date are looked up in search_keys (migration 0050) by PREFIX
 *    with a range scan on (kind, term): a few index pages per keystroke, no ranking function. The
 *    typed text is folded like the stored names (gross → Groß, yilmaz → Yılmaz, Mueller → Müller).
 * 2. Ranking is by TIER, queried in order and stopped as soon as the page is full: exact last
 *    name, last-name prefix, first name, case number, provisional case number, customer number,
 *    birth date, and last note text. Within a tier: German order of name.
 * 3. Note text (FTS5, never restricted notes: they are not in the index at all) is searched only
 *    when the name and number tiers leave room and every word has at least
 *    MIN_NOTE_TERM_LENGTH (4) letters, so "Dem" does not list every note containing "dem" but
 *    "Schulung" finds the note.
 * 4. A birth date typed as dd.mm.yyyy finds exactly that date; a four-digit year finds the birth
 *    year (and, as a number, case and customer numbers).
 * 5. Several words: the longest drives the scan, every other word must match another key of the
 *    same case (name, number or birth date), or all words must be in one note.
 */
export type { SearchField };

export interface SearchHit extends CaseListItem {
  /** The field the best match was found in (a name before a number before a note). */
  readonly matchedField: SearchField;
}

const TIERS: readonly { kind: SearchKeyKind; exactFirst?: boolean }[] = [
  { kind: 'lastName', exactFirst: true },
  { kind: 'firstName' },
  { kind: 'caseNumber' },
  { kind: 'provisionalCaseNumber' },
  { kind: 'customerNumber' },
];

/** Upper bound of a prefix range (folded terms never contain U+FFFF). */
const END = '\uffff';
const collator = new Intl.Collator('de', { sensitivity: 'base' });

interface Found {
  readonly caseId: string;
  readonly field: SearchField;
  readonly rank: number;
}

async function scanPrefix(
  db: Executor,
  kind: SearchKeyKind,
  prefix: string,
  cap: number,
): Promise<{ case_id: string; term: string }[]> {
  const { rows } = await sql<{ case_id: string; term: string }>`
    SELECT case_id, term FROM search_keys
     WHERE kind = ${kind} AND term >= ${prefix} AND term < ${prefix + END}
     ORDER BY term LIMIT ${cap}`.execute(db);
  return rows;
}

/** Cases among `caseIds` where every word in `others` is the prefix of one of their keys. */
async function matchingAllWords(db: Executor, caseIds: readonly string[], others: readonly string[]) {
  if (others.length === 0 || caseIds.length === 0) return new Set(caseIds);
  const { rows } = await sql<{ case_id: string; term: string }>`
    SELECT case_id, term FROM search_keys WHERE case_id IN (${sql.join(caseIds)})`.execute(db);
  const terms = new Map<string, string[]>();
  for (const r of rows) terms.set(r.case_id, [...(terms.get(r.case_id) ?? []), r.term]);
  return new Set(
    caseIds.filter((id) => others.every((w) => (terms.get(id) ?? []).some((t) => t.startsWith(w)))),
  );
}

/** The FTS5 query of a note search, or undefined when a word is too short to search notes for. */
function noteQuery(input: string): string | undefined {
  const words = input
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
  if (words.some((w) => [...w].length < MIN_NOTE_TERM_LENGTH)) return undefined;
  return toFtsQuery(input);
}

export async function searchCaseHits(
  db: Executor,
  input: string,
  options: { limit?: number } = {},
): Promise<SearchHit[]> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const found = new Map<string, Found>();
  const add = (caseId: string, field: SearchField, rank: number) => {
    const prev = found.get(caseId);
    if (!prev || rank < prev.rank) found.set(caseId, { caseId, field, rank });
  };
  const full = () => found.size >= limit;

  const date = dateQuery(input);
  if (date?.kind === 'date') {
    const { rows } = await sql<{ case_id: string }>`
      SELECT case_id FROM search_keys WHERE kind = 'birthDate' AND term = ${date.iso} LIMIT ${limit}`.execute(
      db,
    );
    for (const r of rows) add(r.case_id, 'birthDate', 0);
    return resultRows(db, found, limit);
  }

  const words = searchTerms(input);
  if (words.length === 0) return [];
  const driver = words.reduce((a, b) => (b.length > a.length ? b : a));
  const others = words.filter((w, i) => i !== words.indexOf(driver));
  // variants of one name (Müller: mueller, muller) and further words need some room above the page
  const cap = others.length > 0 ? Math.max(limit * 8, 400) : limit * 2;

  // numbers are typed with or without their separators (OSZ-2026-000123, osz2026000123, 123)
  const compact = numberSearchKey(input);
  let rank = 0;
  for (const tier of TIERS) {
    if (full()) break;
    const isName = tier.kind === 'lastName' || tier.kind === 'firstName';
    const rows = await scanPrefix(db, tier.kind, isName ? driver : compact, cap);
    const keep = await matchingAllWords(db, [...new Set(rows.map((r) => r.case_id))], isName ? others : []);
    // rows come in term order (an exact name first): the first `limit` cases are the best ones
    for (const r of rows) {
      if (full() && !found.has(r.case_id)) break;
      if (!keep.has(r.case_id)) continue;
      add(r.case_id, tier.kind, tier.exactFirst && r.term === driver ? rank : rank + 1);
    }
    rank += 2;
  }
  if (!full() && date?.kind === 'year') {
    const { rows } = await sql<{ case_id: string }>`
      SELECT case_id FROM search_keys
       WHERE kind = 'birthDate' AND term >= ${`${date.year}-`} AND term < ${`${date.year}.`}
       ORDER BY term LIMIT ${limit}`.execute(db);
    for (const r of rows) if (!full() || found.has(r.case_id)) add(r.case_id, 'birthDate', rank);
  }
  rank += 1;
  const notes = full() ? undefined : noteQuery(input);
  if (notes) {
    const { rows } = await sql<{ case_id: string }>`
      SELECT case_id FROM search_index
       WHERE search_index MATCH ${notes} AND source = 'note' LIMIT ${limit * 2}`.execute(db);
    for (const r of rows) if (!full() || found.has(r.case_id)) add(r.case_id, 'note', rank);
  }
  return resultRows(db, found, limit);
}

async function resultRows(db: Executor, found: Map<string, Found>, limit: number): Promise<SearchHit[]> {
  if (found.size === 0) return [];
  const rows = await listCasesByIds(db, [...found.keys()]);
  return rows
    .map((row) => ({ row, hit: found.get(row.caseId)! }))
    .sort(
      (a, b) =>
        a.hit.rank - b.hit.rank ||
        collator.compare(a.row.lastName, b.row.lastName) ||
        collator.compare(a.row.firstName, b.row.firstName) ||
        a.row.caseNumber.localeCompare(b.row.caseNumber),
    )
    .slice(0, limit)
    .map(({ row, hit }) => ({ ...row, matchedField: hit.field }));
}
