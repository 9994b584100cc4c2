/**
 * The desktop's HTTP client of the central server's sync routes, over an injected fetch-like
 * transport (globalThis.fetch in the app; tests wrap it to inject faults). Every failure becomes an
 * AppError with a stable code and a German message: no network → SYNC_OFFLINE, the server's own
 * error envelope `{ error: { code, message } }` → that code. A 401 is answered once by refreshing
 * the access token.
 */
import { AppError, isAppErrorCode } from '../../../shared/errors';

export interface HttpResponseLike {
  readonly status: number;
  text(): Promise<string>;
  /** The body as a stream (for the SSE poke); null when there is none. */
  readonly body?: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | null;
  /** The body as bytes (a blob download; fetch's Response has it). */
  arrayBuffer?(): Promise<ArrayBuffer>;
}

export interface HttpRequestInit {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array<ArrayBuffer>;
  readonly signal?: AbortSignal;
}

export type FetchLike = (url: string, init: HttpRequestInit) => Promise<HttpResponseLike>;

/** Access tokens for the sync routes (they stay in memory only, SYNC.md §4.6). */
export interface SyncAuth {
  accessToken(): Promise<string>;
  /** A new access token after a 401 (refresh token or a new login); throws when impossible. */
  refresh(): Promise<string>;
}

export class SyncHttp {
  constructor(
    private readonly baseUrl: string,
    private readonly fetch: FetchLike,
    private readonly auth: SyncAuth,
  ) {}

  async post<T>(path: string, body: unknown): Promise<T> {
    const text = await this.request('POST', path, JSON.stringify(body));
    return JSON.parse(text) as T;
  }

  /** Opens a streaming GET (the SSE poke); the caller reads `body`. */
  async stream(path: string, signal: AbortSignal): Promise<HttpResponseLike> {
    let token = await this.auth.accessToken();
    for (let attempt = 0; ; attempt += 1) {
      const res = await this.send('GET', path, undefined, token, signal);
      if (res.status === 401 && attempt === 0) {
        token = await this.auth.refresh();
        continue;
      }
      if (res.status !== 200) throw await errorOf(res);
      return res;
    }
  }

  /**
   * One authenticated exchange that hands back any status to the caller (the blob routes answer a
   * chunk with 409 and the offset to resume from); no network → SYNC_OFFLINE.
   */
  async exchange(
    method: 'GET' | 'PUT',
    path: string,
    options: { body?: Uint8Array<ArrayBuffer>; headers?: Record<string, string> } = {},
  ): Promise<HttpResponseLike> {
    let token = await this.auth.accessToken();
    for (let attempt = 0; ; attempt += 1) {
      const res = await this.send(method, path, options.body, token, undefined, options.headers);
      if (res.status === 401 && attempt === 0) {
        token = await this.auth.refresh();
        continue;
      }
      return res;
    }
  }

  private async request(method: 'GET' | 'POST', path: string, body: string | undefined): Promise<string> {
    let token = await this.auth.accessToken();
    for (let attempt = 0; ; attempt += 1) {
      const res = await this.send(method, path, body, token);
      if (res.status === 401 && attempt === 0) {
        token = await this.auth.refresh();
        continue;
      }
      if (res.status < 200 || res.status >= 300) throw await errorOf(res);
      try {
        return await res.text();
      } catch {
        throw new AppError('SYNC_OFFLINE');
      }
    }
  }

  private async send(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: string | Uint8Array<ArrayBuffer> | undefined,
    token: string,
    signal?: AbortSignal,
    extraHeaders?: Record<string, string>,
  ): Promise<HttpResponseLike> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (typeof body === 'string') headers['content-type'] = 'application/json';
    Object.assign(headers, extraHeaders);
    try {
      return await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new AppError('SYNC_OFFLINE');
    }
  }
}

/** The server's error envelope as an AppError (unknown codes and broken bodies: SYNC_OFFLINE / INTERNAL). */
export async function errorOf(res: HttpResponseLike): Promise<AppError> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    return new AppError('SYNC_OFFLINE');
  }
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const code = parsed.error?.code;
    if (isAppErrorCode(code)) {
      const message = typeof parsed.error?.message === 'string' ? parsed.error.message : undefined;
      return new AppError(code, message);
    }
  } catch {
    // not the server's envelope (a proxy page, a cut-off body)
  }
  return new AppError(res.status >= 500 ? 'SYNC_OFFLINE' : 'INTERNAL');
}

/**
 * Signs in with user name and password for this device (`/auth/login` registers the device on first
 * use) and refreshes with the refresh token; a refused refresh signs in again.
 */
export function passwordAuth(options: {
  baseUrl: string;
  fetch: FetchLike;
  username: string;
  password: string;
  clientId: () => Promise<string>;
  deviceName: string;
}): SyncAuth {
  let access: string | null = null;
  let refreshToken: string | null = null;
  const call = async (path: string, payload: unknown) => {
    let res: HttpResponseLike;
    try {
      res = await options.fetch(`${options.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
    } catch {
      throw new AppError('SYNC_OFFLINE');
    }
    if (res.status !== 200) throw await errorOf(res);
    const body = JSON.parse(await res.text()) as { accessToken: string; refreshToken: string };
    access = body.accessToken;
    refreshToken = body.refreshToken;
    return body.accessToken;
  };
  const login = async () =>
    call('/auth/login', {
      username: options.username,
      password: options.password,
      clientId: await options.clientId(),
      deviceName: options.deviceName,
    });
  return {
    accessToken: async () => access ?? login(),
    refresh: async () => {
      if (refreshToken) {
        try {
          return await call('/auth/refresh', { refreshToken });
        } catch (error) {
          if (error instanceof AppError && error.code === 'SYNC_OFFLINE') throw error;
        }
      }
      return login();
    },
  };
}
