import { existsSync, statSync } from 'node:fs';
import type { LotseMainOptions } from '../composition';
import { createLotseApp, type LotseApp } from '../features/login/login-shell';
import { startBridgeServer, type BridgeServer } from './bridge-server';

export interface StartBridgeOptions extends Omit<LotseMainOptions, 'appInfo'> {
  readonly rendererDir: string;
  readonly version: string;
  readonly demo: boolean;
  readonly port?: number;
}

export interface RunningBridge extends BridgeServer {
  readonly main: LotseApp;
}

/**
 * The bridge runs the backend under the current OS user: a data directory that belongs to someone
 * else (say another local user prepared it to plant their passphrase) is refused.
 */
export function assertOwnDataDir(dataDir: string): void {
  if (typeof process.getuid !== 'function' || !existsSync(dataDir)) return;
  const owner = statSync(dataDir).uid;
  if (owner !== process.getuid()) {
    throw new Error(
      `Das Datenverzeichnis ${dataDir} gehört einem anderen Benutzer (uid ${owner}). ` +
        'Lotse startet nur auf einem eigenen Datenverzeichnis.',
    );
  }
}

/** Boots the real main-side backend without Electron (no safeStorage) and serves it to a browser. */
export async function startBridge(options: StartBridgeOptions): Promise<RunningBridge> {
  assertOwnDataDir(options.dataDir);
  const main = await createLotseApp({
    ...options,
    appInfo: {
      name: 'Lotse',
      version: options.version,
      runtime: 'browser-bridge',
      platform: process.platform,
      locale: 'de-DE',
      demo: options.demo,
    },
  });
  const server = await startBridgeServer({
    dispatch: main.backend.dispatch,
    rendererDir: options.rendererDir,
    logger: options.logger,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return {
    ...server,
    main,
    async close() {
      await server.close();
      await main.shutdown();
    },
  };
}
