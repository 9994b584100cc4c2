/**
 * Issue 12 item 5, desktop side: every case opened through the contract is recorded in the
 * hash-chained access log inside the encrypted store (coalesced per case within a window, with the
 * offline flag); recording a read does not make Mein Bestand recompute; entries cannot be changed
 * or deleted afterwards.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAccessChain, type AccessLogEntry } from '../../../src/shared/audit/access-chain';
import { createAccessLog, recordCaseReads } from '../../../src/main/features/access-log/access-log';
import { accessLogStatus } from '../../../src/main/features/access-log/access-log.upload';
import { createCaseloadReader } from '../../../src/main/features/cases/caseload';
import { writeUncounted } from '../../../src/main/db/uncounted-writes';
import type { Dispatch } from '../../../src/main/ipc/dispatch';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';

let b: WriteBackend | undefined;
afterEach(async () => {
  await b?.t.destroy();
  b = undefined;
});

function entries(wb: WriteBackend): AccessLogEntry[] {
  return (wb.t.raw.prepare('SELECT * FROM access_log ORDER BY seq').all() as Record<string, unknown>[]).map(
    (r) => ({
      seq: Number(r.seq),
      at: String(r.at),
      caseId: String(r.case_id),
      action: r.action as AccessLogEntry['action'],
      offline: r.offline === 1,
      prevHash: String(r.prev_hash),
      hash: String(r.hash),
    }),
  );
}

async function setup(start = Date.parse('2026-03-02T08:00:00.000Z')) {
  b = await createWriteBackend();
  const wb = b;
  const clock = { t: start, now: () => new Date(clock.t) };
  let offline = true;
  const log = createAccessLog({ db: () => wb.t.db, clock, offline: () => offline });
  const dispatch: Dispatch = recordCaseReads(wb.dispatch, log);
  return {
    wb,
    clock,
    dispatch,
    setOffline: (v: boolean) => {
      offline = v;
    },
  };
}

describe('the access log on the desktop', () => {
  it('records each case opened, once per case within the window, chained and with the offline flag', async () => {
    const { wb, clock, dispatch, setOffline } = await setup();
    const a = await wb.newCase();
    const c = await wb.newCase();
    // lists and search name cases but open none
    expect((await dispatch('cases:list', {})).ok).toBe(true);
    expect((await dispatch('caseload:list', {})).ok).toBe(true);
    expect(entries(wb)).toEqual([]);

    expect((await dispatch('cases:get', { caseId: a.caseId })).ok).toBe(true);
    // the workspace loads its sections: the same opening
    for (const channel of [
      'goals:get',
      'assessments:list',
      'contacts:list',
      'measures:list',
      'plans:for-case',
    ])
      expect((await dispatch(channel, { caseId: a.caseId })).ok).toBe(true);
    setOffline(false);
    expect((await dispatch('cases:get', { caseId: c.caseId })).ok).toBe(true);
    // a refused read (no such case) opens nothing
    expect((await dispatch('cases:get', { caseId: '9f9f9f9f-0000-4000-8000-000000000000' })).ok).toBe(false);
    // an hour later the same case counts as opened again
    clock.t += 60 * 60_000;
    setOffline(true);
    expect((await dispatch('cases:get', { caseId: a.caseId })).ok).toBe(true);

    const log = entries(wb);
    expect(log.map((e) => [e.seq, e.caseId, e.action, e.offline])).toEqual([
      [1, a.caseId, 'case_opened', true],
      [2, c.caseId, 'case_opened', false],
      [3, a.caseId, 'case_opened', true],
    ]);
    expect(log[2]!.at).toBe('2026-03-02T09:00:00.000Z');
    expect(await verifyAccessChain(null, log)).toEqual({ ok: true, head: { seq: 3, hash: log[2]!.hash } });
    expect(await accessLogStatus(wb.t.db)).toEqual({
      pending: 3,
      oldestPendingAt: '2026-03-02T08:00:00.000Z',
      refusal: null,
    });
    expect(await dispatch('sync:access-log', undefined)).toEqual({
      ok: true,
      value: { pending: 3, oldestPendingAt: '2026-03-02T08:00:00.000Z', refusal: null },
    });
  });

  it('keeps entries unchangeable: no update of their content, no delete', async () => {
    const { wb, dispatch } = await setup();
    const a = await wb.newCase();
    await dispatch('cases:get', { caseId: a.caseId });
    expect(() => wb.t.raw.prepare("UPDATE access_log SET case_id = 'x'").run()).toThrow(/append-only/);
    expect(() => wb.t.raw.prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
    // noting the upload is the one change allowed
    wb.t.raw.prepare("UPDATE access_log SET uploaded_at = '2026-03-02T10:00:00.000Z'").run();
    expect(await accessLogStatus(wb.t.db)).toMatchObject({ pending: 0, oldestPendingAt: null });
  });

  it('does not make Mein Bestand recompute (its rows come from the cache), while a real write does', async () => {
    const { wb, dispatch, clock } = await setup();
    const a = await wb.newCase();
    await wb.newCase();
    const caseload = createCaseloadReader({
      db: () => wb.t.db,
      caseworkerId: () => 'ifk-7',
      now: () => new Date('2026-03-02T08:00:00.000Z'),
    });
    const first = await caseload({});
    expect(first.items).toHaveLength(2);
    const again = await caseload({});
    expect(again.items[0]).toBe(first.items[0]); // served from memory: the same row objects

    await dispatch('cases:get', { caseId: a.caseId });
    clock.t += 60 * 60_000;
    await dispatch('cases:get', { caseId: a.caseId });
    expect(entries(wb)).toHaveLength(2);
    const afterReads = await caseload({});
    expect(afterReads.items[0]).toBe(first.items[0]);

    // the same kind of write without writeUncounted would have moved the stamp (the test can fail)
    await wb.t.db.insertInto('sync_state').values({ key: 'probe', value: '1' }).execute();
    const afterWrite = await caseload({});
    expect(afterWrite.items[0]).not.toBe(first.items[0]);
    expect(afterWrite.items).toEqual(first.items);
    // and an uncounted write that fails is not subtracted
    await expect(
      writeUncounted(wb.t.db, async (trx) => {
        await trx.insertInto('sync_state').values({ key: 'probe2', value: '1' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const afterFailed = await caseload({});
    expect(afterFailed.items[0]).not.toBe(afterWrite.items[0]);
  });

  it('lies in the encrypted store: neither the database nor its WAL shows an entry in plaintext', async () => {
    const { wb, dispatch } = await setup();
    const a = await wb.newCase();
    await dispatch('cases:get', { caseId: a.caseId });
    const [entry] = entries(wb);
    const files = [wb.t.path, `${wb.t.path}-wal`];
    const bytes = Buffer.concat(
      files.map((f) => {
        try {
          return readFileSync(f);
        } catch {
          return Buffer.alloc(0);
        }
      }),
    );
    expect(bytes.length).toBeGreaterThan(0);
    for (const marker of [entry!.hash, a.caseId, 'case_opened', 'access_log'])
      expect(bytes.includes(Buffer.from(marker))).toBe(false);
  });
});
