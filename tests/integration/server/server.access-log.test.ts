/**
 * Issue 12 item 5: the desktops' hash-chained access logs reach the server's audit log; a gap or an
 * altered entry is detected, stored as an alarm (once), audited, and reported to the device; a
 * repeated upload changes nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nextAccessEntry, type AccessLogEntry, type ChainHead } from '../../../src/shared/audit/access-chain';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createHarness, login, post, START, type Harness, type Session } from './harness';

const CASE = '0d6b7c1e-2f3a-4b5c-8d9e-0a1b2c3d4e5f';

async function chain(n: number, head: ChainHead | null = null): Promise<AccessLogEntry[]> {
  const out: AccessLogEntry[] = [];
  let h = head;
  for (let i = 0; i < n; i += 1) {
    const e = await nextAccessEntry(h, {
      at: new Date(START - 3_600_000 + i * 60_000).toISOString(),
      caseId: CASE,
      action: i === 2 ? 'case_printed' : 'case_opened',
      offline: true,
    });
    out.push(e);
    h = { seq: e.seq, hash: e.hash };
  }
  return out;
}

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: the desktops' access logs`, () => {
    let h: Harness;
    let cw: Session;
    beforeAll(async () => {
      h = await createHarness(dialect);
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(async () => {
      await h.reset();
      cw = await login(h, 'cw');
    });

    const upload = (entries: AccessLogEntry[], s: Session = cw) =>
      post(h, s, '/audit/access-log', { clientId: s.clientId, entries });
    const audit = () => h.tdb.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const alarms = async () => {
      const dp = await login(h, 'dp');
      const res = await h.app.inject({
        method: 'GET',
        url: '/audit/access-alarms',
        headers: { authorization: `Bearer ${dp.accessToken}` },
      });
      expect(res.statusCode).toBe(200);
      return res.json<{ alarms: { kind: string; seq: number; expectedSeq: number; clientId: string }[] }>()
        .alarms;
    };

    it('accepts a good chain in two uploads into the audit log; a repeated upload is idempotent', async () => {
      const entries = await chain(5);
      const first = await upload(entries.slice(0, 3));
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({ acceptedThroughSeq: 3, accepted: 3, duplicates: 0, refused: null });
      const second = await upload(entries.slice(3));
      expect(second.json()).toEqual({ acceptedThroughSeq: 5, accepted: 2, duplicates: 0, refused: null });
      // the answer got lost: the device sends 2..5 again
      const again = await upload(entries.slice(1));
      expect(again.json()).toEqual({ acceptedThroughSeq: 5, accepted: 0, duplicates: 4, refused: null });

      const rows = await audit();
      expect(rows.filter((r) => r.action.startsWith('case_')).map((r) => r.action)).toEqual([
        'case_opened',
        'case_opened',
        'case_printed',
        'case_opened',
        'case_opened',
      ]);
      expect(rows.find((r) => r.action.startsWith('case_'))).toMatchObject({
        user_id: cw.userId,
        client_id: cw.clientId,
        case_id: CASE,
        detail: { reportedAt: entries[0]!.at, seq: 1, offline: true, source: 'access_log' },
      });
      const stored = await h.tdb.db.selectFrom('device_access_log').selectAll().orderBy('seq').execute();
      expect(stored.map((r) => r.hash)).toEqual(entries.map((e) => e.hash));
      expect(await alarms()).toEqual([]);
      // stored entries cannot be changed afterwards
      await expect(
        h.tdb.db.updateTable('device_access_log').set({ case_id: 'x' }).where('seq', '=', '1').execute(),
      ).rejects.toThrow(/append-only/);
    });

    it('detects a gap: the part before it is accepted, the rest refused, one alarm however often it is sent', async () => {
      const entries = await chain(6);
      const withGap = [...entries.slice(0, 2), ...entries.slice(3)];
      const res = await upload(withGap);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        acceptedThroughSeq: 2,
        accepted: 2,
        refused: { code: 'AUDIT_CHAIN_GAP', seq: 4, expectedSeq: 3 },
      });
      expect(res.json<{ refused: { message: string } }>().refused.message).toMatch(/fehlen Einträge/);
      await upload(entries.slice(3));
      expect(await alarms()).toEqual([
        expect.objectContaining({ kind: 'gap', seq: 4, expectedSeq: 3, clientId: cw.clientId }),
      ]);
      const rows = await audit();
      expect(rows.filter((r) => r.action === 'access_chain_broken')).toEqual([
        expect.objectContaining({
          user_id: cw.userId,
          client_id: cw.clientId,
          detail: expect.objectContaining({ kind: 'gap', seq: 4, expectedSeq: 3 }),
        }),
      ]);
      expect(rows.filter((r) => r.action.startsWith('case_'))).toHaveLength(2);
    });

    it('detects an altered entry: in a new upload, and in a repeat of an entry it already has', async () => {
      const entries = await chain(4);
      const altered = entries.map((e) => (e.seq === 3 ? { ...e, action: 'case_opened' as const } : e));
      const res = await upload(altered);
      expect(res.json()).toMatchObject({
        acceptedThroughSeq: 2,
        accepted: 2,
        refused: { code: 'AUDIT_CHAIN_ALTERED', seq: 3 },
      });
      // entry 1 changed on the device after the server stored it
      h.clock.advance(60_000);
      const cw2 = await login(h, 'cwTeam');
      const good = await chain(2);
      expect((await upload(good, cw2)).json()).toMatchObject({ acceptedThroughSeq: 2, refused: null });
      const changed = [{ ...good[0]!, caseId: '1e7c8d2f-3a4b-4c6d-9e0f-1b2c3d4e5f60' }, good[1]!];
      expect((await upload(changed, cw2)).json()).toMatchObject({
        acceptedThroughSeq: 2,
        accepted: 0,
        refused: { code: 'AUDIT_CHAIN_ALTERED', seq: 1 },
      });
      expect((await alarms()).map((a) => [a.kind, a.seq, a.clientId])).toEqual([
        ['altered', 3, cw.clientId],
        ['altered', 1, cw2.clientId],
      ]);
    });

    it('chains are per device, the body is validated, and only the own device may upload', async () => {
      const entries = await chain(2);
      const other = await login(h, 'cw');
      expect((await upload(entries)).json()).toMatchObject({ acceptedThroughSeq: 2 });
      // a second device of the same user starts its own chain
      expect((await upload(entries, other)).json()).toMatchObject({ acceptedThroughSeq: 2, accepted: 2 });
      const foreign = await post(h, other, '/audit/access-log', { clientId: cw.clientId, entries });
      expect(foreign.statusCode).toBe(403);
      for (const body of [
        { clientId: cw.clientId, entries: [] },
        { clientId: cw.clientId, entries: [{ ...entries[0]!, hash: 'nope' }] },
        { clientId: cw.clientId, entries: [{ ...entries[0]!, caseId: '<script>' }] },
        { clientId: cw.clientId, entries, extra: true },
      ]) {
        const res = await post(h, cw, '/audit/access-log', body);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
      }
      expect(
        (await post(h, undefined, '/audit/access-log', { clientId: cw.clientId, entries })).statusCode,
      ).toBe(401);
      const lead = await login(h, 'lead');
      const res = await h.app.inject({
        method: 'GET',
        url: '/audit/access-alarms',
        headers: { authorization: `Bearer ${lead.accessToken}` },
      });
      expect(res.statusCode).toBe(403);
    });
  });
}
