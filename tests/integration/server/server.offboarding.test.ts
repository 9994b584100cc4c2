/**
 * Issue 14, item 3: offboarding. Disabling a user ends all their devices and tokens at once (with
 * remote wipe at the next contact if asked); a user can register only a limited number of devices;
 * both are audited.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createHarness, login, newClientId, PASSWORD, post, type Harness, type Session } from './harness';

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: offboarding`, () => {
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
    const hello = (s: Session) =>
      post(h, s, '/sync/hello', {
        clientId: s.clientId,
        appVersion: '0.1.0',
        protocolVersion: 1,
        schemaVersion: 1,
      });
    const loginRaw = (clientId: string) =>
      h.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: 'ifk.own', password: PASSWORD, clientId, deviceName: 'Laptop' },
      });
    const auditActions = async () =>
      (
        await h.tdb.db
          .selectFrom('audit_log')
          .select(['action', 'entity_id', 'client_id'])
          .orderBy('id')
          .execute()
      ).map((r) => r.action);

    it('disabling a user ends every device and token at once; the wipe reaches each device; a new device cannot log in', async () => {
      const laptop = await login(h, 'cw');
      const desktop = await login(h, 'cw');
      const admin = await login(h, 'admin');
      expect((await pull(laptop)).statusCode).toBe(200);

      const lead = await login(h, 'lead');
      expect((await post(h, lead, `/admin/users/${h.userIds.cw}/disable`, { wipe: true })).statusCode).toBe(
        403,
      );

      const res = await post(h, admin, `/admin/users/${h.userIds.cw}/disable`, { wipe: true });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ disabled: true, devicesRevoked: 2, wipe: true });

      for (const s of [laptop, desktop]) {
        expect((await pull(s)).statusCode).toBe(403);
        expect((await post(h, undefined, '/auth/refresh', { refreshToken: s.refreshToken })).statusCode).toBe(
          401,
        );
        const hi = await hello(s);
        expect(hi.statusCode).toBe(200);
        expect(hi.json()).toMatchObject({ status: 'wipe', offlineLeaseUntil: null });
      }
      const fresh = await loginRaw(newClientId());
      expect(fresh.statusCode).toBe(401);
      expect(fresh.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');

      const actions = await auditActions();
      expect(actions).toContain('user_disabled');
      expect(actions.filter((a) => a === 'device_wipe_requested')).toHaveLength(2);

      expect((await post(h, admin, `/admin/users/${h.userIds.cw}/enable`, {})).statusCode).toBe(200);
      expect((await loginRaw(laptop.clientId)).json().error.code).toBe('SYNC_DEVICE_REVOKED');
      expect((await loginRaw(newClientId())).statusCode).toBe(200);
      expect(await auditActions()).toContain('user_enabled');
    });

    it('a user registers at most MAX_DEVICES_PER_USER devices; revoking one frees a place', async () => {
      await h.reset({ MAX_DEVICES_PER_USER: 3 });
      const devices = [await login(h, 'cw'), await login(h, 'cw'), await login(h, 'cw')];
      const fourth = await loginRaw(newClientId());
      expect(fourth.statusCode).toBe(403);
      expect(fourth.json().error.code).toBe('FORBIDDEN');
      expect(fourth.json().error.message).toMatch(/Geräte/);
      expect(await auditActions()).toContain('device_limit_reached');
      // a known device logs in again without counting twice
      expect((await loginRaw(devices[0]!.clientId)).statusCode).toBe(200);

      const admin = await login(h, 'admin');
      await post(h, admin, `/admin/devices/${devices[1]!.clientId}/revoke`, { wipe: false });
      expect((await loginRaw(newClientId())).statusCode).toBe(200);
    });

    it('parallel logins from many new devices stay within the limit', async () => {
      await h.reset({ MAX_DEVICES_PER_USER: 3 });
      const results = await Promise.all(Array.from({ length: 10 }, () => loginRaw(newClientId())));
      expect(results.filter((r) => r.statusCode === 200).length).toBeLessThanOrEqual(3);
      const active = await h.tdb.db
        .selectFrom('sync_clients')
        .select('client_id')
        .where('user_id', '=', h.userIds.cw!)
        .where('revoked_at', 'is', null)
        .execute();
      expect(active.length).toBeLessThanOrEqual(3);
    });
  });
}
