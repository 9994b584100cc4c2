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

function invoke(body: unknown, headers: Record<string, string> = {}) {
  return fetch(new URL('/__lotse/invoke', bridge.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bridge.token}`, ...headers },
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

  it('refuses a missing or wrong token and a foreign origin without calling the backend', async () => {
    vaultStatus.mockClear();
    expect((await invoke({ channel: 'vault:status' }, { authorization: 'Bearer nope' })).status).toBe(403);
    expect((await invoke({ channel: 'vault:status' }, { authorization: '' })).status).toBe(403);
    expect((await invoke({ channel: 'vault:status' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect(vaultStatus).not.toHaveBeenCalled();
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
