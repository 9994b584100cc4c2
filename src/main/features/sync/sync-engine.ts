/**
 * The desktop's sync engine (issue 12, SYNC.md §4): plain Node, no Electron. Time, the HTTP
 * transport, timers and the jitter's randomness are parameters, so tests drive it against a real
 * server on loopback with a skewed clock or a faulty network.
 *
 * One round: hello (status, lease) → push the outbox in batches (each answer recorded in ONE
 * transaction together with the removal of its entries) → pull pages (each page applied with the
 * cursor in ONE transaction; fields with pending local edits are held) → snapshots of granted cases
 * → purge of revoked cases whose edits have been pushed. Rounds run on a timer, on the server's SSE
 * poke and on demand; a failed round is retried with exponential backoff and jitter, never only on
 * the next local write. Pages are applied one transaction each, and the engine yields to the event
 * loop between them, so a first sync of 10,000 cases never freezes the app.
 */
import { AppError, type AppErrorCode } from '../../../shared/errors';
import { ENTITIES, type EntityRegistry } from '../../../shared/entities/index';
import {
  INITIAL_CURSOR,
  type Cursor,
  MAX_MUTATIONS_PER_PUSH,
  PROTOCOL_VERSION,
  WIRE_SCHEMA_VERSION,
  type HelloResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type ResolveConflictResponse,
  type SnapshotResponse,
} from '../../../shared/sync/protocol';
import { applyServerRows } from '../../db/apply-server-rows';
import type { LocalKysely } from '../../db/kysely';
import { writeUncounted } from '../../db/uncounted-writes';
import type { RawDatabase } from '../../db/open-encrypted-db';
import { writeSynced, type Clock, type IdGenerator } from '../../db/write-synced';
import type { Logger } from '../../logging/logger';
import { applyPullPage, readCursor, readPushBatch, recordPushResponse } from './sync-steps';
import {
  caseIssues,
  conflictView,
  dismissRejection,
  findConflict,
  purgeCases,
  readState,
  rejectLocally,
  renumberOutbox,
  syncCounts,
  upsertConflicts,
  writeState,
  type ConflictView,
  type RejectionView,
} from './sync-local';
import type { SyncHttp } from './sync-http';
import { DataChangeLog, RoundChanges } from './data-changes';
import type { DataChangesDto } from '../../../shared/ipc/sync-contract';
import { uploadAccessLog } from '../access-log/access-log.upload';
import { fetchPlanDocument, uploadPlanDocuments } from '../plans/plan-documents.sync';
import { storeDirectory } from '../directory/team-directory';
import { TEAM_DIRECTORY_CHANGE } from '../../../shared/auth/team-directory';

