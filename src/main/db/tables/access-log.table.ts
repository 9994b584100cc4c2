import type { Selectable } from 'kysely';
import type { AccessLogEntry } from '../../../shared/audit/access-chain';
import type { SnakeCased } from '../../../shared/entities/define';

/**
 * The desktop's hash-chained access log (migration 0120; local only, never synced as a table): the
 * columns of one entry as src/shared/audit/access-chain.ts defines it, plus when it was uploaded.
 */
export type AccessLogTable = Omit<SnakeCased<AccessLogEntry>, 'offline'> & {
  /** 1: the desktop had no connection to the server (SQLite has no boolean). */
  offline: number;
  uploaded_at: string | null;
};

export type AccessLogRow = Selectable<AccessLogTable>;
