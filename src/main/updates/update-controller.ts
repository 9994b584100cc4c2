import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UpdateChannel, InstallDecision } from '../../shared/updates/decisions';
import { mayInstallNow, updateReadyNotice } from '../../shared/updates/decisions';
import type { Logger } from '../logging/logger';

/**
 * The desktop side of updates (issue 13), in plain Node: the feed URL (https only), the request
 * headers the server's staged rollout reads, and the controller that reacts to electron-updater.
 * src/main/platform/updater.ts adapts electron-updater's autoUpdater to UpdaterPort.
 */

/** What the controller needs of electron-updater's AppUpdater. */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  requestHeaders: Record<string, string> | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(
    event: 'update-downloaded',
    listener: (info: {
      version: string;
      downloadedFile?: string;
      files?: readonly { url: string; sha512: string }[];
    }) => void,
  ): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export class UpdateFeedError extends Error {
  override readonly name = 'UpdateFeedError';
}

/**
 * The channel feed on the central server: <server>/updates/<channel>. Only https; plain http only
 * to a loopback address and only when the caller allows it (tests, a local demo server).
 */
export function updateFeedUrl(
  serverUrl: string,
  channel: UpdateChannel,
  options: { allowLoopbackHttp?: boolean } = {},
): string {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new UpdateFeedError('Die Serveradresse für Aktualisierungen ist ungültig.');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && loopback && options.allowLoopbackHttp === true)
  ) {
    throw new UpdateFeedError('Aktualisierungen werden nur über https geladen.');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new UpdateFeedError(
      'Die Serveradresse für Aktualisierungen darf keine Zugangsdaten oder Parameter enthalten.',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/updates/${channel}`;
}

/** Headers the server's feed route reads for the staged rollout (no personal data). */
export function updateRequestHeaders(device: {
  installationId: string;
  version: string;
  officeId: string | null;
}): Record<string, string> {
  return {
    'x-lotse-client': device.installationId,
    'x-lotse-version': device.version,
    ...(device.officeId ? { 'x-lotse-office': device.officeId } : {}),
  };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A random id per installation (not per user), kept in the app's data folder; the staged rollout
 * hashes it, so a device keeps its place in a rollout. It is readable before the vault is
 * unlocked and says nothing about anyone.
 */
export function installationId(dir: string, newId: () => string = randomUUID): string {
  const file = join(dir, 'installation-id');
  try {
    const text = readFileSync(file, 'utf8').trim();
    if (UUID_RE.test(text)) return text;
  } catch {
    // first start: created below
  }
  const id = newId();
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}

export interface UpdateControllerOptions {
  readonly feedUrl: string;
  readonly headers: Record<string, string>;
  readonly channel: UpdateChannel;
  readonly logger: Logger;
  /** Shows the German notice (an OS notification in the desktop). */
  readonly notify: (notice: { title: string; body: string }) => void;
  /** Whether a case is open in the workspace right now. */
  readonly isCaseOpen: () => boolean;
  readonly intervalMs?: number;
  /**
   * Checks a downloaded file before it may be installed (Linux: the detached Ed25519 signature,
   * update-signature.ts). Until it passes, nothing installs on quit.
   */
  readonly verifyDownloaded?: (
    downloadedFile: string,
    files: readonly { url: string; sha512: string }[],
  ) => Promise<boolean>;
  readonly timers?: {
    setInterval(fn: () => void, ms: number): unknown;
    clearInterval(handle: unknown): void;
  };
}

export interface UpdateController {
  /** The version downloaded and waiting for the next restart, or null. */
  downloadedVersion(): string | null;
  /** The user asks to restart now: installs unless a case is open (mayInstallNow). */
  restartNow(): InstallDecision;
  stop(): void;
}

/**
 * Checks the feed now and every `intervalMs` (default 4 h), downloads in the background and
 * installs when the app quits (autoInstallOnAppQuit) – never in the middle of an open case.
 */
export function startUpdateController(port: UpdaterPort, options: UpdateControllerOptions): UpdateController {
  const timers = options.timers ?? {
    setInterval: (fn: () => void, ms: number) => setInterval(fn, ms),
    clearInterval: (h: unknown) => clearInterval(h as NodeJS.Timeout),
  };
  port.setFeedURL({ provider: 'generic', url: options.feedUrl });
  port.requestHeaders = { ...options.headers };
  port.autoDownload = true;
  // with a verifier, installing on quit is only switched on for a verified download
  port.autoInstallOnAppQuit = options.verifyDownloaded === undefined;
  port.allowDowngrade = false;
  port.allowPrerelease = options.channel === 'pilot';
  let downloaded: string | null = null;
  port.on('error', (error) =>
    options.logger.warn({ event: 'update.failed', errorName: error.name }, 'update check failed'),
  );
  const accept = (version: string) => {
    const first = downloaded !== version;
    downloaded = version;
    options.logger.info({ event: 'update.downloaded', version }, 'update ready');
    if (first) options.notify(updateReadyNotice(version, false));
  };
  port.on('update-downloaded', (info) => {
    const verify = options.verifyDownloaded;
    if (!verify) {
      accept(info.version);
      return;
    }
    port.autoInstallOnAppQuit = false;
    const file = info.downloadedFile;
    void (file ? verify(file, info.files ?? []) : Promise.resolve(false))
      .catch(() => false)
      .then((ok) => {
        if (ok) {
          port.autoInstallOnAppQuit = true;
          accept(info.version);
        } else {
          downloaded = null;
          options.logger.warn(
            { event: 'update.signature_invalid', version: info.version },
            'downloaded update refused',
          );
        }
      });
  });
  const check = () => {
    port.checkForUpdates().catch(() => undefined);
  };
  check();
  const timer = timers.setInterval(check, options.intervalMs ?? 4 * 60 * 60 * 1000);
  return {
    downloadedVersion: () => downloaded,
    restartNow() {
      const decision = mayInstallNow({
        downloadedVersion: downloaded,
        caseOpen: options.isCaseOpen(),
        trigger: 'user_restart',
      });
      if (decision.kind === 'install') port.quitAndInstall(true, true);
      return decision;
    },
    stop: () => timers.clearInterval(timer),
  };
}
