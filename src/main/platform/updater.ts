import { autoUpdater } from 'electron-updater';
import type { Logger } from '../logging/logger';

/**
 * Checks the update feed hosted by the central Lotse server (generic provider). Updates are
 * downloaded in the background and installed when the app quits, never in the middle of work.
 */
export function startUpdateChecks(options: {
  feedUrl: string;
  logger: Logger;
  intervalMs?: number;
}): () => void {
  autoUpdater.setFeedURL({ provider: 'generic', url: options.feedUrl });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.logger = null;
  autoUpdater.on('error', (error) =>
    options.logger.warn({ event: 'update.failed', errorName: error.name }, 'update check failed'),
  );
  autoUpdater.on('update-downloaded', (info) =>
    options.logger.info({ event: 'update.downloaded', version: info.version }, 'update ready'),
  );
  const check = () => void autoUpdater.checkForUpdates().catch(() => undefined);
  check();
  const timer = setInterval(check, options.intervalMs ?? 4 * 60 * 60 * 1000);
  return () => clearInterval(timer);
}
