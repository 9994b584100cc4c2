import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/**
 * The vocabulary of the full-text index as a table (fts5vocab, no data of its own): a note search
 * typed as a prefix longer than the index's prefix lengths (2, 3, 4) first looks up the few words
 * that begin with it, then matches those words, which FTS5 reads lazily and stops at the page size,
 * instead of merging the whole posting list of every word with that prefix (bench
 * `search.keystroke`, "Bewerbu" at 100,000 cases).
 */
const STATEMENTS = [`CREATE VIRTUAL TABLE search_index_vocab USING fts5vocab(search_index, 'row')`];

export const migration0140: Migration = {
  version: 140,
  name: 'search-vocabulary',
  async up(db: Kysely<unknown>) {
    for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  },
};
