import { AppError, toErrorDto } from '../../shared/errors';
import { isIpcChannel } from '../../shared/ipc/channels';
import { ipcContract, type IpcChannel, type IpcIn, type IpcOut } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/ipc/result';
import { zodIssues } from '../../shared/validation';
import type { Logger } from '../logging/logger';

/** Per-call context a handler may use (never taken from the renderer's input). */
export interface CallContext {
  readonly channel: IpcChannel;
}

export type Handler<C extends IpcChannel> = (
  input: IpcIn<C>,
  context: CallContext,
) => Promise<IpcOut<C>> | IpcOut<C>;

export type Handlers = { readonly [C in IpcChannel]: Handler<C> };

export type Dispatch = (channel: unknown, rawInput: unknown) => Promise<Result<unknown>>;

/**
 * The one way into main's features, shared by Electron's ipcMain and the browser bridge:
 * allow-list check, zod parse of the input, the handler, zod parse of the output, Result envelope.
 * Nothing is called when the channel is unknown or the input is invalid.
 */
export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return async (channel, rawInput) => {
    if (!isIpcChannel(channel)) {
      logger.warn({ event: 'ipc.unknown_channel' }, 'refused unknown IPC channel');
      return fail(new AppError('IPC_UNKNOWN_CHANNEL').toDto());
    }
    const spec = ipcContract[channel];
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) {
      logger.info({ event: 'ipc.invalid_input', channel }, 'refused invalid IPC input');
      return fail(new AppError('VALIDATION_FAILED', undefined, { issues: zodIssues(parsed.error) }).toDto());
    }
    const started = performance.now();
    try {
      const handler = handlers[channel] as Handler<IpcChannel>;
      const value = await handler(parsed.data as never, { channel });
      const output = spec.output.parse(value);
      const ms = performance.now() - started;
      if (ms > 100) logger.warn({ event: 'ipc.slow', channel, ms: Math.round(ms) }, 'slow IPC call');
      return ok(output);
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'INTERNAL') {
        // Only the error's class and code: messages may carry personal data.
        logger.error(
          { event: 'ipc.failed', channel, errorName: error instanceof Error ? error.name : typeof error },
          'IPC handler failed',
        );
      }
      return fail(toErrorDto(error));
    }
  };
}
