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
  'consents:list',
  'plans:for-case',
  'sync:case-issues',
]);

/**
 * The channels that show or print a handed-over Kooperationsplan, named by its `handoverId`: the
 * access is recorded for the plan's case. A print is recorded each time (never coalesced).
 */
export const HANDOVER_CHANNELS: Readonly<Record<string, CaseAccessAction>> = {
  'plans:document': 'case_opened',
  'plans:reprint': 'case_printed',
  'plans:print': 'case_printed',
};

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
  /** The case of a handed-over plan (null: no such hand-over). */
  caseOfHandover(handoverId: string): Promise<string | null>;
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
      const last = action === 'case_opened' ? recent.get(key) : undefined;
      if (last !== undefined && now.getTime() - last < window && now.getTime() >= last) return;
      // claimed before the write: the workspace asks several channels of one case at once
      recent.set(key, now.getTime());
      try {
        await writeUncounted(db, async (trx) => {
          const entry = await nextAccessEntry(await head(trx), {
            at: now.toISOString(),
            caseId,
            action,
            offline: deps.offline(),
          });
          await trx.insertInto('access_log').values(toRow(entry)).execute();
        });
      } catch (error) {
        if (recent.get(key) === now.getTime()) recent.delete(key);
        throw error;
      }
    },
    async caseOfHandover(handoverId) {
      const row = await deps
        .db()
        .selectFrom('plan_handovers')
        .select('case_id')
        .where('id', '=', handoverId)
        .executeTakeFirst();
      return row?.case_id ?? null;
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
    if (!result.ok || typeof channel !== 'string') return result;
    // the input passed the channel's schema (result.ok): the ids in it are valid ids
    const given = input as { caseId?: unknown; handoverId?: unknown } | null;
    const handoverAction = Object.hasOwn(HANDOVER_CHANNELS, channel) ? HANDOVER_CHANNELS[channel] : undefined;
    if (!CASE_READ_CHANNELS.has(channel) && !handoverAction) return result;
    try {
      if (handoverAction && typeof given?.handoverId === 'string') {
        const caseId = await log.caseOfHandover(given.handoverId);
        if (caseId) await log.record(caseId, handoverAction);
      } else if (typeof given?.caseId === 'string') await log.record(given.caseId, 'case_opened');
    } catch (error) {
      logger?.error(
        { event: 'access_log.record_failed', errorName: error instanceof Error ? error.name : typeof error },
        'access not recorded',
      );
    }
    return result;
  };
}
