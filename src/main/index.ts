/**
 * Composition root of the Electron main process, and nothing else: security baseline -> vault,
 * encrypted store and features (createLotseMain) -> IPC -> window. Everything it wires runs under
 * plain Node too (see the browser bridge), except the adapters in app/, platform/ and ipc/.
 */
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { join } from 'node:path';
import { registerAppScheme, serveRenderer } from './app/app-protocol';
import { applySecurityBaseline } from './app/security';
import { shellFeatures, trustedOrigins } from './app/security-policy';
import { createMainWindow, preloadPathFor } from './app/window';
import { createLotseApp } from './features/login/login-shell';
import { nativeBindingOption } from './db/native-binding';
import { loadMachineConfig, machineConfigPath } from './config/machine-config';
import { seedDemoData } from './features/demo/seed-demo';
import { registerIpcHandlers } from './ipc/register-handlers';
import { createLogger } from './logging/logger';
import { electronPdfRenderer, electronPrintDialog } from './platform/electron-pdf';
import { onSystemLockOrSuspend } from './platform/power-events';
import { electronBattery } from './platform/battery';
import { electronSafeStorage } from './platform/safe-storage';
import { startUpdateChecks } from './platform/updater';
import { syncConfigFromEnv } from './features/sync/sync-config';
import { installationId } from './updates/update-controller';

const logger = createLogger();
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const demo = process.env['LOTSE_DEMO'] === '1';
const shell = shellFeatures(app.isPackaged);
// Provisioned per machine by the IT department (README, „Gerätekonfiguration“); safe defaults on error.
const machine = loadMachineConfig(machineConfigPath(process.platform, process.env, app.isPackaged));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.enableSandbox();
  if (!shell.defaultMenu) Menu.setApplicationMenu(null);
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
    try {
      // the Electron build of the SQLite driver (native/electron, or resources/native when packaged)
      nativeBindingOption();
    } catch (error) {
      dialog.showErrorBox('Lotse kann nicht starten', (error as Error).message);
      app.exit(1);
      return;
    }
    if (!machine.ok)
      logger.warn({ event: 'config.machine_unusable', reason: machine.reason }, 'machine config');
    serveRenderer(join(__dirname, '../renderer'));
    const dataDir = process.env['LOTSE_DATA_DIR'] ?? join(app.getPath('userData'), 'data');
    const server = syncConfigFromEnv(process.env, machine.config.serverUrl);
    // with a server and no user from the environment: sign-in and one encrypted store per user
    const lotse = await createLotseApp({
      dataDir,
      logger,
      safeStorage: electronSafeStorage,
      // the machine's policy; development without a machine file keeps the vault's default
      ...(machine.ok || app.isPackaged ? { autoLockMinutes: machine.config.policies.autoLockMinutes } : {}),
      pdfRenderer: electronPdfRenderer,
      printDialog: electronPrintDialog,
      battery: electronBattery,
      resourcesDir: join(app.getAppPath(), 'resources'),
      appInfo: {
        name: 'Lotse',
        version: app.getVersion(),
        runtime: 'electron',
        platform: process.platform,
        locale: 'de-DE',
        demo,
      },
      // the central server: LOTSE_SERVER_URL (npm start's embedded server) or the machine file
      ...(server ? { sync: server } : {}),
      // demo data without a server; with one (npm start) the demo cases come with the first sync
      ...(demo && !server
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
      devTools: shell.devTools,
    });
    const { serverUrl, updatesEnabled, updateChannel, officeId } = machine.config;
    if (app.isPackaged && updatesEnabled && serverUrl) {
      try {
        startUpdateChecks({
          serverUrl,
          channel: updateChannel,
          officeId,
          version: app.getVersion(),
          installationId: installationId(app.getPath('userData')),
          logger,
          // The workspace does not report an open case to the main process yet: no restart is
          // ever forced or offered; a downloaded update installs when the app quits.
          isCaseOpen: () => true,
        });
      } catch (error) {
        logger.warn({ event: 'update.disabled', errorName: (error as Error).name }, 'updates off');
      }
    }

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
