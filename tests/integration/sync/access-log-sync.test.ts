/**
 * Issue 12 item 5 end to end: a desktop composed as the app (src/main/composition.ts) opens a case
 * while it cannot reach the server; the opening is recorded in its encrypted, hash-chained access
 * log and, on the next sync of the real sync engine against a real server on 127.0.0.1, lands in the
 * server's audit log. An entry altered on the desktop is detected by the server, stored as an alarm
 * and shown on the desktop; the entries after it stay on the desktop.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLotseMain, type LotseMain } from '../../../src/main/composition';
import { createCasesService } from '../../../src/main/features/cases/cases.service';
import { silentLogger } from '../../../src/main/logging/logger';
import { TEST_APP_INFO, TEST_PASSPHRASE, TEST_SCRYPT } from '../../helpers/local-store';
import { sampleFields } from '../../helpers/records';
import { ManualTimer, switchableNetwork, useListeningServer } from '../../helpers/sync-engine';
import { tempDir } from '../../helpers/temp-dir';
import { PASSWORD, USERS } from '../server/harness';

const net = switchableNetwork();

describe('pglite: offline reading is audited', () => {
  const server = useListeningServer();

  it('records a case opened offline, uploads it on the next sync, and reports an altered entry', async () => {
    const dir = await tempDir('lotse-access-log-');
    server.dirs.push(dir);
    const main: LotseMain = await createLotseMain({
      dataDir: dir.path,
      appInfo: TEST_APP_INFO,
      logger: silentLogger(),
      scrypt: TEST_SCRYPT,
      clock: { now: () => server.h.clock.now() },
      sync: {
        serverUrl: server.url,
        username: USERS.find((u) => u.key === 'cw')!.username,
        password: PASSWORD,
        deviceName: 'Testgerät',
        timer: new ManualTimer(),
        fetch: net.fetch,
      },
    });
    const call = (channel: string, input?: unknown) => main.backend.dispatch(channel, input);
    const local = (sql: string) => main.store.raw().prepare(sql).all() as Record<string, unknown>[];
    const serverAudit = () =>
      server.h.tdb.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', 'in', ['case_opened', 'access_chain_broken'])
        .orderBy('id')
        .execute();
    try {
      await main.vault.create(TEST_PASSPHRASE);
      main.store
        .raw()
        .prepare("INSERT INTO offices (id, code, name, town) VALUES ('oschatz', 'OSZ', 'Oschatz', 'Oschatz')")
        .run();
      const cases = createCasesService({
        db: () => main.store.db(),
        clock: server.h.clock,
        ids: { newId: () => randomUUID() },
        actorId: server.h.userIds['cw']!,
      });
      const { caseId } = await cases.createCase({
        officeId: 'oschatz',
        caseworkerId: server.h.userIds['cw']!,
        openedOn: '2026-03-02',
        person: sampleFields('persons', { caseId: 'x', id: 'x' }),
      });
      expect(await call('sync:now')).toMatchObject({ ok: true, value: { error: null, pendingCount: 0 } });

      // the JVA Torgau: no network
      net.offline = true;
      expect(await call('sync:now')).toMatchObject({ ok: true, value: { state: 'offline' } });
      expect((await call('cases:get', { caseId })).ok).toBe(true);
      expect(local('SELECT seq, case_id, action, offline, uploaded_at FROM access_log')).toEqual([
        { seq: 1, case_id: caseId, action: 'case_opened', offline: 1, uploaded_at: null },
      ]);
      expect(await call('sync:access-log')).toMatchObject({ ok: true, value: { pending: 1, refusal: null } });
      expect(await serverAudit()).toEqual([]);

      // back in the office: the next sync uploads it into the server's audit log
      net.offline = false;
      server.h.clock.advance(60 * 60_000);
      expect(await call('sync:now')).toMatchObject({ ok: true, value: { error: null } });
      const audited = await serverAudit();
      expect(audited).toEqual([
        expect.objectContaining({
          action: 'case_opened',
          case_id: caseId,
          user_id: server.h.userIds['cw'],
          detail: expect.objectContaining({ seq: 1, offline: true, reportedAt: '2026-03-02T08:00:00.000Z' }),
        }),
      ]);
      expect(local('SELECT uploaded_at FROM access_log')).toEqual([
        { uploaded_at: '2026-03-02T09:00:00.000Z' },
      ]);
      expect(await call('sync:access-log')).toMatchObject({ ok: true, value: { pending: 0, refusal: null } });

      // opened online now (recorded as such), then again offline later; someone alters entry 2
      expect((await call('cases:get', { caseId })).ok).toBe(true);
      net.offline = true;
      await call('sync:now');
      server.h.clock.advance(60 * 60_000);
      expect((await call('cases:get', { caseId })).ok).toBe(true);
      expect(local('SELECT seq, offline FROM access_log ORDER BY seq')).toEqual([
        { seq: 1, offline: 1 },
        { seq: 2, offline: 0 },
        { seq: 3, offline: 1 },
      ]);
      main.store.raw().exec('DROP TRIGGER access_log_no_change');
      main.store.raw().prepare("UPDATE access_log SET at = '2026-03-01T09:00:00.000Z' WHERE seq = 2").run();
      net.offline = false;
      expect(await call('sync:now')).toMatchObject({ ok: true, value: { error: null } });
      const status = await call('sync:access-log');
      expect(status).toMatchObject({
        ok: true,
        value: { pending: 2, refusal: { code: 'AUDIT_CHAIN_ALTERED', seq: 2 } },
      });
      expect(status.ok && (status.value as { refusal: { message: string } }).refusal.message).toMatch(
        /verändert.*Datenschutz/,
      );
      const alarms = await server.h.tdb.db.selectFrom('device_access_alarms').selectAll().execute();
      expect(alarms.map((a) => [a.kind, Number(a.seq), a.user_id])).toEqual([
        ['altered', 2, server.h.userIds['cw']],
      ]);
      expect((await serverAudit()).map((r) => r.action)).toEqual(['case_opened', 'access_chain_broken']);
      // a second sync reports it again, without a second alarm
      expect(await call('sync:now')).toMatchObject({ ok: true });
      expect(await server.h.tdb.db.selectFrom('device_access_alarms').selectAll().execute()).toHaveLength(1);
    } finally {
      net.offline = false;
      await main.shutdown();
    }
  });
});
