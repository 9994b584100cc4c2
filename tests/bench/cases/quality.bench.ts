/**
 * Quality dashboard benchmark (issue 15 item 1), in the main process on the ENCRYPTED store: a
 * team lead's store with a team of 2,000 demo cases (10 caseworkers with 200 each, what the
 * server's team scope delivers), the whole team dashboard per call (quality:dashboard, scope team):
 * findings of every open case by the domain's quality rules, the dated records for contact density,
 * measures and trends, and the aggregation per caseworker. Target: ≤ 100 ms p95 with findings and
 * aggregates included (cache=cold).
 *
 * - cache=cold: first call after unlock: a new reader and new in-memory digests each run; the
 *   per-case findings of the day come from the store (case_digests, computed in the background
 *   after the unlock or by an earlier view), the dated records are read and everything aggregated;
 * - cache=none: as cold, with nothing kept on disk either (the first view ever, or the first of a
 *   new day before the background computation ran): the rules run for all open cases
 *   (evaluateQuality over every record of each case) and the digests are written;
 * - cache=after-edit: one case of the team changed through the write path before each call (not
 *   timed): that case's findings are recomputed, the dated records read and everything aggregated
 *   again;
 * - cache=warm: nothing changed: served from memory after one check of the store's change counters.
 *
 *   npm run bench -- quality
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { createLocalKysely, type LocalKysely } from '../../../src/main/db/kysely';
import { migrate } from '../../../src/main/db/migrations/run';
import { openEncryptedDb, type RawDatabase } from '../../../src/main/db/open-encrypted-db';
import { createCaseDigests } from '../../../src/main/features/cases/caseload';
import { createCasesService, type CasesService } from '../../../src/main/features/cases/cases.service';
import { seedDemoData } from '../../../src/main/features/demo/seed-demo';
import { createQualityDashboard } from '../../../src/main/features/quality/quality-dashboard.service';
import { addDays } from '../../../src/shared/domain/common/dates';
import { defineBench, type BenchCase } from '../types';

const QUICK = process.env['BENCH_QUICK'] === '1';
const TEAM_CASES = 2_000;
const CASEWORKERS = Array.from({ length: 10 }, (_, i) => `ifk-${i}`);
const TODAY = '2026-03-02';
const NOW = new Date(`${TODAY}T08:30:00.000Z`);

interface Store {
  readonly raw: RawDatabase;
  readonly db: LocalKysely;
  readonly service: CasesService;
  readonly openCaseIds: readonly string[];
}

const dir = mkdtempSync(join(tmpdir(), 'lotse-bench-quality-'));
let opened: RawDatabase | undefined;
process.once('exit', () => {
  opened?.close();
  rmSync(dir, { recursive: true, force: true });
});

let store: Promise<Store> | undefined;
function storeOf(): Promise<Store> {
  store ??= (async () => {
    const raw = openEncryptedDb(join(dir, 'lotse-team.db'), randomBytes(32), { create: true });
    opened = raw;
    const db = createLocalKysely(raw);
    await migrate(db as unknown as Kysely<unknown>);
    seedDemoData(raw, { cases: TEAM_CASES, seed: 4_711, today: TODAY, caseworkers: CASEWORKERS });
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const service = createCasesService({
      db,
      clock: { now: () => NOW },
      ids: { newId: () => randomUUID() },
      actorId: 'teamleitung-0',
    });
    const openCaseIds = raw
      .prepare(`SELECT id FROM cases WHERE status <> 'abgeschlossen' ORDER BY id LIMIT 100`)
      .pluck()
      .all() as string[];
    return { raw, db, service, openCaseIds };
  })();
  return store;
}

function reader(db: LocalKysely) {
  return createQualityDashboard({
    db: () => db,
    userId: () => 'teamleitung-0',
    role: () => 'team_lead',
    now: () => NOW,
    digests: createCaseDigests(),
  });
}

type Cache = 'none' | 'cold' | 'after-edit' | 'warm';

function dashboardBench(cache: Cache): BenchCase<unknown> {
  return defineBench<{ s: Store; r: ReturnType<typeof reader>; edit: () => string; day: () => string }>({
    name: 'quality.dashboard',
    params: { cases: TEAM_CASES, caseworkers: CASEWORKERS.length, scope: 'team', cache, store: 'encrypted' },
    unit: 'ms',
    runs: cache === 'cold' || cache === 'none' ? (QUICK ? 5 : 30) : QUICK ? 30 : 200,
    warmup: cache === 'cold' || cache === 'none' ? 1 : 5,
    async setup() {
      const s = await storeOf();
      const r = reader(s.db);
      await r.dashboard('team');
      let i = 0;
      let d = 0;
      return {
        s,
        r,
        edit: () => s.openCaseIds[i++ % s.openCaseIds.length]!,
        // a new review date each time (an unchanged value would write nothing)
        day: () => addDays('2026-04-01', d++),
      };
    },
    async run(state) {
      if (cache === 'after-edit')
        await state.s.service.updateCase(state.edit(), { nextReviewOn: state.day() });
      if (cache === 'none') state.s.raw.prepare('DELETE FROM case_digests').run();
      const started = performance.now();
      const r = cache === 'cold' || cache === 'none' ? reader(state.s.db) : state.r;
      const d = await r.dashboard('team');
      const ms = performance.now() - started;
      if (d.total.cases === 0 || d.caseworkers.length !== CASEWORKERS.length)
        throw new Error('the team dashboard is empty');
      return ms;
    },
  });
}

export default [
  dashboardBench('none'),
  dashboardBench('cold'),
  dashboardBench('after-edit'),
  dashboardBench('warm'),
];
