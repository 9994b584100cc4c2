import type { AppErrorDto } from '../errors';

/** The envelope every IPC call returns; errors survive the process boundary as data. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorDto };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: AppErrorDto): Result<T> {
  return { ok: false, error };
}
