import type { Selectable } from 'kysely';

/** The desktop's hash-chained access log (migration 0120; local only, never synced as a table). */
export interface AccessLogTable {
  seq: number;
  /** ISO instant exactly as hashed. */
  at: string;
  case_id: string;
  action: string;
  /** 1: the desktop had no connection to the server. */
  offline: number;
  prev_hash: string;
  hash: string;
  uploaded_at: string | null;
}

export type AccessLogRow = Selectable<AccessLogTable>;
