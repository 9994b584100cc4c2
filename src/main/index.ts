/**
 * Composition root of the Electron main process, and nothing else: security baseline -> backend
 * (vault, encrypted store, features) -> IPC -> window. Everything it wires runs under plain Node
 * too (see the browser bridge), except the adapters in app/, platform/ and ipc/.
 */
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createBackend } from './backend';
import { registerAppScheme, serveRenderer } from './app/app-protocol';
import { applySecurityBaseline } from './app/security';
import { trustedOrigins } from './app/security-policy';
import { createMainWindow, preloadPathFor } from './app/window';
import { registerIpcHandlers } from './ipc/register-handlers';
import { createLogger } from './logging/logger';

const logger = createLogger();
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.enableSandbox();

  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    applySecurityBaseline(logger, devServerUrl);
    serveRenderer(join(__dirname, '../renderer'));
    const backend = createBackend({
      appInfo: {
        name: 'Lotse',
        version: app.getVersion(),
        runtime: 'electron',
        platform: process.platform,
        locale: 'de-DE',
        demo: process.env['LOTSE_DEMO'] === '1',
      },
      vault: { status: () => ({ state: 'uninitialized', quickUnlockAvailable: false, autoLockMinutes: 15 }) },
      logger,
    });
    registerIpcHandlers(backend.dispatch, trustedOrigins(devServerUrl), logger);
    createMainWindow({
      preloadPath: preloadPathFor(__dirname),
      ...(devServerUrl ? { devServerUrl } : {}),
    });
  });
}
