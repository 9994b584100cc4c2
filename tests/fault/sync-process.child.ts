/**
 * Child process for sync-process.test.ts: a desktop with the real sync engine in its own process,
 * on the real encrypted store, against the test's server on 127.0.0.1 (password login for its
 * device, real fetch). Environment:
 *
 *   LOTSE_TEST_KEY_HEX   the store's data key
 *   LOTSE_BASE_URL       the server
 *   LOTSE_USERNAME, LOTSE_PASSWORD, LOTSE_CLIENT_ID
 *   LOTSE_CLOCK_MS       the device clock (the server's fake clock)
 *   LOTSE_WRITE          cases to create before syncing (each a case and its person)
 *   LOTSE_PULL_LIMIT     rows per pull page
 *   LOTSE_FAULT          where to stop: `before-send` (the push request is about to leave),
 *                        `after-response` (the server answered the push, its answer not yet
 *                        recorded), `pull-apply:<page>:<rows>` (inside the apply transaction of
 *                        pull page <page>, after <rows> row writes)
 *
 * At the fault point it prints `at <fault>` and blocks the thread (Atomics.wait), so the parent
 * kills it with SIGKILL exactly there. Without a fault it syncs and prints `done <status json>`.
 */
import { randomUUID } from 'node:crypto';
import type { RawDatabase } from '../../src/main/db/open-encrypted-db';
import { createCasesService } from '../../src/main/features/cases/cases.service';
import { SyncEngine } from '../../src/main/features/sync/sync-engine';
import { SyncHttp, type FetchLike } from '../../src/main/features/sync/sync-http';
import { childAuth, childSetup, openChildStore, runChildMain } from '../helpers/child-desktop';
import { sampleFields } from '../helpers/records';

const { path, key, baseUrl, clientId, clock } = childSetup();
const fault = process.env['LOTSE_FAULT'] ?? '';

/** Announces the fault point and blocks this thread until the parent's SIGKILL. */
function stopHere(what: string): never {
  process.stdout.write(`at ${what}\n`);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(cell, 0, 0);
}

const pullFault = /^pull-apply:(\d+):(\d+)$/.exec(fault);
/** The page to die in (1-based); armed once the pages before it are applied (see onProgress). */
const faultPage = pullFault ? Number(pullFault[1]) : 0;
let armed = faultPage === 1;
let writesInPage = 0;

/** The raw handle with a trap in every statement's run (for the pull-apply fault). */
function trapped(raw: RawDatabase): RawDatabase {
  if (!pullFault) return raw;
  const rowsBefore = Number(pullFault[2]);
  return new Proxy(raw, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop !== 'prepare') return typeof value === 'function' ? value.bind(target) : value;
      return (source: string) => {
        const stmt = target.prepare(source);
        return new Proxy(stmt, {
          get(s, p) {
            const v = Reflect.get(s, p, s) as unknown;
            if (p !== 'run') return typeof v === 'function' ? v.bind(s) : v;
            return (...args: unknown[]) => {
              if (armed) {
                writesInPage += 1;
                if (writesInPage > rowsBefore) stopHere(fault);
              }
              return (s.run as (...a: unknown[]) => unknown)(...args);
            };
          },
        });
      };
    },
  });
}

const fetcher: FetchLike = async (url, init) => {
  const isPush = url.endsWith('/sync/push');
  if (isPush && fault === 'before-send') stopHere(fault);
  const res = await fetch(url, init);
  if (isPush && fault === 'after-response') {
    const text = await res.text();
    if (res.status === 200) stopHere(fault);
    return { status: res.status, text: async () => text };
  }
  return res;
};

async function main(): Promise<void> {
  const { raw, db } = await openChildStore(path, key, clientId);
  const ids = { newId: () => randomUUID() };
  const auth = childAuth(baseUrl, fetcher, clientId);
  const actorId = 'child';
  const cases = createCasesService({ db, clock, ids, actorId });
  const write = Number(process.env['LOTSE_WRITE'] ?? '0');
  for (let i = 0; i < write; i += 1) {
    await cases.createCase({
      officeId: 'oschatz',
      caseworkerId: actorId,
      openedOn: '2026-03-02',
      person: { ...sampleFields('persons', { caseId: 'x', id: 'x' }), phone: `0341 ${1000 + i}` },
    });
  }
  if (write > 0) process.stdout.write(`wrote ${write}\n`);
  const engineRaw = trapped(raw);
  const engine = new SyncEngine({
    store: { db: () => db, raw: () => engineRaw },
    http: new SyncHttp(baseUrl, fetcher, auth),
    clock,
    random: () => 0.5,
    appVersion: '0.1.0-test',
    ids,
    actorId,
    poke: false,
    pushBatchSize: Number(process.env['LOTSE_PUSH_BATCH'] ?? '100'),
    pullLimit: Number(process.env['LOTSE_PULL_LIMIT'] ?? '1000'),
    // by applied pages, not by responses: the next page is fetched while one is applied, so its
    // response may arrive in the middle of the page before it
    onProgress: ({ pages }) => {
      if (pages === faultPage - 1) {
        armed = true;
        writesInPage = 0;
      }
    },
  });
  const status = await engine.syncNow();
  await engine.stop();
  await db.destroy();
  process.stdout.write(`done ${JSON.stringify(status)}\n`);
}

runChildMain(main);
