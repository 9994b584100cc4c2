/**
 * SSE poke (SYNC.md §4.1): `GET /sync/poke` keeps a text/event-stream open; when a change commits
 * in a connected user's read scope, the server writes `event: poke\ndata: {}\n\n` (no payload, no
 * personal data) and the desktop pulls. Connections live in THIS process only: with several server
 * processes a poke reaches only clients connected to the process that committed the change (see
 * README "Known gaps"; PostgreSQL LISTEN/NOTIFY would fan it out).
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context';
import { readersOfCases } from '../access/access.repository';
import type { Principal } from '../auth/roles';

export const POKE_FRAME = 'event: poke\ndata: {}\n\n';
export const POKE_HEARTBEAT_MS = 25_000;
/** Connections per process; beyond it the oldest is closed (the desktop falls back to polling). */
export const MAX_POKE_CONNECTIONS = 10_000;

interface Connection {
  readonly principal: Principal;
  readonly stream: PassThrough;
  readonly timers: NodeJS.Timeout[];
}

export interface PokeChange {
  /** Cases whose content or conflicts changed: their current readers are poked. */
  readonly caseIds?: readonly string[];
  /** Users poked regardless of scope (e.g. a previous assignee who just lost the case). */
  readonly userIds?: readonly string[];
  /**
   * The device whose request made the change (a push, a conflict decision): it pulls in the same
   * sync round anyway, so it is not poked for it. Absent for changes made elsewhere (admin).
   */
  readonly originClientId?: string;
}

export class PokeHub {
  /** One stream per device: a reconnect replaces the previous stream. */
  private readonly byClient = new Map<string, Connection>();
  private pendingCases = new Set<string>();
  private pendingUsers = new Set<string>();
  /** The origin device of every pending change, or null once one came from elsewhere. */
  private pendingOrigins: Set<string> | null = new Set<string>();
  private flushing: Promise<void> = Promise.resolve();
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly ctx: ServerContext,
    private readonly heartbeatMs = POKE_HEARTBEAT_MS,
  ) {}

  get size(): number {
    return this.byClient.size;
  }

  /** Registers the device and returns its event stream (already carrying a first comment). */
  open(principal: Principal): PassThrough {
    const stream = new PassThrough();
    if (this.closed) {
      stream.end();
      return stream;
    }
    this.byClient.get(principal.clientId)?.stream.end();
    if (this.byClient.size >= MAX_POKE_CONNECTIONS) {
      const oldest = this.byClient.values().next().value;
      oldest?.stream.end();
    }
    const conn: Connection = { principal, stream, timers: [] };
    const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), this.heartbeatMs);
    heartbeat.unref();
    // The token was checked once, at connect: end the stream when it would have expired, so the
    // desktop reconnects with a fresh token (a revoked device or user stops being poked).
    const lifetime = setTimeout(() => stream.end(), this.ctx.config.ACCESS_TOKEN_TTL_SECONDS * 1000);
    lifetime.unref();
    conn.timers.push(heartbeat, lifetime);
    this.byClient.set(principal.clientId, conn);
    const cleanup = () => {
      for (const t of conn.timers) clearTimeout(t);
      if (this.byClient.get(principal.clientId) === conn) this.byClient.delete(principal.clientId);
    };
    stream.once('close', cleanup);
    stream.once('finish', cleanup);
    stream.once('error', cleanup);
    stream.write('retry: 10000\n: lotse poke\n\n');
    return stream;
  }

  /** Called after a change committed; fan-out happens asynchronously, never failing the request. */
  notify(change: PokeChange): void {
    if (this.closed || this.byClient.size === 0) return;
    for (const c of change.caseIds ?? []) this.pendingCases.add(c);
    for (const u of change.userIds ?? []) this.pendingUsers.add(u);
    if (change.originClientId === undefined) this.pendingOrigins = null;
    else this.pendingOrigins?.add(change.originClientId);
    if (this.scheduled) return;
    this.scheduled = true;
    this.flushing = this.flushing.then(
      () =>
        new Promise<void>((resolve) => {
          setImmediate(() => {
            this.scheduled = false;
            this.flush().then(resolve, resolve);
          });
        }),
    );
  }

  /** Resolves when every notification so far has been delivered (tests, shutdown). */
  idle(): Promise<void> {
    return this.flushing;
  }

  private async flush(): Promise<void> {
    const caseIds = [...this.pendingCases];
    const userIds = new Set(this.pendingUsers);
    // a device is skipped only when every pending change came from it
    const onlyFrom = this.pendingOrigins?.size === 1 ? [...this.pendingOrigins][0]! : null;
    this.pendingCases = new Set();
    this.pendingUsers = new Set();
    this.pendingOrigins = new Set();
    if (this.byClient.size === 0) return;
    try {
      const readers = await readersOfCases(this.ctx.db, caseIds, this.ctx.clock.now());
      for (const conn of this.byClient.values()) {
        const p = conn.principal;
        if (p.clientId === onlyFrom) continue;
        const reads =
          userIds.has(p.userId) ||
          (p.role === 'caseworker' && readers.caseworkers.has(p.userId)) ||
          (p.role === 'team_lead' && p.teamId !== null && readers.teams.has(p.teamId)) ||
          (p.role === 'data_protection' && readers.grantees.has(p.userId));
        if (reads) conn.stream.write(POKE_FRAME);
      }
    } catch (error) {
      this.ctx.logger.warn({ errName: (error as Error).name }, 'poke fan-out failed');
    }
  }

  /** Ends every stream (server shutdown: Fastify `preClose`, so `close()` does not wait on them). */
  closeAll(): void {
    this.closed = true;
    for (const conn of [...this.byClient.values()]) conn.stream.end();
    this.byClient.clear();
  }
}

const hubs = new WeakMap<ServerContext, PokeHub>();

/** The poke hub of this server instance (one per ServerContext, i.e. per buildApp). */
export function pokeHub(ctx: ServerContext): PokeHub {
  let hub = hubs.get(ctx);
  if (!hub) {
    hub = new PokeHub(ctx);
    hubs.set(ctx, hub);
  }
  return hub;
}

const hubsByApp = new WeakMap<FastifyInstance, PokeHub>();

/** Records which hub serves `app` (registerSyncRoutes), for `pokeHubOf`. */
export function attachPokeHub(app: FastifyInstance, hub: PokeHub): void {
  hubsByApp.set(app, hub);
}

/**
 * The poke hub serving `app`. Tests await its `idle()` as the positive signal that a change's
 * fan-out has run, instead of sleeping and hoping nothing arrives.
 */
export function pokeHubOf(app: FastifyInstance): PokeHub {
  const hub = hubsByApp.get(app);
  if (!hub) throw new Error('pokeHubOf: the sync routes are not registered on this app');
  return hub;
}
