import { ipcMain } from 'electron';
import { AppError } from '../../shared/errors';
import { IPC_CHANNELS } from '../../shared/ipc/channels';
import { fail } from '../../shared/ipc/result';
import { isTrustedSender } from '../app/security-policy';
import type { Logger } from '../logging/logger';
import type { Dispatch } from './dispatch';

/**
 * Registers one ipcMain handler per contract channel. Each call is answered only for the main
 * frame of a trusted origin; then the shared dispatch parses, runs and wraps the result.
 */
export function registerIpcHandlers(dispatch: Dispatch, origins: readonly string[], logger: Logger): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      const frame = event.senderFrame;
      const trusted =
        frame !== null && isTrustedSender({ url: frame.url, isMainFrame: frame.parent === null }, origins);
      if (!trusted) {
        logger.warn({ event: 'ipc.untrusted_sender', channel }, 'refused IPC from untrusted sender');
        return fail(new AppError('IPC_FORBIDDEN_SENDER').toDto());
      }
      return dispatch(channel, input);
    });
  }
}
