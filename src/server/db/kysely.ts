import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { prepareDataDir, restrictDataDir } from './data-dir';
import { pgliteDialect } from './pglite-dialect';
import type { ServerDb } from './server-db';
import { staticMigrationProvider } from './migrations/index';

export interface OpenDbOptions {
  /** postgres://… uses PostgreSQL; otherwise PGlite with `pgliteDir` (or in memory when omitted). */
  readonly databaseUrl?: string | undefined;
  readonly pgliteDir?: string | undefined;
  readonly poolSize?: number | undefined;
}

export interface OpenedDb {
  readonly db: Kysely<ServerDb>;
  readonly dialect: 'postgres' | 'pglite';
  close(): Promise<void>;
}

// bigint (int8) columns come back as strings from pg: we keep them as strings (no precision loss).

export async function openServerDb(options: OpenDbOptions): Promise<OpenedDb> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client losing its connection (database restart) must not crash the process;
    // the pool replaces it and the next query reports the failure.
    pool.on('error', () => undefined);
    const db = new Kysely<ServerDb>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (options.pgliteDir) prepareDataDir(options.pgliteDir);
  const pglite = options.pgliteDir ? await PGlite.create(options.pgliteDir) : await PGlite.create();
  if (options.pgliteDir) restrictDataDir(options.pgliteDir);
  const db = new Kysely<ServerDb>({ dialect: pgliteDialect(pglite) });
  return { db, dialect: 'pglite', close: () => db.destroy() };
}

/** Runs all pending migrations (Postgres: inside one transaction). Throws on failure. */
export async function migrateToLatest(db: Kysely<ServerDb>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: staticMigrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed');
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
