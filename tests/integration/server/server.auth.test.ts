import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { buildApp } from '../../../src/server/app';
import { runCli } from '../../../src/server/cli';
import { testConfig } from '../../../src/server/config';
import measureCatalogue from '../../../resources/measures/catalogue.json' with { type: 'json' };
import qualityRules from '../../../resources/quality/rules.json' with { type: 'json' };
import { REFERENCE_DOCUMENTS } from '../../../src/shared/domain/reference-data';
import { seedShippedDocuments } from '../../../src/server/features/reference-data/reference-data.service';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createCase, createHarness, login, newClientId, PASSWORD, post, type Harness } from './harness';

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: identity, devices, audit, reference data`, () => {
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

    const loginRaw = (username: string, password: string, clientId = newClientId(), ip?: string) =>
      h.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username, password, clientId, deviceName: 'Laptop' },
        ...(ip ? { remoteAddress: ip } : {}),
      });

    it('health answers ok', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('ok');
    });

    it('logs in with scrypt-hashed passwords and refuses wrong ones with a code', async () => {
      const row = await h.tdb.db
        .selectFrom('users')
        .select('password_hash')
        .where('username', '=', 'ifk.own')
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$1024\$/);
      expect(row.password_hash).not.toContain(PASSWORD);
      const ok = await loginRaw('ifk.own', PASSWORD);
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user.role).toBe('caseworker');
      const bad = await loginRaw('ifk.own', 'falsch-falsch');
      expect(bad.statusCode).toBe(401);
      expect(bad.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
      const unknown = await loginRaw('niemand', 'falsch-falsch');
      expect(unknown.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    });

    it('locks an account after repeated failures, until the lockout ends', async () => {
      for (let i = 0; i < 4; i += 1) expect((await loginRaw('ifk.own', 'falsch')).statusCode).toBe(401);
      const fifth = await loginRaw('ifk.own', 'falsch');
      expect(fifth.statusCode).toBe(429);
      expect(fifth.json().error.code).toBe('AUTH_ACCOUNT_LOCKED');
      expect((await loginRaw('ifk.own', PASSWORD)).json().error.code).toBe('AUTH_ACCOUNT_LOCKED');
      h.clock.advance(16 * 60_000);
      expect((await loginRaw('ifk.own', PASSWORD)).statusCode).toBe(200);
    });

    it('rate-limits login failures per address', async () => {
      await h.reset({ LOGIN_IP_MAX_FAILURES: 3 });
      for (let i = 0; i < 3; i += 1) await loginRaw(`unbekannt${i}`, 'x', undefined, '10.0.0.9');
      const limited = await loginRaw('ifk.own', PASSWORD, undefined, '10.0.0.9');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      expect((await loginRaw('ifk.own', PASSWORD, undefined, '10.0.0.10')).statusCode).toBe(200);
    });

    it('expires access tokens and rotates refresh tokens; reuse of a rotated token revokes the family', async () => {
      const s = await login(h, 'cw');
      h.clock.advance(16 * 60_000);
      const expired = await post(h, s, '/sync/pull', {
        clientId: s.clientId,
        cursor: { txid: '0', changeId: '0' },
        scopeVersion: 0,
      });
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.code).toBe('AUTH_TOKEN_INVALID');
      const r1 = await post(h, undefined, '/auth/refresh', { refreshToken: s.refreshToken });
      expect(r1.statusCode).toBe(200);
      const second = r1.json<{ refreshToken: string; accessToken: string }>();
      expect(second.refreshToken).not.toBe(s.refreshToken);
      const reuse = await post(h, undefined, '/auth/refresh', { refreshToken: s.refreshToken });
      expect(reuse.statusCode).toBe(401);
      expect(reuse.json().error.code).toBe('AUTH_REFRESH_REUSED');
      // the whole family is gone, including the newest token
      const afterReuse = await post(h, undefined, '/auth/refresh', { refreshToken: second.refreshToken });
      expect(afterReuse.json().error.code).toBe('AUTH_TOKEN_INVALID');
      const forged = await post(h, undefined, '/auth/refresh', {
        refreshToken: `${second.refreshToken.split('.')[0]}.AAAAAAAAAAAAAAAAAAAA`,
      });
      expect(forged.statusCode).toBe(401);
    });

    it('revokes a device and delivers remote wipe on the next hello, even with an expired token', async () => {
      const s = await login(h, 'cw');
      const admin = await login(h, 'admin');
      const res = await post(h, admin, `/admin/devices/${s.clientId}/revoke`, { wipe: true });
      expect(res.statusCode).toBe(200);
      h.clock.advance(60 * 60_000);
      const hello = await post(h, s, '/sync/hello', {
        clientId: s.clientId,
        appVersion: '0.1.0',
        protocolVersion: 1,
        schemaVersion: 1,
      });
      expect(hello.statusCode).toBe(200);
      expect(hello.json()).toMatchObject({ status: 'wipe', offlineLeaseUntil: null });
      const refresh = await post(h, undefined, '/auth/refresh', { refreshToken: s.refreshToken });
      expect(refresh.statusCode).toBe(401);
      const relogin = await h.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: 'ifk.own', password: PASSWORD, clientId: s.clientId, deviceName: 'Laptop' },
      });
      expect(relogin.statusCode).toBe(403);
      expect(relogin.json().error.code).toBe('SYNC_DEVICE_REVOKED');
    });

    it('records case-opened events and lets only Datenschutz export the audit log', async () => {
      const cw = await login(h, 'cw');
      await createCase(h, cw, 'C-1');
      const ev = await post(h, cw, '/audit/events', {
        clientId: cw.clientId,
        events: [{ caseId: 'C-1', action: 'case_opened', at: '2026-03-02T08:00:00Z' }],
      });
      expect(ev.statusCode).toBe(200);
      const dp = await login(h, 'dp');
      const exp = await h.app.inject({
        method: 'GET',
        url: '/audit/export?from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z',
        headers: { authorization: `Bearer ${dp.accessToken}` },
      });
      expect(exp.statusCode).toBe(200);
      const actions = exp.json<{
        entries: { action: string; userId: string; clientId: string | null; caseId: string | null }[];
      }>().entries;
      expect(actions).toContainEqual(
        expect.objectContaining({
          action: 'case_opened',
          caseId: 'C-1',
          userId: cw.userId,
          clientId: cw.clientId,
        }),
      );
      expect(actions).toContainEqual(expect.objectContaining({ action: 'write_applied', caseId: 'C-1' }));
      // append-only: the database refuses changes
      await expect(h.tdb.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      await expect(h.tdb.db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(
        /append-only/,
      );
    });

    it('distributes versioned reference data edited by Fachadministration, validated by the domain schema', async () => {
      const admin = await login(h, 'admin');
      const cw = await login(h, 'cw');
      const put = (token: string, expectedVersion: number, content: unknown, key = 'quality-rules') =>
        h.app.inject({
          method: 'PUT',
          url: `/reference-data/${key}`,
          payload: { expectedVersion, content } as object,
          headers: { authorization: `Bearer ${token}` },
        });
      const rules = structuredClone(qualityRules);
      expect((await put(admin.accessToken, 0, rules)).json()).toEqual({ key: 'quality-rules', version: 1 });
      rules.rules[0]!.params = { maxAgeMonths: 6 };
      expect((await put(admin.accessToken, 1, rules)).json().version).toBe(2);
      const stale = await put(admin.accessToken, 1, rules);
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('CONFLICT');

      // a malformed document is refused with the entry named, and nothing is stored
      const broken = structuredClone(rules);
      broken.rules[1]!.severity = 'katastrophe';
      const refused = await put(admin.accessToken, 2, broken);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('VALIDATION_FAILED');
      expect(refused.json().error.issues[0].message).toContain(
        'Eintrag 2 (id "staerken-erfasst") › severity',
      );
      const unknown = await put(admin.accessToken, 0, { any: 1 }, 'templates');
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.issues[0].message).toBe('Unbekannte Referenzdaten „templates“.');

      const list = await h.app.inject({
        method: 'GET',
        url: '/reference-data',
        headers: { authorization: `Bearer ${cw.accessToken}` },
      });
      expect(list.json()).toEqual({ documents: [{ key: 'quality-rules', version: 2 }] });
      const doc = await h.app.inject({
        method: 'GET',
        url: '/reference-data/quality-rules',
        headers: { authorization: `Bearer ${cw.accessToken}` },
      });
      expect(doc.json()).toMatchObject({ version: 2 });
      expect(doc.json().content.rules[0].params).toEqual({ maxAgeMonths: 6 });
    });

    it('seeds the shipped catalogue and rules once, never over an edited document', async () => {
      const ctx = { db: h.tdb.db, clock: h.clock };
      const admin = await login(h, 'admin');
      await h.app.inject({
        method: 'PUT',
        url: '/reference-data/quality-rules',
        payload: { expectedVersion: 0, content: qualityRules },
        headers: { authorization: `Bearer ${admin.accessToken}` },
      });
      const seeded = await seedShippedDocuments(ctx);
      expect(seeded).toEqual(REFERENCE_DOCUMENTS.map((d) => d.key).filter((k) => k !== 'quality-rules'));
      expect(await seedShippedDocuments(ctx)).toEqual([]);
      const catalogue = await h.app.inject({
        method: 'GET',
        url: '/reference-data/measure-catalogue',
        headers: { authorization: `Bearer ${admin.accessToken}` },
      });
      expect(catalogue.json()).toMatchObject({ version: 1, content: { version: measureCatalogue.version } });
    });

    it('listens on 127.0.0.1 and logs ids and route patterns only, never personal data or secrets', async () => {
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
      const app = await buildApp({
        db: h.tdb.db,
        config: testConfig({ LOG_LEVEL: 'info' }),
        clock: h.clock,
        ids: h.ids,
        logger,
      });
      try {
        const address = await app.listen({ host: '127.0.0.1', port: 0 });
        expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const clientId = newClientId();
        const bad = await fetch(`${address}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            username: 'ifk.own',
            password: 'Geheim-Falsch-99',
            clientId,
            deviceName: 'Laptop Erika Muster',
          }),
        });
        expect(bad.status).toBe(401);
        const ok = await fetch(`${address}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            username: 'ifk.own',
            password: PASSWORD,
            clientId,
            deviceName: 'Laptop Erika Muster',
          }),
        });
        const { accessToken } = (await ok.json()) as { accessToken: string };
        await fetch(`${address}/admin/cases/C-Muster/assignment`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
          body: '{"assignedUserId":"x"}',
        });
        await fetch(`${address}/sync/pull`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{not json',
        });
      } finally {
        await app.close();
      }
      const log = lines.join('\n');
      expect(lines.length).toBeGreaterThanOrEqual(4);
      for (const secret of [
        'ifk.own',
        'Geheim-Falsch-99',
        PASSWORD,
        'Erika',
        'Muster',
        'Bearer',
        'not json',
      ]) {
        expect(log).not.toContain(secret);
      }
      expect(log).toContain('/admin/cases/:caseId/assignment');
    });

    it.skipIf(dialect !== 'postgres')('the admin CLI creates offices, teams and users', async () => {
      const env = { DATABASE_URL: h.tdb.url, LOTSE_PASSWORD: 'cli-passwort-123', PASSWORD_SCRYPT_N: '1024' };
      expect(await runCli(['offices:seed'], env)).toContain('Torgau');
      expect(
        await runCli(['team:create', '--id', 'tg-a', '--office', 'torgau', '--name', 'Team A'], env),
      ).toContain('tg-a');
      expect(
        await runCli(
          [
            'user:create',
            '--username',
            'neu.ifk',
            '--name',
            'Neu',
            '--role',
            'caseworker',
            '--office',
            'torgau',
            '--team',
            'tg-a',
          ],
          env,
        ),
      ).toMatch(/angelegt/);
      expect((await loginRaw('neu.ifk', 'cli-passwort-123')).statusCode).toBe(200);
    });
  });
}
