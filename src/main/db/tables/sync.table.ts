import type { Generated, Selectable } from 'kysely';

/** Sync client tables (SYNC.md §4.3): outbox, key/value state, rejections, access scope, conflicts. */
export interface OutboxTable {
  seq: Generated<number>;
  mutation_id: string;
  local_tx_id: string;
  entity: string;
  entity_id: string;
  case_id: string;
  op: 'create' | 'update' | 'archive';
  fields_json: string;
  base_row_version: number;
  hlc: string;
  schema_version: number;
  status: Generated<'pending' | 'sent'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
}

export interface SyncStateTable {
  key: string;
  value: string;
}

export interface SyncRejectionTable {
  mutation_id: string;
  entity: string;
  entity_id: string;
  case_id: string;
  reason: string;
  payload: string;
  created_at: string;
  seen_at: string | null;
  /** Since migration 0060 (null for older rows). */
  op: Generated<'create' | 'update' | 'archive' | null>;
}

export interface AccessScopeTable {
  case_id: string;
  scope_version: number;
}

export interface SyncConflictTable {
  id: string;
  entity: string;
  entity_id: string;
  case_id: string;
  field: string;
  local_value: string | null;
  remote_value: string | null;
  local_hlc: string;
  remote_hlc: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  /** Since migration 0060: the server's conflict record as it is. */
  kind: Generated<'conflict' | 'merged'>;
  base_value: string | null;
  kept_value: string | null;
  other_value: string | null;
  kept_by: string | null;
  other_by: string | null;
  resolution: string | null;
}

export type OutboxRow = Selectable<OutboxTable>;
