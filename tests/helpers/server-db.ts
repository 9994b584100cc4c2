/**
 * A migrated server database for tests, on PGlite or on a throwaway PostgreSQL. Run every server
 * suite against both (Kysely's DIALECTS pattern):
 *
 *   for (const dialect of SERVER_DIALECTS) describe.skipIf(skipReason(dialect))(`${dialect}: …`, …)
 *
 * Start ONE database per test file (beforeAll) and truncate between tests.
 */
import { sql, type Kysely } from 'kysely';
import { migrateToLatest, openServerDb } from '../../src/server/db/kysely';
import { SERVER_TABLES, type ServerDb } from '../../src/server/db/server-db';
import { findPostgresBin, startPostgres } from './postgres';

export type ServerDialect = 'pglite' | 'postgres';
export const SERVER_DIALECTS: readonly ServerDialect[] = ['pglite', 'postgres'];
/** Kysely's name for the same list. */
export const DIALECTS = SERVER_DIALECTS;

/**
 * Why a dialect cannot run here, or undefined. Missing PostgreSQL binaries FAIL in CI (CI=true):
 * the suite then runs and its beforeAll throws.
 */
export function skipReason(dialect: ServerDialect): string | undefined {
  if (dialect !== 'postgres') return undefined;
  if (findPostgresBin()) return undefined;
  if (process.env.CI === 'true') return undefined;
  return 'PostgreSQL binaries not installed (apt-get install postgresql); skipped locally';
}

export interface TestServerDb {
  readonly dialect: ServerDialect;
  readonly db: Kysely<ServerDb>;
  /** Connection string (PostgreSQL only), e.g. for a second pool in concurrency tests. */
  readonly url: string | undefined;
  truncate(): Promise<void>;
  close(): Promise<void>;
  /** Restarts the PostgreSQL cluster by its pid (PostgreSQL only; undefined on PGlite). */
  readonly restartDatabase: ((downMs?: number) => Promise<void>) | undefined;
}

export async function createTestServerDb(
  dialect: ServerDialect,
  options: { poolSize?: number; maxConnections?: number } = {},
): Promise<TestServerDb> {
  if (dialect === 'pglite') {
    const opened = await openServerDb({});
    await migrateToLatest(opened.db);
    return {
      dialect,
      db: opened.db,
      url: undefined,
      restartDatabase: undefined,
      truncate: () => truncateAll(opened.db),
      close: () => opened.close(),
    };
  }
  if (!findPostgresBin()) {
    throw new Error('PostgreSQL binaries not found: CI must install the postgresql package');
  }
  const pg = await startPostgres(
    options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections },
  );
  const opened = await openServerDb({ databaseUrl: pg.url, poolSize: options.poolSize ?? 5 });
  try {
    await migrateToLatest(opened.db);
  } catch (error) {
    await opened.close();
    await pg.stop();
    throw error;
  }
  return {
    dialect,
    db: opened.db,
    url: pg.url,
    restartDatabase: (downMs) => pg.restart(downMs),
    truncate: () => truncateAll(opened.db),
    close: async () => {
      await opened.close();
      await pg.stop();
    },
  };
}

async function truncateAll(db: Kysely<ServerDb>): Promise<void> {
  await sql`truncate table ${sql.join(SERVER_TABLES.map((t) => sql.table(t)))} restart identity cascade`.execute(
    db,
  );
}

/**
 * Counts rows of every table: a cheap "database unchanged" fingerprint. Audit entries of refused
 * accesses (403, `access_refused`) are left out: recording a refusal is the one change a refusal
 * makes by design.
 */
export async function tableCounts(db: Kysely<ServerDb>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of SERVER_TABLES) {
    const row = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)} ${
      table === 'audit_log' ? sql`where action <> 'access_refused'` : sql``
    }`.execute(db);
    counts[table] = Number(row.rows[0]?.n ?? 0);
  }
  return counts;
}
