import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement, type Transaction } from 'kysely';
import type { LocalDb } from './local-db';
import type { RawDatabase } from './open-encrypted-db';

export type LocalKysely = Kysely<LocalDb>;
/** Repositories take an Executor; functions that must run in a transaction take Transaction<LocalDb>. */
export type Executor = Kysely<LocalDb> | Transaction<LocalDb>;

/** How many compiled statements a store keeps (the app issues a few hundred distinct texts). */
export const STATEMENT_CACHE_SIZE = 500;

type Statement = SqliteStatement & { readonly busy: boolean };

/**
 * The database handle as Kysely sees it, with the compiled statements kept by their SQL text
 * (least recently used dropped first). Kysely prepares every query anew; compiling costs more than
 * running a point lookup on this schema, so a case opened or a list reread pays it only once. A
 * statement still being iterated is never handed out twice: that caller gets a fresh one.
 */
export function cachingDatabase(raw: RawDatabase, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string): SqliteStatement {
      const cached = statements.get(text);
      if (cached !== undefined && !cached.busy) {
        statements.delete(text);
        statements.set(text, cached);
        return cached;
      }
      const statement = raw.prepare(text) as unknown as Statement;
      if (cached === undefined) {
        statements.set(text, statement);
        if (statements.size > size) statements.delete(statements.keys().next().value as string);
      }
      return statement;
    },
  };
}

/** Kysely over an already opened and keyed database handle. */
export function createLocalKysely(raw: RawDatabase): LocalKysely {
  return new Kysely<LocalDb>({ dialect: new SqliteDialect({ database: cachingDatabase(raw) }) });
}
