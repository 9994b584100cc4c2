/**
 * The team directory on the desktop: the composed app (src/main/composition.ts) stores the own
 * team's names the server announces at hello, answers them on `directory:users` with the signed-in
 * user's own name, keeps them offline, writes them only when they changed (outside Mein Bestand's
 * change stamp), and names the caseworkers in the quality report from the same directory.
 */
import { describe, expect, it } from 'vitest';
import { createLotseMain, type LotseMain } from '../../../src/main/composition';
import { storeStamp } from '../../../src/main/features/cases/caseload';
import { TEAM_DIRECTORY_KEY } from '../../../src/main/features/directory/team-directory';
import { silentLogger } from '../../../src/main/logging/logger';
import { TEAM_DIRECTORY_CHANGE } from '../../../src/shared/auth/team-directory';
import { TEST_APP_INFO, TEST_PASSPHRASE, TEST_SCRYPT } from '../../helpers/local-store';
import { ManualTimer, switchableNetwork, useListeningServer } from '../../helpers/sync-engine';
import { tempDir } from '../../helpers/temp-dir';
import { PASSWORD } from '../server/harness';

const appInfo = TEST_APP_INFO;

const net = switchableNetwork();

describe('pglite: the team directory in the composed app', () => {
  const server = useListeningServer();

  it('stores the own team at hello, answers it with the own name, keeps it offline, names the report', async () => {
    const dir = await tempDir('lotse-directory-');
    server.dirs.push(dir);
    const printed: string[] = [];
    const lead: LotseMain = await createLotseMain({
      dataDir: dir.path,
      appInfo,
      logger: silentLogger(),
      scrypt: TEST_SCRYPT,
      clock: { now: () => server.h.clock.now() },
      actorId: server.h.userIds['lead']!,
      role: 'team_lead',
      displayName: 'Tamara Lindner',
      pdfRenderer: {
        name: 'test',
        render: async (html) => {
          printed.push(html);
          return new Uint8Array([37, 80, 68, 70]);
        },
        close: async () => undefined,
      },
      sync: {
        serverUrl: server.url,
        username: 'tl.osza',
        password: PASSWORD,
        deviceName: 'Testgerät',
        timer: new ManualTimer(),
        fetch: net.fetch,
      },
    });
    const call = (channel: string, input?: unknown) => lead.backend.dispatch(channel, input);
    try {
      await lead.vault.create(TEST_PASSPHRASE);
      // before any hello: only oneself, by the name of the sign-in
      expect(await call('directory:users')).toEqual({
        ok: true,
        value: [{ id: server.h.userIds['lead'], displayName: 'Tamara Lindner', role: 'team_lead' }],
      });
      const status = await call('sync:now');
      expect(status).toMatchObject({ ok: true, value: { error: null } });
      const team = [
        { id: server.h.userIds['cw'], displayName: 'ifk.own', role: 'caseworker' },
        { id: server.h.userIds['cwTeam'], displayName: 'ifk.team', role: 'caseworker' },
        // the own name of the sign-in wins over the announced one
        { id: server.h.userIds['lead'], displayName: 'Tamara Lindner', role: 'team_lead' },
      ];
      expect(await call('directory:users')).toEqual({ ok: true, value: team });
      // the round reports the changed directory, so open screens load it again
      const changes = (status as { value: { dataChanges: { recent: { entities: string[] }[] } } }).value
        .dataChanges;
      expect(changes.recent.at(-1)?.entities).toContain(TEAM_DIRECTORY_CHANGE);

      // an unchanged directory is no write: no change stamp moves, no change reported
      const raw = lead.store.raw();
      const stored = () =>
        (
          raw.prepare('SELECT value FROM sync_state WHERE key = ?').get(TEAM_DIRECTORY_KEY) as {
            value: string;
          }
        ).value;
      const before = stored();
      const stamp = await storeStamp(lead.store.db());
      const again = await call('sync:now');
      expect(stored()).toBe(before);
      expect(await storeStamp(lead.store.db())).toBe(stamp);
      const recent = (again as { value: { dataChanges: { recent: { entities: string[] }[] } } }).value
        .dataChanges.recent;
      expect(recent.filter((c) => c.entities.includes(TEAM_DIRECTORY_CHANGE))).toHaveLength(1);

      // a member renamed at the server: stored at the next hello
      await server.h.tdb.db
        .updateTable('users')
        .set({ display_name: 'Ines Kaufmann' })
        .where('id', '=', server.h.userIds['cw']!)
        .execute();
      await call('sync:now');
      const renamed = await call('directory:users');
      expect(renamed.ok && (renamed.value as { displayName: string }[]).map((m) => m.displayName)).toEqual([
        'ifk.team',
        'Ines Kaufmann',
        'Tamara Lindner',
      ]);

      // offline: the last known directory stays
      net.offline = true;
      expect(await call('sync:now')).toMatchObject({ ok: true, value: { state: 'offline' } });
      expect(await call('directory:users')).toEqual(renamed);
      net.offline = false;

      // the quality report names the team's caseworkers from the same directory, never by id
      raw
        .prepare("INSERT INTO offices (id, code, name, town) VALUES ('oschatz', 'OSZ', 'Oschatz', 'Oschatz')")
        .run();
      const report = await call('quality:report', { scope: 'own' });
      expect(report).toMatchObject({ ok: true });
      expect(printed.at(-1)).toContain('Eigener Bestand der Fachkraft Tamara Lindner');
      expect(printed.at(-1)).not.toContain(server.h.userIds['lead']!);
    } finally {
      net.offline = false;
      await lead.shutdown();
    }
  });
});
