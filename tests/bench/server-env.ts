/**
 * The central server for benchmarks: a throwaway PostgreSQL on loopback (Debian package) and the
 * server as its own process (`src/server/index.ts`, as in production) on 127.0.0.1, so the load
 * generator or the desktop under test does not share the server's event loop.
 */
import { seedCaseRecords, type SeedRecord } from '../../src/server/features/admin/demo-cases';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { cryptoIds } from '../../src/server/context';
import { migrateToLatest, openServerDb, type OpenedDb } from '../../src/server/db/kysely';
import * as admin from '../../src/server/features/admin/admin.service';
import { startPostgres, type PostgresInstance } from '../helpers/postgres';

export interface Env {
  pg: PostgresInstance;
  opened: OpenedDb;
  server: ChildProcess;
  base: string;
}

/**
 * PostgreSQL, plus the server as its own process (`src/server/index.ts`, as in production), so
 * the load generator does not share the server's event loop.
 */
export async function startEnv(): Promise<Env> {
  const pg = await startPostgres({ maxConnections: 100 });
  try {
    return await startServer(pg);
  } catch (error) {
    await pg.stop(); // never leave a cluster behind
    throw error;
  }
}

/** What the admin service needs to write straight into the bench server's database. */
function adminDeps(opened: OpenedDb) {
  return { db: opened.db, clock: { now: () => new Date() }, ids: cryptoIds, scryptN: 1024 };
}

export async function startServer(pg: PostgresInstance): Promise<Env> {
  const opened = await openServerDb({ databaseUrl: pg.url, poolSize: 4 });
  await migrateToLatest(opened.db);
  const deps = adminDeps(opened);
  await admin.createOffice(deps, 'bench', { id: 'oschatz', name: 'Oschatz' });
  await admin.createTeam(deps, 'bench', { id: 'osz-a', officeId: 'oschatz', name: 'Team A' });
  const port = await freePort();
  const server = spawn(
    process.execPath,
    // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=…" profiles the server process
    [
      ...(process.env['BENCH_SERVER_NODE_ARGS']?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      'src/server/index.ts',
    ],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        DATABASE_URL: pg.url,
        DB_POOL_SIZE: '20',
        HOST: '127.0.0.1',
        PORT: String(port),
        TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        LOGIN_IP_MAX_FAILURES: '10000',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) {
      await opened.close();
      throw new Error('server process exited');
    }
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      if (server.pid !== undefined) process.kill(server.pid, 'SIGKILL');
      await opened.close();
      throw new Error('server did not start');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { pg, opened, server, base };
}

export async function stopEnv(env: Env): Promise<void> {
  if (env.server.exitCode === null && env.server.pid !== undefined) {
    const exited = new Promise((r) => env.server.once('exit', r));
    process.kill(env.server.pid, 'SIGTERM'); // graceful shutdown
    await exited;
  }
  await env.opened.close();
  await env.pg.stop();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function postJson<T>(
  base: string,
  path: string,
  token: string | null,
  body: unknown,
): Promise<T> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** A caseworker of office oschatz, team osz-a (created by startServer); returns the user id. */
export function createCaseworker(
  env: Env,
  user: { username: string; displayName: string; password: string },
): Promise<string> {
  return admin.createUser(adminDeps(env.opened), 'bench', {
    ...user,
    role: 'caseworker',
    officeId: 'oschatz',
    teamId: 'osz-a',
  });
}

/** A record to seed: its type, id, case and fields. */
export type SeedRow = SeedRecord;

/**
 * Writes the rows straight into the server's tables, as if `userId` had pushed them (row version 1,
 * every field at version 1): their cases into the case directory (team osz-a, assigned to `userId`),
 * the rows into sync_records and the change log, in the rows' order (the demo server's seeding).
 */
export async function seedRows(env: Env, userId: string, rows: readonly SeedRow[]): Promise<void> {
  await seedCaseRecords(env.opened.db, {
    userId,
    officeId: 'oschatz',
    teamId: 'osz-a',
    records: rows,
    by: 'seed',
    at: new Date(),
  });
}
