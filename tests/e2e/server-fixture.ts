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
