import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBridge, type RunningBridge } from '../../src/main/bridge/start-bridge';
import type { SyncServerConfig } from '../../src/main/features/sync/sync-controller';
import { silentLogger } from '../../src/main/logging/logger';
import { TEST_SCRYPT } from '../helpers/local-store';
import { listen } from '../helpers/sync-engine';
import { createHarness, type Harness } from '../integration/server/harness';
import { test } from './fixtures';

/**
 * One real Lotse server (PGlite) on 127.0.0.1 for the tests of a spec file: started before them with
 * its clock at today's time (the offline lease it signs must hold for the desktop's clock), closed
 * after them. Read `h` and `url` inside the tests.
 */
export function useLotseServer(): { readonly h: Harness; readonly url: string } {
  const server = { h: undefined as Harness | undefined, url: '' };
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    const h = await createHarness('pglite');
    await h.reset();
    h.clock.t = Date.now();
    server.url = await listen(h);
    server.h = h;
  });
  test.afterAll(async () => {
    test.setTimeout(120_000);
    // the desktops' keep-alive connections would hold the listening server open
    server.h?.app.server.closeAllConnections();
    await server.h?.close();
  });
  return {
    get h() {
      if (!server.h) throw new Error('the server is not started');
      return server.h;
    },
    get url() {
      return server.url;
    },
  };
}

/**
 * A browser bridge without demo data in its own temporary data directory, syncing with the server
 * at `url`; `sync` names the user, password, device and fetch. `remove` closes it and deletes the
 * directory.
 */
export async function bridgeWithServer(
  url: string,
  sync: Omit<SyncServerConfig, 'serverUrl'>,
): Promise<{ bridge: RunningBridge; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'lotse-e2e-server-'));
  const bridge = await startBridge({
    rendererDir: resolve('out/renderer'),
    dataDir: dir,
    logger: silentLogger(),
    version: '0.1.0',
    demo: false,
    scrypt: TEST_SCRYPT,
    sync: { serverUrl: url, ...sync },
  });
  return {
    bridge,
    remove: async () => {
      await bridge.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
