import type { ColumnType, Generated, Selectable } from 'kysely';

export type Json = ColumnType<unknown, string, string>;

export interface SyncRecordsTable {
  entity: string;
  id: string;
  case_id: string;
  row_version: string;
  data: Json;
  field_meta: Json;
  archived_at: Date | null;
  created_by: string;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
}
export type SyncRecordRow = Selectable<SyncRecordsTable>;

export interface ChangeLogTable {
  change_id: Generated<string>;
  txid: Generated<string>;
  case_id: string;
  entity: string;
  entity_id: string;
  row_version: string;
  op: string;
}

export interface SyncMutationsTable {
  client_id: string;
  mutation_id: string;
  seq: string;
  status: string;
  /** The result exactly as first sent, replayed byte for byte. */
  result: string;
  received_at: Date;
}

export interface ClientScopeTable {
  client_id: string;
  case_id: string;
  active: boolean;
  changed_version: string;
}

export interface SyncConflictsTable {
  conflict_id: string;
  case_id: string;
  entity: string;
  entity_id: string;
  field: string;
  base: Json | null;
  kept_value: Json | null;
  other_value: Json | null;
  kept_by: string | null;
  other_by: string | null;
  /** 'conflict' (NULL in rows from before 20261201T0100) or 'merged' (info record of a clean text merge). */
  kind: string | null;
  created_at: Date;
  resolved_by: string | null;
  resolved_at: Date | null;
  /** 'keep' | 'take_other' | 'dismiss' once resolved (NULL before, and in rows resolved before 20270104T0100 without an audit entry). */
  resolution: string | null;
  /** The value that stands after the resolution (the other value for take_other, else the kept one). */
  resolved_value: Json | null;
  /** The record's row version written by take_other, else NULL. */
  resolved_row_version: string | null;
}

/** Prior values of mergeable free-text fields, per field version (the base of a 3-way merge). */
export interface TextFieldHistoryTable {
  entity: string;
  entity_id: string;
  field: string;
  version: string;
  value: string | null;
}

export interface SyncQuarantineTable {
  id: string;
  client_id: string;
  user_id: string;
  case_id: string;
  mutation_id: string;
  payload: Json;
  received_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Date;
  user_id: string | null;
  client_id: string | null;
  action: string;
  case_id: string | null;
  entity: string | null;
  entity_id: string | null;
  detail: Json | null;
}

export interface ReferenceDocumentsTable {
  key: string;
  version: number;
  content: Json;
  updated_by: string;
  updated_at: Date;
}
