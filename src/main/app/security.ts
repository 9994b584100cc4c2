import { app, session, shell, type WebContents } from 'electron';
import {
  contentSecurityPolicy,
  isAllowedExternalUrl,
  isNavigationAllowed,
  isPermissionGranted,
} from './security-policy';
import type { Logger } from '../logging/logger';

/** Hosts whose https links may be opened in the system browser (legal texts). */
const EXTERNAL_HOSTS = ['www.gesetze-im-internet.de', 'www.arbeitsagentur.de'];

/**
 * Applies the security baseline of ARCHITECTURE.md to every web contents and the default session.
 * The decisions themselves live in security-policy.ts (unit-tested).
 */
export function applySecurityBaseline(logger: Logger, devServerUrl?: string): void {
  const csp = contentSecurityPolicy(devServerUrl ? { devServerOrigin: new URL(devServerUrl).origin } : {});
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback) => {
    logger.info({ event: 'security.permission_denied', permission }, 'permission request denied');
    callback(isPermissionGranted(permission));
  });
  ses.setPermissionCheckHandler((_wc, permission) => isPermissionGranted(permission));

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(url)) {
        event.preventDefault();
        logger.warn({ event: 'security.navigation_blocked' }, 'navigation blocked');
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isNavigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      logger.warn({ event: 'security.webview_blocked' }, 'webview refused');
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url, EXTERNAL_HOSTS)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