export interface Timer {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimer: Timer = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** The open local store (both handles on the same connection); throws VAULT_LOCKED while locked. */
export interface SyncStore {
  db(): LocalKysely;
  raw(): RawDatabase;
}

export interface SyncEngineOptions {
  readonly store: SyncStore;
  readonly http: SyncHttp;
  readonly clock: Clock;
  readonly timer?: Timer;
  /** Uniform in [0, 1): the jitter of the retry delay. */
  readonly random?: () => number;
  readonly logger?: Logger;
  readonly appVersion: string;
  /** Ids for local writes the engine makes (a merged text chosen in a conflict). */
  readonly ids: IdGenerator;
  /** The signed-in user (stamped on local writes). */
  readonly actorId: string;
  readonly registry?: EntityRegistry;
  /** The record vocabulary this build speaks (WIRE_SCHEMA_VERSION; tests play an upgrade). */
  readonly wireSchemaVersion?: number;
  readonly pushBatchSize?: number;
  readonly pullLimit?: number;
  /** Retry delays: base · 2^(failures−1), at most max, times a jitter factor in [0.5, 1). */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** A round while nothing happens (pokes may be lost). */
  readonly idleIntervalMs?: number;
  /** Whether to hold the SSE poke stream open (tests without a listening server pass false). */
  readonly poke?: boolean;
  /** The server answered `wipe`: destroy the key first, then the files (see src/main/vault). */
  readonly onWipe?: () => Promise<void>;
  /** Called after every page of the first sync with the counts so far (the progress bar). */
  readonly onProgress?: (progress: { rowsReceived: number; pages: number }) => void;
  /** Called with the server-signed offline lease after every successful hello. */
  readonly onLease?: (lease: { until: string; signature: string; publicKey: string }) => void | Promise<void>;
  /** Bytes per PUT of a plan PDF to the blob routes (tests make it small to interrupt mid-way). */
  readonly blobChunkBytes?: number;
  /** Where rounds report what they changed (the app keeps one across engines; default: own). */
  readonly changeLog?: DataChangeLog;
}

export type SyncState =
  | 'idle'
  | 'syncing'
  | 'offline'
  | 'error'
  | 'upgrade_required'
  | 'revoked'
  | 'signed_out'
  | 'wiped'
  | 'locked'
  | 'stopped';

export interface SyncStatus {
  readonly configured: true;
  readonly state: SyncState;
  readonly lastSuccessAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly nextAttemptAt: string | null;
  readonly pendingCount: number;
  readonly rejectionCount: number;
  readonly conflictCount: number;
  readonly error: { code: AppErrorCode; message: string } | null;
  /** Counts during the first sync (null otherwise). */
  readonly firstSync: { rowsReceived: number; pages: number } | null;
  /** Device clock minus server time at the last hello (ms). */
  readonly clockSkewMs: number | null;
  /** What the last rounds changed in the local store (open screens refresh it). */
  readonly dataChanges: DataChangesDto;
}

export type ConflictChoice = 'mine' | 'theirs' | 'merged';

const LAST_SUCCESS_KEY = 'last_success_at';
const PURGE_KEY = 'purge_pending';
const SNAPSHOT_KEY = 'snapshot_pending';
const CLIENT_ID_KEY = 'client_id';
const FIRST_SYNC_DONE_KEY = 'first_sync_done';
const CLOCK_SKEW_BOUND_MS = 5 * 60_000;
/** What the server announced of its reference data at the last hello (`{at, documents}` JSON). */
export const REFERENCE_ANNOUNCED_KEY = 'reference_announced';
/**
 * A round started by a poke or a local write within this time of the last successful hello goes
 * straight to push and pull (an edit reaches the other desktop with two requests, not four). Rounds
 * on the timer, on demand and after a failure always say hello; a device revoked meanwhile learns it
 * from the 403 of its push or pull, and the hello that follows tells revoked from wipe.
 */
const HELLO_REUSE_MS = 30_000;
/** Rows per pull page: one transaction each, short enough not to hold up the app between pages. */
export const DEFAULT_PULL_LIMIT = 1000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('INTERNAL');
}

export class SyncEngine {
  private readonly timer: Timer;
  private readonly random: () => number;
  private readonly registry: EntityRegistry;
  private readonly changeLog: DataChangeLog;
  /** What the running round has changed so far. */
  private changes = new RoundChanges();
  private handle: unknown = null;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  private failures = 0;
  private state: SyncState = 'stopped';
  private error: AppError | null = null;
  private lastAttemptAt: string | null = null;
  private nextAttemptAt: string | null = null;
  private firstSync: { rowsReceived: number; pages: number } | null = null;
  private clockSkewMs: number | null = null;
  private upgradeRequired = false;
  private pokeAbort: AbortController | null = null;
  private pokeFailures = 0;
  private clientIdCache: string | null = null;
  private wipeRequested = false;
  /** The round about to run was asked for by a poke or a local write (kick). */
  private kicked = false;
  /** performance.now() of the last successful hello; null after a failed round. */
  private lastHelloAt: number | null = null;
  /** Whether the SSE poke stream is open (the status page shows polling otherwise). */
  pokeConnected = false;
  /** Whether the last hello reached the server (the access log records reads made offline). */
  reachable = false;
  /** The running remote wipe (set once the server asked for it). */
  wiping: Promise<void> | null = null;

  constructor(private readonly o: SyncEngineOptions) {
    this.timer = o.timer ?? realTimer;
    this.random = o.random ?? Math.random;
    this.registry = o.registry ?? ENTITIES;
    this.changeLog = o.changeLog ?? new DataChangeLog();
  }

  /** Starts the timer and the poke stream; the first round runs at once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.state = 'idle';
    this.schedule(0);
    if (this.o.poke !== false) void this.pokeLoop();
  }

  /** Stops timers and the poke stream; waits for a running round. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.handle !== null) this.timer.clearTimeout(this.handle);
    this.handle = null;
    this.nextAttemptAt = null;
    this.pokeAbort?.abort();
    this.pokeAbort = null;
    await this.running?.catch(() => undefined);
    if (this.state !== 'revoked' && this.state !== 'wiped' && this.state !== 'signed_out')
      this.state = 'stopped';
  }

  /** The server refused the stored sign-in: no round runs until a new sign-in (a new engine). */
  get signedOut(): boolean {
    return this.state === 'signed_out';
  }

