/**
 * The update feed (issue 13, item 4): publish a build output to a channel, serve latest*.yml and
 * the artifacts over loopback, staged rollout per device and office, the minimum version in the
 * feed and in sync hello, and the admin CLI end to end.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app';
import { runCli } from '../../../src/server/cli';
import { testConfig } from '../../../src/server/config';
import { openServerDb } from '../../../src/server/db/kysely';
import * as updates from '../../../src/server/features/updates/updates.service';
import { isInRollout } from '../../../src/shared/updates/decisions';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createHarness, login, newClientId, post, type Harness } from './harness';

const tmpDirs: string[] = [];
function tmp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

const sha512 = (data: Buffer | string) => createHash('sha512').update(data).digest('base64');

/** A build output as electron-builder writes it: feed files + artifacts (+ a blockmap). */
function writeBuild(version: string, options: { corrupt?: boolean; feedVersion?: string } = {}): string {
  const dir = tmp('lotse-build-');
  const exe = Buffer.from(`MZ Lotse-Setup ${version} ${'x'.repeat(3000)}`);
  const appImage = Buffer.from(`ELF Lotse ${version} AppImage`);
  writeFileSync(join(dir, `Lotse-Setup-${version}.exe`), exe);
  writeFileSync(join(dir, `Lotse-Setup-${version}.exe.blockmap`), 'blockmap');
  writeFileSync(join(dir, `Lotse-${version}.AppImage`), appImage);
  writeFileSync(join(dir, `Lotse-${version}.AppImage.sig`), 'c2lnbmF0dXI=\n');
  const feed = (file: string, data: Buffer) =>
    [
      `version: ${options.feedVersion ?? version}`,
      'files:',
      `  - url: ${file}`,
      `    sha512: ${options.corrupt ? sha512('anders') : sha512(data)}`,
      `    size: ${data.length}`,
      `path: ${file}`,
      `sha512: ${sha512(data)}`,
      "releaseDate: '2026-12-01T08:00:00.000Z'",
      '',
    ].join('\n');
  writeFileSync(join(dir, 'latest.yml'), feed(`Lotse-Setup-${version}.exe`, exe));
  writeFileSync(join(dir, 'latest-linux.yml'), feed(`Lotse-${version}.AppImage`, appImage));
  return dir;
}

