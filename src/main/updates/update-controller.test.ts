import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger';
import {
  installationId,
  startUpdateController,
  updateFeedUrl,
  updateRequestHeaders,
  type UpdaterPort,
} from './update-controller';

describe('updateFeedUrl', () => {
  it('points at the channel feed of the central server', () => {
    expect(updateFeedUrl('https://lotse.example', 'pilot')).toBe('https://lotse.example/updates/pilot');
    expect(updateFeedUrl('https://lotse.example/api/', 'stable')).toBe(
      'https://lotse.example/api/updates/stable',
    );
  });

  it('refuses http outside tests, and anything but loopback even in tests', () => {
    expect(() => updateFeedUrl('http://lotse.example', 'stable')).toThrow(/nur über https/);
    expect(() => updateFeedUrl('http://127.0.0.1:8787', 'stable')).toThrow(/nur über https/);
    expect(updateFeedUrl('http://127.0.0.1:8787', 'stable', { allowLoopbackHttp: true })).toBe(
      'http://127.0.0.1:8787/updates/stable',
    );
    expect(() => updateFeedUrl('http://lotse.example', 'stable', { allowLoopbackHttp: true })).toThrow(
      /https/,
    );
    expect(() => updateFeedUrl('ftp://lotse.example', 'stable')).toThrow(/https/);
    expect(() => updateFeedUrl('kaputt', 'stable')).toThrow(/ungültig/);
    expect(() => updateFeedUrl('https://a:b@lotse.example', 'stable')).toThrow(/Zugangsdaten/);
    expect(() => updateFeedUrl('https://lotse.example/?x=1', 'stable')).toThrow(/Parameter/);
  });
});

describe('updateRequestHeaders', () => {
  it('tells the server installation, version and office, nothing else', () => {
    expect(updateRequestHeaders({ installationId: 'id', version: '1.2.0', officeId: 'oschatz' })).toEqual({
      'x-lotse-client': 'id',
      'x-lotse-version': '1.2.0',
      'x-lotse-office': 'oschatz',
    });
    expect(
      updateRequestHeaders({ installationId: 'id', version: '1.2.0', officeId: null }),
    ).not.toHaveProperty('x-lotse-office');
  });
});

describe('installationId', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lotse-install-id-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is created once and then kept; a damaged file is replaced', () => {
    const sub = join(dir, 'neu');
    const first = installationId(sub);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(installationId(sub, () => 'anders')).toBe(first);
    writeFileSync(join(sub, 'installation-id'), 'kaputt');
    expect(installationId(sub, () => '0b7c6f1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e')).toBe(
      '0b7c6f1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e',
    );
    expect(readFileSync(join(sub, 'installation-id'), 'utf8').trim()).toBe(
      '0b7c6f1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e',
    );
  });
});

/** electron-updater's AppUpdater as the controller sees it: an event emitter with settings. */
class RecordingUpdater extends EventEmitter implements UpdaterPort {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  allowPrerelease = false;
  requestHeaders: Record<string, string> | null = null;
  feed: unknown = null;
  checks = 0;
  installs: unknown[][] = [];
  failNextCheck = false;
  setFeedURL(options: { provider: 'generic'; url: string }) {
    this.feed = options;
  }
  checkForUpdates() {
    this.checks += 1;
    return this.failNextCheck ? Promise.reject(new Error('offline')) : Promise.resolve(null);
  }
  quitAndInstall(...args: unknown[]) {
    this.installs.push(args);
  }
}

function setup(
  caseOpen: { value: boolean },
  verifyDownloaded?: (file: string, files: readonly { url: string; sha512: string }[]) => Promise<boolean>,
) {
  const port = new RecordingUpdater();
  const notices: { title: string; body: string }[] = [];
  const lines: string[] = [];
  const intervals: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const controller = startUpdateController(port, {
    feedUrl: 'https://lotse.example/updates/pilot',
    headers: { 'x-lotse-client': 'id' },
    channel: 'pilot',
    logger: createLogger({ destination: { write: (l: string) => void lines.push(l) } }),
    notify: (n) => notices.push(n),
    isCaseOpen: () => caseOpen.value,
    intervalMs: 1000,
    ...(verifyDownloaded ? { verifyDownloaded } : {}),
    timers: {
      setInterval: (fn, ms) => {
        const t = { fn, ms, cleared: false };
        intervals.push(t);
        return t;
      },
      clearInterval: (t) => {
        (t as { cleared: boolean }).cleared = true;
      },
    },
  });
  return { port, notices, lines, intervals, controller };
}

