/**
 * Caseload and search benchmarks (issue 9), in the main process on the ENCRYPTED store, at
 * 200 / 2,000 / 100,000 demo cases (500 caseworkers with 200 cases each at 100,000). Each run is one
 * call; p95 is over the runs. Baselines are measured in the same run on the same database:
 *
 * - `search.keystroke` method=name-index: what the search field sends per keystroke (prefixes of
 *   surnames typed letter by letter, spelling variants, case numbers, birth dates, note words);
 *   method=fts-bm25: the previous search (FTS5 over everything, ORDER BY rank) for the same keystrokes.
 * - `case.open` read=cases:get: everything the case header and the current phase read today
 *   (case, person, household, office, notes, appointments, target groups); read=point-lookup: one
 *   raw prepared point lookup of case + person (the floor).
 * - `caseload.query`: "Mein Bestand" of one caseworker (200 cases) with counts, sorted by a
 *   different column each run; cache=warm (coming back to the list with nothing changed: served from
 *   memory after one check of the store's change counters), cache=after-edit (one case of the
 *   caseload changed through the write path before each call: the caseload's revisions are checked,
 *   that case's base row read again and the case recomputed) and cache=cold (first call after unlock:
 *   a new reader; target groups and findings of the day come from the store's case_digests).
 *
 *   npm run bench -- search case caseload
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createLocalKysely, type LocalKysely } from '../../../src/main/db/kysely';
import { migrate } from '../../../src/main/db/migrations/run';
import { openEncryptedDb, type RawDatabase } from '../../../src/main/db/open-encrypted-db';
import { createCaseloadReader } from '../../../src/main/features/cases/caseload';
import { casesHandlers } from '../../../src/main/features/cases/cases.ipc';
import { createCasesService, type CasesService } from '../../../src/main/features/cases/cases.service';
import { seedDemoData } from '../../../src/main/features/demo/seed-demo';
import { refreshSearchKeysRaw } from '../../../src/main/db/search-keys';
import { ENTITY_NAMES } from '../../../src/shared/entities/index';
import { CASELOAD_SORT_COLUMNS } from '../../../src/shared/ipc/contract';
import { defineBench, type BenchCase } from '../types';

const QUICK = process.env['BENCH_QUICK'] === '1';
const SIZES = QUICK ? [200, 2_000, 6_000] : [200, 2_000, 100_000];
const LARGEST = SIZES[SIZES.length - 1]!;
const PER_CASEWORKER = 200;
const TODAY = '2026-03-02';
const NOW = new Date(`${TODAY}T08:30:00.000Z`);
const RUNS = QUICK ? 60 : 400;

interface Db {
  readonly cases: number;
  readonly raw: RawDatabase;
  readonly db: LocalKysely;
  readonly service: CasesService;
  readonly keystrokes: readonly string[];
  readonly caseIds: readonly string[];
  readonly seedMs: number;
}

const dir = mkdtempSync(join(tmpdir(), 'lotse-bench-caseload-'));
const opened: RawDatabase[] = [];
process.once('exit', () => {
  for (const raw of opened) raw.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a caseworker types, keystroke by keystroke: each prefix is one query. */
function typed(word: string, from = 1): string[] {
  return Array.from({ length: word.length - from + 1 }, (_, i) => word.slice(0, from + i));
}

/**
 * Generating 100,000 demo cases through the apply path takes 5 to 30 minutes on a shared 2-core
 * machine (the generator alone ≈ 4 ms a case). For the bench the store is filled faster:
 * GENERATED cases are generated and applied as usual, then copied by SQL (`copies` times) with
 * ids, numbers and caseworkers made unique. Every trigger fires on the copies as on any insert (FTS
 * index, caseload members, case revisions); the search keys are then written by the index code
 * itself for every person and case (refreshSearchKeysRaw), as the write and apply paths do.
 */
const GENERATED = 2_000;
const ID_COLUMNS = new Set([
  'id',
  'case_id',
  'person_id',
  'household_id',
  'appointment_id',
  'assessment_id',
  'previous_version_id',
  'goal_id',
  'plan_id',
]);

