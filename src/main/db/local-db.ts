import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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

export interface OfficeTable {
  id: string;
  code: string;
  name: string;
  town: string;
  is_head_office: number;
}

export interface HouseholdTable extends SyncedColumns {
  id: string;
  household_number: string;
  members: number;
  children_under_18: number;
  single_parent: number;
}

export interface PersonTable extends SyncedColumns {
  id: string;
  household_id: string | null;
  customer_number: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  gender: string | null;
  nationality: string | null;
  preferred_language: string | null;
  street: string | null;
  postal_code: string | null;
  town: string | null;
  phone: string | null;
  email: string | null;
  severely_disabled: number;
}

export type CaseStatus = 'aktiv' | 'ruhend' | 'abgeschlossen';

export interface CaseTable extends SyncedColumns {
  id: string;
  case_number: string;
  person_id: string;
  office_id: string;
  caseworker_id: string;
  phase: number;
  status: CaseStatus;
  opened_on: string;
  closed_on: string | null;
  last_contact_on: string | null;
  next_review_on: string | null;
}

export type AppointmentStatus = 'geplant' | 'wahrgenommen' | 'versaeumt' | 'abgesagt';

export interface AppointmentTable extends SyncedColumns {
  id: string;
  starts_at: string;
  duration_minutes: number;
  kind: string;
  location: string;
  status: AppointmentStatus;
}

export interface NoteTable extends SyncedColumns {
  id: string;
  category: string;
  title: string;
  body: string;
  restricted: number;
}

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
}

export interface SearchIndexTable {
  case_id: string;
  source: 'person' | 'case' | 'note';
  source_id: string;
  content: string;
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
}

export interface LocalDb {
  offices: OfficeTable;
  households: HouseholdTable;
  persons: PersonTable;
  cases: CaseTable;
  appointments: AppointmentTable;
  notes: NoteTable;
  sync_outbox: OutboxTable;
  sync_state: SyncStateTable;
  sync_rejections: SyncRejectionTable;
  search_index: SearchIndexTable;
  access_scope: AccessScopeTable;
  sync_conflicts: SyncConflictTable;
}

/** The synced, case-scoped tables: every write to them goes through writeSynced(). */
export const SYNCED_TABLES = ['households', 'persons', 'cases', 'appointments', 'notes'] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

export type PersonRow = Selectable<PersonTable>;
export type CaseRow = Selectable<CaseTable>;
export type AppointmentRow = Selectable<AppointmentTable>;
export type NoteRow = Selectable<NoteTable>;
export type HouseholdRow = Selectable<HouseholdTable>;
export type OfficeRow = Selectable<OfficeTable>;
export type NewPersonRow = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
