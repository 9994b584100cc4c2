/**
 * `npm start` where Electron cannot be fetched (issue 13, item 6): only German, no stack trace,
 * what to do. The script runs for real against a simulated `electron` package whose binary is
 * missing and whose installer fails the way the real one does offline (English stack trace).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  electronMissingMessage,
  findElectron,
  tryInstallElectron,
} from '../../scripts/start-desktop-lib.mjs';

const root = mkdtempSync(join(tmpdir(), 'lotse-start-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An `electron` package as npm leaves it when the postinstall download failed. */
function brokenElectron(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"electron","version":"45.4.1"}');
  writeFileSync(
    join(dir, 'install.js'),
    "console.log('Downloading Electron binary...');\n" +
      "const e = new Error('getaddrinfo ENOTFOUND github.com'); console.error(e.stack); process.exit(1);\n",
  );
  return dir;
}

const ENGLISH = /Error|ENOTFOUND|Downloading|Please|reinstall|\n\s+at /;

describe('npm start without an Electron binary', () => {
  it('prints only the German explanation and what to do, and exits 1 (no browser fallback)', () => {
    const run = spawnSync(process.execPath, ['scripts/start-desktop.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, LOTSE_ELECTRON_DIR: brokenElectron('a'), LOTSE_NO_BROWSER_FALLBACK: '1' },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const out = `${run.stdout}${run.stderr}`;
    expect(out).toContain('Die Electron-Laufzeit ist auf diesem Rechner nicht vorhanden');
    expect(out).toContain('npm run dev:browser');
    expect(out).not.toMatch(ENGLISH);
  });

  it('does not try a download when told not to, and says the browser mode starts by default', () => {
    const run = spawnSync(process.execPath, ['scripts/start-desktop.mjs'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        LOTSE_ELECTRON_DIR: brokenElectron('b'),
        LOTSE_NO_BROWSER_FALLBACK: '1',
        LOTSE_SKIP_ELECTRON_DOWNLOAD: '1',
      },
      timeout: 60_000,
    });
    expect(run.stdout).not.toContain('wird geladen');
    expect(run.status).toBe(1);
    expect(electronMissingMessage({ fallback: true })).toContain('startet deshalb jetzt im Browser-Modus');
    expect(electronMissingMessage({ fallback: true })).not.toMatch(ENGLISH);
  });
});

/** A loopback port nobody listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

describe('npm start falls back to the browser mode', () => {
  it('says so in German, starts the embedded server and serves the one-time launch link against it', async () => {
    const serverPort = await freePort();
    // a project folder with the real scripts and sources, and a stand-in renderer build
    const project = join(root, 'projekt');
    mkdirSync(join(project, 'out', 'renderer'), { recursive: true });
    for (const name of ['scripts', 'src', 'node_modules', 'resources']) {
      symlinkSync(join(process.cwd(), name), join(project, name));
    }
    cpSync(join(process.cwd(), 'package.json'), join(project, 'package.json'));
    writeFileSync(join(project, 'out', 'renderer', 'index.html'), '<!doctype html><title>Lotse</title>');
    const child = spawn(process.execPath, ['scripts/start-desktop.mjs'], {
      cwd: project,
      env: {
        ...process.env,
        LOTSE_ELECTRON_DIR: brokenElectron('fallback'),
        LOTSE_SKIP_ELECTRON_DOWNLOAD: '1',
        LOTSE_BRIDGE_PORT: '0',
        LOTSE_DATA_DIR: join(project, 'daten'),
        LOTSE_SERVER_PORT: String(serverPort),
        PGLITE_DIR: join(project, 'server-daten'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const launch = await new Promise<string>((done, fail) => {
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\/__lotse\/launch\/\S+/.exec(out);
        if (m) done(m[0]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('close', () => fail(new Error(`ended early:\n${out}`)));
    });
    try {
      expect(out).toContain('Lotse startet deshalb jetzt im Browser-Modus');
      expect(out).toContain(`Eingebetteter Lotse-Server: http://127.0.0.1:${serverPort}`);
      expect(out).toContain('Anmeldung mit den Demo-Konten: demo.ifk');
      expect(out).toContain(`Anmeldung am Server http://127.0.0.1:${serverPort}`);
      expect(out).not.toMatch(ENGLISH);
      const res = await fetch(launch, { redirect: 'manual' });
      expect(res.status).toBeLessThan(400);
      expect((await fetch(`http://127.0.0.1:${serverPort}/health`)).ok).toBe(true);
    } finally {
      const closed = new Promise((r) => child.on('close', r));
      child.kill('SIGTERM');
      await closed;
    }
    // the embedded server ends with the browser mode
    await expect
      .poll(
        () =>
          fetch(`http://127.0.0.1:${serverPort}/health`).then(
            () => 'läuft',
            () => 'beendet',
          ),
        { timeout: 15_000 },
      )
      .toBe('beendet');
  }, 120_000);
});

describe('findElectron and tryInstallElectron', () => {
  it('finds the executable named in path.txt, or in ELECTRON_OVERRIDE_DIST_PATH, and nothing else', () => {
    const dir = brokenElectron('c');
    expect(findElectron(dir, {})).toBeNull();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(findElectron(dir, {})).toBeNull(); // named but not downloaded
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(findElectron(dir, {})).toBe(join(dir, 'dist', 'electron'));
    const override = join(root, 'override');
    mkdirSync(override);
    expect(findElectron(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBeNull();
    writeFileSync(join(override, 'electron'), '');
    expect(findElectron(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(join(override, 'electron'));
  });

  it('reports a failed or impossible download as false, quietly', () => {
    expect(tryInstallElectron(brokenElectron('d'))).toBe(false);
    expect(tryInstallElectron(join(root, 'gibt-es-nicht'))).toBe(false);
  });
});
