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
import { listCasesByIds, type CaseListItem } from './cases.repository';

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

/**
 * Keys of one kind beginning with `prefix` (in term order, at most `cap` of them); with further
 * words, only the cases where every other word begins one of their keys (name, number or birth
 * date): probed per row through the case index inside the same statement.
 */
async function scanPrefix(
  db: Executor,
  kind: SearchKeyKind,
  prefix: string,
  cap: number,
  others: readonly string[] = [],
): Promise<{ case_id: string; term: string }[]> {
  if (others.length === 0) {
    const { rows } = await sql<{ case_id: string; term: string }>`
      SELECT case_id, term FROM search_keys
       WHERE kind = ${kind} AND term >= ${prefix} AND term < ${prefix + END}
       ORDER BY term LIMIT ${cap}`.execute(db);
    return rows;
  }
  const every = sql.join(
    others.map(
      (w) => sql`EXISTS (SELECT 1 FROM search_keys o
                  WHERE o.case_id = k.case_id AND o.term >= ${w} AND o.term < ${w + END})`,
    ),
    sql` AND `,
  );
  const { rows } = await sql<{ case_id: string; term: string }>`
    SELECT k.case_id, k.term FROM (
      SELECT case_id, term FROM search_keys
       WHERE kind = ${kind} AND term >= ${prefix} AND term < ${prefix + END}
       ORDER BY term LIMIT ${cap}) k
     WHERE ${every}
     ORDER BY k.term`.execute(db);
  return rows;
}

/** Longest prefix the full-text index keeps its own prefix index for (migration 0010: 2, 3, 4). */
const FTS_PREFIX_INDEX = 4;
/** More words than this with one prefix: the plain prefix query is as good as the word list. */
const MAX_PREFIX_WORDS = 32;

/** A word as the index's tokenizer stores it (unicode61 remove_diacritics 2: lower case, no marks). */
function asIndexed(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
}

const quoted = (term: string) => `"${term.replaceAll('"', '""')}"`;

/**
 * The FTS5 query of a note search; undefined when a word is too short to search notes for, null
 * when a word begins no indexed word at all (nothing can match). A prefix longer than the prefix
 * index is expanded through the vocabulary into the words it begins ("bewerbu" → bewerbung OR
 * bewerbungen), which FTS5 reads lazily instead of merging every posting list up front.
 */
async function noteQuery(db: Executor, input: string): Promise<string | null | undefined> {
  const words = input
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8);
  if (words.length === 0 || words.some((w) => [...w].length < MIN_NOTE_TERM_LENGTH)) return undefined;
  const parts: string[] = [];
  for (const word of words) {
    const w = asIndexed(word);
    if ([...w].length <= FTS_PREFIX_INDEX) {
      parts.push(`${quoted(w)}*`);
      continue;
    }
    const { rows } = await sql<{ term: string }>`
      SELECT term FROM search_index_vocab WHERE term >= ${w} AND term < ${w + END}
       LIMIT ${MAX_PREFIX_WORDS + 1}`.execute(db);
    if (rows.length === 0) return null;
    parts.push(
      rows.length > MAX_PREFIX_WORDS ? `${quoted(w)}*` : `(${rows.map((r) => quoted(r.term)).join(' OR ')})`,
    );
  }
  return parts.join(' AND ');
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
    const rows = await scanPrefix(db, tier.kind, isName ? driver : compact, cap, isName ? others : []);
    // rows come in term order (an exact name first): the first `limit` cases are the best ones
    for (const r of rows) {
      if (full() && !found.has(r.case_id)) break;
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
  const notes = full() ? undefined : await noteQuery(db, input);
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
