import type { Generated, Insertable, Selectable } from 'kysely';

export interface ServerSettingsTable {
  key: string;
  value: string;
}

export interface OfficesTable {
  id: string;
  name: string;
  created_at: Date;
}

export interface TeamsTable {
  id: string;
  office_id: string;
  name: string;
  created_at: Date;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  office_id: string;
  team_id: string | null;
  password_hash: string;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: Date;
}
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;

/** Failure counter per `user:<username>` or `ip:<address>` (counted before the password check). */
export interface LoginThrottleTable {
  key: string;
  failures: Generated<number>;
  window_start: Date;
  locked_until: Date | null;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  ip: string;
  user_id: string | null;
  success: boolean;
  at: Date;
}

export interface SyncClientsTable {
  client_id: string;
  user_id: string;
  device_name: string;
  last_seq: Generated<string>;
  schema_version: number | null;
  app_version: string | null;
  scope_version: Generated<string>;
  last_seen_at: Date | null;
  revoked_at: Date | null;
  wipe_requested_at: Date | null;
  created_at: Date;
}
export type SyncClientRow = Selectable<SyncClientsTable>;

export interface RefreshTokensTable {
  id: string;
  family_id: string;
  user_id: string;
  client_id: string;
  token_hash: string;
  expires_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

export interface CaseDirectoryTable {
  case_id: string;
  office_id: string;
  team_id: string | null;
  assigned_user_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface SubstitutionsTable {
  id: string;
  absent_user_id: string;
  substitute_user_id: string;
  valid_from: Date;
  valid_until: Date;
  created_by: string;
  created_at: Date;
}

export interface BreakGlassGrantsTable {
  id: string;
  user_id: string;
  case_id: string;
  reason: string;
  granted_at: Date;
  expires_at: Date;
}