  /** A change is waiting on the server (poke) or locally (a write): sync soon. */
  kick(): void {
    if (!this.started) return;
    this.kicked = true;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0, true);
  }

  /** Runs a round now (or waits for the running one and runs another) and reports the status. */
  async syncNow(): Promise<SyncStatus> {
    if (this.state === 'revoked' || this.state === 'wiped' || this.state === 'signed_out')
      return this.status();
    if (this.running) {
      this.again = false;
      await this.running.catch(() => undefined);
    }
    this.kicked = false;
    await this.runRound();
    return this.status();
  }

  async status(): Promise<SyncStatus> {
    let counts = { pending: 0, rejections: 0, conflicts: 0 };
    let lastSuccessAt: string | null = null;
    try {
      const db = this.o.store.db();
      counts = await syncCounts(db);
      lastSuccessAt = (await readState(db, [LAST_SUCCESS_KEY])).get(LAST_SUCCESS_KEY) ?? null;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'VAULT_LOCKED')) throw error;
      return this.snapshotStatus('locked', counts, lastSuccessAt);
    }
    return this.snapshotStatus(this.state, counts, lastSuccessAt);
  }

  private snapshotStatus(
    state: SyncState,
    counts: { pending: number; rejections: number; conflicts: number },
    lastSuccessAt: string | null,
  ): SyncStatus {
    return {
      configured: true,
      state,
      lastSuccessAt,
      lastAttemptAt: this.lastAttemptAt,
      nextAttemptAt: this.nextAttemptAt,
      pendingCount: counts.pending,
      rejectionCount: counts.rejections,
      conflictCount: counts.conflicts,
      error: this.error ? { code: this.error.code, message: this.error.message } : null,
      firstSync: this.firstSync ? { ...this.firstSync } : null,
      clockSkewMs: this.clockSkewMs,
      dataChanges: this.changeLog.snapshot(),
    };
  }

  // ------------------------------------------------------------ scheduling

  private schedule(ms: number, kicked = false): void {
    if (!this.started) return;
    this.kicked = kicked;
    if (this.handle !== null) this.timer.clearTimeout(this.handle);
    this.nextAttemptAt = new Date(this.o.clock.now().getTime() + ms).toISOString();
    this.handle = this.timer.setTimeout(() => {
      this.handle = null;
      void this.runRound().catch(() => undefined);
    }, ms);
  }

  /** Exponential backoff with jitter: base·2^(n−1), capped, times [0.5, 1). */
  retryDelay(failures: number): number {
    const base = this.o.retryBaseMs ?? 1_000;
    const max = this.o.retryMaxMs ?? 5 * 60_000;
    const raw = Math.min(max, base * 2 ** Math.max(0, Math.min(30, failures - 1)));
    return Math.round(raw * (0.5 + this.random() * 0.5));
  }

  private async runRound(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const round = (async () => {
      do {
        this.again = false;
        this.changes = new RoundChanges();
        try {
          await this.round();
        } finally {
          // what was committed counts, also when the round failed later
          if (!this.changes.isEmpty()) this.changeLog.record(this.changes.toChange());
        }
      } while (this.again && this.error === null && this.started);
    })();
    this.running = round;
    try {
      await round;
    } finally {
      this.running = null;
      if (this.wipeRequested && !this.wiping) this.wiping = Promise.resolve(this.o.onWipe?.());
    }
  }

  private async round(): Promise<void> {
    if (this.state === 'revoked' || this.state === 'wiped' || this.state === 'signed_out') return;
    this.lastAttemptAt = this.o.clock.now().toISOString();
    this.state = 'syncing';
    const skipHello =
      this.kicked && this.lastHelloAt !== null && performance.now() - this.lastHelloAt < HELLO_REUSE_MS;
    this.kicked = false;
    try {
      if (!skipHello) await this.hello();
      if ((this.state as SyncState) === 'revoked' || (this.state as SyncState) === 'wiped') return;
      if (!this.upgradeRequired) await this.pushAll();
      await this.uploadAccessLog();
      await this.pullAll();
      await this.snapshots();
      if (!this.upgradeRequired) {
        // edits made for a revoked case during the pull go out before its rows are purged
        await this.pushAll();
      }
      await this.uploadPlanDocuments();
      await this.purgeRevoked();
      const now = this.o.clock.now().toISOString();
      // bookkeeping that changes no case: left out of Mein Bestand's change stamp
      await writeUncounted(this.o.store.db(), (trx) => writeState(trx, { [LAST_SUCCESS_KEY]: now }));
      this.failures = 0;
      this.error = this.upgradeRequired
        ? new AppError('SYNC_UPGRADE_REQUIRED')
        : this.clockSkewed()
          ? new AppError('SYNC_CLOCK_SKEW')
          : null;
      this.state = this.upgradeRequired ? 'upgrade_required' : 'idle';
      // a poke or a write during this round (kick while running) keeps its flag for the round
      // that follows at once: it may reuse this round's hello
      this.schedule(this.o.idleIntervalMs ?? 60_000, this.kicked);
    } catch (error) {
      const e = asAppError(error);
      this.lastHelloAt = null;
      if (e.code === 'SYNC_DEVICE_REVOKED' && skipHello) {
        // revoked since the last hello: the hello tells whether the server also asks for a wipe
        try {
          await this.hello();
        } catch {
          // unreachable again: the 403 stands
        }
        if ((this.state as SyncState) === 'revoked' || (this.state as SyncState) === 'wiped') return;
      }
      if (e.code === 'INTERNAL')
        this.o.logger?.error(
          { event: 'sync.failed', errorName: error instanceof Error ? error.name : typeof error },
          'sync round failed',
        );
      else this.o.logger?.info({ event: 'sync.failed', code: e.code }, 'sync round failed');
      this.error = e;
      if (e.code === 'SYNC_OFFLINE') this.reachable = false;
      if (e.code === 'SYNC_DEVICE_REVOKED') {
        this.state = 'revoked';
        return;
      }
      if (e.code === 'VAULT_LOCKED') {
        this.state = 'locked';
        return;
      }
      if (e.code === 'AUTH_TOKEN_INVALID' || e.code === 'AUTH_REFRESH_REUSED') {
        // the stored sign-in is refused (revoked, expired, account disabled): retrying cannot help.
        // The outbox stays; a new sign-in builds a new engine that carries on with it.
        this.error = new AppError('SYNC_SIGN_IN_REQUIRED');
        this.state = 'signed_out';
        await this.stopPoke();
        return;
      }
      this.failures += 1;
      this.state =
        e.code === 'SYNC_OFFLINE'
          ? 'offline'
          : e.code === 'SYNC_UPGRADE_REQUIRED'
            ? 'upgrade_required'
            : 'error';
      this.schedule(this.retryDelay(this.failures));
    }
  }

  private async clientId(): Promise<string> {
    if (this.clientIdCache) return this.clientIdCache;
    const id = (await readState(this.o.store.db(), [CLIENT_ID_KEY])).get(CLIENT_ID_KEY);
    if (!id) throw new AppError('UNAUTHENTICATED', 'Dieses Gerät ist noch nicht beim Server angemeldet.');
    this.clientIdCache = id;
    return id;
  }

  // ------------------------------------------------------------ hello

  private async hello(): Promise<void> {
    const clientId = await this.clientId();
    const res = await this.o.http.post<HelloResponse>('/sync/hello', {
      clientId,
      appVersion: this.o.appVersion.slice(0, 40),
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: this.o.wireSchemaVersion ?? WIRE_SCHEMA_VERSION,
    });
    this.reachable = true;
    this.lastHelloAt = performance.now();
    const serverTime = Date.parse(res.serverTime);
    if (Number.isFinite(serverTime)) this.clockSkewMs = this.o.clock.now().getTime() - serverTime;
    if (res.status === 'wipe') {
      this.state = 'wiped';
      this.error = new AppError('SYNC_DEVICE_REVOKED');
      await this.stopPoke();
      // after this round has ended: the wipe locks the vault, which stops (and awaits) the engine
      this.wipeRequested = true;
      return;
    }
    if (res.status === 'revoked') {
      this.state = 'revoked';
      this.error = new AppError('SYNC_DEVICE_REVOKED');
      await this.stopPoke();
      return;
    }
    this.upgradeRequired = res.status === 'upgrade_required';
    if (res.referenceData) await this.storeAnnounced(res.serverTime, res.referenceData);
    // the own team's names (quality screens); open screens refresh only when it changed
    if (res.team && (await storeDirectory(this.o.store.db(), res.team)))
      this.changes.add(TEAM_DIRECTORY_CHANGE);
    if (res.offlineLeaseUntil && res.offlineLeaseSignature)
      await this.o.onLease?.({
        until: res.offlineLeaseUntil,
        signature: res.offlineLeaseSignature,
        publicKey: res.leasePublicKey,
      });
  }

  /**
   * The reference data the server announced, written only when it differs from what is stored:
   * every hello writing it (with the server time) moved the store's change stamp each round, so
   * Mein Bestand read its rows again. `at` is the server time of the hello that announced this
   * state (the outreach readiness names it); the state is unchanged since then.
   */
  private async storeAnnounced(serverTime: string, documents: NonNullable<HelloResponse['referenceData']>) {
    const db = this.o.store.db();
    const stored = (await readState(db, [REFERENCE_ANNOUNCED_KEY])).get(REFERENCE_ANNOUNCED_KEY);
    if (stored !== undefined) {
      try {
        const before = (JSON.parse(stored) as { documents?: unknown }).documents;
        if (JSON.stringify(before) === JSON.stringify(documents)) return;
      } catch {
        // unreadable: written anew below
      }
    }
    await writeState(db, { [REFERENCE_ANNOUNCED_KEY]: JSON.stringify({ at: serverTime, documents }) });
  }

  private async stopPoke(): Promise<void> {
    this.pokeAbort?.abort();
    this.pokeAbort = null;
    this.started = false;
  }

  /** The device clock is off by more than the server's bound (the server re-stamps; shown as a hint). */
  clockSkewed(): boolean {
    return this.clockSkewMs !== null && Math.abs(this.clockSkewMs) > CLOCK_SKEW_BOUND_MS;
  }

  // ------------------------------------------------------------ push

  private async pushAll(): Promise<void> {
    const clientId = await this.clientId();
    const batchSize = Math.min(this.o.pushBatchSize ?? MAX_MUTATIONS_PER_PUSH, MAX_MUTATIONS_PER_PUSH);
    let size = batchSize;
    let lastFirstSeq = -1;
    let stuck = 0;
    for (;;) {
      const db = this.o.store.db();
      const read = await readPushBatch(db, clientId, size);
      if (!read) return;
      const batch: PushRequest = { ...read, schemaVersion: this.o.wireSchemaVersion ?? read.schemaVersion };
      const firstSeq = batch.mutations[0]!.seq;
      // progress guard (SYNC.md §2.8): the same head three times without an answer that moves it
      stuck = firstSeq === lastFirstSeq ? stuck + 1 : 0;
      lastFirstSeq = firstSeq;
      if (stuck >= 3) throw new AppError('INTERNAL');
      await db
        .updateTable('sync_outbox')
        .set((eb) => ({ status: 'sent', attempts: eb('attempts', '+', 1) }))
        .where(
          'seq',
          'in',
          batch.mutations.map((m) => m.seq),
        )
        .execute();
      let response: PushResponse;
      try {
        response = await this.o.http.post<PushResponse>('/sync/push', batch);
      } catch (error) {
        const e = asAppError(error);
        if (e.code === 'SYNC_UPGRADE_REQUIRED') {
          this.upgradeRequired = true;
          return;
        }
        if (isBatchRefusal(e.code)) {
          // the whole batch was refused: find the one entry the server refuses, one at a time
          if (batch.mutations.length > 1) {
            size = 1;
            continue;
          }
          await this.o.store
            .db()
            .transaction()
            .execute((trx) => rejectLocally(trx, firstSeq, e.code, this.o.clock.now().toISOString()));
          const refused = batch.mutations[0];
          if (refused) {
            this.changes.add(refused.entity, refused.caseId);
            this.changes.add('sync_rejections', refused.caseId);
          }
          size = batchSize;
          continue;
        }
        throw e;
      }
      await this.recordPush(batch, response);
      if (batch.mutations.length === 1 && size === 1) size = batchSize;
    }
  }

  private async recordPush(batch: PushRequest, response: PushResponse): Promise<void> {
    const now = this.o.clock.now().toISOString();
    await this.o.store
      .db()
      .transaction()
      .execute(async (trx) => {
        const outcome = await recordPushResponse(trx, batch, response, now);
        if (outcome.resendFrom !== null) await renumberOutbox(trx, outcome.resendFrom);
      });
    // applied: the server holds what this desktop shows; anything else changes what is shown
    const byId = new Map(batch.mutations.map((m) => [m.mutationId, m]));
    for (const r of response.results) {
      const m = byId.get(r.mutationId);
      if (!m || r.status === 'applied') continue;
      this.changes.add(m.entity, m.caseId);
      if (r.status === 'conflict') this.changes.add('sync_conflicts', m.caseId);
      if (r.status === 'rejected') this.changes.add('sync_rejections', m.caseId);
    }
  }

  /** The access log's entries not yet uploaded (issue 12 item 5); a refusal stays for the sync page. */
  private async uploadAccessLog(): Promise<void> {
    await uploadAccessLog(this.o.store.db(), this.o.http, await this.clientId(), () =>
      this.o.clock.now().toISOString(),
    );
  }

  /** Handed-over plan PDFs the server does not yet hold, resumed from its offset (issue 12 item 8). */
  private async uploadPlanDocuments(): Promise<void> {
    await uploadPlanDocuments(
      this.o.store.db(),
      this.o.http,
      () => this.o.clock.now().toISOString(),
      this.o.blobChunkBytes,
    );
  }

  /** A synced hand-over's PDF from the server by its hash, checked and stored (reprint elsewhere). */
  async fetchPlanDocument(doc: { sha256: string; caseId: string; handoverId: string }): Promise<Uint8Array> {
    return fetchPlanDocument(this.o.store.db(), this.o.http, doc, () => this.o.clock.now().toISOString());
  }

  // ------------------------------------------------------------ pull

  private async pullAll(): Promise<void> {
    const clientId = await this.clientId();
    const limit = this.o.pullLimit ?? DEFAULT_PULL_LIMIT;
    const db = this.o.store.db();
    const done = (await readState(db, [FIRST_SYNC_DONE_KEY])).get(FIRST_SYNC_DONE_KEY) === '1';
    const start = await readCursor(db);
    const fromStart =
      start.cursor.txid === INITIAL_CURSOR.txid && start.cursor.changeId === INITIAL_CURSOR.changeId;
    if (!done) this.firstSync = { rowsReceived: 0, pages: 0 };
    const request = (cursor: Cursor, scopeVersion: number) => {
      const pending = this.o.http.post<PullResponse>('/sync/pull', { clientId, cursor, scopeVersion, limit });
      pending.catch(() => undefined); // awaited below, or dropped when applying a page failed
      return pending;
    };
    const next = request(start.cursor, start.scopeVersion);
    // A pull from the very beginning writes the whole scope: the WAL is checkpointed once at the
    // end instead of every 1,000 pages, so index pages are not written to the database file again
    // and again (a crash meanwhile only means a longer WAL replay at the next open). Its pages are
    // committed without waiting for the disk (synchronous NORMAL: a power cut may lose the last
    // pages, never consistency; each page's cursor is in its transaction, so the pull resumes
    // there), and the checkpoint at the end makes them durable.
    const bulk = fromStart ? this.o.store.raw() : null;
    const autoCheckpoint = bulk ? Number(bulk.pragma('wal_autocheckpoint', { simple: true })) : 0;
    const synchronous = bulk ? Number(bulk.pragma('synchronous', { simple: true })) : 0;
    bulk?.pragma('wal_autocheckpoint = 0');
    bulk?.pragma('synchronous = NORMAL');
    try {
      await this.pullPages(next, start.cursor, request, fromStart);
    } finally {
      try {
        bulk?.pragma(`synchronous = ${synchronous}`);
        bulk?.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
        bulk?.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // the store was locked meanwhile (a new connection starts with the default)
      }
    }
    if (!done) await writeState(this.o.store.db(), { [FIRST_SYNC_DONE_KEY]: '1' });
    this.firstSync = null;
  }

  private async pullPages(
    first: Promise<PullResponse>,
    startCursor: Cursor,
    request: (cursor: Cursor, scopeVersion: number) => Promise<PullResponse>,
    fromStart: boolean,
  ): Promise<void> {
    let cursor = startCursor;
    let next = first;
    for (;;) {
      const page = await next;
      if (page.hasMore) {
        // progress guard: a server that keeps answering the same cursor is a bug, not more data
        if (page.nextCursor.txid === cursor.txid && page.nextCursor.changeId === cursor.changeId)
          throw new AppError('INTERNAL');
        // the next page is asked for before this one is applied: the server reads it while the
        // desktop writes (its cursor and scope version are the ones this page stores). Applying
        // blocks the event loop, so the request goes out first.
        next = request(page.nextCursor, page.scope.version);
        await yieldToEventLoop();
      }
      await this.applyPage(page, fromStart);
      if (this.firstSync) {
        this.firstSync.rowsReceived += page.changes.length;
        this.firstSync.pages += 1;
        this.o.onProgress?.({ ...this.firstSync });
      }
      if (!page.hasMore) return;
      cursor = page.nextCursor;
    }
  }

  /** One page and the cursor in ONE transaction (SYNC.md §4.3). */
  private async applyPage(page: PullResponse, fromStart: boolean): Promise<void> {
    const now = this.o.clock.now().toISOString();
    const touched = this.touched();
    const raw = this.o.store.raw();
    await this.o.store
      .db()
      .transaction()
      .execute(async (trx) => {
        const result = await applyPullPage(trx, raw, page, { now, registry: this.registry, touched });
        if (result.invalid.length > 0)
          this.o.logger?.warn(
            { event: 'sync.pull_invalid_rows', count: result.invalid.length },
            'rows this version cannot store',
          );
        await upsertConflicts(trx, page.changes);
        for (const c of page.changes) if (c.entity === 'sync_conflicts') touched(c.entity, c.caseId);
        const state = await readState(trx, [PURGE_KEY, SNAPSHOT_KEY]);
        if (page.scope.removed.length > 0) {
          const purge = new Set<string>(JSON.parse(state.get(PURGE_KEY) ?? '[]') as string[]);
          for (const c of page.scope.removed) purge.add(c);
          await writeState(trx, { [PURGE_KEY]: JSON.stringify([...purge]) });
        }
        // a pull from the very beginning already carries every row of the scope
        if (page.scope.added.length > 0 && !fromStart) {
          const snap = new Set<string>(JSON.parse(state.get(SNAPSHOT_KEY) ?? '[]') as string[]);
          for (const c of page.scope.added) snap.add(c);
          await writeState(trx, { [SNAPSHOT_KEY]: JSON.stringify([...snap]) });
        }
      });
    touched.commit();
  }

  /** Full rows of newly granted cases (SYNC.md §4.5 grants), idempotent through row_version. */
  private async snapshots(): Promise<void> {
    const clientId = await this.clientId();
    const pending = JSON.parse(
      (await readState(this.o.store.db(), [SNAPSHOT_KEY])).get(SNAPSHOT_KEY) ?? '[]',
    ) as string[];
    if (pending.length === 0) return;
    for (let i = 0; i < pending.length; i += 200) {
      const caseIds = pending.slice(i, i + 200);
      let pageToken: string | null = null;
      do {
        const res: SnapshotResponse = await this.o.http.post<SnapshotResponse>('/sync/snapshot', {
          clientId,
          caseIds,
          pageToken,
        });
        const now = this.o.clock.now().toISOString();
        const raw = this.o.store.raw();
        const touched = this.touched();
        await this.o.store
          .db()
          .transaction()
          .execute(async (trx) => {
            const page = {
              changes: res.rows,
              scope: { version: 0, added: [], removed: [] },
              nextCursor: INITIAL_CURSOR,
              hasMore: false,
            };
            applyServerRows(
              raw,
              res.rows.filter((r) => r.entity !== 'sync_conflicts'),
              { now, registry: this.registry, pending: await pendingOf(trx), touched },
            );
            await upsertConflicts(trx, page.changes);
            for (const c of page.changes) if (c.entity === 'sync_conflicts') touched(c.entity, c.caseId);
          });
        touched.commit();
        pageToken = res.nextPageToken;
        await yieldToEventLoop();
      } while (pageToken);
      const left = pending.slice(i + 200);
      await writeState(this.o.store.db(), { [SNAPSHOT_KEY]: left.length ? JSON.stringify(left) : null });
    }
  }

  /** Purges revoked cases once their pending edits are pushed (SYNC.md §4.5). */
  private async purgeRevoked(): Promise<void> {
    const db = this.o.store.db();
    const pending = JSON.parse((await readState(db, [PURGE_KEY])).get(PURGE_KEY) ?? '[]') as string[];
    if (pending.length === 0) return;
    const raw = this.o.store.raw();
    let purgedCases: string[] = [];
    await db.transaction().execute(async (trx) => {
      const purged = new Set(await purgeCases(trx, raw, pending, this.registry));
      const left = pending.filter((c) => !purged.has(c));
      await writeState(trx, { [PURGE_KEY]: left.length ? JSON.stringify(left) : null });
      purgedCases = [...purged];
    });
    for (const caseId of purgedCases)
      for (const entity of [...Object.keys(this.registry), 'sync_conflicts', 'sync_rejections'])
        this.changes.add(entity, caseId);
  }

  /**
   * Collects what a transaction stores for the round's report; kept only when it commits (a page
   * that failed is applied again by the next round and reported then).
   */
  private touched(): ((entity: string, caseId: string) => void) & { commit(): void } {
    const seen: [string, string][] = [];
    const fn = (entity: string, caseId: string) => {
      seen.push([entity, caseId]);
    };
    return Object.assign(fn, {
      commit: () => {
        for (const [entity, caseId] of seen) this.changes.add(entity, caseId);
      },
    });
  }

  // ------------------------------------------------------------ conflicts and rejections

  async caseIssues(caseId: string): Promise<{ conflicts: ConflictView[]; rejections: RejectionView[] }> {
    return caseIssues(this.o.store.db(), caseId, await this.clientId());
  }

  /**
   * Decides a conflict: keep my value, take theirs, or (free text) a merged text that is written as a
   * normal local edit after the server recorded the decision. A `merged` info record is dismissed.
   */
  async resolveConflict(conflictId: string, choice: ConflictChoice, mergedText?: string): Promise<void> {
    const db = this.o.store.db();
    const row = await findConflict(db, conflictId);
    if (!row) throw new AppError('NOT_FOUND', 'Diesen Konflikt gibt es nicht.');
    if (row.resolved_at !== null) return;
    const clientId = await this.clientId();
    const view = conflictView(row, clientId);
    let resolution: 'keep' | 'take_other' | 'dismiss';
    if (view.kind === 'merged') resolution = 'dismiss';
    else if (choice === 'merged') {
      if (typeof mergedText !== 'string')
        throw new AppError('VALIDATION_FAILED', 'Bitte geben Sie den zusammengeführten Text ein.');
      if (typeof view.mine !== 'string' && typeof view.theirs !== 'string')
        throw new AppError('DOMAIN_RULE_VIOLATED', 'Nur Texte können zusammengeführt werden.');
      resolution = 'keep';
    } else {
      const wantMine = choice === 'mine';
      resolution = (view.current === 'mine') === wantMine ? 'keep' : 'take_other';
    }
    // my pending edits go first, so the decision is made on the current server state
    await this.running?.catch(() => undefined);
    await this.pushAll();
    await this.o.http.post<ResolveConflictResponse>(
      `/sync/conflicts/${encodeURIComponent(conflictId)}/resolve`,
      {
        clientId,
        resolution,
      },
    );
    const now = this.o.clock.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('sync_conflicts')
        .set({ resolved_at: now.toISOString(), resolved_by: this.o.actorId, resolution })
        .where('id', '=', conflictId)
        .execute();
      if (choice === 'merged' && view.kind === 'conflict' && typeof mergedText === 'string') {
        await writeSynced(
          trx,
          { clock: this.o.clock, ids: this.o.ids, actorId: this.o.actorId, entities: this.registry },
          {
            entity: row.entity as never,
            op: 'update',
            id: row.entity_id,
            values: { [row.field]: mergedText } as never,
          },
        );
      }
    });
    this.kick();
  }

  async dismissRejection(mutationId: string): Promise<void> {
    const done = await dismissRejection(this.o.store.db(), mutationId, this.o.clock.now().toISOString());
    if (!done) throw new AppError('NOT_FOUND', 'Diese Meldung gibt es nicht (mehr).');
  }

  // ------------------------------------------------------------ poke

  private async pokeLoop(): Promise<void> {
    while (this.started) {
      const abort = new AbortController();
      this.pokeAbort = abort;
      try {
        const clientId = await this.clientId();
        const res = await this.o.http.stream(
          `/sync/poke?clientId=${encodeURIComponent(clientId)}`,
          abort.signal,
        );
        // pokes sent while the stream was down are lost: a reconnect syncs once
        const reconnected = this.pokeFailures > 0;
        this.pokeFailures = 0;
        this.pokeConnected = true;
        if (reconnected) this.kick();
        await readEvents(res.body ?? null, (event) => {
          if (event === 'poke') this.kick();
        });
      } catch {
        if (abort.signal.aborted || !this.started) return;
      } finally {
        this.pokeConnected = false;
      }
      if (!this.started) return;
      this.pokeFailures += 1;
      await new Promise<void>((resolve) => {
        const h = this.timer.setTimeout(resolve, this.retryDelay(this.pokeFailures));
        abort.signal.addEventListener('abort', () => {
          this.timer.clearTimeout(h);
          resolve();
        });
      });
    }
  }
}

