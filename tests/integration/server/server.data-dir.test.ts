/**
 * Issue 14, item 2: the embedded server's data directory is the server user's alone (directory
 * 0700, every file 0600, even under umask 022), a group- or world-accessible directory is refused
 * with the fix in the message, and configured signing secrets never reach the case database.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/server/config';
import { openServerDb } from '../../../src/server/db/kysely';

const posix = process.platform !== 'win32';

function walk(dir: string): { path: string; mode: number; dir: boolean }[] {
  const out: { path: string; mode: number; dir: boolean }[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const st = lstatSync(path);
    out.push({ path, mode: st.mode & 0o777, dir: st.isDirectory() });
    if (st.isDirectory()) out.push(...walk(path));
  }
  return out;
}

describe.skipIf(!posix)('server data directory at rest', () => {
  it('a fresh PGlite directory (umask 022): directory 0700, every created file 0600, no configured secret inside', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lotse-datadir-'));
    const pgdata = join(root, 'data', 'server-pgdata');
    const tokenSecret = 'geheim-token-secret-aus-datei-0123456789';
    const seed = Buffer.alloc(32, 7).toString('base64');
    writeFileSync(join(root, 'token'), `${tokenSecret}\n`, { mode: 0o600 });
    writeFileSync(join(root, 'seed'), seed, { mode: 0o600 });
    const child = spawn(
      '/bin/sh',
      ['-c', 'umask 022 && exec "$0" --import tsx src/server/index.ts', process.execPath],
      {
        cwd: process.cwd(),
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          PGLITE_DIR: pgdata,
          PORT: '0',
          TOKEN_SECRET_FILE: join(root, 'token'),
          LEASE_SIGNING_SEED_FILE: join(root, 'seed'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      const address = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
        child.once('exit', () => reject(new Error(`server exited:\n${out}`)));
      });
      expect((await fetch(`${address}/health`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      process.kill(child.pid!, 'SIGTERM');
      expect(await exited).toBe(0);

      expect(lstatSync(pgdata).mode & 0o777).toBe(0o700);
      expect(lstatSync(join(root, 'data')).mode & 0o777).toBe(0o700);
      const entries = walk(pgdata);
      expect(entries.length).toBeGreaterThan(100);
      const loose = entries.filter((e) => e.mode !== (e.dir ? 0o700 : 0o600));
      expect(loose.map((e) => `${e.mode.toString(8)} ${e.path}`)).toEqual([]);
      const withSecret = entries
        .filter((e) => !e.dir)
        .filter((e) => {
          const bytes = readFileSync(e.path);
          return bytes.includes(tokenSecret) || bytes.includes(seed);
        });
      expect(withSecret.map((e) => e.path)).toEqual([]);
    } finally {
      if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses an existing directory that group or others can open, naming the fix', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lotse-datadir-'));
    try {
      const dir = join(root, 'pgdata');
      mkdirSync(dir);
      chmodSync(dir, 0o755);
      await expect(openServerDb({ pgliteDir: dir })).rejects.toThrow(/chmod -R go-rwx/);
      chmodSync(dir, 0o750);
      await expect(openServerDb({ pgliteDir: dir })).rejects.toThrow(/Modus 0750/);
      chmodSync(dir, 0o700);
      const opened = await openServerDb({ pgliteDir: dir });
      await opened.close();
      expect(walk(dir).filter((e) => e.mode !== (e.dir ? 0o700 : 0o600))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads signing secrets from secret files; both a value and a file is refused', () => {
    const root = mkdtempSync(join(tmpdir(), 'lotse-secret-'));
    try {
      writeFileSync(join(root, 'token'), 'x'.repeat(40) + '\n');
      writeFileSync(join(root, 'seed'), Buffer.alloc(32, 1).toString('base64'));
      const c = loadConfig({
        TOKEN_SECRET_FILE: join(root, 'token'),
        LEASE_SIGNING_SEED_FILE: join(root, 'seed'),
      });
      expect(c.TOKEN_SECRET).toBe('x'.repeat(40));
      expect(c.LEASE_SIGNING_SEED).toBe(Buffer.alloc(32, 1).toString('base64'));
      expect(() =>
        loadConfig({ TOKEN_SECRET: 'y'.repeat(40), TOKEN_SECRET_FILE: join(root, 'token') }),
      ).toThrow(/nicht gemeinsam/);
      expect(() => loadConfig({ LEASE_SIGNING_SEED: 'kurz' })).toThrow(/LEASE_SIGNING_SEED/);
      expect(() => loadConfig({ TOKEN_SECRET_FILE: join(root, 'fehlt') })).toThrow(/nicht lesbar/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
