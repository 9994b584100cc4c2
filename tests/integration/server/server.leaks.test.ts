/**
 * Issue 14, item 10: answers that do not tell whether a case or an account exists, and access
 * tokens that end at once with their refresh-token family (logout, detected reuse).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createCase, createHarness, login, newClientId, post, type Harness, type Session } from './harness';

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: uniform answers and token revocation`, () => {
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

    const pull = (s: Session) =>
      post(h, s, '/sync/pull', {
        clientId: s.clientId,
        cursor: { txid: '0', changeId: '0' },
        scopeVersion: 0,
      });
    const reason = 'Prüfung einer Beschwerde zum Fallverlauf';

    it('break-glass answers the same for a known and an unknown case id', async () => {
      const cw = await login(h, 'cwOther');
      await createCase(h, cw, 'C-EXISTS');
      const lead = await login(h, 'lead');
      const known = await post(h, lead, '/break-glass', { caseId: 'C-EXISTS', reason, minutes: 5 });
      const unknown = await post(h, lead, '/break-glass', { caseId: 'C-NOWHERE', reason, minutes: 5 });
      expect(known.statusCode).toBe(201);
      expect(unknown.statusCode).toBe(known.statusCode);
      expect(Object.keys(unknown.json()).sort()).toEqual(Object.keys(known.json()).sort());
    });

    it('a team lead cannot claim a case id that does not exist yet; the answer equals another team’s case', async () => {
      const other = await login(h, 'cwOtherTeam');
      await createCase(h, other, 'C-OTHER-TEAM');
      const lead = await login(h, 'lead');
      const foreign = await post(h, lead, '/admin/cases/C-OTHER-TEAM/assignment', {
        assignedUserId: h.userIds.cw,
      });
      const unclaimed = await post(h, lead, '/admin/cases/C-FUTURE/assignment', {
        assignedUserId: h.userIds.cw,
      });
      expect(foreign.statusCode).toBe(403);
      expect(unclaimed.statusCode).toBe(403);
      expect(unclaimed.json()).toEqual(foreign.json());
      const row = await h.tdb.db
        .selectFrom('case_directory')
        .select('case_id')
        .where('case_id', '=', 'C-FUTURE')
        .executeTakeFirst();
      expect(row).toBeUndefined();
    });

    it('an unknown account locks exactly like an existing one', async () => {
      const attempt = (username: string) =>
        h.app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { username, password: 'falsch', clientId: newClientId(), deviceName: 'L' },
        });
      const known: string[] = [];
      const unknown: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        known.push((await attempt('ifk.own')).json().error.code);
        unknown.push((await attempt('gibt.es.nicht')).json().error.code);
      }
      expect(unknown).toEqual(known);
      expect(unknown.at(-1)).toBe('AUTH_ACCOUNT_LOCKED');
    });

    it('access tokens end at once after logout', async () => {
      const s = await login(h, 'cw');
      expect((await pull(s)).statusCode).toBe(200);
      expect((await post(h, undefined, '/auth/logout', { refreshToken: s.refreshToken })).statusCode).toBe(
        204,
      );
      const after = await pull(s);
      expect(after.statusCode).toBe(401);
      expect(after.json().error.code).toBe('AUTH_TOKEN_INVALID');
      // another login of the same user on the same device is a new family and works
      const again = await login(h, 'cw', s.clientId);
      expect((await pull(again)).statusCode).toBe(200);
    });

    it('access tokens of a family end at once when a refresh-token reuse is detected', async () => {
      const s = await login(h, 'cw');
      const rotated = await post(h, undefined, '/auth/refresh', { refreshToken: s.refreshToken });
      expect(rotated.statusCode).toBe(200);
      const fresh: Session = { ...s, accessToken: rotated.json<{ accessToken: string }>().accessToken };
      expect((await pull(fresh)).statusCode).toBe(200);
      const reuse = await post(h, undefined, '/auth/refresh', { refreshToken: s.refreshToken });
      expect(reuse.json().error.code).toBe('AUTH_REFRESH_REUSED');
      expect((await pull(fresh)).statusCode).toBe(401);
      expect((await pull(s)).statusCode).toBe(401);
    });
  });
}
