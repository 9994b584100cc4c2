import { Notification, net } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { autoUpdater } from 'electron-updater';
import type { Logger } from '../logging/logger';
import {
  startUpdateController,
  updateFeedUrl,
  updateRequestHeaders,
  type UpdateController,
  type UpdaterPort,
} from '../updates/update-controller';
import type { UpdateChannel } from '../../shared/updates/decisions';
import { createDownloadVerifier, PUBLIC_KEY_FILE } from '../updates/update-signature';

/**
 * electron-updater over the generic feed the central Lotse server hosts (<server>/updates/<channel>),
 * https only. Downloads in the background and installs on the next restart (after a German
 * notice); never in the middle of an open case. The decisions live in src/main/updates and
 * src/shared/updates (unit-tested); this file only adapts electron-updater and the notification.
 */
export function startUpdateChecks(options: {
  serverUrl: string;
  channel: UpdateChannel;
  installationId: string;
  version: string;
  officeId: string | null;
  logger: Logger;
  isCaseOpen: () => boolean;
}): UpdateController | null {
  autoUpdater.logger = null;
  const feedUrl = updateFeedUrl(options.serverUrl, options.channel);
  const headers = updateRequestHeaders(options);
  let verifyDownloaded;
  if (process.platform === 'linux') {
    // AppImage/deb updates carry no code signature: the shipped Ed25519 key must verify them
    let publicKeyPem: string;
    try {
      publicKeyPem = readFileSync(join(process.resourcesPath, PUBLIC_KEY_FILE), 'utf8');
    } catch {
      options.logger.warn({ event: 'update.disabled', reason: 'no_signing_key' }, 'updates off');
      return null;
    }
    verifyDownloaded = createDownloadVerifier({
      publicKeyPem,
      feedUrl,
      fetchText: async (url) => {
        const res = await net.fetch(url, { headers });
        return res.ok ? res.text() : null;
      },
    });
  }
  return startUpdateController(autoUpdater as unknown as UpdaterPort, {
    feedUrl,
    headers,
    ...(verifyDownloaded ? { verifyDownloaded } : {}),
    channel: options.channel,
    logger: options.logger,
    isCaseOpen: options.isCaseOpen,
    notify: ({ title, body }) => {
      if (Notification.isSupported()) new Notification({ title, body, silent: true }).show();
    },
  });
}
