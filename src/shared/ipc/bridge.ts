import type { Result } from './result';

/**
 * What `window.lotse` offers the renderer, in Electron (preload) and in the browser bridge alike.
 * Deliberately tiny: one generic invoke over the allow-listed channels. Typing lives in the
 * renderer's api/client.ts, validation in main.
 */
export interface LotseBridge {
  readonly bridgeVersion: 1;
  readonly channels: readonly string[];
  invoke(channel: string, input?: unknown): Promise<Result<unknown>>;
}
