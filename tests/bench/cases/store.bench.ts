/**
 * Local store benchmarks: unlock (with and without the KDF), first query after opening a large
 * database, and encrypted-vs-plain ratios for bulk insert, point reads and FTS queries, all
 * measured in one run on the same machine. BENCH_QUICK=1 shrinks every size for a smoke test.
 *
 * Target: encrypted ≤ 1.3× plain on reads.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import { createLocalKysely } from '../../../src/main/db/kysely';
import { createLocalStore, type LocalStore } from '../../../src/main/db/local-store';
import { migrate } from '../../../src/main/db/migrations/run';
import { DB_CACHE_SIZE_KIB, openEncryptedDb, type RawDatabase } from '../../../src/main/db/open-encrypted-db';
import { createCasesService } from '../../../src/main/features/cases/cases.service';
import { seedDemoData } from '../../../src/main/features/demo/seed-demo';
import { silentLogger } from '../../../src/main/logging/logger';
import { DEFAULT_SCRYPT } from '../../../src/main/vault/crypto';
import { createVault, type Vault } from '../../../src/main/vault/vault';
import { defineBench, type BenchCase } from '../types';

const QUICK = process.env['BENCH_QUICK'] === '1';
const LARGE = QUICK ? 2_000 : 100_000;
const BULK = QUICK ? 1_000 : 10_000;
const POINT_READS = QUICK ? 200 : 2_000;
const FTS_QUERIES = QUICK ? 20 : 100;
const SEED = 4_711;
const TODAY = '2026-03-02';
const PASSPHRASE = 'Bench Passphrase an der Elbe';

const seedOptions = (cases: number) => ({ cases, seed: SEED, today: TODAY });

async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A plain (unencrypted) database with the same pragmas except the key: the baseline. */
function openPlainDb(path: string): RawDatabase {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma(`cache_size = -${DB_CACHE_SIZE_KIB}`);
  return db;
}

async function migrated(raw: RawDatabase): Promise<void> {
  const k = createLocalKysely(raw);
  await migrate(k as unknown as Kysely<unknown>);
}

/** Builds a database of `cases` demo cases, encrypted (with `key`) or plain, and closes it. */
async function buildDb(path: string, cases: number, key?: Buffer): Promise<number> {
  const raw = key ? openEncryptedDb(path, key, { create: true }) : openPlainDb(path);
  await migrated(raw);
  const ms = timed(() => seedDemoData(raw, seedOptions(cases)));
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return ms;
}

