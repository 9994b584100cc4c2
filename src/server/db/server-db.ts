import type { Kysely, Transaction } from 'kysely';
import type {
  BreakGlassGrantsTable,
  CaseDirectoryTable,
  LoginAttemptsTable,
  LoginThrottleTable,
  OfficesTable,
  RefreshTokensTable,
  ServerSettingsTable,
  SubstitutionsTable,
  SyncClientsTable,
  TeamsTable,
  UsersTable,
} from './tables/identity.table';
import type { BlobChunksTable, BlobsTable } from './tables/blobs.table';
import type { UpdateReleaseFilesTable, UpdateReleasesTable } from './tables/updates.table';
import type {
  DeviceAccessAlarmsTable,
  DeviceAccessChainsTable,
  DeviceAccessLogTable,
} from './tables/access-log.table';
import type {
  AuditLogTable,
  ChangeLogTable,
  ClientScopeTable,
  ReferenceDocumentsTable,
  SyncConflictsTable,
  SyncMutationsTable,
  SyncQuarantineTable,
  SyncRecordsTable,
  TextFieldHistoryTable,
} from './tables/sync.table';

export interface CaseNumberCountersTable {
  office_id: string;
  year: number;
  last_number: string;
}

export interface ServerDb {
  case_number_counters: CaseNumberCountersTable;
  server_settings: ServerSettingsTable;
  offices: OfficesTable;
  teams: TeamsTable;
  users: UsersTable;
  login_attempts: LoginAttemptsTable;
  login_throttle: LoginThrottleTable;
  sync_clients: SyncClientsTable;
  refresh_tokens: RefreshTokensTable;
  case_directory: CaseDirectoryTable;
  substitutions: SubstitutionsTable;
  break_glass_grants: BreakGlassGrantsTable;
  sync_records: SyncRecordsTable;
  change_log: ChangeLogTable;
  sync_mutations: SyncMutationsTable;
  client_scope: ClientScopeTable;
  sync_conflicts: SyncConflictsTable;
  text_field_history: TextFieldHistoryTable;
  sync_quarantine: SyncQuarantineTable;
  audit_log: AuditLogTable;
  reference_documents: ReferenceDocumentsTable;
  blobs: BlobsTable;
  blob_chunks: BlobChunksTable;
  update_releases: UpdateReleasesTable;
  update_release_files: UpdateReleaseFilesTable;
  device_access_chains: DeviceAccessChainsTable;
  device_access_log: DeviceAccessLogTable;
  device_access_alarms: DeviceAccessAlarmsTable;
}

export type Executor = Kysely<ServerDb> | Transaction<ServerDb>;

/** All tables, in an order that truncation with CASCADE accepts. */
export const SERVER_TABLES: readonly (keyof ServerDb)[] = [
  'device_access_alarms',
  'device_access_log',
  'device_access_chains',
  'update_release_files',
  'update_releases',
  'blob_chunks',
  'blobs',
  'reference_documents',
  'audit_log',
  'sync_quarantine',
  'sync_conflicts',
  'text_field_history',
  'client_scope',
  'sync_mutations',
  'change_log',
  'sync_records',
  'break_glass_grants',
  'substitutions',
  'case_directory',
  'refresh_tokens',
  'sync_clients',
  'login_attempts',
  'login_throttle',
  'users',
  'teams',
  'offices',
  'server_settings',
];