const devices = Array.from({ length: 24 }, () => newClientId());

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: update feed`, () => {
    let h: Harness;
    let base: string;
    let updatesDir: string;
    const deps = () => ({ db: h.tdb.db, clock: h.clock, updatesDir });

    beforeAll(async () => {
      h = await createHarness(dialect);
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(async () => {
      updatesDir = tmp('lotse-updates-');
      await h.reset({ UPDATES_DIR: updatesDir });
      await h.app.listen({ host: '127.0.0.1', port: 0 });
      base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    });

    const feed = async (
      channel: string,
      device: { client?: string; version?: string; office?: string },
      file = 'latest.yml',
    ) => {
      const headers: Record<string, string> = {};
      if (device.client) headers['x-lotse-client'] = device.client;
      if (device.version) headers['x-lotse-version'] = device.version;
      if (device.office) headers['x-lotse-office'] = device.office;
      const res = await fetch(`${base}/updates/${channel}/${file}`, { headers });
      const text = await res.text();
      return {
        status: res.status,
        text,
        version: res.status === 200 ? (parseYaml(text) as { version: string }).version : null,
      };
    };

    it('publishes a build output and serves both feeds and the artifacts', async () => {
      const { platforms } = await updates.publishRelease(deps(), 'test', {
        channel: 'stable',
        version: '1.1.0',
        sourceDir: writeBuild('1.1.0'),
        rolloutPercent: 100,
      });
      expect(platforms).toEqual(['windows', 'linux']);
      const win = await feed('stable', { client: devices[0]!, version: '1.0.0' });
      expect(win.status).toBe(200);
      expect(win.version).toBe('1.1.0');
      // electron-updater adds a cache-busting query
      const noCache = await fetch(`${base}/updates/stable/latest.yml?noCache=1j2k3`);
      expect(noCache.status).toBe(200);
      expect(noCache.headers.get('cache-control')).toBe('no-store');
      const linux = await feed('stable', { client: devices[0]!, version: '1.0.0' }, 'latest-linux.yml');
      expect(parseYaml(linux.text)).toMatchObject({ version: '1.1.0', path: 'Lotse-1.1.0.AppImage' });

      const meta = parseYaml(win.text) as { files: { url: string; sha512: string }[] };
      const exe = await fetch(`${base}/updates/stable/${meta.files[0]!.url}`);
      expect(exe.status).toBe(200);
      expect(sha512(Buffer.from(await exe.arrayBuffer()))).toBe(meta.files[0]!.sha512);
      expect((await fetch(`${base}/updates/stable/Lotse-Setup-1.1.0.exe.blockmap`)).status).toBe(200);
      const sig = await fetch(`${base}/updates/stable/Lotse-1.1.0.AppImage.sig`);
      expect(await sig.text()).toBe('c2lnbmF0dXI=\n');
      // a pilot device sees stable releases too; unknown files, traversal and odd channels do not pass
      expect((await feed('pilot', { client: devices[0]!, version: '1.0.0' })).version).toBe('1.1.0');
      expect((await fetch(`${base}/updates/stable/Lotse-Setup-9.9.9.exe`)).status).toBe(404);
      expect((await fetch(`${base}/updates/stable/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
      expect((await fetch(`${base}/updates/stable/.hidden`)).status).toBe(404);
      const odd = await fetch(`${base}/updates/beta/latest.yml`);
      expect(odd.status).toBe(400);
      expect(((await odd.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    });

    it('answers 404 with a German message when nothing is published for the device', async () => {
      const res = await feed('stable', { client: devices[0]!, version: '1.0.0' });
      expect(res.status).toBe(404);
      expect(res.text).toContain('keine Version veröffentlicht');
      await updates.publishRelease(deps(), 'test', {
        channel: 'pilot',
        version: '1.2.0',
        sourceDir: writeBuild('1.2.0'),
        rolloutPercent: 100,
      });
      // pilot releases stay off stable devices
      expect((await feed('stable', { client: devices[0]!, version: '1.0.0' })).status).toBe(404);
      expect((await fetch(`${base}/updates/stable/Lotse-Setup-1.2.0.exe`)).status).toBe(404);
      expect((await fetch(`${base}/updates/pilot/Lotse-Setup-1.2.0.exe`)).status).toBe(200);
    });

    it('honours the staged rollout per device and office, and raising it only adds devices', async () => {
      await updates.publishRelease(deps(), 'test', {
        channel: 'stable',
        version: '1.1.0',
        sourceDir: writeBuild('1.1.0'),
        rolloutPercent: 100,
      });
      await updates.publishRelease(deps(), 'test', {
        channel: 'stable',
        version: '1.2.0',
        sourceDir: writeBuild('1.2.0'),
        offices: ['oschatz'],
      });
      const offered = async (office: string) => {
        const got = new Set<string>();
        for (const client of devices) {
          const res = await feed('stable', { client, version: '1.1.0', office });
          expect(res.status).toBe(200);
          if (res.version === '1.2.0') got.add(client);
          else expect(res.version).toBe('1.1.0'); // "no update" for the others
        }
        return got;
      };
      expect((await offered('oschatz')).size).toBe(0); // 0 %

      await runRollout(30, ['oschatz']);
      const at30 = await offered('oschatz');
      const expected = devices.filter((deviceId) =>
        isInRollout(
          { channel: 'stable', version: '1.2.0', rolloutPercent: 30, offices: ['oschatz'] },
          { deviceId, officeId: 'oschatz', channel: 'stable', currentVersion: '1.1.0' },
        ),
      );
      expect([...at30].sort()).toEqual([...expected].sort());
      expect(at30.size).toBeGreaterThan(0);
      expect(at30.size).toBeLessThan(devices.length);
      expect((await offered('torgau')).size).toBe(0); // not the pilot office

      await runRollout(80, ['oschatz']);
      const at80 = await offered('oschatz');
      for (const d of at30) expect(at80.has(d)).toBe(true);

      await runRollout(100, null);
      expect((await offered('torgau')).size).toBe(devices.length);
      // a device without headers only gets full rollouts
      expect((await feed('stable', {})).version).toBe('1.2.0');

      async function runRollout(percent: number, offices: string[] | null) {
        await updates.setRollout(deps(), 'test', {
          channel: 'stable',
          version: '1.2.0',
          rolloutPercent: percent,
          offices,
        });
      }
    });

    it('the minimum version: hello says upgrade_required, the feed offers the fix regardless of the rollout', async () => {
      await updates.publishRelease(deps(), 'test', {
        channel: 'stable',
        version: '1.2.0',
        sourceDir: writeBuild('1.2.0'),
        rolloutPercent: 0,
      });
      const s = await login(h, 'cw');
      const hello = async (appVersion: string) =>
        (
          await post(h, s, '/sync/hello', {
            clientId: s.clientId,
            appVersion,
            protocolVersion: 1,
            schemaVersion: 1,
          })
        ).json<{ status: string; offlineLeaseUntil: string | null }>();
      expect((await hello('1.1.0')).status).toBe('ok');
      expect((await feed('stable', { client: s.clientId, version: '1.1.0' })).status).toBe(404);

      await updates.setMinimumVersion(deps(), 'test', '1.2.0');
      const old = await hello('1.1.0');
      expect(old.status).toBe('upgrade_required');
      expect(old.offlineLeaseUntil).not.toBeNull(); // keeps working offline with its outbox
      expect((await hello('kaputt')).status).toBe('upgrade_required');
      expect((await hello('1.2.0')).status).toBe('ok');
      expect((await feed('stable', { client: s.clientId, version: '1.1.0' })).version).toBe('1.2.0');

      await updates.setMinimumVersion(deps(), 'test', null);
      expect((await hello('1.1.0')).status).toBe('ok');
      const audit = await h.tdb.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'update_%')
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual([
        'update_minimum_set',
        'update_minimum_set',
        'update_published',
      ]);
    });

    it('refuses broken build outputs, a second publish of a version and unknown releases', async () => {
      const publish = (dir: string, over: Partial<Parameters<typeof updates.publishRelease>[2]> = {}) =>
        updates.publishRelease(deps(), 'test', {
          channel: 'stable',
          version: '1.1.0',
          sourceDir: dir,
          ...over,
        });
      await expect(publish(writeBuild('1.1.0', { corrupt: true }))).rejects.toThrow(/Prüfsumme/);
      await expect(publish(writeBuild('1.1.0', { feedVersion: '1.0.9' }))).rejects.toThrow(
        /nicht die Version/,
      );
      await expect(publish(tmp('lotse-empty-'))).rejects.toThrow(/weder latest.yml/);
      await expect(publish(writeBuild('1.1.0'), { channel: 'beta' })).rejects.toThrow(/pilot oder stable/);
      await expect(publish(writeBuild('1.1.0'), { version: '1.1' })).rejects.toThrow(/MAJOR.MINOR.PATCH/);
      await expect(publish(writeBuild('1.1.0'), { rolloutPercent: 101 })).rejects.toThrow(/0 bis 100/);
      await expect(publish(writeBuild('1.1.0'), { offices: ['berlin'] })).rejects.toThrow(
        /Unbekannter Standort/,
      );
      await expect(publish(writeBuild('1.1.0'), { offices: [] })).rejects.toThrow(/mindestens einer/);
      const hostile = writeBuild('1.1.0');
      writeFileSync(
        join(hostile, 'latest.yml'),
        `version: 1.1.0\nfiles:\n  - url: ../../etc/passwd\n    sha512: x\n`,
      );
      await expect(publish(hostile)).rejects.toThrow(/ungültiger Dateiname/);
      writeFileSync(join(hostile, 'latest.yml'), 'version: [1.1.0\n');
      await expect(publish(hostile)).rejects.toThrow(/kein gültiges YAML/);
      expect(await updates.listReleases(h.tdb.db)).toEqual([]);

      await publish(writeBuild('1.1.0'));
      await expect(publish(writeBuild('1.1.0'))).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(
        updates.setRollout(deps(), 'test', { channel: 'stable', version: '1.9.0', rolloutPercent: 5 }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(updates.setMinimumVersion(deps(), 'test', 'neu')).rejects.toThrow(/MAJOR/);
    });
  });
}

