import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import type { LocalDb } from './local-db';
import type { RawDatabase } from './open-encrypted-db';

export type LocalKysely = Kysely<LocalDb>;
/** Repositories take an Executor; functions that must run in a transaction take Transaction<LocalDb>. */
export type Executor = Kysely<LocalDb> | Transaction<LocalDb>;

/** Kysely over an already opened and keyed database handle. */
export function createLocalKysely(raw: RawDatabase): LocalKysely {
  return new Kysely<LocalDb>({ dialect: new SqliteDialect({ database: raw }) });
}
