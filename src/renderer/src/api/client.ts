import type { AppErrorCode, AppErrorDto, FieldIssue } from '../../../shared/errors';
import type { LotseBridge } from '../../../shared/ipc/bridge';
import type { IpcChannel, IpcIn, IpcOut } from '../../../shared/ipc/contract';

/**
 * The only module that touches window.lotse. Every call returns the typed output or throws an
 * ApiError with a stable code and a German message that can be shown as is.
 */
export class ApiError extends Error {
  readonly code: AppErrorCode;
  readonly issues: readonly FieldIssue[];

  constructor(dto: AppErrorDto) {
    super(dto.message);
    this.name = 'ApiError';
    this.code = dto.code;
    this.issues = dto.issues ?? [];
  }
}

function bridge(): LotseBridge {
  const lotse = window.lotse;
  if (!lotse) {
    throw new ApiError({
      code: 'INTERNAL',
      message: 'Die Verbindung zum Lotse-Hintergrunddienst fehlt. Bitte starten Sie Lotse neu.',
    });
  }
  return lotse;
}

type InputArgs<C extends IpcChannel> = undefined extends IpcIn<C> ? [input?: IpcIn<C>] : [input: IpcIn<C>];

export async function call<C extends IpcChannel>(channel: C, ...args: InputArgs<C>): Promise<IpcOut<C>> {
  const result = await bridge().invoke(channel, args[0]);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as IpcOut<C>;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
