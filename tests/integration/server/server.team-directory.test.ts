/**
 * The team directory at /sync/hello: a signed-in user learns the names of exactly the members of
 * the own team (id, display name, role), the team lead and caseworkers alike; nobody of another
 * team or office, no disabled account, and no other personal data.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createHarness, login, post, type Harness, type Session } from './harness';

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: team directory at hello`, () => {
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

    const hello = async (s: Session) => {
      const res = await post(h, s, '/sync/hello', {
        clientId: s.clientId,
        appVersion: '0.1.0',
        protocolVersion: 1,
        schemaVersion: 1,
      });
      expect(res.statusCode).toBe(200);
      return res.json() as { status: string; team?: unknown };
    };
    const member = (key: string, username: string, role: string) => ({
      id: h.userIds[key],
      displayName: username,
      role,
    });

    it('the team lead and a caseworker of team A get exactly team A (sorted by name), nothing else per person', async () => {
      const teamA = [
        member('cw', 'ifk.own', 'caseworker'),
        member('cwTeam', 'ifk.team', 'caseworker'),
        member('lead', 'tl.osza', 'team_lead'),
      ];
      for (const key of ['lead', 'cw', 'cwTeam']) {
        const res = await hello(await login(h, key));
        expect(res.status).toBe('ok');
        // toEqual on the whole list: no other team's member, no further field (username, office …)
        expect(res.team).toEqual(teamA);
        for (const m of res.team as Record<string, unknown>[])
          expect(Object.keys(m).sort()).toEqual(['displayName', 'id', 'role']);
      }
    });

    it('another team of the same office and a user without a team see only their own team (or themselves)', async () => {
      expect((await hello(await login(h, 'cwOtherTeam'))).team).toEqual([
        member('cwOtherTeam', 'ifk.otherteam', 'caseworker'),
      ]);
      expect((await hello(await login(h, 'admin'))).team).toEqual([
        member('admin', 'fachadmin', 'specialist_admin'),
      ]);
    });

    it('a disabled member leaves the directory', async () => {
      const admin = await login(h, 'admin');
      const lead = await login(h, 'lead');
      expect(
        (await post(h, admin, `/admin/users/${h.userIds.cwTeam}/disable`, { wipe: false })).statusCode,
      ).toBe(200);
      expect((await hello(lead)).team).toEqual([
        member('cw', 'ifk.own', 'caseworker'),
        member('lead', 'tl.osza', 'team_lead'),
      ]);
    });
  });
}
