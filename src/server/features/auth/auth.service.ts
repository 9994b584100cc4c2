import { AppError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { appendAudit } from '../audit/audit.repository';
import * as repo from './auth.repository';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { isRole, type Role } from './roles';
import { sha256, signAccessToken } from './tokens';

export interface LoginInput {
  readonly username: string;
  readonly password: string;
  readonly clientId: string;
  readonly deviceName: string;
  readonly ip: string;
}

export interface TokenPair {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: string;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: string;
  readonly user: {
    readonly id: string;
    readonly displayName: string;
    readonly role: Role;
    readonly officeId: string;
    readonly teamId: string | null;
  };
}

const FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Login. Both counters (address and username, known or unknown) are counted under a row lock
 * BEFORE the password check, so parallel guesses cannot outrun the lockout, and an unknown
 * username locks exactly like a known one (no user enumeration).
 */
export async function login(ctx: ServerContext, input: LoginInput): Promise<TokenPair> {
  const now = ctx.clock.now();
  const ipKey = `ip:${input.ip}`;
  const userKey = `user:${input.username}`;
  const ipPolicy = {
    max: ctx.config.LOGIN_IP_MAX_FAILURES,
    lockMs: FAILURE_WINDOW_MS,
    windowMs: FAILURE_WINDOW_MS,
  };
  const ip = await repo.reserveAttempt(ctx.db, ipKey, now, ipPolicy);
  if (!ip.allowed) throw new AppError('RATE_LIMITED');
  const account = await repo.reserveAttempt(ctx.db, userKey, now, {
    max: ctx.config.LOGIN_MAX_FAILURES,
    lockMs: ctx.config.LOGIN_LOCKOUT_MINUTES * 60_000,
  });
  if (!account.allowed) throw new AppError('AUTH_ACCOUNT_LOCKED');
  const failed = account.last ? ('AUTH_ACCOUNT_LOCKED' as const) : ('AUTH_INVALID_CREDENTIALS' as const);

  const user = await repo.findUserByUsername(ctx.db, input.username);
  if (!user || user.disabled_at) {
    await verifyPassword(input.password, DUMMY_HASH);
    await repo.recordLoginAttempt(ctx.db, { ip: input.ip, userId: null, success: false, at: now });
    throw new AppError(failed);
  }

  const ok = await verifyPassword(input.password, user.password_hash);
  if (!ok) {
    await repo.recordLoginAttempt(ctx.db, { ip: input.ip, userId: user.id, success: false, at: now });
    await appendAudit(ctx.db, {
      at: now,
      userId: user.id,
      clientId: null,
      action: account.last ? 'login_locked' : 'login_failed',
    });
    throw new AppError(failed);
  }
  if (!isRole(user.role)) throw new AppError('FORBIDDEN');

  const outcome = await ctx.db.transaction().execute(async (trx) => {
    await repo.lockUserById(trx, user.id); // serialises device registration of this user
    const client = await repo.findClient(trx, input.clientId);
    if (client && client.user_id !== user.id)
      throw new AppError('FORBIDDEN', 'Dieses Gerät ist einer anderen Person zugeordnet.');
    if (client?.revoked_at) throw new AppError('SYNC_DEVICE_REVOKED');
    if (!client) {
      const active = await repo.countActiveClients(trx, user.id);
      if (active >= ctx.config.MAX_DEVICES_PER_USER) return { limitReached: active } as const;
      await repo.insertClient(trx, {
        clientId: input.clientId,
        userId: user.id,
        deviceName: input.deviceName,
        at: now,
      });
      await appendAudit(trx, {
        at: now,
        userId: user.id,
        clientId: input.clientId,
        action: 'device_registered',
      });
    }
    await repo.clearThrottle(trx, userKey);
    await repo.refundThrottle(trx, ipKey, ipPolicy.max);
    await repo.recordLoginAttempt(trx, { ip: input.ip, userId: user.id, success: true, at: now });
    await appendAudit(trx, { at: now, userId: user.id, clientId: input.clientId, action: 'login' });
    const familyId = ctx.ids.id();
    const pair = await issueTokens(
      ctx,
      trx,
      { userId: user.id, clientId: input.clientId, familyId, now },
      user,
    );
    return { pair, limitReached: undefined } as const;
  });
  if (outcome.limitReached === undefined) return outcome.pair;
  await appendAudit(ctx.db, {
    at: now,
    userId: user.id,
    clientId: input.clientId,
    action: 'device_limit_reached',
    detail: { active: outcome.limitReached, max: ctx.config.MAX_DEVICES_PER_USER },
  });
  throw new AppError(
    'FORBIDDEN',
    `Mit diesem Konto sind bereits ${ctx.config.MAX_DEVICES_PER_USER} Geräte angemeldet. Bitte lassen Sie ein nicht mehr genutztes Gerät von der Fachadministration sperren.`,
  );
}

async function issueTokens(
  ctx: ServerContext,
  db: Parameters<typeof repo.insertRefreshToken>[0],
  t: { userId: string; clientId: string; familyId: string; now: Date },
  user: { id: string; display_name: string; role: string; office_id: string; team_id: string | null },
): Promise<TokenPair> {
  if (!isRole(user.role)) throw new AppError('FORBIDDEN');
  const iat = Math.floor(t.now.getTime() / 1000);
  const exp = iat + ctx.config.ACCESS_TOKEN_TTL_SECONDS;
  const accessToken = signAccessToken(ctx.tokenSecret, {
    sub: t.userId,
    cid: t.clientId,
    role: user.role,
    fam: t.familyId,
    iat,
    exp,
  });
  const id = ctx.ids.id();
  const secret = ctx.ids.random(32).toString('base64url');
  const refreshExpires = new Date(t.now.getTime() + ctx.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
  await repo.insertRefreshToken(db, {
    id,
    familyId: t.familyId,
    userId: t.userId,
    clientId: t.clientId,
    tokenHash: sha256(secret),
    expiresAt: refreshExpires,
    at: t.now,
  });
  return {
    accessToken,
    accessTokenExpiresAt: new Date(exp * 1000).toISOString(),
    refreshToken: `${id}.${secret}`,
    refreshTokenExpiresAt: refreshExpires.toISOString(),
    user: {
      id: user.id,
      displayName: user.display_name,
      role: user.role,
      officeId: user.office_id,
      teamId: user.team_id,
    },
  };
}

function splitRefreshToken(token: string): { id: string; secret: string } {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined) throw new AppError('AUTH_TOKEN_INVALID');
  return { id, secret };
}

/** Rotation: the old token is spent; presenting a spent token again revokes the whole family. */
export async function refresh(ctx: ServerContext, refreshToken: string): Promise<TokenPair> {
  const { id, secret } = splitRefreshToken(refreshToken);
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockRefreshToken(trx, id);
    if (!row || row.token_hash !== sha256(secret)) return { error: 'AUTH_TOKEN_INVALID' as const };
    if (row.revoked_at || row.expires_at <= now) return { error: 'AUTH_TOKEN_INVALID' as const };
    if (row.rotated_at) {
      await repo.revokeFamily(trx, row.family_id, now);
      await appendAudit(trx, {
        at: now,
        userId: row.user_id,
        clientId: row.client_id,
        action: 'refresh_reuse_detected',
      });
      return { error: 'AUTH_REFRESH_REUSED' as const };
    }
    const client = await repo.findClient(trx, row.client_id);
    if (!client || client.revoked_at) {
      await repo.revokeFamily(trx, row.family_id, now);
      return { error: 'SYNC_DEVICE_REVOKED' as const };
    }
    const user = await repo.findUserById(trx, row.user_id);
    if (!user || user.disabled_at) {
      await repo.revokeFamily(trx, row.family_id, now);
      return { error: 'AUTH_TOKEN_INVALID' as const };
    }
    await repo.markRotated(trx, row.id, now);
    const pair = await issueTokens(
      ctx,
      trx,
      { userId: user.id, clientId: row.client_id, familyId: row.family_id, now },
      user,
    );
    return { error: undefined, pair };
  });
  // Errors are thrown after commit so that a family revocation sticks.
  if (outcome.error !== undefined) throw new AppError(outcome.error);
  return outcome.pair;
}

export async function logout(ctx: ServerContext, refreshToken: string): Promise<void> {
  const { id, secret } = splitRefreshToken(refreshToken);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockRefreshToken(trx, id);
    if (!row || row.token_hash !== sha256(secret)) throw new AppError('AUTH_TOKEN_INVALID');
    await repo.revokeFamily(trx, row.family_id, now);
    await appendAudit(trx, { at: now, userId: row.user_id, clientId: row.client_id, action: 'logout' });
  });
}
