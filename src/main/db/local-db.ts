import type { AppointmentTable } from './tables/appointment.table';
import type { CaseTable } from './tables/case.table';
import type { HouseholdTable } from './tables/household.table';
import type { NoteTable } from './tables/note.table';
import type { OfficeTable } from './tables/office.table';
import type { PersonTable } from './tables/person.table';
import type { SearchIndexTable } from './tables/search-index.table';
import type {
  AccessScopeTable,
  OutboxTable,
  SyncConflictTable,
  SyncRejectionTable,
  SyncStateTable,
} from './tables/sync.table';

// One file per table in tables/ (STYLE-anchors §8); this module gathers them.
export type * from './tables/appointment.table';
export type * from './tables/case.table';
export type * from './tables/household.table';
export type * from './tables/note.table';
export type * from './tables/office.table';
export type * from './tables/person.table';
export type * from './tables/search-index.table';
export type * from './tables/sync.table';
export type * from './tables/synced-columns.table';

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
