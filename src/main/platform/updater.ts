import { Notification } from 'electron';
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
}): UpdateController {
  autoUpdater.logger = null;
  return startUpdateController(autoUpdater as unknown as UpdaterPort, {
    feedUrl: updateFeedUrl(options.serverUrl, options.channel),
    headers: updateRequestHeaders(options),
    channel: options.channel,
    logger: options.logger,
    isCaseOpen: options.isCaseOpen,
    notify: ({ title, body }) => {
      if (Notification.isSupported()) new Notification({ title, body, silent: true }).show();
    },
  });
}
