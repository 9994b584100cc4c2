import { sql, type Kysely } from 'kysely';
import { AppError } from '../../../shared/errors';
import { MIGRATIONS } from './index';
import type { Migration } from './migration';

async function userVersion(db: Kysely<unknown>): Promise<number> {
  const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return rows[0]?.user_version ?? 0;
}

/**
 * Brings the database to `target` (default: the latest). Each step runs in ONE transaction that
 * also sets PRAGMA user_version, so a crash leaves the database at the previous version, never half
 * migrated. A database newer than this app is refused (DB_FROM_FUTURE) and left untouched.
 */
export async function migrate(
  db: Kysely<unknown>,
  options: { migrations?: readonly Migration[]; target?: number } = {},
): Promise<{ from: number; to: number; applied: number[] }> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const target = options.target ?? latest;
  const from = await userVersion(db);
  if (from > latest) throw new AppError('DB_FROM_FUTURE');
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= from || migration.version > target) continue;
    await db.transaction().execute(async (trx) => {
      await migration.up(trx);
      await sql.raw(`PRAGMA user_version = ${migration.version}`).execute(trx);
    });
    applied.push(migration.version);
  }
  return { from, to: applied.length > 0 ? applied[applied.length - 1]! : from, applied };
}

export { userVersion };
