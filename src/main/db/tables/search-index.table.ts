/** The FTS5 index (unicode61, remove_diacritics 2, prefixes 2–4), kept in step by triggers. */
export interface SearchIndexTable {
  case_id: string;
  source: 'person' | 'case' | 'note';
  source_id: string;
  content: string;
}
