import type { Generated } from 'kysely';

/** Columns of every synced, case-scoped row (SYNC.md §4.3). */
export interface SyncedColumns {
  case_id: string;
  row_version: Generated<number>;
  field_meta: Generated<string>;
  dirty: Generated<number>;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
}
