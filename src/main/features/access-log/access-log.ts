/**
 * The desktop's access log (issue 12 item 5): every case the caseworker opens is recorded in the
 * encrypted store as one entry of a hash chain (src/shared/audit/access-chain.ts), with whether the
 * desktop was offline, and uploaded on the next sync (access-log.upload.ts). The entries are
 * written through writeUncounted: recording a read changes no case, so Mein Bestand is not
 * recomputed because of it.
 */
import {
  nextAccessEntry,
  type AccessLogEntry,
  type CaseAccessAction,
} from '../../../shared/audit/access-chain';
import type { Dispatch } from '../../ipc/dispatch';
import type { LocalKysely } from '../../db/kysely';
import type { Executor } from '../../db/kysely';
import { writeUncounted } from '../../db/uncounted-writes';
import type { Logger } from '../../logging/logger';
import type { Clock } from '../../db/write-synced';

/** The same case opened again within this time is one opening (a workspace loads many channels). */
export const DEFAULT_COALESCE_MS = 10 * 60_000;

/**
 * The channels that show a case's content, each recorded as an opening of the case named by its
 * `caseId` input. Lists and search (names and numbers only) are not openings.
 */
export const CASE_READ_CHANNELS: ReadonlySet<string> = new Set([
  'cases:get',
  'assessments:list',
  'goals:get',
  'strategies:list',
  'measures:candidates',
  'measures:list',
  'cases:phase-check',
  'own-efforts:list',
  'contacts:list',
  'plans:for-case',
  'sync:case-issues',
]);

export interface AccessLogDeps {
  readonly db: () => LocalKysely;
  readonly clock: Clock;
  /** Whether the desktop has no connection to the server right now. */
  readonly offline: () => boolean;
  readonly coalesceMs?: number;
  readonly logger?: Logger;
}

export interface AccessLog {
  /** Records one access (coalesced per case and action within the window). */
  record(caseId: string, action: CaseAccessAction): Promise<void>;
}

/** The end of the local chain. */
async function head(db: Executor): Promise<{ seq: number; hash: string } | null> {
  const row = await db
    .selectFrom('access_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

export function createAccessLog(deps: AccessLogDeps): AccessLog {
  const window = deps.coalesceMs ?? DEFAULT_COALESCE_MS;
  let recent = new Map<string, number>();
  let recentFor: LocalKysely | undefined;
  return {
    async record(caseId, action) {
      const db = deps.db();
      if (recentFor !== db) {
        // a newly opened store (after a lock): every case counts as opened again
        recent = new Map();
        recentFor = db;
      }
      const now = deps.clock.now();
      const key = `${action}\u0000${caseId}`;
      const last = recent.get(key);
      if (last !== undefined && now.getTime() - last < window && now.getTime() >= last) return;
      await writeUncounted(db, async (trx) => {
        const entry = await nextAccessEntry(await head(trx), {
          at: now.toISOString(),
          caseId,
          action,
          offline: deps.offline(),
        });
        await trx.insertInto('access_log').values(toRow(entry)).execute();
      });
      recent.set(key, now.getTime());
    },
  };
}

function toRow(e: AccessLogEntry) {
  return {
    seq: e.seq,
    at: e.at,
    case_id: e.caseId,
    action: e.action,
    offline: e.offline ? 1 : 0,
    prev_hash: e.prevHash,
    hash: e.hash,
    uploaded_at: null,
  };
}

/**
 * Records every successful read of a case's content (CASE_READ_CHANNELS) in the access log. A
 * failure to record is logged and does not hide the case from its caseworker.
 */
export function recordCaseReads(dispatch: Dispatch, log: AccessLog, logger?: Logger): Dispatch {
  return async (channel, input) => {
    const result = await dispatch(channel, input);
    if (result.ok && typeof channel === 'string' && CASE_READ_CHANNELS.has(channel)) {
      // the input passed the channel's schema (result.ok): caseId is a valid id
      const caseId = (input as { caseId?: unknown } | null)?.caseId;
      if (typeof caseId === 'string') {
        try {
          await log.record(caseId, 'case_opened');
        } catch (error) {
          logger?.error(
            {
              event: 'access_log.record_failed',
              errorName: error instanceof Error ? error.name : typeof error,
            },
            'access not recorded',
          );
        }
      }
    }
    return result;
  };
}