/** Batch-level refusals that concern one entry of the batch (not the network or the device). */
function isBatchRefusal(code: AppErrorCode): boolean {
  return (
    code === 'VALIDATION_FAILED' ||
    code === 'FORBIDDEN' ||
    code === 'SYNC_MASS_DELETE_BLOCKED' ||
    code === 'PAYLOAD_TOO_LARGE'
  );
}

async function pendingOf(trx: Parameters<typeof readState>[0]) {
  const rows = await trx.selectFrom('sync_outbox').select(['entity', 'entity_id', 'fields_json']).execute();
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = `${r.entity}\u0000${r.entity_id}`;
    const set = out.get(key) ?? new Set<string>();
    for (const f of Object.keys(JSON.parse(r.fields_json) as object)) set.add(f);
    out.set(key, set);
  }
  return out;
}

/** Reads an SSE stream and reports each event name. */
async function readEvents(
  body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | null,
  onEvent: (name: string) => void,
): Promise<void> {
  if (!body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  const iterable: AsyncIterable<Uint8Array> =
    Symbol.asyncIterator in body
      ? (body as AsyncIterable<Uint8Array>)
      : {
          async *[Symbol.asyncIterator]() {
            const reader = (body as ReadableStream<Uint8Array>).getReader();
            for (;;) {
              const { done, value } = await reader.read();
              if (done) return;
              yield value;
            }
          },
        };
  for await (const chunk of iterable) {
    buffer += decoder.decode(chunk, { stream: true });
    let idx: number;
    while ((idx = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      const line = frame.split('\n').find((l) => l.startsWith('event:'));
      if (line) onEvent(line.slice(6).trim());
    }
  }
}
