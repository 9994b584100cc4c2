/**
 * Fault trials of SYNC.md §4.8 (4): the server restarts, and separately PostgreSQL restarts, in the
 * middle of a sync, right after the server committed a push and before the desktop got the answer.
 * The desktop's engine runs on its real timer: it retries with backoff with no new local write and
 * converges; every outbox entry is applied exactly once and nothing is lost.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { buildApp } from '../../src/server/app';
import { testConfig } from '../../src/server/config';
import { readPushBatch } from '../../src/main/features/sync/sync-steps';
import { SyncHttp, type FetchLike } from '../../src/main/features/sync/sync-http';
import type { SyncEngine } from '../../src/main/features/sync/sync-engine';
import { sampleFields } from '../helpers/records';
import { SERVER_DIALECTS, skipReason } from '../helpers/server-db';
import {
  engineDesktop,
  listen,
  realFetch,
  rows,
  sessionAuth,
  type EngineDesktop,
} from '../helpers/sync-engine';
import { createHarness, type Harness } from '../integration/server/harness';

const TIMEOUT = 180_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: restarts during a sync`, () => {
    let h: Harness;
    let url: string;
    const open: EngineDesktop[] = [];
    const engines: SyncEngine[] = [];
    beforeAll(async () => {
      h = await createHarness(dialect);
    }, TIMEOUT);
    afterAll(async () => {
      await h?.close();
    });
    afterEach(async () => {
      for (const e of engines.splice(0)) await e.stop();
      for (const d of open.splice(0)) await d.destroy();
      // a connection of the poke trial lingers until the keep-alive timeout (72 s) after its
      // desktop stopped and would hold up the next close(); not what these trials are about
      h?.app?.server.closeAllConnections();
    });

    /** The server process's restart: the app closes and a new one listens on the same port and database. */
    const restartServer = async (downMs: number) => {
      const port = Number(new URL(url).port);
      await h.app.close();
      await sleep(downMs);
      h.app = await buildApp({
        db: h.tdb.db,
        config: testConfig({}),
        clock: h.clock,
        ids: h.ids,
        logger: pino({ level: 'silent' }),
      });
      await h.app.listen({ port, host: '127.0.0.1' });
    };

    /**
     * A desktop with ten new cases (twenty outbox entries, pushed four at a time) whose engine runs
     * on real timers; `fault` runs once, after the server answered the third push.
     */
    const scenario = async (fault: () => Promise<void>, dropAnswer: boolean) => {
      await h.reset();
      url = await listen(h);
      const a = await engineDesktop(h, url, 'cw');
      open.push(a);
      const personIds: string[] = [];
      for (let i = 0; i < 10; i += 1) {
        const made = await a.cases.createCase({
          officeId: 'oschatz',
          caseworkerId: a.session.userId,
          openedOn: '2026-03-02',
          person: { ...sampleFields('persons', { caseId: 'x', id: 'x' }), phone: `0341 ${300 + i}` },
        });
        personIds.push(made.personId);
      }
      const outbox = (await readPushBatch(a.t.db, a.session.clientId))!.mutations.map((m) => m.mutationId);
      expect(outbox).toHaveLength(20);

      let pushes = 0;
      let outage: Promise<void> | null = null;
      const failedAt: number[] = [];
      const fetcher: FetchLike = async (u, init) => {
        try {
          const res = await realFetch(u, init);
          if (u.endsWith('/sync/push') && ++pushes === 3) {
            const body = await res.text();
            outage = fault();
            if (dropAnswer) throw new TypeError('fetch failed');
            return { status: res.status, text: async () => body };
          }
          if (outage && res.status >= 500) failedAt.push(Date.now());
          return res;
        } catch (error) {
          if (outage) failedAt.push(Date.now());
          throw error;
        }
      };
      const engine = a.rebuild({
        http: new SyncHttp(url, fetcher, sessionAuth(h, a.session)),
        timer: undefined,
        retryBaseMs: 100,
        retryMaxMs: 800,
        idleIntervalMs: 60_000,
        pushBatchSize: 4,
      });
      engines.push(engine);
      engine.start();
      // no local write from here on: only the engine's retry timer can finish the sync
      const deadline = Date.now() + 45_000;
      for (;;) {
        const s = await engine.status();
        if (outage && s.pendingCount === 0 && s.state === 'idle' && s.error === null) break;
        if (Date.now() > deadline) throw new Error(`no convergence: ${JSON.stringify(s)}`);
        await sleep(100);
      }
      await outage;
      return { a, engine, outbox, personIds, failedAt };
    };

    const expectDeliveredOnce = async (r: Awaited<ReturnType<typeof scenario>>) => {
      const stored = await h.tdb.db
        .selectFrom('sync_mutations')
        .select(['mutation_id', 'status'])
        .where('client_id', '=', r.a.session.clientId)
        .orderBy('seq')
        .execute();
      expect(stored.map((m) => m.mutation_id)).toEqual(r.outbox);
      expect(new Set(stored.map((m) => m.status))).toEqual(new Set(['applied']));
      const s = await r.engine.status();
      expect(s).toMatchObject({ pendingCount: 0, rejectionCount: 0, conflictCount: 0 });
      const persons = await h.tdb.db
        .selectFrom('sync_records')
        .select(['row_version'])
        .where('entity', '=', 'persons')
        .execute();
      expect(persons.map((p) => Number(p.row_version))).toEqual(Array(10).fill(1));
      // another desktop gets every phone number
      const b = await engineDesktop(h, url, 'cw');
      open.push(b);
      expect((await b.engine.syncNow()).error).toBeNull();
      expect(
        r.personIds.map((id) => rows(b, 'SELECT phone FROM persons WHERE id = ?', id)[0]?.['phone']),
      ).toEqual(Array.from({ length: 10 }, (_, i) => `0341 ${300 + i}`));
    };

    it(
      'the server restarts after committing a push and before its answer arrives: the engine retries with backoff and converges',
      async () => {
        const r = await scenario(() => restartServer(1_500), true);
        // retries while the server was down, each later than the one before (backoff)
        expect(r.failedAt.length).toBeGreaterThanOrEqual(2);
        const gaps = r.failedAt.slice(1).map((t, i) => t - r.failedAt[i]!);
        if (gaps.length >= 2) expect(gaps.at(-1)!).toBeGreaterThanOrEqual(gaps[0]!);
        await expectDeliveredOnce(r);
      },
      TIMEOUT,
    );

    it(
      'the server restarts while the desktop holds its poke stream: the stream reconnects, and a change committed before it did still arrives without a timer round',
      async () => {
        await h.reset();
        url = await listen(h);
        const b = await engineDesktop(h, url, 'cw');
        open.push(b);
        const { personId } = await b.cases.createCase({
          officeId: 'oschatz',
          caseworkerId: b.session.userId,
          openedOn: '2026-03-02',
          person: { ...sampleFields('persons', { caseId: 'x', id: 'x' }), phone: '0341 400' },
        });
        expect((await b.engine.syncNow()).pendingCount).toBe(0);
        // a long idle interval: only a poke (or a reconnect) makes this desktop sync
        const a = await engineDesktop(h, url, 'cw', {
          realTimer: true,
          poke: true,
          retryBaseMs: 1_500,
          retryMaxMs: 3_000,
          idleIntervalMs: 600_000,
        });
        open.push(a);
        a.engine.start();
        const waitFor = async (what: string, ok: () => boolean) => {
          const deadline = Date.now() + 30_000;
          while (!ok()) {
            if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
            await sleep(50);
          }
        };
        const phoneAtA = () => rows(a, 'SELECT phone FROM persons WHERE id = ?', personId)[0]?.['phone'];
        await waitFor('first sync', () => phoneAtA() === '0341 400');
        await waitFor('poke stream', () => a.engine.pokeConnected);

        await restartServer(300);
        // committed while A's stream is still down (its reconnect waits for the backoff): no poke reaches A
        await b.cases.updatePerson(personId, { phone: '0341 401' });
        expect((await b.engine.syncNow()).pendingCount).toBe(0);
        expect(a.engine.pokeConnected).toBe(false);
        await waitFor('reconnect', () => a.engine.pokeConnected);
        await waitFor('the change made while disconnected', () => phoneAtA() === '0341 401');
        // and the reconnected stream carries the next poke
        await b.cases.updatePerson(personId, { phone: '0341 402' });
        expect((await b.engine.syncNow()).pendingCount).toBe(0);
        await waitFor('the poked change', () => phoneAtA() === '0341 402');
      },
      TIMEOUT,
    );

    it.skipIf(dialect !== 'postgres')(
      'PostgreSQL restarts (by its pid) in the middle of a sync: the server survives the dropped connections, the engine retries and converges',
      async () => {
        const r = await scenario(() => h.tdb.restartDatabase!(1_000), false);
        expect(r.failedAt.length).toBeGreaterThanOrEqual(1);
        await expectDeliveredOnce(r);
      },
      TIMEOUT,
    );
  });
}
