/**
 * `npm run server` with no configuration (a working server on a local PGlite directory) and with
 * DATABASE_URL on PostgreSQL, and a graceful shutdown on SIGTERM (exit code 0), also when the
 * signal comes while it starts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPostgres } from '../../helpers/postgres';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: server process`, () => {
    it('starts (PGlite: with no configuration; PostgreSQL: DATABASE_URL), answers /health, and shuts down gracefully on SIGTERM', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'lotse-server-'));
      const pg = dialect === 'postgres' ? await startPostgres() : undefined;
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: '0',
        ...(pg ? { DATABASE_URL: pg.url } : { PGLITE_DIR: join(dir, 'pgdata') }),
      };
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts'], {
        cwd: process.cwd(),
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        let out = '';
        const address = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no listen line:\n${out}`)), 60_000);
          child.stdout!.on('data', (d: Buffer) => {
            out += d.toString();
            const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
            if (m) {
              clearTimeout(timer);
              resolve(m[1]!);
            }
          });
          child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
          child.once('exit', () => reject(new Error(`server exited:\n${out}`)));
        });
        const health = await fetch(`${address}/health`);
        expect(health.status).toBe(200);
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        process.kill(child.pid!, 'SIGTERM');
        expect(await exited).toBe(0);
      } finally {
        // still running (not ended by code or signal): stop it without hiding the test's own error
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        await pg?.stop();
      }
    });
  });
}

describe('server process', () => {
  it('a SIGTERM while it starts is carried out once it listens: graceful, exit code 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotse-server-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts'], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PGLITE_DIR: join(dir, 'pgdata'), PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      // the first log line (database opening, migrations) means the handlers are there
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no output:\n${out}`)), 60_000);
        const onData = (d: Buffer) => {
          out += d.toString();
          clearTimeout(timer);
          resolve();
        };
        child.stdout!.once('data', onData);
        child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
