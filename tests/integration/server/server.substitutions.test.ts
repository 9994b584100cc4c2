/**
 * Issue 14, item 4: a substitute comes from the same office (unless the administrator allows
 * otherwise), and a substitution has a maximum length (SUBSTITUTION_MAX_DAYS, default 90 days).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createCase, createHarness, login, post, START, type Harness } from './harness';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: substitution rules`, () => {
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

    const substitution = (substituteKey: string, untilMs: number, fromMs = START) => ({
      absentUserId: h.userIds.cw,
      substituteUserId: h.userIds[substituteKey],
      validFrom: iso(fromMs),
      validUntil: iso(untilMs),
    });

    it('a team lead cannot make a caseworker of another office the substitute; the case stays closed to them', async () => {
      const cw = await login(h, 'cw');
      await createCase(h, cw, 'C-OWN');
      const lead = await login(h, 'lead');
      const res = await post(h, lead, '/admin/substitutions', substitution('cwOther', START + 7 * DAY));
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/Standort/);
      const other = await login(h, 'cwOther');
      const snap = await post(h, other, '/sync/snapshot', {
        clientId: other.clientId,
        caseIds: ['C-OWN'],
        pageToken: null,
      });
      expect(JSON.stringify(snap.json())).not.toContain('Fall C-OWN');
      // the same office works
      expect(
        (await post(h, lead, '/admin/substitutions', substitution('cwOtherTeam', START + 7 * DAY)))
          .statusCode,
      ).toBe(201);
    });

    it('the specialist admin crosses offices only when SUBSTITUTION_ACROSS_OFFICES allows it', async () => {
      let admin = await login(h, 'admin');
      expect(
        (await post(h, admin, '/admin/substitutions', substitution('cwOther', START + DAY))).statusCode,
      ).toBe(403);
      await h.reset({ SUBSTITUTION_ACROSS_OFFICES: true });
      admin = await login(h, 'admin');
      expect(
        (await post(h, admin, '/admin/substitutions', substitution('cwOther', START + DAY))).statusCode,
      ).toBe(201);
      const lead = await login(h, 'lead');
      expect(
        (await post(h, lead, '/admin/substitutions', substitution('cwOther', START + DAY))).statusCode,
      ).toBe(403);
    });

    it('a substitution lasts at most 90 days by default (configurable); 9999-12-31 is refused', async () => {
      const lead = await login(h, 'lead');
      const forever = await post(h, lead, '/admin/substitutions', {
        ...substitution('cwTeam', 0),
        validUntil: '9999-12-31T00:00:00Z',
      });
      expect(forever.statusCode).toBe(400);
      const tooLong = await post(h, lead, '/admin/substitutions', substitution('cwTeam', START + 91 * DAY));
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().error.message).toMatch(/90 Tage/);
      expect(
        (await post(h, lead, '/admin/substitutions', substitution('cwTeam', START + 90 * DAY))).statusCode,
      ).toBe(201);
      await h.reset({ SUBSTITUTION_MAX_DAYS: 14 });
      const lead2 = await login(h, 'lead');
      expect(
        (await post(h, lead2, '/admin/substitutions', substitution('cwTeam', START + 15 * DAY))).statusCode,
      ).toBe(400);
    });
  });
}
