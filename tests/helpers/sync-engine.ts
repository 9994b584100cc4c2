/**
 * Desktops with the real sync engine against a real server listening on loopback (the harness's
 * Fastify app on 127.0.0.1, real fetch, real SSE). Each desktop is an encrypted local store
 * registered as a device; its engine runs on a manual timer unless a test asks for real timers, so
 * rounds happen when the test says (syncNow) and a scheduled retry is visible (ManualTimer).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createCasesService, type CasesService } from '../../src/main/features/cases/cases.service';
import { SyncEngine, type SyncEngineOptions, type Timer } from '../../src/main/features/sync/sync-engine';
import { SyncHttp, type FetchLike, type SyncAuth } from '../../src/main/features/sync/sync-http';
import type { Clock } from '../../src/main/db/write-synced';
import { createHarness, login, post, type Harness, type Session } from '../integration/server/harness';
import type { ServerDialect } from './server-db';
import { desktop } from './desktop-sync';
import type { TestDb } from './local-db';

export class ManualTimer implements Timer {
  private n = 0;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  setTimeout(fn: () => void, ms: number): unknown {
    this.n += 1;
    this.pending.set(this.n, { fn, ms });
    return this.n;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** The delays currently scheduled. */
  delays(): number[] {
    return [...this.pending.values()].map((p) => p.ms);
  }
  /** Fires every scheduled callback once. */
  fireAll(): void {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, p] of due) p.fn();
  }
}

/** Listens on an ephemeral loopback port (after every h.reset()). */
export async function listen(h: Harness): Promise<string> {
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const address = h.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

export const realFetch: FetchLike = (url, init) => fetch(url, init);

/** The network as the desktop sees it: `fetch` fails like an unplugged cable while `offline` is set. */
export function switchableNetwork(): { offline: boolean; readonly fetch: FetchLike } {
  const net = {
    offline: false,
    fetch: (async (url, init) => {
      if (net.offline) throw new TypeError('fetch failed');
      return fetch(url, init);
    }) as FetchLike,
  };
  return net;
}

/**
 * A PGlite server (harness) listening on 127.0.0.1 for the whole test file, and the temp dirs the
 * tests register in `dirs`, removed afterwards. Read `h` and `url` inside tests (set in beforeAll).
 */
export function useListeningServer(): {
  readonly h: Harness;
  readonly url: string;
  readonly dirs: { remove(): Promise<void> }[];
} {
  const s = { h: undefined as unknown as Harness, url: '', dirs: [] as { remove(): Promise<void> }[] };
  beforeAll(async () => {
    s.h = await createHarness('pglite');
    await s.h.reset();
    s.url = await listen(s.h);
  });
  afterAll(async () => {
    for (const d of s.dirs) await d.remove();
    await (s.h as Harness | undefined)?.close();
  });
  return s;
}

/** Tokens of a harness session, refreshed through /auth/refresh over HTTP. */
export function sessionAuth(h: Harness, s: Session): SyncAuth {
  return {
    accessToken: async () => s.accessToken,
    refresh: async () => {
      const res = await post(h, undefined, '/auth/refresh', { refreshToken: s.refreshToken });
      if (res.statusCode !== 200) throw new Error(`refresh ${res.statusCode}`);
      const body = res.json<{ accessToken: string; refreshToken: string }>();
      s.accessToken = body.accessToken;
      s.refreshToken = body.refreshToken;
      return body.accessToken;
    },
  };
}

/** A settable device clock (skew tests move it). */
export class DeviceClock implements Clock {
  constructor(
    private readonly server: { now(): Date },
    public offsetMs = 0,
  ) {}
  now(): Date {
    return new Date(this.server.now().getTime() + this.offsetMs);
  }
}

export interface EngineDesktop {
  readonly t: TestDb;
  readonly session: Session;
  readonly engine: SyncEngine;
  readonly timer: ManualTimer;
  readonly clock: DeviceClock;
  readonly cases: CasesService;
  /** The fetch the engine uses; tests replace `fault` to inject failures. */
  fault: ((url: string) => 'drop-request' | 'drop-response' | null) | null;
  /** Another engine on the same store (say the app after an upgrade). */
  rebuild(overrides: Partial<SyncEngineOptions>): SyncEngine;
  destroy(): Promise<void>;
}

export async function engineDesktop(
  h: Harness,
  baseUrl: string,
  userKey: string,
  options: Partial<SyncEngineOptions> & { realTimer?: boolean } = {},
): Promise<EngineDesktop> {
  const session = await login(h, userKey);
  const t = await desktop(session);
  const timer = new ManualTimer();
  const clock = new DeviceClock({ now: () => h.clock.now() });
  const ids = { newId: () => randomUUID() };
  // eslint-disable-next-line prefer-const -- the engine options need `d` (its fault hook) first
  let engineOpts: SyncEngineOptions;
  const d: EngineDesktop = {
    t,
    session,
    timer,
    clock,
    fault: null,
    cases: createCasesService({ db: t.db, clock, ids, actorId: session.userId }),
    engine: undefined as unknown as SyncEngine,
    rebuild: (overrides) => new SyncEngine({ ...engineOpts, ...overrides }),
    async destroy() {
      await d.engine.stop();
      await t.destroy();
    },
  };
  const fetcher: FetchLike = async (url, init) => {
    const fault = d.fault?.(url) ?? null;
    if (fault === 'drop-request') throw new TypeError('fetch failed');
    const res = await realFetch(url, init);
    if (fault === 'drop-response') {
      await res.text();
      throw new TypeError('fetch failed');
    }
    return res;
  };
  const { realTimer: useRealTimer, ...engineOptions } = options;
  engineOpts = {
    store: { db: () => t.db, raw: () => t.raw },
    http: new SyncHttp(baseUrl, fetcher, sessionAuth(h, session)),
    clock,
    ...(useRealTimer ? {} : { timer }),
    random: () => 0.5,
    appVersion: '0.1.0-test',
    ids,
    actorId: session.userId,
    poke: false,
    ...engineOptions,
  };
  (d as { engine: SyncEngine }).engine = new SyncEngine(engineOpts);
  return d;
}

/** Rows of a table in a desktop's store. */
export function rows(d: EngineDesktop, sql: string, ...params: unknown[]): Record<string, unknown>[] {
  return d.t.raw.prepare(sql).all(...params) as Record<string, unknown>[];
}

export function count(d: EngineDesktop, sql: string, ...params: unknown[]): number {
  return Number((d.t.raw.prepare(sql).get(...params) as { n: number }).n);
}

/** What useTwoDesktops sets up: the file's server, its loopback address and two desktops of `cw`. */
export interface TwoDesktops {
  readonly h: Harness;
  readonly url: string;
  readonly a: EngineDesktop;
  readonly b: EngineDesktop;
}

/**
 * The usual setup of a describe block: one server per file (dialect), reset and listening anew for
 * each test, with two desktops of caseworker `cw` that are destroyed after it. `use` receives them
 * before each test (assign them to the block's variables).
 */
export function useTwoDesktops(
  dialect: ServerDialect,
  use: (s: TwoDesktops) => void,
  options: Partial<SyncEngineOptions> & { realTimer?: boolean } = {},
): void {
  let h: Harness | undefined;
  let a: EngineDesktop | undefined;
  let b: EngineDesktop | undefined;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h!.reset();
    const url = await listen(h!);
    a = await engineDesktop(h!, url, 'cw', options);
    b = await engineDesktop(h!, url, 'cw', options);
    use({ h: h!, url, a, b });
  });
  afterEach(async () => {
    await a?.destroy();
    await b?.destroy();
  });
}
