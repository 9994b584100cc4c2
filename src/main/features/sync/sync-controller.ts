/**
 * The sync engine's lifecycle in the app: with a server configured, an engine is started when the
 * vault unlocks (the store is open) and stopped before it locks; without one, the local part (the
 * counts, the conflicts and rejections already stored, dismissing) still works and a sync on demand
 * says in German that no server is set up. Plain Node: the Electron shell and the browser bridge
 * compose it the same way (src/main/composition.ts).
 */
import { randomUUID } from 'node:crypto';
import { AppError, ERROR_MESSAGES, isAppErrorCode } from '../../../shared/errors';
import type { SyncCaseIssuesDto, SyncRejection, SyncStatusDto } from '../../../shared/ipc/sync-contract';
import type { Executor } from '../../db/kysely';
import type { LocalStore } from '../../db/local-store';
import { writeUncounted } from '../../db/uncounted-writes';
import { clientIdOf, type Clock } from '../../db/write-synced';
import type { Logger } from '../../logging/logger';
import { DataChangeLog } from './data-changes';
import { SyncEngine, type ConflictChoice, type Timer } from './sync-engine';
import { passwordAuth, SyncHttp, type FetchLike, type SyncAuth } from './sync-http';
import { leaseState, storeLease } from './offline-lease';
import { caseIssues, dismissRejection, openRejections, readState, syncCounts } from './sync-local';

/** The case's issues as the port reads them; the IPC answer adds whether the user may decide. */
export type CaseIssues = Omit<SyncCaseIssuesDto, 'conflicts'> & {
  readonly conflicts: Omit<SyncCaseIssuesDto['conflicts'][number], 'mayResolve'>[];
};

export interface SyncPort {
  status(): Promise<SyncStatusDto>;
  syncNow(): Promise<SyncStatusDto>;
  /** The case's open conflicts and refused edits (who may decide a conflict: the IPC handler's). */
  caseIssues(caseId: string): Promise<CaseIssues>;
  /** Every refused edit not yet dismissed, newest first, with its German message. */
  rejections(): Promise<SyncRejection[]>;
  resolveConflict(conflictId: string, choice: ConflictChoice, mergedText?: string): Promise<void>;
  dismissRejection(mutationId: string): Promise<void>;
  /** A local write happened: push soon. */
  kick(): void;
}

export interface SyncServerConfig {
  readonly serverUrl: string;
  /** How the desktop signs in (the login screen of issue 12 item 4 is not built yet). */
  readonly auth?: SyncAuth;
  readonly username?: string;
  readonly password?: string;
  readonly deviceName?: string;
  readonly fetch?: FetchLike;
  readonly timer?: Timer;
  readonly random?: () => number;
}

export interface SyncController extends SyncPort {
  /**
   * Right after the store opened: with a server configured and the offline lease run out, a sync
   * must reach the server, or this throws SYNC_LEASE_EXPIRED (the vault stays locked).
   */
  enforceLease(): Promise<void>;
  /** The store was opened (vault unlocked): start the engine if a server is configured. */
  onUnlock(): void;
  /** The store is about to close: stop the engine first. */
  onLock(): Promise<void>;
  /** The server refused the stored sign-in: the user must sign in again (login shell). */
  signInRequired(): boolean;
  /** After a new sign-in: a new engine carries on with the outbox. */
  restart(): Promise<void>;
  /** Whether the last contact with the server succeeded (false without a server). */
  online(): boolean;
  /** A plan PDF handed over on another device, fetched by its hash (SYNC_OFFLINE without an engine). */
  fetchPlanDocument(doc: { sha256: string; caseId: string; handoverId: string }): Promise<Uint8Array>;
}

function rejectionWithMessage<R extends { reason: string }>(r: R): R & { message: string } {
  return {
    ...r,
    message: isAppErrorCode(r.reason) ? ERROR_MESSAGES[r.reason] : ERROR_MESSAGES.VALIDATION_FAILED,
  };
}

function withMessage(issues: Awaited<ReturnType<typeof caseIssues>>): CaseIssues {
  return {
    conflicts: issues.conflicts.map((c) => ({ ...c })),
    rejections: issues.rejections.map(rejectionWithMessage),
  };
}

/**
 * The part of sync that needs no server: counts, the stored conflicts and rejections of a case,
 * dismissing a rejection. A sync or a decision on a conflict needs the server.
 */
export function localSyncPort(db: () => Executor, clock: Clock): SyncPort {
  const clientId = async () => (await readState(db(), ['client_id'])).get('client_id') ?? '';
  return {
    async status() {
      const counts = await syncCounts(db());
      const last = (await readState(db(), ['last_success_at'])).get('last_success_at') ?? null;
      return {
        configured: false,
        state: 'not_configured',
        lastSuccessAt: last,
        lastAttemptAt: null,
        nextAttemptAt: null,
        pendingCount: counts.pending,
        rejectionCount: counts.rejections,
        conflictCount: counts.conflicts,
        error: null,
        firstSync: null,
        clockSkewMs: null,
        dataChanges: { version: 0, recent: [] },
      };
    },
    async syncNow() {
      throw new AppError('SYNC_NOT_CONFIGURED');
    },
    async caseIssues(caseId) {
      return withMessage(await caseIssues(db(), caseId, await clientId()));
    },
    async rejections() {
      return (await openRejections(db())).map(rejectionWithMessage);
    },
    async resolveConflict() {
      throw new AppError('SYNC_NOT_CONFIGURED');
    },
    async dismissRejection(mutationId) {
      const done = await dismissRejection(db(), mutationId, clock.now().toISOString());
      if (!done) throw new AppError('NOT_FOUND', 'Diese Meldung gibt es nicht (mehr).');
    },
    kick() {},
  };
}

