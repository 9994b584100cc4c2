import { createLotseMain, type LotseMain, type LotseMainOptions } from '../composition';
import { startBridgeServer, type BridgeServer } from './bridge-server';

export interface StartBridgeOptions extends Omit<LotseMainOptions, 'appInfo'> {
  readonly rendererDir: string;
  readonly version: string;
  readonly demo: boolean;
  readonly port?: number;
}

export interface RunningBridge extends BridgeServer {
  readonly main: LotseMain;
}

/** Boots the real main-side backend without Electron (no safeStorage) and serves it to a browser. */
export async function startBridge(options: StartBridgeOptions): Promise<RunningBridge> {
  const main = await createLotseMain({
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
