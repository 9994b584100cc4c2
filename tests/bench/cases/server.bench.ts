/**
 * Central server benchmarks against a throwaway PostgreSQL on loopback (Debian package), with the
 * Fastify server listening on 127.0.0.1 and real HTTP (fetch, keep-alive).
 *
 * - server.incremental (p99) and server.incremental_p50: 200 simulated desktops (BENCH_QUICK=1: 20),
 *   each syncing (push one edit, then pull since its cursor) once every SYNC_INTERVAL_MS, phases
 *   spread evenly (open loop, as real desktops do; a real desktop syncs every 30-60 s or on edit,
 *   5 s is a deliberately hard load). One run = one interval; latency per HTTP request. Target p99 <= 100 ms.
 * - server.incremental_throughput: all desktops sync at once, back to back (closed loop): requests/s.
 * - server.initial_pull: a caseworker's first full pull of 2,000 and 10,000 cases (6 rows each),
 *   in pages of 2,000, as rows/s (BENCH_QUICK=1: 200 and 1,000 cases).
 */
import type { EntityName } from '../../../src/shared/entities/index';
import { sampleFields } from '../../helpers/records';
import { cryptoIds } from '../../../src/server/context';
import { encodeHlc } from '../../../src/shared/sync/hlc';
import { createCaseworker, postJson, seedRows, startEnv, stopEnv, type Env } from '../server-env';
import type { BenchCase } from '../types';

const QUICK = process.env['BENCH_QUICK'] === '1';
const DESKTOPS = QUICK ? 20 : 200;
const INITIAL_SIZES = QUICK ? [200, 1_000] : [2_000, 10_000];
const PASSWORD = 'bench-passwort-123';
const SYNC_INTERVAL_MS = QUICK ? 2_000 : 5_000;

interface Desktop {
  clientId: string;
  token: string;
  userId: string;
  seq: number;
  noteVersion: number;
  caseId: string;
  cursor: { txid: string; changeId: string };
  scopeVersion: number;
}

async function createDesktop(env: Env, i: number): Promise<Desktop> {
  const username = `ifk${i}`;
  const userId = await createCaseworker(env, { username, displayName: username, password: PASSWORD });
  const clientId = cryptoIds.id();
  const login = await postJson<{ accessToken: string }>(env.base, '/auth/login', null, {
    username,
    password: PASSWORD,
    clientId,
    deviceName: 'Bench',
  });
  return {
    clientId,
    token: login.accessToken,
    userId,
    seq: 0,
    noteVersion: 0,
    caseId: `C-${i}`,
    cursor: { txid: '0', changeId: '0' },
    scopeVersion: 0,
  };
}

let hlcCounter = 0;
function mutation(
  d: Desktop,
  entity: string,
  entityId: string,
  op: string,
  fields: Record<string, { value: unknown; baseVersion: number }>,
) {
  d.seq += 1;
  hlcCounter += 1;
  return {
    seq: d.seq,
    mutationId: cryptoIds.id(),
    localTxId: `t${d.seq}`,
    hlc: encodeHlc({ millis: Date.now(), counter: hlcCounter % 99_999, node: d.clientId.slice(0, 8) }),
    entity,
    entityId,
    caseId: d.caseId,
    op,
    fields,
    baseRowVersion: null,
  };
}

async function pull(env: Env, d: Desktop, limit: number): Promise<number> {
  let rows = 0;
  for (;;) {
    const res = await postJson<{
      changes: unknown[];
      nextCursor: Desktop['cursor'];
      hasMore: boolean;
      scope: { version: number };
    }>(env.base, '/sync/pull', d.token, {
      clientId: d.clientId,
      cursor: d.cursor,
      scopeVersion: d.scopeVersion,
      limit,
    });
    rows += res.changes.length;
    d.cursor = res.nextCursor;
    d.scopeVersion = res.scope.version;
    if (!res.hasMore) return rows;
  }
}

// ------------------------------------------------------------------ incremental

interface IncrementalState {
  env: Env;
  desktops: Desktop[];
  lastRound: { latencies: number[]; wallMs: number } | undefined;
}

async function setupIncremental(): Promise<IncrementalState> {
  const env = await startEnv();
  try {
    return await seedIncremental(env);
  } catch (error) {
    await stopEnv(env);
    throw error;
  }
}

/** A complete valid record of `entity` as the fields of a create mutation. */
function created(
  entity: EntityName,
  caseId: string,
  id: string,
): Record<string, { value: unknown; baseVersion: number }> {
  return Object.fromEntries(
    Object.entries(sampleFields(entity, { caseId, id })).map(([k, value]) => [k, { value, baseVersion: 0 }]),
  );
}

async function seedIncremental(env: Env): Promise<IncrementalState> {
  const desktops: Desktop[] = [];
  for (let i = 0; i < DESKTOPS; i += 1) desktops.push(await createDesktop(env, i));
  // each desktop: one case with a person and a note, then a first full pull
  await Promise.all(
    desktops.map(async (d) => {
      await postJson(env.base, '/sync/push', d.token, {
        clientId: d.clientId,
        schemaVersion: 1,
        mutations: [
          mutation(d, 'cases', d.caseId, 'create', created('cases', d.caseId, d.caseId)),
          mutation(d, 'persons', `P-${d.caseId}`, 'create', created('persons', d.caseId, `P-${d.caseId}`)),
          mutation(d, 'notes', `N-${d.caseId}`, 'create', {
            ...created('notes', d.caseId, `N-${d.caseId}`),
            body: { value: 'Erstgespräch', baseVersion: 0 },
          }),
        ],
      });
      d.noteVersion = 1;
      await pull(env, d, 500);
    }),
  );
  return { env, desktops, lastRound: undefined };
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function incrementalRound(s: IncrementalState): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(s.desktops.map((d) => syncOnce(s, d, latencies)));
  latencies.sort((a, b) => a - b);
  s.lastRound = { latencies, wallMs: performance.now() - started };
  return s.lastRound;
}

