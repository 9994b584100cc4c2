import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './security-policy';

/** Creates the one Lotse window: isolated, sandboxed, no node, no webviews. */
export function createMainWindow(options: {
  preloadPath: string;
  devServerUrl?: string;
  /** false in a packaged build (security-policy.ts shellFeatures). */
  devTools: boolean;
}): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Lotse',
    backgroundColor: '#f8f9fa',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      spellcheck: true,
      devTools: options.devTools,
    },
  });
  if (!options.devTools) {
    // belt and braces: a DevTools window that opens anyway is closed at once
    win.webContents.on('devtools-opened', () => win.webContents.closeDevTools());
  }
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}

export function preloadPathFor(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs');
}
