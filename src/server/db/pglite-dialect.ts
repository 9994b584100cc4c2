import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';

/**
 * Kysely dialect for PGlite (as kysely-pglite's, without its constructor's un-awaited
 * `fs.ensureDir` of the data directory: the server creates that directory itself, 0700, before
 * PGlite opens it, see data-dir.ts).
 */
export function pgliteDialect(client: PGlite): Dialect {
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const result = await client.query<R>(query.sql, [...query.parameters]);
      return {
        rows: result.rows,
        ...(result.affectedRows === undefined ? {} : { numAffectedRows: BigInt(result.affectedRows) }),
      };
    },
    streamQuery() {
      throw new Error('PGlite does not support streaming.');
    },
  };
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: async (c) => {
      await c.executeQuery(CompiledQuery.raw('BEGIN'));
    },
    commitTransaction: async (c) => {
      await c.executeQuery(CompiledQuery.raw('COMMIT'));
    },
    rollbackTransaction: async (c) => {
      await c.executeQuery(CompiledQuery.raw('ROLLBACK'));
    },
    releaseConnection: async () => undefined,
    destroy: async () => {
      await client.close();
    },
  };
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}
