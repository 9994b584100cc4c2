import { AppError, type AppErrorCode } from '../../shared/errors';

const STATUS: Partial<Record<AppErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_TOKEN_INVALID: 401,
  AUTH_REFRESH_REUSED: 401,
  FORBIDDEN: 403,
  SYNC_DEVICE_REVOKED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SYNC_MASS_DELETE_BLOCKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  DOMAIN_RULE_VIOLATED: 422,
  INVALID_TRANSITION: 422,
  SYNC_UPGRADE_REQUIRED: 426,
  RATE_LIMITED: 429,
  AUTH_ACCOUNT_LOCKED: 429,
};

export function httpStatusOf(code: AppErrorCode): number {
  return STATUS[code] ?? 500;
}

export const forbidden = (message?: string): AppError => new AppError('FORBIDDEN', message);