describe('startUpdateController', () => {
  it('configures the generic feed, background download and install on quit, and checks now and periodically', () => {
    const { port, intervals, controller } = setup({ value: false });
    expect(port.feed).toEqual({ provider: 'generic', url: 'https://lotse.example/updates/pilot' });
    expect(port.requestHeaders).toEqual({ 'x-lotse-client': 'id' });
    expect(port).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      allowPrerelease: true,
    });
    expect(port.checks).toBe(1);
    intervals[0]!.fn();
    expect(port.checks).toBe(2);
    expect(intervals[0]!.ms).toBe(1000);
    controller.stop();
    expect(intervals[0]!.cleared).toBe(true);
  });

  it('shows the German notice once per downloaded version and installs on restart only with no case open', () => {
    const caseOpen = { value: true };
    const { port, notices, controller } = setup(caseOpen);
    expect(controller.restartNow()).toEqual({ kind: 'wait', reason: 'nothing_downloaded' });
    port.emit('update-downloaded', { version: '1.3.0' });
    port.emit('update-downloaded', { version: '1.3.0' });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain('beim nächsten Neustart installiert');
    expect(controller.downloadedVersion()).toBe('1.3.0');
    expect(controller.restartNow()).toEqual({ kind: 'wait', reason: 'case_open' });
    expect(port.installs).toEqual([]);
    caseOpen.value = false;
    expect(controller.restartNow()).toEqual({ kind: 'install', version: '1.3.0' });
    expect(port.installs).toEqual([[true, true]]);
  });

  it('logs a failed check by event and error name only, and survives a rejected check', async () => {
    const { port, lines } = setup({ value: false });
    port.failNextCheck = true;
    port.emit(
      'error',
      Object.assign(new Error('https://lotse.example/updates/… 500 Erika Muster'), { name: 'HttpError' }),
    );
    await Promise.resolve();
    const logged = lines.join('\n');
    expect(logged).toContain('update.failed');
    expect(logged).toContain('HttpError');
    expect(logged).not.toContain('Erika');
  });

  it('with a signature check: installs on quit only after the download verified', async () => {
    const verdicts = new Map([['/tmp/gut.AppImage', true]]);
    const seen: unknown[] = [];
    const { port, notices, lines, controller } = setup({ value: false }, async (file, files) => {
      seen.push([file, files]);
      return verdicts.get(file) ?? false;
    });
    expect(port.autoInstallOnAppQuit).toBe(false);
    const files = [{ url: 'Lotse-1.3.0.AppImage', sha512: 'x' }];
    port.emit('update-downloaded', { version: '1.3.0', downloadedFile: '/tmp/boese.AppImage', files });
    await new Promise((r) => setImmediate(r));
    expect(port.autoInstallOnAppQuit).toBe(false);
    expect(notices).toEqual([]);
    expect(controller.restartNow()).toEqual({ kind: 'wait', reason: 'nothing_downloaded' });
    expect(lines.join('\n')).toContain('update.signature_invalid');
    port.emit('update-downloaded', { version: '1.3.0' }); // no file: refused
    await new Promise((r) => setImmediate(r));
    expect(port.autoInstallOnAppQuit).toBe(false);
    port.emit('update-downloaded', { version: '1.3.0', downloadedFile: '/tmp/gut.AppImage', files });
    await new Promise((r) => setImmediate(r));
    expect(port.autoInstallOnAppQuit).toBe(true);
    expect(notices).toHaveLength(1);
    expect(seen).toContainEqual(['/tmp/gut.AppImage', files]);
    expect(controller.downloadedVersion()).toBe('1.3.0');
  });
});
