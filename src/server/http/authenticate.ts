import type { FastifyRequest, RouteShorthandOptions } from 'fastify';
import { sql } from 'kysely';
import { AppError } from '../../shared/errors';
import type { ServerContext } from '../context';
import { isRole, type Principal, type Role } from '../features/auth/roles';
import { readAccessToken } from '../features/auth/tokens';

export interface AuthOptions {
  /** Accept an expired (but correctly signed) token: only hello, to deliver revoked/wipe. */
  readonly allowExpired?: boolean;
  readonly roles?: readonly Role[];
}

export interface Authenticated extends Principal {
  readonly expired: boolean;
  readonly deviceRevoked: boolean;
  readonly wipeRequested: boolean;
}

/** Who made a request, once the token is verified: for the audit entry of a refusal (403). */
const requestActors = new WeakMap<FastifyRequest, { readonly userId: string; readonly clientId: string }>();

export function actorOf(
  request: FastifyRequest,
): { readonly userId: string; readonly clientId: string } | undefined {
  return requestActors.get(request);
}

/** Verifies the bearer token and loads the user and device (the server keeps no session state). */
export async function authenticate(
  ctx: ServerContext,
  request: FastifyRequest,
  options: AuthOptions = {},
): Promise<Authenticated> {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) throw new AppError('UNAUTHENTICATED');
  const claims = readAccessToken(ctx.tokenSecret, header.slice(7).trim());
  if (!claims) throw new AppError('AUTH_TOKEN_INVALID');
  const expired = claims.exp * 1000 <= ctx.clock.now().getTime();
  if (expired && !options.allowExpired) throw new AppError('AUTH_TOKEN_INVALID');

  const row = await ctx.db
    .selectFrom('users')
    .leftJoin('sync_clients', (j) =>
      j.onRef('sync_clients.user_id', '=', 'users.id').on('sync_clients.client_id', '=', claims.cid),
    )
    .select([
      'users.id',
      'users.role',
      'users.office_id',
      'users.team_id',
      'users.disabled_at',
      'sync_clients.client_id',
      'sync_clients.revoked_at',
      'sync_clients.wipe_requested_at',
      // the per-request revocation check: a logout or a detected refresh-token reuse revokes the
      // family, and its access tokens end with it (one indexed lookup, refresh_tokens_family)
      sql<boolean>`exists (select 1 from refresh_tokens rt where rt.family_id = ${claims.fam} and rt.revoked_at is not null)`.as(
        'family_revoked',
      ),
    ])
    .where('users.id', '=', claims.sub)
    .executeTakeFirst();
  if (!row || !row.client_id || !isRole(row.role)) throw new AppError('AUTH_TOKEN_INVALID');
  requestActors.set(request, { userId: row.id, clientId: row.client_id });
  const deviceRevoked = row.revoked_at !== null;
  // a disabled user's devices are revoked: 403 SYNC_DEVICE_REVOKED, and hello delivers revoked / wipe
  if (row.disabled_at && !deviceRevoked) throw new AppError('AUTH_TOKEN_INVALID');
  // a revoked device still reaches hello (status revoked / wipe), whatever its token family says
  if (row.family_revoked && !deviceRevoked) throw new AppError('AUTH_TOKEN_INVALID');
  if (expired && !deviceRevoked) throw new AppError('AUTH_TOKEN_INVALID');
  if (deviceRevoked && !options.allowExpired) throw new AppError('SYNC_DEVICE_REVOKED');
  if (options.roles && !options.roles.includes(row.role)) throw new AppError('FORBIDDEN');
  return {
    userId: row.id,
    role: row.role,
    officeId: row.office_id,
    teamId: row.team_id,
    clientId: row.client_id,
    expired,
    deviceRevoked,
    wipeRequested: row.wipe_requested_at !== null,
  };
}

/** A request body's clientId must be the device the token was issued to. */
export function assertSameClient(principal: Principal, clientId: string): void {
  if (principal.clientId !== clientId) {
    throw new AppError('FORBIDDEN', 'Die Geräte-Kennung passt nicht zur Anmeldung.');
  }
}

/**
 * Route options for the few authenticated routes that need a large body (push, reference data):
 * the large limit, and a token check (signature and expiry, no database) BEFORE the body is read,
 * so that nobody without a valid token makes the server buffer and parse megabytes. Every other
 * route keeps the small default limit; the unauthenticated ones an even smaller one.
 */
export function largeBodyRoute(ctx: ServerContext): RouteShorthandOptions {
  return {
    bodyLimit: ctx.config.BODY_LIMIT_BYTES,
    onRequest: async (request) => {
      const header = request.headers.authorization;
      if (typeof header !== 'string' || !header.startsWith('Bearer ')) throw new AppError('UNAUTHENTICATED');
      const claims = readAccessToken(ctx.tokenSecret, header.slice(7).trim());
      if (!claims || claims.exp * 1000 <= ctx.clock.now().getTime()) throw new AppError('AUTH_TOKEN_INVALID');
    },
  };
}

/** Route options of the unauthenticated routes (login, refresh, logout): a small body only. */
export function publicBodyRoute(ctx: ServerContext): RouteShorthandOptions {
  return { bodyLimit: ctx.config.PUBLIC_BODY_LIMIT_BYTES };
}
