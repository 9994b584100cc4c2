/**
 * Issue 12 item 5, desktop side: every case opened through the contract is recorded in the
 * hash-chained access log inside the encrypted store (coalesced per case within a window, with the
 * offline flag); recording a read does not make Mein Bestand recompute; entries cannot be changed
 * or deleted afterwards.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENTITIES } from '../../../src/shared/entities/index';
import { AppError } from '../../../src/shared/errors';
import { writeSynced } from '../../../src/main/db/write-synced';
import type { Logger } from '../../../src/main/logging/logger';
import { sampleFields } from '../../helpers/records';
import { verifyAccessChain, type AccessLogEntry } from '../../../src/shared/audit/access-chain';
import { createAccessLog, recordCaseReads } from '../../../src/main/features/access-log/access-log';
import { accessLogStatus } from '../../../src/main/features/access-log/access-log.upload';
import { createCaseloadReader, storeStamp } from '../../../src/main/features/cases/caseload';
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

    // the workspace loads its sections at once: one opening
    const reads = await Promise.all(
      ['cases:get', 'goals:get', 'assessments:list', 'contacts:list', 'measures:list', 'plans:for-case'].map(
        (channel) => dispatch(channel, { caseId: a.caseId }),
      ),
    );
    expect(reads.every((r) => r.ok)).toBe(true);
    expect((await dispatch('strategies:list', { caseId: a.caseId })).ok).toBe(true);
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
    const stamp = await storeStamp(wb.t.db);

    // the same kind of write without writeUncounted moves the stamp (the test can fail); the caseload
    // then checks which cases moved (none) and keeps its rows
    await wb.t.db.insertInto('sync_state').values({ key: 'probe', value: '1' }).execute();
    const moved = await storeStamp(wb.t.db);
    expect(moved).not.toBe(stamp);
    expect((await caseload({})).items).toEqual(first.items);
    // and an uncounted write that fails is not subtracted
    await expect(
      writeUncounted(wb.t.db, async (trx) => {
        await trx.insertInto('sync_state').values({ key: 'probe2', value: '1' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await storeStamp(wb.t.db)).not.toBe(moved);
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

  it('records showing and printing a handed-over plan for its case; each print counts', async () => {
    const { wb } = await setup();
    const a = await wb.newCase();
    const handoverId = '5a5a5a5a-0000-4000-8000-000000000001';
    await wb.t.db.transaction().execute((trx) =>
      writeSynced(
        trx,
        {
          clock: { now: () => new Date('2026-03-02T08:00:00.000Z') },
          ids: { newId: () => handoverId },
          actorId: 'ifk-7',
          entities: ENTITIES,
        },
        {
          entity: 'plan_handovers',
          op: 'create',
          id: handoverId,
          caseId: a.caseId,
          values: sampleFields('plan_handovers', { caseId: a.caseId, id: handoverId }) as never,
        },
      ),
    );
    const clock = { now: () => new Date('2026-03-02T10:00:00.000Z') };
    const log = createAccessLog({ db: () => wb.t.db, clock, offline: () => true });
    // the print dialog exists only in the desktop app: the channel's own answer stands in here
    const inner: Dispatch = async () => ({ ok: true, value: null });
    const dispatch = recordCaseReads(inner, log);
    await dispatch('plans:document', { handoverId });
    await dispatch('plans:print', { handoverId, copy: false });
    await dispatch('plans:print', { handoverId, copy: true });
    await dispatch('plans:reprint', { handoverId: '5a5a5a5a-0000-4000-8000-00000000ffff' });
    expect(entries(wb).map((e) => [e.caseId, e.action])).toEqual([
      [a.caseId, 'case_opened'],
      [a.caseId, 'case_printed'],
      [a.caseId, 'case_printed'],
    ]);
  });

  it('a read is answered even when it cannot be recorded; the failure is logged without ids', async () => {
    const { wb } = await setup();
    const a = await wb.newCase();
    const error = vi.fn();
    const log = createAccessLog({
      db: () => {
        throw new AppError('DB_DISK_FULL');
      },
      clock: { now: () => new Date() },
      offline: () => true,
    });
    const dispatch = recordCaseReads(wb.dispatch, log, { error } as unknown as Logger);
    const read = await dispatch('cases:get', { caseId: a.caseId });
    expect(read.ok).toBe(true);
    expect(error).toHaveBeenCalledWith(
      { event: 'access_log.record_failed', errorName: 'AppError' },
      'access not recorded',
    );
    expect(JSON.stringify(error.mock.calls)).not.toContain(a.caseId);
  });
});
