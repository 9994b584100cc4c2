import { sql, type Transaction } from 'kysely';
import type { LocalDb } from './local-db';
import type { LocalKysely } from './kysely';

/**
 * Row changes written on purpose outside the store's change stamp (Mein Bestand's cache key,
 * src/main/features/cases/caseload.ts): bookkeeping such as the access log changes no case, so it
 * must not make the caseload recompute. Per Kysely handle (one per opened store).
 */
const uncounted = new WeakMap<object, number>();

async function totalChanges(trx: Transaction<LocalDb>): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT total_changes() AS n`.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Runs `write` in one transaction and leaves exactly its row changes out of the change stamp. The
 * transaction holds the store's only connection, so nothing else is counted in between; a write that
 * fails is not subtracted (the stamp then moves, which only costs a recompute, never a stale list).
 */
export async function writeUncounted<T>(
  db: LocalKysely,
  write: (trx: Transaction<LocalDb>) => Promise<T>,
): Promise<T> {
  let delta = 0;
  const result = await db.transaction().execute(async (trx) => {
    const before = await totalChanges(trx);
    const value = await write(trx);
    delta = (await totalChanges(trx)) - before;
    return value;
  });
  uncounted.set(db, (uncounted.get(db) ?? 0) + delta);
  return result;
}

/** The row changes made through writeUncounted on this handle so far. */
export function uncountedChanges(db: object): number {
  return uncounted.get(db) ?? 0;
}
