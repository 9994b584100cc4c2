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

export async function countRecentIpFailures(db: Executor, ip: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select(sql<string>`count(*)`.as('n'))
    .where('ip', '=', ip)
    .where('success', '=', false)
    .where('at', '>', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
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

export async function setLoginFailures(
  db: Executor,
  userId: string,
  failures: number,
  lockedUntil: Date | null,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: failures, locked_until: lockedUntil })
    .where('id', '=', userId)
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
