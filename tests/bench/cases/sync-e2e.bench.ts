/**
 * The desktop's sync end to end (issue 12), against the central server as its own process on
 * PostgreSQL over 127.0.0.1 (tests/bench/server-env.ts), through the real sync engine
 * (src/main/features/sync/sync-engine.ts) into the desktop's encrypted store.
 *
 * - sync.initial: a new device's first sync of 2,000 and 10,000 demo cases (the generator of the demo
 *   data, src/shared/demo: households, persons, cases, appointments, contacts, notes, consents,
 *   assessments, goals, measures, plans, …, about 14 rows per case), with the engine's own page size,
 *   each page applied in one transaction, as rows/s (extra: seconds, rows). Every run starts from an
 *   empty store (the same device: the server allows three per user).
 * - sync.peer_pouchdb: the peer to beat (SYNC.md): PouchDB 9 (LevelDB) replicating the same rows as
 *   JSON documents from express-pouchdb (LevelDB, own process) into an empty local database over
 *   127.0.0.1, batch_size 500 (its faster setting), as docs/s. Data in a temp dir, removed after.
 * - sync.initial_vs_pouchdb: both in the same run, Lotse rows/s ÷ PouchDB docs/s. Target ≥ 5. Extra:
 *   the ceiling of the same run, the encrypted store's SQL alone for the same rows (no HTTP, JSON,
 *   checks or server; tests/bench/store-floor.ts) in rows/s and against PouchDB, and the same rows
 *   stored as PouchDB stores them (one JSON document per row, no index) in the encrypted store; and
 *   the server's side alone (the same pulls, each answer read, nothing stored). A first sync can be
 *   no faster than the slower of its two stages, each measured here with the machine to itself.
 * - sync.edit_roundtrip: two desktops of one caseworker with running engines (timers, SSE poke); one
 *   run = one edit of a phone number on A (service write + the kick the app does after a write) until
 *   B's store holds it, in ms. Target: p95 < 100 ms.
 *
 * BENCH_QUICK=1: 100 cases, fewer runs.
 */
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCasesService, type CasesService } from '../../../src/main/features/cases/cases.service';
import { generateDemoCases } from '../../../src/shared/demo/demo-data';
import { demoCaseRows } from '../../../src/shared/demo/demo-rows';
import { nodeSha256, seedOffices } from '../../../src/main/features/demo/seed-demo';
import { DEFAULT_PULL_LIMIT, SyncEngine } from '../../../src/main/features/sync/sync-engine';
import { passwordAuth, SyncHttp, type FetchLike } from '../../../src/main/features/sync/sync-http';
import {
  INITIAL_CURSOR,
  type Cursor,
  type PullResponse,
  type SyncedRow,
} from '../../../src/shared/sync/protocol';
import { createDb, type TestDb } from '../../helpers/local-db';
import { createCaseworker, seedRows, startEnv, stopEnv, type Env } from '../server-env';
import { blobsIntoStore, recordApply, replayIntoStore, type RecordedPage } from '../store-floor';
import type { BenchCase, BenchValue } from '../types';

const QUICK = process.env['BENCH_QUICK'] === '1';
const SIZES = QUICK ? [100] : [2_000, 10_000];
const ROUNDTRIP_CASES = QUICK ? 20 : 200;
const TODAY = '2026-03-02';
const PASSWORD = 'bench-passwort-123';
const USERNAME = 'ifk-bench';
const POUCH_BATCH = 500;

const fetcher: FetchLike = (url, init) => fetch(url, init);

// ------------------------------------------------------------------ the server with demo cases

interface Server {
  env: Env;
  userId: string;
  /** The device of sync.initial: a fresh store each run (the server allows 3 devices per user). */
  clientId: string;
  rows: SyncedRow[];
  cases: number;
}

/** Demo cases of one caseworker as the server's rows (row version 1, every field at version 1). */
export function demoRows(cases: number, caseworker: string): SyncedRow[] {
  const rows: SyncedRow[] = [];
  for (const d of generateDemoCases({
    cases,
    seed: 4_711,
    today: TODAY,
    caseworkers: [caseworker],
    sha256: nodeSha256,
  }))
    rows.push(...demoCaseRows(d));
  return rows;
}

