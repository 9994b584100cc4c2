import { createBackend, type VaultPort } from '../backend';
import type { Logger } from '../logging/logger';
import { startBridgeServer, type BridgeServer } from './bridge-server';

export interface StartBridgeOptions {
  readonly rendererDir: string;
  readonly logger: Logger;
  readonly version: string;
  readonly demo: boolean;
  readonly vault: VaultPort;
  readonly port?: number;
}

/** Boots the real backend without Electron and serves it to a browser. */
export async function startBridge(options: StartBridgeOptions): Promise<BridgeServer> {
  const backend = createBackend({
    appInfo: {
      name: 'Lotse',
      version: options.version,
      runtime: 'browser-bridge',
      platform: process.platform,
      locale: 'de-DE',
      demo: options.demo,
    },
    vault: options.vault,
    logger: options.logger,
  });
  return startBridgeServer({
    dispatch: backend.dispatch,
    rendererDir: options.rendererDir,
    logger: options.logger,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
}
