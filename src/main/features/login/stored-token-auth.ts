/**
 * Tokens of one signed-in user on this desktop (SYNC.md §4.6): the access token stays in memory;
 * the refresh token is kept inside the user's encrypted store, so it is only usable after an
 * unlock with the passphrase. Refreshing rotates it at the server: one refresh at a time (a second
 * use of the same token would end the whole sign-in), and the new token is written before it is used.
 */
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { ROLES } from '../../../shared/auth/roles';
import type { Executor } from '../../db/kysely';
import { errorOf, type FetchLike, type HttpResponseLike, type SyncAuth } from '../sync/sync-http';
import { readState, writeState } from '../sync/sync-local';

/** sync_state key of the refresh token (inside the encrypted store). */
export const REFRESH_TOKEN_KEY = 'auth_refresh_token';

/** The server's answer to /auth/login and /auth/refresh (src/server/features/auth/auth.service.ts). */
export const TokenPairSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(10),
  user: z.object({
    id: z.string().min(1),
    displayName: z.string(),
    role: z.enum(ROLES),
    officeId: z.string(),
    teamId: z.string().nullable(),
  }),
});
export type TokenPair = z.infer<typeof TokenPairSchema>;

async function postJson(
  fetch: FetchLike,
  url: string,
  payload: unknown,
  unreachable: 'SYNC_OFFLINE' | 'LOGIN_SERVER_UNREACHABLE',
): Promise<TokenPair> {
  let res: HttpResponseLike;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
  } catch {
    throw new AppError(unreachable);
  }
  if (res.status !== 200) {
    const error = await errorOf(res);
    if (error.code === 'SYNC_OFFLINE') throw new AppError(unreachable);
    throw error;
  }
  try {
    return TokenPairSchema.parse(JSON.parse(await res.text()));
  } catch {
    throw new AppError(unreachable);
  }
}

/**
 * Signs in with user name and password for this device's client id; the server registers the
 * device on its first sign-in. Stable codes: AUTH_INVALID_CREDENTIALS (wrong password),
 * LOGIN_SERVER_UNREACHABLE, LOGIN_DEVICE_REFUSED (revoked device, device limit, another person's device).
 */
export async function signIn(options: {
  baseUrl: string;
  fetch: FetchLike;
  username: string;
  password: string;
  clientId: string;
  deviceName: string;
}): Promise<TokenPair> {
  try {
    return await postJson(
      options.fetch,
      `${options.baseUrl}/auth/login`,
      {
        username: options.username,
        password: options.password,
        clientId: options.clientId,
        deviceName: options.deviceName,
      },
      'LOGIN_SERVER_UNREACHABLE',
    );
  } catch (error) {
    if (error instanceof AppError && (error.code === 'FORBIDDEN' || error.code === 'SYNC_DEVICE_REVOKED')) {
      const detail =
        error.code === 'FORBIDDEN' && error.message !== 'Für diese Aktion fehlt Ihnen die Berechtigung.'
          ? ` ${error.message}`
          : error.code === 'SYNC_DEVICE_REVOKED'
            ? ' Es wurde gesperrt.'
            : '';
      throw new AppError(
        'LOGIN_DEVICE_REFUSED',
        `Der Lotse-Server hat dieses Gerät für Ihr Konto abgelehnt.${detail}`,
      );
    }
    throw error;
  }
}

/** Ends a sign-in at the server (best effort: offline it simply stays until it expires). */
export async function signOut(baseUrl: string, fetch: FetchLike, refreshToken: string): Promise<void> {
  try {
    await fetch(`${baseUrl}/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    // offline: nothing to do
  }
}

export interface StoredTokenAuth extends SyncAuth {
  /** Takes a fresh sign-in's tokens and writes the refresh token into the (open) store. */
  adopt(pair: Pick<TokenPair, 'accessToken' | 'refreshToken'>, db: Executor): Promise<void>;
  /** Forgets the in-memory tokens (the store was locked). */
  forget(): void;
}

export function storedTokenAuth(options: {
  baseUrl: string;
  fetch: FetchLike;
  /** The user's open store (throws VAULT_LOCKED while locked). */
  db: () => Executor;
}): StoredTokenAuth {
  let access: string | null = null;
  let inflight: Promise<string> | null = null;

  async function rotate(): Promise<string> {
    const stored = (await readState(options.db(), [REFRESH_TOKEN_KEY])).get(REFRESH_TOKEN_KEY);
    if (!stored) throw new AppError('AUTH_TOKEN_INVALID');
    let pair: TokenPair;
    try {
      pair = await postJson(
        options.fetch,
        `${options.baseUrl}/auth/refresh`,
        { refreshToken: stored },
        'SYNC_OFFLINE',
      );
    } catch (error) {
      if (
        error instanceof AppError &&
        (error.code === 'AUTH_TOKEN_INVALID' || error.code === 'AUTH_REFRESH_REUSED')
      ) {
        // spent or revoked: a new sign-in with the password is needed
        await writeState(options.db(), { [REFRESH_TOKEN_KEY]: null });
      }
      throw error;
    }
    await writeState(options.db(), { [REFRESH_TOKEN_KEY]: pair.refreshToken });
    access = pair.accessToken;
    return pair.accessToken;
  }

  const auth: StoredTokenAuth = {
    accessToken: async () => access ?? auth.refresh(),
    refresh() {
      access = null;
      inflight ??= rotate().finally(() => {
        inflight = null;
      });
      return inflight;
    },
    async adopt(pair, db) {
      await writeState(db, { [REFRESH_TOKEN_KEY]: pair.refreshToken });
      access = pair.accessToken;
    },
    forget() {
      access = null;
    },
  };
  return auth;
}
