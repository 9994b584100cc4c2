import type { EntityName } from '../../shared/entities/index';
import { ENTITY_NAMES } from '../../shared/entities/index';
import type { LocalEntityTables } from './tables/entity.tables';
import type {
  CaseDigestsTable,
  CaseloadMembersTable,
  CaseRevisionsTable,
  SearchKeysTable,
} from './tables/caseload.table';
import type { AccessLogTable } from './tables/access-log.table';
import type { OfficeTable } from './tables/office.table';
import type { PlanDocumentTable, PlanDocumentUploadTable } from './tables/plan-document.table';
import type { SearchIndexTable } from './tables/search-index.table';
import type {
  AccessScopeTable,
  OutboxTable,
  SyncConflictTable,
  SyncRejectionTable,
  SyncStateTable,
} from './tables/sync.table';

// One file per kind of table in tables/ (STYLE-anchors §8); the synced ones derive from src/shared/entities.
export type * from './tables/access-log.table';
export type * from './tables/caseload.table';
export type * from './tables/entity.tables';
export type * from './tables/office.table';
export type * from './tables/plan-document.table';
export type * from './tables/search-index.table';
export type * from './tables/sync.table';
export type * from './tables/synced-columns.table';

export interface LocalDb extends LocalEntityTables {
  offices: OfficeTable;
  sync_outbox: OutboxTable;
  sync_state: SyncStateTable;
  sync_rejections: SyncRejectionTable;
  search_index: SearchIndexTable;
  access_scope: AccessScopeTable;
  sync_conflicts: SyncConflictTable;
  plan_documents: PlanDocumentTable;
  plan_document_uploads: PlanDocumentUploadTable;
  search_keys: SearchKeysTable;
  caseload_members: CaseloadMembersTable;
  case_revisions: CaseRevisionsTable;
  case_digests: CaseDigestsTable;
  access_log: AccessLogTable;
}

/** The synced, case-scoped tables (one per record type): every write to them goes through writeSynced(). */
export const SYNCED_TABLES: readonly EntityName[] = ENTITY_NAMES;
export type SyncedTable = EntityName;
