import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBridgeServer, type BridgeServer } from '../../../src/main/bridge/bridge-server';
import { createDispatch, type Handlers } from '../../../src/main/ipc/dispatch';
import { silentLogger } from '../../../src/main/logging/logger';
import { fakeHandlers } from '../../helpers/fake-handlers';

let dir: string;
let bridge: BridgeServer;
const vaultStatus = vi.fn(() => ({
  state: 'locked' as const,
  quickUnlockAvailable: false,
  autoLockMinutes: 15,
}));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lotse-bridge-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(
    join(dir, 'index.html'),
    '<html><head><meta http-equiv="Content-Security-Policy" content="x"></head><body><script type="module" src="/assets/a.js"></script></body></html>',
  );
  await writeFile(join(dir, 'assets', 'a.js'), 'console.log(1)');
  await writeFile(join(tmpdir(), 'lotse-outside.txt'), 'outside');
  const handlers: Handlers = fakeHandlers({ 'vault:status': vaultStatus });
  bridge = await startBridgeServer({
    dispatch: createDispatch(handlers, silentLogger()),
    rendererDir: dir,
    logger: silentLogger(),
  });
});

afterAll(async () => {
  await bridge.close();
  await rm(dir, { recursive: true, force: true });
});

/** As the page does: the session cookie (set by the launch link) and the page's own Origin. */
function invoke(body: unknown, headers: Record<string, string> = {}) {
  return fetch(new URL('/__lotse/invoke', bridge.url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `lotse_bridge=${bridge.token}`,
      origin: new URL(bridge.url).origin,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('browser bridge', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(bridge.url).hostname).toBe('127.0.0.1');
  });

  it('serves index.html with the bridge script and a CSP header instead of the meta CSP', async () => {
    const res = await fetch(bridge.url);
    const html = await res.text();
    expect(html).toContain('<script src="/__lotse/bridge.js"></script>');
    expect(html).not.toContain('http-equiv="Content-Security-Policy"');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers a contract channel', async () => {
    const res = await invoke({ channel: 'vault:status' });
    expect(await res.json()).toEqual({
      ok: true,
      value: { state: 'locked', quickUnlockAvailable: false, autoLockMinutes: 15 },
    });
  });

  it('refuses an unknown channel and bad input with codes', async () => {
    expect(await (await invoke({ channel: 'fs:read', input: '/etc/passwd' })).json()).toMatchObject({
      ok: false,
      error: { code: 'IPC_UNKNOWN_CHANNEL' },
    });
    expect(await (await invoke({ channel: 'vault:status', input: { x: 1 } })).json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await (await invoke('{not json')).json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await (await invoke([1, 2])).json()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('refuses a missing or wrong session cookie and a foreign origin without calling the backend', async () => {
    vaultStatus.mockClear();
    expect((await invoke({ channel: 'vault:status' }, { cookie: 'lotse_bridge=nope' })).status).toBe(403);
    expect((await invoke({ channel: 'vault:status' }, { cookie: '' })).status).toBe(403);
    expect((await invoke({ channel: 'vault:status' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect(vaultStatus).not.toHaveBeenCalled();
  });

  it('issue 14, item 5: no token for other local processes; the Origin header is required on invoke', async () => {
    const { request } = await import('node:http');
    const raw = (path: string, method = 'GET', headers: Record<string, string> = {}, body?: string) =>
      new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve) => {
        const u = new URL(bridge.url);
        const req = request(
          { host: '127.0.0.1', port: u.port, path, method, headers: { host: u.host, ...headers } },
          (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
          },
        );
        req.end(body);
      });
    // the bridge script and the page carry no token any more (a plain local client gets them)
    const script = await raw('/__lotse/bridge.js');
    expect(script.status).toBe(200);
    expect(script.body).not.toContain(bridge.token);
    expect((await raw('/')).body).not.toContain(bridge.token);
    // invoke without an Origin header is refused, even with the right cookie
    vaultStatus.mockClear();
    const noOrigin = await raw(
      '/__lotse/invoke',
      'POST',
      { 'content-type': 'application/json', cookie: `lotse_bridge=${bridge.token}` },
      JSON.stringify({ channel: 'vault:status' }),
    );
    expect(noOrigin.status).toBe(403);
    expect(vaultStatus).not.toHaveBeenCalled();
  });

  it('the launch link sets an HttpOnly SameSite=Strict cookie once, then it is spent', async () => {
    const launch = new URL(bridge.launchUrl);
    const first = await fetch(launch, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`lotse_bridge=${bridge.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const again = await fetch(launch, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    // a browser that already has the cookie is simply sent on
    const withCookie = await fetch(launch, {
      redirect: 'manual',
      headers: { cookie: `lotse_bridge=${bridge.token}` },
    });
    expect(withCookie.status).toBe(303);
  });

  it('refuses impossible and implausible days on appointments:list-day with a code (issue 14, item 8)', async () => {
    for (const day of ['0000-00-00', '2026-13-45', '2026-02-30', '0000-01-01', '9999-12-31']) {
      const res = await invoke({ channel: 'appointments:list-day', input: { day } });
      expect(res.status, day).toBeLessThan(500);
      expect(await res.json(), day).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(
      await (await invoke({ channel: 'appointments:list-day', input: { day: '2026-03-02' } })).json(),
    ).toEqual({ ok: true, value: [] });
  });

  it('refuses oversized bodies', async () => {
    const res = await invoke({ channel: 'vault:status', input: 'x'.repeat(6 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of [
      '/../lotse-outside.txt',
      '/%2e%2e/lotse-outside.txt',
      '/assets/..%2f..%2flotse-outside.txt',
    ]) {
      const res = await fetch(new URL(path, bridge.url));
      expect(await res.text()).not.toBe('outside');
    }
    expect((await fetch(new URL('/assets/a.js', bridge.url))).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) and cross-site loads of the bridge script', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const u = new URL(bridge.url);
      request({ host: '127.0.0.1', port: u.port, path: '/', headers: { host: 'evil.example' } }, (res) =>
        resolve(res.statusCode ?? 0),
      ).end();
    });
    expect(status).toBe(421);
    const res = await fetch(new URL('/__lotse/bridge.js', bridge.url), {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(403);
  });
});

describe('bridge data directory', () => {
  it('refuses a data directory that belongs to another user (issue 14, item 5)', async () => {
    const { assertOwnDataDir } = await import('../../../src/main/bridge/start-bridge');
    const { chown } = await import('node:fs/promises');
    if (typeof process.getuid !== 'function') return;
    let foreign: string;
    if (process.getuid() === 0) {
      foreign = await mkdtemp(join(tmpdir(), 'lotse-foreign-'));
      await chown(foreign, 65534, 65534);
    } else {
      foreign = '/'; // owned by root
    }
    try {
      expect(() => assertOwnDataDir(foreign)).toThrow(/gehört einem anderen Benutzer/);
      const own = await mkdtemp(join(tmpdir(), 'lotse-own-'));
      expect(() => assertOwnDataDir(own)).not.toThrow();
      await rm(own, { recursive: true, force: true });
    } finally {
      if (foreign !== '/') await rm(foreign, { recursive: true, force: true });
    }
  });
});
