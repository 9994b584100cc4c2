/**
 * Composition root of the Electron main process, and nothing else: security baseline -> vault,
 * encrypted store and features (createLotseMain) -> IPC -> window. Everything it wires runs under
 * plain Node too (see the browser bridge), except the adapters in app/, platform/ and ipc/.
 */
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { registerAppScheme, serveRenderer } from './app/app-protocol';
import { applySecurityBaseline } from './app/security';
import { trustedOrigins } from './app/security-policy';
import { createMainWindow, preloadPathFor } from './app/window';
import { createLotseMain } from './composition';
import { seedDemoData } from './features/demo/seed-demo';
import { registerIpcHandlers } from './ipc/register-handlers';
import { createLogger } from './logging/logger';
import { onSystemLockOrSuspend } from './platform/power-events';
import { electronSafeStorage } from './platform/safe-storage';
import { startUpdateChecks } from './platform/updater';
import { syncConfigFromEnv } from './features/sync/sync-config';

const logger = createLogger();
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const demo = process.env['LOTSE_DEMO'] === '1';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.enableSandbox();
  // Crash dumps would hold renderer memory (names, notes) in plaintext on disk: none are written.
  app.commandLine.appendSwitch('disable-crash-reporter');
  app.commandLine.appendSwitch('disable-breakpad');

  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(async () => {
    applySecurityBaseline(logger, devServerUrl);
    serveRenderer(join(__dirname, '../renderer'));
    const dataDir = process.env['LOTSE_DATA_DIR'] ?? join(app.getPath('userData'), 'data');
    const lotse = await createLotseMain({
      dataDir,
      logger,
      safeStorage: electronSafeStorage,
      appInfo: {
        name: 'Lotse',
        version: app.getVersion(),
        runtime: 'electron',
        platform: process.platform,
        locale: 'de-DE',
        demo,
      },
      ...(syncConfigFromEnv() ? { sync: syncConfigFromEnv()! } : {}),
      ...(demo
        ? {
            onFirstRun: async (store) => {
              seedDemoData(store.raw(), {
                cases: 200,
                seed: 2026,
                today: new Date().toISOString().slice(0, 10),
              });
            },
          }
        : {}),
    });
    onSystemLockOrSuspend(() => void lotse.vault.lockNow('system'));
    registerIpcHandlers(lotse.backend.dispatch, trustedOrigins(devServerUrl), logger);
    createMainWindow({
      preloadPath: preloadPathFor(__dirname),
      ...(devServerUrl ? { devServerUrl } : {}),
    });
    const feed = process.env['LOTSE_UPDATE_URL'];
    if (app.isPackaged && feed) startUpdateChecks({ feedUrl: feed, logger });

    let quitting = false;
    app.on('before-quit', (event) => {
      if (quitting) return;
      quitting = true;
      event.preventDefault();
      void lotse.shutdown().finally(() => app.quit());
    });
  });

  app.on('window-all-closed', () => app.quit());
}
