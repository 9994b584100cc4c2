import { sql, type Transaction } from 'kysely';
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
 * Counts one login attempt for `key` in ONE statement (INSERT … ON CONFLICT DO UPDATE …
 * RETURNING: atomic on PostgreSQL and PGlite alike), BEFORE the password is checked. Parallel
 * attempts are serialised on the row, so at most `max` of them are allowed to reach the password
 * check; every further one (the key is locked) is refused without one. The attempt that reaches
 * `max` sets the lock; a success clears it (`clearThrottle`) or gives the attempt back
 * (`refundThrottle`). An ended lock or window starts the count again.
 */
export async function reserveAttempt(
  db: Executor,
  key: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<ThrottleOutcome> {
  const lockEnd = new Date(now.getTime() + policy.lockMs);
  // accounts have no window: a start before the epoch never ends it
  const windowEnd = new Date(policy.windowMs === undefined ? 0 : now.getTime() - policy.windowMs);
  const locked = sql`t.locked_until > ${now}`;
  const restart = sql`(t.locked_until <= ${now} or (t.locked_until is null and t.window_start <= ${windowEnd}))`;
  const result = await sql<{ failures: number }>`
    insert into login_throttle as t (key, failures, window_start, locked_until)
    values (${key}, 1, ${now}, ${policy.max <= 1 ? lockEnd : null})
    on conflict (key) do update set
      failures = case when ${locked} then t.failures + 1 when ${restart} then 1 else t.failures + 1 end,
      window_start = case when ${locked} then t.window_start when ${restart} then ${now} else t.window_start end,
      locked_until = case
        when ${locked} then t.locked_until
        when ${restart} then case when 1 >= ${policy.max} then ${lockEnd}::timestamptz end
        when t.failures + 1 >= ${policy.max} then ${lockEnd}::timestamptz
      end
    returning failures`.execute(db);
  const failures = Number(result.rows[0]?.failures ?? Number.MAX_SAFE_INTEGER);
  if (failures > policy.max) return { allowed: false };
  return { allowed: true, last: failures >= policy.max };
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

export async function revokeUserTokens(db: Executor, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function countActiveClients(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('sync_clients')
    .select(sql<string>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