async function startSeededServer(cases: number): Promise<Server> {
  const env = await startEnv();
  try {
    const userId = await createCaseworker(env, {
      username: USERNAME,
      displayName: 'Bench',
      password: PASSWORD,
    });
    const rows = demoRows(cases, userId);
    await seedRows(env, userId, rows);
    return { env, userId, clientId: randomUUID(), rows, cases };
  } catch (error) {
    await stopEnv(env);
    throw error;
  }
}

// ------------------------------------------------------------------ a desktop

interface Desktop {
  t: TestDb;
  engine: SyncEngine;
  cases: CasesService;
  received: number;
  destroy(): Promise<void>;
}

/** The device's sign-in (the first login registers the device). */
function deviceAuth(base: string, clientId: string) {
  return passwordAuth({
    baseUrl: base,
    fetch: fetcher,
    username: USERNAME,
    password: PASSWORD,
    clientId: async () => clientId,
    deviceName: 'Bench',
  });
}

/**
 * The server's side of a first sync alone: the same pulls from the start as the engine sends (its
 * page size, each answer read and parsed, the next page asked for with its cursor), nothing stored.
 * The engine cannot be faster: it needs each answer before it can ask for the next page.
 */
async function serverAlone(s: Server): Promise<{ rowsPerSecond: number; seconds: number }> {
  const auth = deviceAuth(s.env.base, s.clientId);
  await auth.accessToken();
  const http = new SyncHttp(s.env.base, fetcher, auth);
  let cursor: Cursor = INITIAL_CURSOR;
  let scopeVersion = 0;
  let rows = 0;
  const started = performance.now();
  for (;;) {
    const page = await http.post<PullResponse>('/sync/pull', {
      clientId: s.clientId,
      cursor,
      scopeVersion,
      limit: DEFAULT_PULL_LIMIT,
    });
    rows += page.changes.length;
    if (!page.hasMore) break;
    cursor = page.nextCursor;
    scopeVersion = page.scope.version;
  }
  const seconds = (performance.now() - started) / 1000;
  if (rows !== s.rows.length) throw new Error(`server pull incomplete: ${rows}/${s.rows.length} rows`);
  return { rowsPerSecond: rows / seconds, seconds };
}

/** An empty encrypted store for a device, signed in (the first login registers the device). */
async function newDesktop(
  base: string,
  userId: string,
  clientId: string,
  options: { poke?: boolean } = {},
): Promise<Desktop> {
  const t = await createDb();
  seedOffices(t.raw);
  t.raw.prepare("INSERT INTO sync_state (key, value) VALUES ('client_id', ?)").run(clientId);
  const auth = deviceAuth(base, clientId);
  await auth.accessToken();
  const clock = { now: () => new Date() };
  const ids = { newId: () => randomUUID() };
  const d: Desktop = {
    t,
    received: 0,
    cases: createCasesService({ db: t.db, clock, ids, actorId: userId }),
    engine: new SyncEngine({
      store: { db: () => t.db, raw: () => t.raw },
      http: new SyncHttp(base, fetcher, auth),
      clock,
      appVersion: '0.1.0-bench',
      ids,
      actorId: userId,
      poke: options.poke ?? false,
      idleIntervalMs: 3_600_000,
      onProgress: (p) => {
        d.received = p.rowsReceived;
      },
    }),
    async destroy() {
      await d.engine.stop();
      await t.destroy();
    },
  };
  return d;
}

