/**
 * Issue 14, item 9: the break-glass reason is kept but marked as personal data in the export, and
 * refused access attempts (403) are audited: who, what, when, why.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createCase, createHarness, login, post, START, type Harness } from './harness';

interface ExportEntry {
  action: string;
  userId: string | null;
  clientId: string | null;
  caseId: string | null;
  at: string;
  detail: Record<string, unknown> | null;
  personalData: string[];
}

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: audit of reasons and refusals`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(dialect);
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(async () => {
      await h.reset();
    });

    const exportAll = async () => {
      const dp = await login(h, 'dp');
      const res = await h.app.inject({
        method: 'GET',
        url: `/audit/export?from=${new Date(START - 1000).toISOString()}&to=${new Date(START + 86_400_000).toISOString()}`,
        headers: { authorization: `Bearer ${dp.accessToken}` },
      });
      expect(res.statusCode).toBe(200);
      return res.json<{ entries: ExportEntry[] }>().entries;
    };

    it('keeps the break-glass reason and marks it as personal data in the export', async () => {
      const cw = await login(h, 'cw');
      await createCase(h, cw, 'C-1');
      const dp = await login(h, 'dp');
      const reason = 'Beschwerde von Frau Erika Mustermann zum Fallverlauf';
      expect((await post(h, dp, '/break-glass', { caseId: 'C-1', reason, minutes: 5 })).statusCode).toBe(201);
      const entries = await exportAll();
      const grant = entries.find((e) => e.action === 'break_glass')!;
      expect(grant.detail?.reason).toBe(reason);
      expect(grant.personalData).toEqual(['detail.reason']);
      for (const e of entries.filter((x) => x.action !== 'break_glass')) expect(e.personalData).toEqual([]);
    });

    it('records refused accesses (403): who, what, when and why', async () => {
      const cw = await login(h, 'cw');
      await createCase(h, cw, 'C-1');
      const other = await login(h, 'cwOther');
      const refused = await post(h, other, '/admin/cases/C-1/assignment', {
        assignedUserId: h.userIds.cwOther,
      });
      expect(refused.statusCode).toBe(403);
      const events = await post(h, other, '/audit/events', {
        clientId: other.clientId,
        events: [{ caseId: 'C-1', action: 'case_opened', at: new Date(START).toISOString() }],
      });
      expect(events.statusCode).toBe(403);
      const lead = await login(h, 'lead');
      expect((await post(h, lead, '/admin/offices', { id: 'torgau', name: 'Torgau' })).statusCode).toBe(403);

      const refusals = (await exportAll()).filter((e) => e.action === 'access_refused');
      expect(refusals).toHaveLength(3);
      expect(refusals[0]).toMatchObject({
        userId: h.userIds.cwOther,
        clientId: other.clientId,
        caseId: 'C-1',
        at: new Date(START).toISOString(),
        detail: { method: 'POST', route: '/admin/cases/:caseId/assignment', code: 'FORBIDDEN' },
      });
      expect(typeof refusals[0]!.detail?.reason).toBe('string');
      expect(refusals[1]).toMatchObject({ userId: h.userIds.cwOther, detail: { route: '/audit/events' } });
      expect(refusals[2]).toMatchObject({ userId: h.userIds.lead, detail: { route: '/admin/offices' } });
    });

    it('a forged token is not a user: nothing is attributed', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/admin/cases/C-1/assignment',
        payload: { assignedUserId: 'x' },
        headers: { authorization: 'Bearer abc.def' },
      });
      expect(res.statusCode).toBe(401);
      const rows = await h.tdb.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'access_refused')
        .execute();
      expect(rows).toEqual([]);
    });
  });
}
