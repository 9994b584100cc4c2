import { sql, type Kysely, type Transaction } from 'kysely';
import type { Executor, ServerDb } from '../../db/server-db';

export function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockUserById(trx: Transaction<ServerDb>, id: string) {
  return trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface ThrottlePolicy {
  /** Attempts allowed (each counted before its password check) before the key is locked. */
  readonly max: number;
  /** How long the key stays locked once `max` is reached. */
  readonly lockMs: number;
  /** Counting window (addresses); undefined: count until a success or the lock ends (accounts). */
  readonly windowMs?: number | undefined;
}

export type ThrottleOutcome =
  { readonly allowed: false } | { readonly allowed: true; readonly last: boolean };

/**
 * Counts one login attempt for `key` under a row lock, BEFORE the password is checked: parallel
 * attempts are serialised here, so at most `max` of them ever reach the password check, and a
 * locked key is refused without one. The attempt that reaches `max` sets the lock; a success
 * clears it (`clearThrottle`) or gives the attempt back (`refundThrottle`).
 */
export async function reserveAttempt(
  db: Kysely<ServerDb>,
  key: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<ThrottleOutcome> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_throttle')
      .values({ key, failures: 0, window_start: now, locked_until: null })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await trx
      .selectFrom('login_throttle')
      .selectAll()
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.locked_until && row.locked_until > now) return { allowed: false } as const;
    const lockOver = row.locked_until !== null;
    const windowOver =
      policy.windowMs !== undefined && row.window_start.getTime() + policy.windowMs <= now.getTime();
    const failures = (lockOver || windowOver ? 0 : row.failures) + 1;
    const last = failures >= policy.max;
    await trx
      .updateTable('login_throttle')
      .set({
        failures,
        window_start: lockOver || windowOver ? now : row.window_start,
        locked_until: last ? new Date(now.getTime() + policy.lockMs) : null,
      })
      .where('key', '=', key)
      .execute();
    return { allowed: true, last } as const;
  });
}

/** A successful login: the account's counter starts again. */
export async function clearThrottle(db: Executor, key: string): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ failures: 0, locked_until: null })
    .where('key', '=', key)
    .execute();
}

/** A successful login gives its counted attempt back (addresses count failures only). */
export async function refundThrottle(db: Executor, key: string, max: number): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({
      failures: sql<number>`greatest(failures - 1, 0)`,
      locked_until: sql<Date | null>`case when failures - 1 < ${max} then null else locked_until end`,
    })
    .where('key', '=', key)
    .execute();
}

export async function recordLoginAttempt(
  db: Executor,
  attempt: { ip: string; userId: string | null; success: boolean; at: Date },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({ ip: attempt.ip, user_id: attempt.userId, success: attempt.success, at: attempt.at })
    .execute();
}

export function findClient(db: Executor, clientId: string) {
  return db.selectFrom('sync_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

export function lockClient(trx: Transaction<ServerDb>, clientId: string) {
  return trx
    .selectFrom('sync_clients')
    .selectAll()
    .where('client_id', '=', clientId)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertClient(
  db: Executor,
  row: { clientId: string; userId: string; deviceName: string; at: Date },
): Promise<void> {
  await db
    .insertInto('sync_clients')
    .values({
      client_id: row.clientId,
      user_id: row.userId,
      device_name: row.deviceName,
      created_at: row.at,
      last_seen_at: row.at,
    })
    .execute();
}

export async function insertRefreshToken(
  db: Executor,
  row: {
    id: string;
    familyId: string;
    userId: string;
    clientId: string;
    tokenHash: string;
    expiresAt: Date;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({
      id: row.id,
      family_id: row.familyId,
      user_id: row.userId,
      client_id: row.clientId,
      token_hash: row.tokenHash,
      expires_at: row.expiresAt,
      created_at: row.at,
    })
    .execute();
}

export function lockRefreshToken(trx: Transaction<ServerDb>, id: string) {
  return trx.selectFrom('refresh_tokens').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markRotated(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('refresh_tokens').set({ rotated_at: at }).where('id', '=', id).execute();
}

export async function revokeFamily(db: Executor, familyId: string, at: Date): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeClientTokens(db: Executor, clientId: string, at: Date): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at })
    .where('client_id', '=', clientId)
    .where('revoked_at', 'is', null)
    .execute();
}