async function syncOnce(s: IncrementalState, d: Desktop, latencies: number[]): Promise<void> {
  const t0 = performance.now();
  await postJson(s.env.base, '/sync/push', d.token, {
    clientId: d.clientId,
    schemaVersion: 1,
    mutations: [
      mutation(d, 'notes', `N-${d.caseId}`, 'update', {
        body: { value: `Stand ${d.seq}`, baseVersion: d.noteVersion },
      }),
    ],
  });
  d.noteVersion += 1;
  const t1 = performance.now();
  await pull(s.env, d, 500);
  latencies.push(t1 - t0, performance.now() - t1);
}

/** Open loop: every desktop syncs once in the interval, at its own phase. */
async function openLoopRound(s: IncrementalState): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    s.desktops.map(async (d, i) => {
      await new Promise((r) => setTimeout(r, (i / s.desktops.length) * SYNC_INTERVAL_MS));
      await syncOnce(s, d, latencies);
    }),
  );
  return latencies.sort((a, b) => a - b);
}

function latencyCase(name: string, q: number): BenchCase<IncrementalState> {
  return {
    name,
    params: { desktops: DESKTOPS, syncEveryMs: SYNC_INTERVAL_MS, quantile: q, db: 'postgresql-loopback' },
    unit: 'ms',
    lowerIsBetter: true,
    runs: QUICK ? 2 : 5,
    warmup: 1,
    setup: setupIncremental,
    run: async (s) => percentile(await openLoopRound(s), q),
    teardown: (s) => stopEnv(s.env),
  };
}

function throughputCase(): BenchCase<IncrementalState> {
  return {
    name: 'server.incremental_throughput',
    params: { desktops: DESKTOPS, requestsPerSync: 2, db: 'postgresql-loopback' },
    unit: 'requests/s',
    lowerIsBetter: false,
    runs: QUICK ? 3 : 5,
    warmup: 1,
    setup: setupIncremental,
    run: async (s) => {
      const r = await incrementalRound(s);
      return (r.latencies.length / r.wallMs) * 1000;
    },
    teardown: (s) => stopEnv(s.env),
  };
}

// ------------------------------------------------------------------ initial pull

interface InitialState {
  env: Env;
  desktop: Desktop;
  rows: number;
}

async function seedCases(env: Env, userId: string, cases: number): Promise<number> {
  // valid records of the domain (tests/helpers/records.ts), as a caseworker's case holds them
  const kinds: [EntityName, (i: number) => Record<string, unknown>][] = (
    ['cases', 'persons', 'notes', 'goals', 'appointments', 'measure_assignments'] as const
  ).map((entity) => [
    entity,
    (i: number) =>
      entity === 'notes'
        ? {
            ...sampleFields(entity, { caseId: `IC-${i}`, id: `${entity}-${i}` }),
            body: 'Beratungsgespräch zur beruflichen Orientierung. '.repeat(4),
          }
        : sampleFields(entity, { caseId: `IC-${i}`, id: entity === 'cases' ? `IC-${i}` : `${entity}-${i}` }),
  ]);
  const rows = Array.from({ length: cases }, (_, i) =>
    kinds.map(([entity, data]) => ({
      entity,
      id: entity === 'cases' ? `IC-${i}` : `${entity}-${i}`,
      caseId: `IC-${i}`,
      row: data(i),
    })),
  ).flat();
  await seedRows(env, userId, rows);
  return rows.length;
}

function initialPullCase(cases: number): BenchCase<InitialState> {
  return {
    name: 'server.initial_pull',
    params: { cases, rowsPerCase: 6, pageSize: 2000, db: 'postgresql-loopback' },
    unit: 'rows/s',
    lowerIsBetter: false,
    runs: QUICK ? 2 : 5,
    warmup: 1,
    setup: async () => {
      const env = await startEnv();
      try {
        const desktop = await createDesktop(env, 0);
        const rows = await seedCases(env, desktop.userId, cases);
        return { env, desktop, rows };
      } catch (error) {
        await stopEnv(env);
        throw error;
      }
    },
    run: async (s) => {
      s.desktop.cursor = { txid: '0', changeId: '0' };
      s.desktop.scopeVersion = 0;
      const started = performance.now();
      const rows = await pull(s.env, s.desktop, 2000);
      const seconds = (performance.now() - started) / 1000;
      if (rows !== s.rows) throw new Error(`initial pull returned ${rows} rows, expected ${s.rows}`);
      return rows / seconds;
    },
    teardown: (s) => stopEnv(s.env),
  };
}

const cases: BenchCase<never>[] = [
  latencyCase('server.incremental', 0.99) as BenchCase<never>,
  latencyCase('server.incremental_p50', 0.5) as BenchCase<never>,
  throughputCase() as BenchCase<never>,
  ...INITIAL_SIZES.map((n) => initialPullCase(n) as BenchCase<never>),
];

export default cases;