function copyCases(raw: RawDatabase, copies: number, caseworkersPerCopy: number): void {
  const tables = ENTITY_NAMES.map((name) => ({
    name,
    columns: (raw.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((c) => c.name),
    maxRowid: Number(raw.prepare(`SELECT coalesce(max(rowid), 0) FROM ${name}`).pluck().get()),
  }));
  for (let k = 1; k <= copies; k += 1) {
    raw.transaction(() => {
      for (const t of tables) {
        const select = t.columns.map((c) => {
          if (ID_COLUMNS.has(c)) return `CASE WHEN ${c} IS NULL THEN NULL ELSE ${c} || '-${k}' END`;
          if (c === 'case_number' || c === 'provisional_case_number')
            return `CASE WHEN ${c} IS NULL THEN NULL ELSE ${c} || '-K${k}' END`;
          if (c === 'customer_number') return `${c} || 'K${k}'`;
          if (c === 'caseworker_id')
            return `'ifk-' || (CAST(substr(${c}, 5) AS INTEGER) + ${k * caseworkersPerCopy})`;
          return c;
        });
        raw
          .prepare(
            `INSERT INTO ${t.name} (${t.columns.join(', ')}) SELECT ${select.join(', ')} FROM ${t.name} WHERE rowid <= ${t.maxRowid}`,
          )
          .run();
      }
    })();
  }
  const ids = (table: 'persons' | 'cases') =>
    raw.prepare(`SELECT id FROM ${table}`).pluck().all() as string[];
  raw.transaction(() => {
    for (const table of ['persons', 'cases'] as const)
      for (const id of ids(table)) refreshSearchKeysRaw(raw, table, id);
  })();
}

async function build(cases: number): Promise<Db> {
  const raw = openEncryptedDb(join(dir, `lotse-${cases}.db`), randomBytes(32), { create: true });
  opened.push(raw);
  const db = createLocalKysely(raw);
  await migrate(db as unknown as Kysely<unknown>);
  const generated = Math.min(cases, GENERATED);
  const caseworkers = Array.from({ length: Math.max(1, generated / PER_CASEWORKER) }, (_, i) => `ifk-${i}`);
  const started = performance.now();
  seedDemoData(raw, { cases: generated, seed: 4_711, today: TODAY, caseworkers });
  if (cases > generated) copyCases(raw, cases / generated - 1, caseworkers.length);
  const seedMs = performance.now() - started;
  raw.pragma('wal_checkpoint(TRUNCATE)');
  const names = raw
    .prepare('SELECT last_name FROM persons GROUP BY last_name ORDER BY random() LIMIT 12')
    .pluck()
    .all() as string[];
  const first = raw
    .prepare('SELECT first_name FROM persons ORDER BY random() LIMIT 4')
    .pluck()
    .all() as string[];
  const numbers = raw
    .prepare('SELECT case_number FROM cases ORDER BY random() LIMIT 3')
    .pluck()
    .all() as string[];
  const births = raw
    .prepare('SELECT birth_date FROM persons ORDER BY random() LIMIT 3')
    .pluck()
    .all() as string[];
  const keystrokes = [
    ...names.flatMap((n) => typed(n, 1).slice(0, 6)),
    ...first.flatMap((n) => typed(`${n} ${names[0]!.slice(0, 2)}`, n.length + 1)),
    ...typed('gross'),
    ...typed('yilmaz'),
    ...typed('mueller'),
    ...typed('Schulung', 3),
    ...typed('Bewerbung', 3),
    ...typed('Dem'),
    ...numbers.flatMap((n) => typed(n, 4)),
    ...births.map((b) => `${b.slice(8, 10)}.${b.slice(5, 7)}.${b.slice(0, 4)}`),
    ...births.map((b) => b.slice(0, 4)),
  ];
  const caseIds = raw
    .prepare(`SELECT id FROM cases WHERE caseworker_id = 'ifk-0' ORDER BY random() LIMIT 200`)
    .pluck()
    .all() as string[];
  const service = createCasesService({
    db,
    clock: { now: () => NOW },
    ids: { newId: () => randomUUID() },
    actorId: 'ifk-0',
  });
  return { cases, raw, db, service, keystrokes, caseIds, seedMs };
}

const dbs = new Map<number, Promise<Db>>();
function dbOf(cases: number): Promise<Db> {
  let p = dbs.get(cases);
  if (!p) {
    p = build(cases);
    dbs.set(cases, p);
  }
  return p;
}

/** Cycles through a list, one item per run. */
function cycle<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

function searchBench(cases: number, method: 'name-index' | 'fts-bm25'): BenchCase<unknown> {
  return defineBench<{ d: Db; next: () => string }>({
    name: 'search.keystroke',
    params: { cases, method, store: 'encrypted' },
    runs: RUNS,
    warmup: 20,
    async setup() {
      const d = await dbOf(cases);
      return { d, next: cycle(d.keystrokes) };
    },
    async run({ d, next }) {
      const q = next();
      if (method === 'name-index') {
        await d.service.searchCases(q, { limit: 50 });
      } else {
        // the search before issue 9: every word a prefix term, ranked by bm25 over all index rows
        const words = q.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
        if (words.length === 0) return;
        await sql`SELECT case_id FROM search_index WHERE search_index MATCH ${words.map((w) => `"${w}"*`).join(' AND ')} ORDER BY rank LIMIT 200`.execute(
          d.db,
        );
      }
    },
  }) as BenchCase<unknown>;
}

function openBench(cases: number, read: 'cases:get' | 'point-lookup'): BenchCase<unknown> {
  return defineBench<{ d: Db; next: () => string; get: (id: string) => Promise<unknown> }>({
    name: 'case.open',
    params: { cases, read, store: 'encrypted' },
    runs: RUNS,
    warmup: 20,
    async setup() {
      const d = await dbOf(cases);
      const reader = createCaseloadReader({ db: () => d.db, caseworkerId: () => 'ifk-0', now: () => NOW });
      const handler = casesHandlers(
        d.service,
        () => d.db,
        () => TODAY,
        reader,
      )['cases:get'];
      const stmt = d.raw.prepare(
        'SELECT c.*, p.first_name, p.last_name, p.birth_date FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = ?',
      );
      const get =
        read === 'cases:get'
          ? (caseId: string) => Promise.resolve(handler({ caseId }, { channel: 'cases:get' }))
          : (caseId: string) => Promise.resolve(stmt.get(caseId));
      return { d, next: cycle(d.caseIds), get };
    },
    async run({ next, get }) {
      if (!(await get(next()))) throw new Error('case missing');
    },
  }) as BenchCase<unknown>;
}

function caseloadBench(cache: 'warm' | 'after-edit' | 'cold'): BenchCase<unknown> {
  const sorts = cycle(CASELOAD_SORT_COLUMNS);
  // 50 cases edited in turn, 27 review days: every edit changes the case's value (a cycle of two days
  // would give each case the value it already has from the second round on, and change nothing)
  const reviewDays = cycle(Array.from({ length: 27 }, (_, i) => `2026-04-${String(i + 1).padStart(2, '0')}`));
  return defineBench<{ d: Db; reader: ReturnType<typeof createCaseloadReader>; edited: () => string }>({
    name: 'caseload.query',
    params: { cases: LARGEST, caseload: PER_CASEWORKER, cache, store: 'encrypted' },
    unit: 'ms',
    runs: cache === 'cold' ? (QUICK ? 5 : 20) : RUNS,
    warmup: cache === 'cold' ? 1 : 20,
    async setup() {
      const d = await dbOf(LARGEST);
      const open = d.raw
        .prepare(`SELECT id FROM cases WHERE caseworker_id = 'ifk-0' AND status <> 'abgeschlossen' LIMIT 50`)
        .pluck()
        .all() as string[];
      return {
        d,
        reader: createCaseloadReader({ db: () => d.db, caseworkerId: () => 'ifk-0', now: () => NOW }),
        edited: cycle(open),
      };
    },
    async run(s) {
      // after-edit: one case of the caseload was changed through the write path since the last call
      // (the edit is not timed); the reread reads the base rows again and recomputes that case
      const edit = cache === 'after-edit' ? { caseId: s.edited(), nextReviewOn: reviewDays() } : undefined;
      if (edit) await s.d.service.updateCase(edit.caseId, { nextReviewOn: edit.nextReviewOn });
      const started = performance.now();
      const reader =
        cache === 'cold'
          ? createCaseloadReader({ db: () => s.d.db, caseworkerId: () => 'ifk-0', now: () => NOW })
          : s.reader;
      const result = await reader({ sort: sorts(), direction: 'asc' });
      const ms = performance.now() - started;
      // 200 cases per caseworker, the closed ones are not in the caseload
      if (result.total < PER_CASEWORKER * 0.8) throw new Error(`caseload of ${result.total} cases`);
      if (edit && result.items.find((r) => r.caseId === edit.caseId)?.nextReviewOn !== edit.nextReviewOn)
        throw new Error('the edit is not in the caseload');
      return ms;
    },
  }) as BenchCase<unknown>;
}

const seedCase = defineBench<Db>({
  name: 'caseload.seed',
  params: {
    cases: LARGEST,
    store: 'encrypted',
    path: LARGEST > GENERATED ? `apply ${GENERATED} + SQL copies` : 'apply-server-rows',
  },
  runs: 1,
  warmup: 0,
  setup: () => dbOf(LARGEST),
  run: (d) => d.seedMs,
  unit: 'ms',
});

const cases: BenchCase<unknown>[] = [
  ...SIZES.flatMap((n) => [searchBench(n, 'name-index'), searchBench(n, 'fts-bm25')]),
  ...SIZES.flatMap((n) => [openBench(n, 'cases:get'), openBench(n, 'point-lookup')]),
  caseloadBench('warm'),
  caseloadBench('after-edit'),
  caseloadBench('cold'),
  seedCase as BenchCase<unknown>,
];

export default cases;
