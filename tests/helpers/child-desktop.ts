/**
 * A desktop in a child process of the fault trials (tests/fault/*.child.ts): what the parent hands
 * it through argv and the environment, its encrypted store and its sign-in at the test server.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { createLocalKysely, type LocalKysely } from '../../src/main/db/kysely';
import { migrate } from '../../src/main/db/migrations/run';
import { openEncryptedDb, type RawDatabase } from '../../src/main/db/open-encrypted-db';
import { passwordAuth, type FetchLike } from '../../src/main/features/sync/sync-http';
import { PASSWORD } from '../integration/server/password';

/**
 * Runs a child's `main`; a failure goes to stderr (with its stack) and ends the process with code 1,
 * so the parent sees it in the exit code and its error message.
 */
export function runChildMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(
      `child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}

/** A variable the parent must set. */
export function env(name: string): string {
  const v = process.env[name];
  if (v === undefined) throw new Error(`${name} missing`);
  return v;
}

/** The child's store file (argv[2]), key, server, device id and clock (the parent's time, running on). */
export function childSetup() {
  const clockMs = Number(env('LOTSE_CLOCK_MS'));
  const started = Date.now();
  return {
    path: process.argv[2]!,
    key: Buffer.from(env('LOTSE_TEST_KEY_HEX'), 'hex'),
    baseUrl: env('LOTSE_BASE_URL'),
    clientId: env('LOTSE_CLIENT_ID'),
    clock: { now: () => new Date(clockMs + (Date.now() - started)) },
  };
}

/** Opens (or creates) the child's encrypted store, migrated, with an office and its device id. */
export async function openChildStore(
  path: string,
  key: Buffer,
  clientId: string,
): Promise<{ raw: RawDatabase; db: LocalKysely }> {
  const raw = openEncryptedDb(path, key, { create: true });
  const db = createLocalKysely(raw);
  await migrate(db as unknown as Kysely<unknown>);
  raw
    .prepare(
      "INSERT OR IGNORE INTO offices (id, code, name, town) VALUES ('oschatz', 'OSZ', 'Oschatz', 'Oschatz')",
    )
    .run();
  raw.prepare("INSERT OR IGNORE INTO sync_state (key, value) VALUES ('client_id', ?)").run(clientId);
  return { raw, db };
}

/** Signs in with LOTSE_USERNAME / LOTSE_PASSWORD as the device `clientId`. */
export function childAuth(baseUrl: string, fetcher: FetchLike, clientId: string) {
  return passwordAuth({
    baseUrl,
    fetch: fetcher,
    username: env('LOTSE_USERNAME'),
    password: env('LOTSE_PASSWORD'),
    clientId: async () => clientId,
    deviceName: 'Testgerät',
  });
}

/** A desktop of the trials: its store file, store key and device id. */
export interface ChildDevice {
  readonly path: string;
  readonly key: Buffer;
  readonly clientId: string;
}

/**
 * Starts `script` (a *.child.ts) as the desktop `d` against the server at `url`, signed in as the
 * harness's caseworker `ifk.own`, its clock at the harness's time; `extra` adds variables.
 */
export function spawnChildDesktop(
  script: string,
  clock: { now(): Date },
  url: string,
  d: ChildDevice,
  extra: Record<string, string> = {},
): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, ['--import', 'tsx', script, d.path], {
    env: {
      ...process.env,
      LOTSE_TEST_KEY_HEX: d.key.toString('hex'),
      LOTSE_BASE_URL: url,
      LOTSE_USERNAME: 'ifk.own',
      LOTSE_PASSWORD: PASSWORD,
      LOTSE_CLIENT_ID: d.clientId,
      LOTSE_CLOCK_MS: String(clock.now().getTime()),
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