function timed(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

// ---- store.unlock -------------------------------------------------------------------------------

interface UnlockState {
  dir: string;
  vault: Vault;
  store: LocalStore;
}

const unlockWithKdf = defineBench<UnlockState>({
  name: 'store.unlock',
  params: { kdf: 'included', scryptN: DEFAULT_SCRYPT.N, cases: 200 },
  runs: QUICK ? 2 : 5,
  warmup: 1,
  async setup() {
    const dir = await tempDir('lotse-bench-unlock-');
    const logger = silentLogger();
    const store = createLocalStore({ dataDir: dir, logger });
    const vault = await createVault({
      dataDir: dir,
      logger,
      scrypt: DEFAULT_SCRYPT,
      onUnlock: (key, info) => store.open(key, info),
      onLock: () => store.close(),
    });
    await vault.create(PASSPHRASE);
    seedDemoData(store.raw(), seedOptions(200));
    await vault.lock();
    return { dir, vault, store };
  },
  async run(s) {
    const started = performance.now();
    await s.vault.unlock(PASSPHRASE);
    const elapsed = performance.now() - started;
    await s.vault.lock();
    return elapsed;
  },
  unit: 'ms',
  async teardown(s) {
    await s.vault.lock();
    await rm(s.dir, { recursive: true, force: true });
  },
});

interface OpenState {
  dir: string;
  path: string;
  key: Buffer;
}

/** Unlock without the KDF: open + key + verify + pragmas + migration check (what a quick unlock costs). */
const unlockWithoutKdf = defineBench<OpenState & { store: LocalStore }>({
  name: 'store.unlock',
  params: { kdf: 'excluded', cases: 200 },
  runs: QUICK ? 5 : 20,
  async setup() {
    const dir = await tempDir('lotse-bench-open-');
    const path = join(dir, 'lotse.db');
    const key = randomBytes(32);
    await buildDb(path, 200, key);
    return { dir, path, key, store: createLocalStore({ dataDir: dir, logger: silentLogger() }) };
  },
  async run(s) {
    const started = performance.now();
    await s.store.open(Buffer.from(s.key), { firstRun: false });
    const elapsed = performance.now() - started;
    await s.store.close();
    return elapsed;
  },
  unit: 'ms',
  async teardown(s) {
    await s.store.close();
    await rm(s.dir, { recursive: true, force: true });
  },
});

// ---- the large databases, built once per bench process ----------------------------------------

interface LargeDbs {
  readonly dir: string;
  readonly key: Buffer;
  /** `<dir>/enc/lotse.db`, so createLocalStore can open it. */
  readonly encDir: string;
  readonly encPath: string;
  readonly plainPath: string;
  readonly encSeedMs: number;
  readonly plainSeedMs: number;
  readonly caseIds: string[];
  /** The cases of one caseload (~200): what a caseworker opens again and again during a day. */
  readonly caseloadIds: string[];
  readonly terms: string[];
}

let largeDir: string | undefined;
let large: Promise<LargeDbs> | undefined;
process.once('exit', () => {
  if (largeDir) rmSync(largeDir, { recursive: true, force: true });
});

async function buildLarge(): Promise<LargeDbs> {
  const dir = await tempDir('lotse-bench-large-');
  largeDir = dir;
  const key = randomBytes(32);
  const encDir = join(dir, 'enc');
  mkdirSync(encDir);
  const encPath = join(encDir, 'lotse.db');
  const plainPath = join(dir, 'plain.db');
  const encSeedMs = await buildDb(encPath, LARGE, key);
  const plainSeedMs = await buildDb(plainPath, LARGE);
  const plain = openPlainDb(plainPath);
  const step = Math.max(1, Math.floor(LARGE / POINT_READS));
  const caseIds = (plain.prepare('SELECT id FROM cases').pluck().all() as string[]).filter(
    (_, i) => i % step === 0,
  );
  const caseloadIds = plain
    .prepare('SELECT id FROM cases WHERE caseworker_id = (SELECT caseworker_id FROM cases LIMIT 1) LIMIT 250')
    .pluck()
    .all() as string[];
  const names = plain.prepare('SELECT DISTINCT last_name FROM persons LIMIT 40').pluck().all() as string[];
  plain.close();
  const terms = [...names.map((n) => n.slice(0, 4)), 'lagerlog', 'bewerbung', 'torgau', 'schuldner'];
  return {
    dir,
    key,
    encDir,
    encPath,
    plainPath,
    encSeedMs,
    plainSeedMs,
    caseIds: caseIds.slice(0, POINT_READS),
    caseloadIds,
    terms,
  };
}

function largeDbs(): Promise<LargeDbs> {
  large ??= buildLarge();
  return large;
}

/** Inserting the demo set: prepared statements in batched transactions (target: 100,000 well under a minute). */
const demoSeed = defineBench<LargeDbs>({
  name: 'store.demo_seed',
  params: { cases: LARGE, encrypted: true },
  runs: 1,
  warmup: 0,
  setup: largeDbs,
  run: (s) => s.encSeedMs,
  unit: 'ms',
});

// ---- store.open_first_query ---------------------------------------------------------------------

const openFirstQuery = defineBench<LargeDbs & { store: LocalStore }>({
  name: 'store.open_first_query',
  params: { cases: LARGE, query: 'caseload page 1 (50 rows)' },
  runs: QUICK ? 3 : 5,
  async setup() {
    const l = await largeDbs();
    return { ...l, store: createLocalStore({ dataDir: l.encDir, logger: silentLogger() }) };
  },
  async run(s) {
    const started = performance.now();
    await s.store.open(Buffer.from(s.key), { firstRun: false });
    const cases = createCasesService({
      db: () => s.store.db(),
      clock: { now: () => new Date() },
      ids: { newId: () => 'unused' },
    });
    const page = await cases.listCases({ limit: 50 });
    const elapsed = performance.now() - started;
    if (page.length !== 50) throw new Error('expected a full first page');
    await s.store.close();
    return elapsed;
  },
  unit: 'ms',
  async teardown(s) {
    await s.store.close();
  },
});

// ---- store.encrypted_vs_plain -------------------------------------------------------------------

const bulkInsertRatio = defineBench<{ dir: string; round: number }>({
  name: 'store.encrypted_vs_plain',
  params: { op: 'bulk_insert', cases: BULK },
  unit: 'ratio',
  runs: QUICK ? 2 : 3,
  warmup: 0,
  async setup() {
    return { dir: await tempDir('lotse-bench-bulk-'), round: 0 };
  },
  async run(s) {
    s.round += 1;
    const prepare = async (key?: Buffer) => {
      const raw = key
        ? openEncryptedDb(join(s.dir, `enc-${s.round}.db`), key, { create: true })
        : openPlainDb(join(s.dir, `plain-${s.round}.db`));
      await migrated(raw);
      return raw;
    };
    const enc = await prepare(randomBytes(32));
    const plain = await prepare();
    const encMs = timed(() => seedDemoData(enc, seedOptions(BULK)));
    const plainMs = timed(() => seedDemoData(plain, seedOptions(BULK)));
    enc.close();
    plain.close();
    return encMs / plainMs;
  },
  async teardown(s) {
    await rm(s.dir, { recursive: true, force: true });
  },
});

/**
 * Fresh connections each run (cold SQLite page cache, warm OS cache). `point_read`: 2,000 cases
 * spread over all 100,000, so nearly every read decrypts pages no read touched before (worst case).
 * `point_read_caseload`: 2,000 reads within one caseload, as a caseworker works through it.
 */
function pointReads(raw: RawDatabase, ids: readonly string[], reads = ids.length): number {
  const stmt = raw.prepare(
    `SELECT c.*, p.first_name, p.last_name, p.birth_date FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = ?`,
  );
  return timed(() => {
    for (let i = 0; i < reads; i += 1) if (!stmt.get(ids[i % ids.length])) throw new Error('missing case');
  });
}

function ftsQueries(raw: RawDatabase, terms: readonly string[]): number {
  const stmt = raw.prepare(
    `SELECT case_id FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT 50`,
  );
  return timed(() => {
    for (let i = 0; i < FTS_QUERIES; i += 1) stmt.all(`"${terms[i % terms.length]!}"*`);
  });
}

function readRatio(
  name: 'point_read' | 'point_read_caseload' | 'fts_query',
  measure: (raw: RawDatabase, s: LargeDbs) => number,
): BenchCase<LargeDbs> {
  return defineBench<LargeDbs>({
    name: 'store.encrypted_vs_plain',
    params: {
      op: name,
      cases: LARGE,
      ...(name === 'fts_query' ? { queries: FTS_QUERIES } : { reads: POINT_READS }),
    },
    unit: 'ratio',
    runs: QUICK ? 3 : 7,
    setup: largeDbs,
    run(s) {
      const enc = openEncryptedDb(s.encPath, s.key, { readonly: true });
      const plain = openPlainDb(s.plainPath);
      try {
        // alternate the order so neither side always gets the warmer OS cache
        const plainFirst = Math.random() < 0.5;
        const p1 = plainFirst ? measure(plain, s) : 0;
        const e = measure(enc, s);
        const p2 = plainFirst ? p1 : measure(plain, s);
        return e / p2;
      } finally {
        enc.close();
        plain.close();
      }
    },
  });
}

const cases: BenchCase<never>[] = [
  unlockWithKdf,
  unlockWithoutKdf,
  demoSeed,
  openFirstQuery,
  bulkInsertRatio,
  readRatio('point_read', (raw, s) => pointReads(raw, s.caseIds)),
  readRatio('point_read_caseload', (raw, s) => pointReads(raw, s.caseloadIds, POINT_READS)),
  readRatio('fts_query', (raw, s) => ftsQueries(raw, s.terms)),
] as unknown as BenchCase<never>[];

export default cases;