/** One first sync into a fresh store: rows/s, checked for completeness. */
async function lotseInitial(s: Server): Promise<{ rowsPerSecond: number; seconds: number }> {
  const d = await newDesktop(s.env.base, s.userId, s.clientId);
  try {
    const started = performance.now();
    const status = await d.engine.syncNow();
    const seconds = (performance.now() - started) / 1000;
    if (status.error) throw new Error(`first sync failed: ${status.error.code}`);
    const cases = Number((d.t.raw.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n);
    const notes = Number((d.t.raw.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n);
    const expectedNotes = s.rows.filter((r) => r.entity === 'notes').length;
    if (d.received !== s.rows.length || cases !== s.cases || notes !== expectedNotes)
      throw new Error(
        `first sync incomplete: ${d.received}/${s.rows.length} rows, ${cases}/${s.cases} cases, ${notes}/${expectedNotes} notes`,
      );
    return { rowsPerSecond: s.rows.length / seconds, seconds };
  } finally {
    await d.destroy();
  }
}

// ------------------------------------------------------------------ the PouchDB peer

interface PouchDb {
  bulkDocs(docs: object[]): Promise<Array<{ ok?: boolean; error?: string }>>;
  info(): Promise<{ doc_count: number }>;
  replicate: {
    from(source: PouchDb | string, options: { batch_size: number }): Promise<{ docs_written: number }>;
  };
  close(): Promise<void>;
}
type PouchCtor = new (name: string) => PouchDb;

interface Peer {
  dir: string;
  child: ChildProcess;
  remote: PouchDb;
  docs: number;
  runs: number;
  Pouch: PouchCtor;
}

/** express-pouchdb in its own process, holding the same rows as JSON documents. */
async function startPeer(rows: readonly SyncedRow[]): Promise<Peer> {
  const Pouch = createRequire(import.meta.url)('pouchdb-node') as PouchCtor;
  const dir = mkdtempSync(join(tmpdir(), 'lotse-pouchdb-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/pouchdb-peer.child.ts', dir], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('express-pouchdb did not start')), 60_000);
      child.once('exit', () => reject(new Error('express-pouchdb exited')));
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /port (\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    const remote = new Pouch(`http://127.0.0.1:${port}/bench`);
    for (let i = 0; i < rows.length; i += 500) {
      const result = await remote.bulkDocs(
        rows
          .slice(i, i + 500)
          .map((r) => ({ _id: `${r.entity}:${r.id}`, entity: r.entity, caseId: r.caseId, ...r.row })),
      );
      const failed = result.find((r) => r.error);
      if (failed) throw new Error(`PouchDB seed: ${failed.error}`);
    }
    return { dir, child, remote, docs: rows.length, runs: 0, Pouch };
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** One replication from the peer into an empty LevelDB database: docs/s, checked for completeness. */
async function pouchInitial(p: Peer): Promise<{ docsPerSecond: number; seconds: number }> {
  p.runs += 1;
  const path = join(p.dir, `local-${p.runs}`);
  const local = new p.Pouch(path);
  try {
    const started = performance.now();
    const result = await local.replicate.from(p.remote, { batch_size: POUCH_BATCH });
    const seconds = (performance.now() - started) / 1000;
    const info = await local.info();
    if (result.docs_written !== p.docs || info.doc_count !== p.docs)
      throw new Error(`PouchDB replication incomplete: ${info.doc_count}/${p.docs}`);
    return { docsPerSecond: p.docs / seconds, seconds };
  } finally {
    await local.close();
    rmSync(path, { recursive: true, force: true });
  }
}

async function stopPeer(p: Peer): Promise<void> {
  await p.remote.close();
  if (p.child.exitCode === null) {
    const exited = new Promise((r) => p.child.once('exit', r));
    p.child.kill('SIGTERM');
    await exited;
  }
  rmSync(p.dir, { recursive: true, force: true });
}

// ------------------------------------------------------------------ cases

/** Three timed runs; the 10,000-case size without a warm-up run (it takes minutes). */
const heavy = (cases: number) => ({ runs: QUICK ? 1 : 3, warmup: QUICK || cases > 2_000 ? 0 : 1 });

function initialCase(cases: number): BenchCase<Server> {
  return {
    name: 'sync.initial',
    params: { cases, pageSize: DEFAULT_PULL_LIMIT, store: 'sqlcipher', db: 'postgresql-loopback' },
    unit: 'rows/s',
    lowerIsBetter: false,
    ...heavy(cases),
    setup: () => startSeededServer(cases),
    run: async (s): Promise<BenchValue> => {
      const r = await lotseInitial(s);
      return { value: r.rowsPerSecond, extra: { seconds: r.seconds, rows: s.rows.length } };
    },
    teardown: (s) => stopEnv(s.env),
  };
}

function peerCase(cases: number): BenchCase<Peer> {
  return {
    name: 'sync.peer_pouchdb',
    params: { cases, batchSize: POUCH_BATCH, adapter: 'leveldb', server: 'express-pouchdb' },
    unit: 'docs/s',
    lowerIsBetter: false,
    ...heavy(cases),
    setup: () => startPeer(demoRows(cases, 'ifk-bench')),
    run: async (p): Promise<BenchValue> => {
      const r = await pouchInitial(p);
      return { value: r.docsPerSecond, extra: { seconds: r.seconds, docs: p.docs } };
    },
    teardown: stopPeer,
  };
}

interface RatioState {
  server: Server;
  peer: Peer;
  /** The SQL of applying the same rows, for the store's own ceiling (tests/bench/store-floor.ts). */
  storeSql: RecordedPage[];
}

function ratioCase(cases: number): BenchCase<RatioState> {
  return {
    name: 'sync.initial_vs_pouchdb',
    params: { cases, target: 5 },
    unit: 'ratio',
    lowerIsBetter: false,
    runs: QUICK ? 1 : 3,
    warmup: 0,
    setup: async () => {
      const server = await startSeededServer(cases);
      try {
        const peer = await startPeer(server.rows);
        return { server, peer, storeSql: await recordApply(server.rows, DEFAULT_PULL_LIMIT) };
      } catch (error) {
        await stopEnv(server.env);
        throw error;
      }
    },
    run: async ({ server, peer, storeSql }): Promise<BenchValue> => {
      const lotse = await lotseInitial(server);
      const pouch = await pouchInitial(peer);
      // the ceiling: the encrypted store's SQL alone for the same rows, against the same PouchDB run
      const store = await replayIntoStore(storeSql, server.rows.length);
      // the rows as documents, as PouchDB stores them, in an index-free table of the encrypted store
      const blobs = await blobsIntoStore(server.rows, DEFAULT_PULL_LIMIT);
      // and the other stage alone: the server answering the same pulls, nothing stored
      const alone = await serverAlone(server);
      return {
        value: lotse.rowsPerSecond / pouch.docsPerSecond,
        extra: {
          lotseRowsPerSecond: lotse.rowsPerSecond,
          pouchdbDocsPerSecond: pouch.docsPerSecond,
          storeSqlRowsPerSecond: store.rowsPerSecond,
          storeSqlVsPouchdb: store.rowsPerSecond / pouch.docsPerSecond,
          jsonBlobsRowsPerSecond: blobs.rowsPerSecond,
          jsonBlobsVsPouchdb: blobs.rowsPerSecond / pouch.docsPerSecond,
          serverAloneRowsPerSecond: alone.rowsPerSecond,
          serverAloneVsPouchdb: alone.rowsPerSecond / pouch.docsPerSecond,
        },
      };
    },
    teardown: async ({ server, peer }) => {
      await stopPeer(peer);
      await stopEnv(server.env);
    },
  };
}

interface Roundtrip {
  server: Server;
  a: Desktop;
  b: Desktop;
  personIds: string[];
  n: number;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timeout: ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

const roundtripCase: BenchCase<Roundtrip> = {
  name: 'sync.edit_roundtrip',
  params: { cases: ROUNDTRIP_CASES, transport: 'sse-poke', db: 'postgresql-loopback' },
  unit: 'ms',
  lowerIsBetter: true,
  runs: QUICK ? 5 : 100,
  warmup: QUICK ? 1 : 5,
  setup: async () => {
    const server = await startSeededServer(ROUNDTRIP_CASES);
    const desktops: Desktop[] = [];
    try {
      for (let i = 0; i < 2; i += 1) {
        const d = await newDesktop(server.env.base, server.userId, randomUUID(), { poke: true });
        desktops.push(d);
        const status = await d.engine.syncNow();
        if (status.error) throw new Error(`first sync failed: ${status.error.code}`);
        d.engine.start();
        await until(() => d.engine.pokeConnected, 20_000, 'poke stream');
      }
      const personIds = server.rows.filter((r) => r.entity === 'persons').map((r) => r.id);
      return { server, a: desktops[0]!, b: desktops[1]!, personIds, n: 0 };
    } catch (error) {
      for (const d of desktops) await d.destroy();
      await stopEnv(server.env);
      throw error;
    }
  },
  run: async (s) => {
    s.n += 1;
    const personId = s.personIds[s.n % s.personIds.length]!;
    const phone = `0341 ${100_000 + s.n}`;
    const read = s.b.t.raw.prepare('SELECT phone FROM persons WHERE id = ?');
    const started = performance.now();
    await s.a.cases.updatePerson(personId, { phone });
    s.a.engine.kick(); // as the app does after every write (src/main/composition.ts)
    await until(() => (read.get(personId) as { phone: string | null }).phone === phone, 10_000, 'edit at B');
    return performance.now() - started;
  },
  teardown: async (s) => {
    await s.a.destroy();
    await s.b.destroy();
    await stopEnv(s.server.env);
  },
};

const cases: BenchCase<never>[] = [
  ...SIZES.flatMap((n) => [
    initialCase(n) as BenchCase<never>,
    peerCase(n) as BenchCase<never>,
    ratioCase(n) as BenchCase<never>,
  ]),
  roundtripCase as BenchCase<never>,
];

export default cases;
