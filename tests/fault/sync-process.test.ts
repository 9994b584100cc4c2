/**
 * Crash trials of SYNC.md §4.8 (1, 2) with the desktop in its own process: the real sync engine on
 * the real encrypted store (sync-process.child.ts, started with tsx) against the server on
 * 127.0.0.1, killed with SIGKILL (a) before the push is sent, (b) after the server committed the
 * push and before the local acknowledgement, (c) inside the apply transaction of a pull page. After
 * each kill the child is restarted on the same store and syncs: nothing is lost or applied twice
 * (the server's idempotent replay), the outbox is empty, and the store equals the server's rows.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEncryptedDb, type RawDatabase } from '../../src/main/db/open-encrypted-db';
import { sampleFields } from '../helpers/records';
import { SERVER_DIALECTS, skipReason } from '../helpers/server-db';
import { engineDesktop, listen } from '../helpers/sync-engine';
import { spawnChildDesktop, type ChildDevice } from '../helpers/child-desktop';
import { tempDir } from '../helpers/temp-dir';
import { createHarness, newClientId, type Harness } from '../integration/server/harness';

const CHILD = join(import.meta.dirname, 'sync-process.child.ts');
const TIMEOUT = 240_000;

interface ChildRun {
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  readonly lines: string[];
  readonly stderr: string;
}

/** Runs the child; a line `at …` (its fault point) is answered with SIGKILL. */
function runChild(
  h: Harness,
  url: string,
  d: ChildDevice,
  extra: Record<string, string> = {},
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawnChildDesktop(CHILD, h.clock, url, d, extra);
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (line.startsWith('at ')) child.kill('SIGKILL');
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child hung: ${lines.join('|')} ${stderr}`));
    }, TIMEOUT - 20_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, lines, stderr });
    });
  });
}

/** A clean run: the child exits normally and reports a sync without error and an empty outbox. */
async function runClean(h: Harness, url: string, d: ChildDevice, extra: Record<string, string> = {}) {
  const run = await runChild(h, url, d, extra);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const done = run.lines.find((l) => l.startsWith('done '));
  const status = JSON.parse(done!.slice(5)) as Record<string, unknown>;
  expect(status).toMatchObject({
    pendingCount: 0,
    rejectionCount: 0,
    conflictCount: 0,
    error: null,
    state: 'idle',
  });
  return status;
}

async function runKilled(
  h: Harness,
  url: string,
  d: ChildDevice,
  fault: string,
  extra: Record<string, string> = {},
) {
  const run = await runChild(h, url, d, { LOTSE_FAULT: fault, ...extra });
  expect(run.lines).toContain(`at ${fault}`);
  expect(run.signal).toBe('SIGKILL');
  return run;
}

function withStore<T>(d: ChildDevice, fn: (raw: RawDatabase) => T): T {
  const raw = openEncryptedDb(d.path, d.key, { keyVerified: true });
  try {
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    return fn(raw);
  } finally {
    raw.close();
  }
}

const outboxIds = (d: ChildDevice) =>
  withStore(d, (raw) =>
    (raw.prepare('SELECT mutation_id FROM sync_outbox ORDER BY seq').all() as { mutation_id: string }[]).map(
      (r) => r.mutation_id,
    ),
  );

/** The server's rows (entity, id, row_version, data) in a stable order. */
async function serverRows(h: Harness) {
  const rows = await h.tdb.db
    .selectFrom('sync_records')
    .select(['entity', 'id', 'row_version', 'data'])
    .orderBy('entity')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, row_version: Number(r.row_version) }));
}

async function mutationsOf(h: Harness, clientId: string) {
  const rows = await h.tdb.db
    .selectFrom('sync_mutations')
    .select(['mutation_id', 'status'])
    .where('client_id', '=', clientId)
    .orderBy('mutation_id')
    .execute();
  return rows;
}

/** The local store holds exactly the server's rows at the server's row versions; the outbox is empty. */
async function expectConverged(h: Harness, d: ChildDevice) {
  const server = await serverRows(h);
  expect(server.length).toBeGreaterThan(0);
  withStore(d, (raw) => {
    expect(raw.prepare('SELECT count(*) AS n FROM sync_outbox').get()).toEqual({ n: 0 });
    // nothing refused or in conflict on the way (a replay that is not recognised is refused)
    expect(raw.prepare('SELECT count(*) AS n FROM sync_rejections').get()).toEqual({ n: 0 });
    expect(raw.prepare('SELECT count(*) AS n FROM sync_conflicts').get()).toEqual({ n: 0 });
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    const entities = [...new Set(server.map((r) => r.entity))];
    for (const entity of entities) {
      const local = raw.prepare(`SELECT id, row_version FROM "${entity}" ORDER BY id`).all() as {
        id: string;
        row_version: number;
      }[];
      const remote = server
        .filter((r) => r.entity === entity)
        .map((r) => ({ id: r.id, row_version: r.row_version }))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      expect(local, entity).toEqual(remote);
    }
  });
}

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: a desktop process killed during sync`, () => {
    let h: Harness;
    let url: string;
    let dir: { path: string; remove: () => Promise<void> };
    beforeAll(async () => {
      h = await createHarness(dialect);
      dir = await tempDir('lotse-sync-kill-');
    }, TIMEOUT);
    afterAll(async () => {
      await h?.close();
      await dir?.remove();
    });
    const fresh = async (): Promise<ChildDevice> => {
      await h.reset();
      url = await listen(h);
      return { path: join(dir.path, `${newClientId()}.db`), key: randomBytes(32), clientId: newClientId() };
    };

    it(
      'killed before the push is sent: the outbox survives and goes out once after the restart',
      async () => {
        const d = await fresh();
        await runKilled(h, url, d, 'before-send', { LOTSE_WRITE: '5' });
        const pending = outboxIds(d);
        expect(pending).toHaveLength(10); // five cases, each with its person
        expect(await mutationsOf(h, d.clientId)).toEqual([]);
        expect(await serverRows(h)).toEqual([]);

        await runClean(h, url, d);
        const applied = await mutationsOf(h, d.clientId);
        expect(applied.map((m) => m.mutation_id)).toEqual([...pending].sort());
        expect(new Set(applied.map((m) => m.status))).toEqual(new Set(['applied']));
        const rows = await serverRows(h);
        expect(rows.filter((r) => r.entity === 'persons')).toHaveLength(5);
        expect(rows.filter((r) => r.entity === 'cases')).toHaveLength(5);
        await expectConverged(h, d);
      },
      TIMEOUT,
    );

    it(
      'killed after the server committed the push and before the local acknowledgement: the replay is answered from the record, applied once',
      async () => {
        const d = await fresh();
        await runKilled(h, url, d, 'after-response', { LOTSE_WRITE: '4' });
        const pending = outboxIds(d);
        expect(pending).toHaveLength(8);
        // the server has everything, the desktop has not heard of it
        const committed = await mutationsOf(h, d.clientId);
        expect(committed.map((m) => m.mutation_id)).toEqual([...pending].sort());
        const before = await serverRows(h);
        expect(before.filter((r) => r.entity === 'persons')).toHaveLength(4);

        await runClean(h, url, d);
        // nothing applied twice: the same mutations, the same rows at the same versions
        expect(await mutationsOf(h, d.clientId)).toEqual(committed);
        expect(await serverRows(h)).toEqual(before);
        await expectConverged(h, d);
      },
      TIMEOUT,
    );

    it(
      'killed inside the apply transaction of a pull page: the cursor has not moved past the last whole page, the re-pull completes',
      async () => {
        const d = await fresh();
        // another device of the same caseworker puts 60 cases (120 rows) on the server
        const other = await engineDesktop(h, url, 'cw');
        try {
          for (let i = 0; i < 60; i += 1)
            await other.cases.createCase({
              officeId: 'oschatz',
              caseworkerId: other.session.userId,
              openedOn: '2026-03-02',
              // 60 different people (sample persons differ): the server reports the same name and
              // birth date as possible duplicates (rows of their own), which would change what fills a page
              person: { ...sampleFields('persons', { caseId: 'x', id: 'x' }), phone: `0341 ${2000 + i}` },
            });
          expect((await other.engine.syncNow()).pendingCount).toBe(0);
        } finally {
          await other.destroy();
        }
        const server = await serverRows(h);
        expect(server.length).toBeGreaterThanOrEqual(120);

        const limit = 20;
        await runKilled(h, url, d, 'pull-apply:3:7', { LOTSE_PULL_LIMIT: String(limit) });
        withStore(d, (raw) => {
          const synced =
            (raw.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n +
            (raw.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
          // two whole pages, nothing of the third
          expect(synced).toBe(2 * limit);
          const state = new Map(
            (raw.prepare('SELECT key, value FROM sync_state').all() as { key: string; value: string }[]).map(
              (r) => [r.key, r.value],
            ),
          );
          expect(state.get('cursor')).toBeDefined();
          expect(state.get('first_sync_done')).toBeUndefined();
        });

        await runClean(h, url, d, { LOTSE_PULL_LIMIT: String(limit) });
        expect(await serverRows(h)).toEqual(server);
        await expectConverged(h, d);
      },
      TIMEOUT,
    );
  });
}
