/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temporary directory, start
 * `postgres` on a free loopback port, and stop it by its pid. Uses Debian's package
 * (/usr/lib/postgresql/<v>/bin, `apt-get install postgresql`). As root, the cluster runs as the
 * `postgres` OS user (created by the Debian package), falling back to `nobody`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresInstance {
  readonly url: string;
  /** The postmaster's pid (a new one after restart). */
  readonly pid: number;
  stop(): Promise<void>;
  /** Stops the cluster by its pid (fast shutdown), waits `downMs`, starts it again on the same port and data. */
  restart(downMs?: number): Promise<void>;
}

/** Directory with initdb/postgres, or undefined when PostgreSQL is not installed. */
export function findPostgresBin(): string | undefined {
  if (process.env.LOTSE_PG_BIN && existsSync(join(process.env.LOTSE_PG_BIN, 'postgres'))) {
    return process.env.LOTSE_PG_BIN;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'postgres')) && existsSync(join(bin, 'initdb'))) return bin;
  }
  return undefined;
}

function osUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      if (Number.isInteger(uid) && uid > 0) return { uid, gid };
    } catch {
      // try the next candidate
    }
  }
  throw new Error('running as root, but neither the postgres nor the nobody user exists');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited early:\n${logs()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not become ready:\n${logs()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function startPostgres(options: { maxConnections?: number } = {}): Promise<PostgresInstance> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found (apt-get install postgresql)');
  const user = osUser();
  const dir = mkdtempSync(join(tmpdir(), 'lotse-pg-'));
  const dataDir = join(dir, 'data');
  if (user) {
    chownSync(dir, user.uid, user.gid);
  }
  chmodSync(dir, 0o700);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  try {
    execFileSync(
      join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'lotse', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
      { ...asUser, cwd: dir, stdio: 'pipe' },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const port = await freePort();
  let output = '';
  const url = `postgres://lotse@127.0.0.1:${port}/postgres`;
  const launch = (): ChildProcess => {
    const child = spawn(
      join(bin, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-k',
        dir,
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        `max_connections=${options.maxConnections ?? 100}`,
      ],
      { ...asUser, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    if (child.pid === undefined) throw new Error('postgres did not start');
    return child;
  };
  let child = launch();
  /** Stops the postmaster by its pid (fast shutdown: open connections are cut), SIGKILL after 10 s. */
  const halt = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const pid = child.pid!;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(pid, 'SIGINT');
    const timer = setTimeout(() => {
      if (child.exitCode === null) process.kill(pid, 'SIGKILL');
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await halt();
    rmSync(dir, { recursive: true, force: true });
  };
  const restart = async (downMs = 0): Promise<void> => {
    await halt();
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    child = launch();
    await waitReady(url, child, () => output);
  };
  try {
    await waitReady(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    get pid() {
      return child.pid!;
    },
    stop,
    restart,
  };
}