describe('admin CLI for releases (PGlite data directory, served over loopback)', () => {
  it('publishes, stages, sets the minimum and lists; the server then serves what was published', async () => {
    const env = {
      PGLITE_DIR: join(tmp('lotse-cli-db-'), 'pg'),
      UPDATES_DIR: tmp('lotse-cli-updates-'),
    };
    const build = writeBuild('1.3.0');
    expect(
      await runCli(
        [
          'release:publish',
          '--channel',
          'pilot',
          '--version',
          '1.3.0',
          '--dir',
          build,
          '--offices',
          'oschatz',
        ],
        env,
      ),
    ).toContain('Version 1.3.0 im Kanal pilot veröffentlicht (windows, linux), Verteilung 0 %');
    expect(
      await runCli(['release:rollout', '--channel', 'pilot', '--version', '1.3.0', '--percent', '100'], env),
    ).toBe('Verteilung von 1.3.0 im Kanal pilot: 100 %.');
    expect(await runCli(['release:minimum', '--version', '1.0.0'], env)).toContain('Mindestversion 1.0.0');
    await expect(
      runCli(['release:rollout', '--channel', 'pilot', '--version', '1.3.0', '--percent', 'viel'], env),
    ).rejects.toThrow(/--percent/);
    await expect(
      runCli(['release:publish', '--channel', 'pilot', '--version', '1.3.0'], env),
    ).rejects.toThrow(/--dir fehlt/);
    const list = await runCli(['release:list'], env);
    expect(list).toContain('pilot  1.3.0');
    expect(list).toContain('100 %  oschatz  (windows, linux)');
    expect(list).toContain('Mindestversion: 1.0.0');
    expect(await runCli(['release:minimum', '--clear'], env)).toBe('Keine Mindestversion mehr.');

    const opened = await openServerDb({ pgliteDir: env.PGLITE_DIR });
    const app = await buildApp({
      db: opened.db,
      config: testConfig({ UPDATES_DIR: env.UPDATES_DIR }),
      logger: pino({ level: 'silent' }),
    });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/updates/pilot`;
      const headers = {
        'x-lotse-client': devices[0]!,
        'x-lotse-version': '1.2.0',
        'x-lotse-office': 'oschatz',
      };
      const yml = await fetch(`${url}/latest-linux.yml`, { headers });
      expect(yml.status).toBe(200);
      expect(parseYaml(await yml.text())).toMatchObject({ version: '1.3.0' });
      const other = await fetch(`${url}/latest-linux.yml`, {
        headers: { ...headers, 'x-lotse-office': 'torgau' },
      });
      expect(other.status).toBe(404);
      expect((await fetch(`${url}/Lotse-1.3.0.AppImage`)).status).toBe(200);
    } finally {
      await app.close();
      await opened.close();
    }
  }, 180_000); // four CLI runs, each opening the PGlite data directory (WASM start): slow on a loaded machine
});