export function createSyncController(options: {
  store: LocalStore;
  clock: Clock;
  logger: Logger;
  appVersion: string;
  actorId: string;
  server?: SyncServerConfig;
  onWipe?: () => Promise<void>;
}): SyncController {
  const { store, clock } = options;
  const ids = { newId: () => randomUUID() };
  let engine: SyncEngine | null = null;
  let starting: Promise<void> | null = null;
  const local = localSyncPort(() => store.db(), clock);
  // one log for the app's lifetime: the data version keeps growing across lock and unlock
  const changeLog = new DataChangeLog();

  const clientId = async () =>
    store
      .db()
      .transaction()
      .execute((trx) => clientIdOf(trx, ids));

  const build = (server: SyncServerConfig): SyncEngine => {
    const fetcher: FetchLike = server.fetch ?? ((url, init) => fetch(url, init));
    const auth =
      server.auth ??
      passwordAuth({
        baseUrl: server.serverUrl,
        fetch: fetcher,
        username: server.username ?? '',
        password: server.password ?? '',
        clientId,
        deviceName: server.deviceName ?? 'Lotse-Arbeitsplatz',
      });
    return new SyncEngine({
      store: { db: () => store.db(), raw: () => store.raw() },
      http: new SyncHttp(server.serverUrl.replace(/\/+$/, ''), fetcher, auth),
      clock,
      ...(server.timer ? { timer: server.timer } : {}),
      ...(server.random ? { random: server.random } : {}),
      logger: options.logger,
      appVersion: options.appVersion,
      ids,
      actorId: options.actorId,
      changeLog,
      ...(options.onWipe ? { onWipe: options.onWipe } : {}),
      onLease: async (lease) => {
        const id = await clientId();
        // renewed at every hello; bookkeeping that changes no case (Mein Bestand's change stamp)
        await writeUncounted(store.db(), (trx) => storeLease(trx, id, lease));
      },
    });
  };

  return {
    async enforceLease() {
      if (!options.server) return;
      const id = await clientId();
      if ((await leaseState(store.db(), id, clock.now())) !== 'expired') return;
      const server = options.server;
      const probe = build(server);
      const st = await probe.syncNow();
      await probe.stop();
      const reached =
        st.state === 'idle' || st.state === 'upgrade_required' || st.error?.code === 'SYNC_CLOCK_SKEW';
      // the lease is stored by the engine's hello; read it back to be sure it was renewed
      if (reached && (await leaseState(store.db(), id, clock.now())) === 'valid') return;
      throw new AppError('SYNC_LEASE_EXPIRED');
    },
    onUnlock() {
      if (!options.server || engine) return;
      const server = options.server;
      if (!server.auth && !(server.username && server.password)) return;
      // the device id exists before the first sign-in
      starting = clientId()
        .then(() => {
          if (engine || !store.isOpen()) return;
          engine = build(server);
          engine.start();
        })
        .catch((error: unknown) =>
          options.logger.error(
            { event: 'sync.start_failed', errorName: error instanceof Error ? error.name : typeof error },
            'sync engine not started',
          ),
        )
        .finally(() => {
          starting = null;
        });
    },
    async onLock() {
      const e = engine;
      engine = null;
      await e?.stop();
    },
    async status() {
      if (engine) return engine.status();
      const st = await local.status();
      if (!options.server) return st;
      const signedIn = Boolean(options.server.auth || (options.server.username && options.server.password));
      return {
        ...st,
        dataChanges: changeLog.snapshot(),
        configured: true,
        state: 'stopped',
        error: signedIn ? null : { code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED },
      };
    },
    async syncNow() {
      if (!options.server) throw new AppError('SYNC_NOT_CONFIGURED');
      await starting;
      if (!engine) {
        store.db(); // VAULT_LOCKED while locked
        throw new AppError('SYNC_OFFLINE');
      }
      return engine.syncNow();
    },
    async caseIssues(caseId) {
      await clientId();
      return local.caseIssues(caseId);
    },
    rejections: () => local.rejections(),
    async resolveConflict(conflictId, choice, mergedText) {
      if (!options.server) throw new AppError('SYNC_NOT_CONFIGURED');
      await starting;
      if (!engine) throw new AppError('SYNC_OFFLINE');
      await engine.resolveConflict(conflictId, choice, mergedText);
    },
    dismissRejection: (mutationId) => local.dismissRejection(mutationId),
    async fetchPlanDocument(doc) {
      if (!options.server) throw new AppError('SYNC_NOT_CONFIGURED');
      await starting;
      if (!engine) throw new AppError('SYNC_OFFLINE');
      return engine.fetchPlanDocument(doc);
    },
    kick() {
      engine?.kick();
    },
    online: () => engine?.reachable ?? false,
    signInRequired: () => engine?.signedOut ?? false,
    async restart() {
      await starting;
      const e = engine;
      engine = null;
      await e?.stop();
      this.onUnlock();
      await starting;
    },
  };
}
