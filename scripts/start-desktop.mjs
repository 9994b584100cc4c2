// `npm start`: the Lotse desktop app with demo data and the embedded central server (PGlite on
// 127.0.0.1:8787, data in .lotse-data/). Where the Electron runtime is missing and cannot be
// fetched (offline build machines), it says so in German and starts the browser mode instead
// (`npm run dev:browser`) against the same embedded server: sign-in with the demo accounts, the
// demo cases come with the first sync. LOTSE_NO_BROWSER_FALLBACK=1 only prints what to do.
// The desktop loads the Electron build of the SQLite driver; it is built here when missing
// (npm run native:electron).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { electronMissingMessage, findElectron, tryInstallElectron } from './start-desktop-lib.mjs';

const require = createRequire(import.meta.url);
const serverPort = process.env.LOTSE_SERVER_PORT ?? '8787';
const serverUrl = `http://127.0.0.1:${serverPort}`;

function electronDir() {
  if (process.env.LOTSE_ELECTRON_DIR) return process.env.LOTSE_ELECTRON_DIR;
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function startServer() {
  return spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: serverPort,
      PGLITE_DIR: process.env.PGLITE_DIR ?? '.lotse-data/server-pgdata',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // the first sign-in needs a user on the server: demo accounts (src/server/features/admin/demo-accounts.ts)
      DEMO_ACCOUNTS: 'true',
    },
  });
}

async function waitForHealth(timeoutMs = 60_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      const res = await fetch(`${serverUrl}/health`);
      if (res.ok) return true;
    } catch {
      // not up yet (PGlite compiles its WASM on first start)
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/** The embedded central server, up and answering, with the demo accounts named; exits when it does not start. */
async function startEmbeddedServer() {
  process.stdout.write('Der eingebettete Lotse-Server startet (beim ersten Mal einige Sekunden) …\n');
  const server = startServer();
  if (!(await waitForHealth())) {
    process.stderr.write('Der eingebettete Lotse-Server ist nicht gestartet.\n');
    server.kill('SIGTERM');
    process.exit(1);
  }
  process.stdout.write(
    `Eingebetteter Lotse-Server: ${serverUrl}\n` +
      'Anmeldung mit den Demo-Konten: demo.ifk (Integrationsfachkraft) oder demo.teamleitung, Passwort Lotse-Demo-2026\n',
  );
  return server;
}

/** `child` runs the front end; when it ends, the server stops too; Ctrl+C reaches the child. */
function runWith(server, child) {
  const stopAll = (code) => {
    server.kill('SIGTERM');
    process.exit(code ?? 0);
  };
  child.on('close', (code) => stopAll(code));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return stopAll;
}

async function startBrowserMode() {
  const server = await startEmbeddedServer();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev-browser.ts'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      LOTSE_SERVER_URL: serverUrl,
      // its own store: one made by an earlier browser mode without a server is left alone
      LOTSE_DATA_DIR: process.env.LOTSE_DATA_DIR ?? '.lotse-data/browser-server',
    },
  });
  runWith(server, child);
}

const dir = electronDir();
let electronPath = dir ? findElectron(dir) : null;
if (!electronPath && dir && process.env.LOTSE_SKIP_ELECTRON_DOWNLOAD !== '1') {
  process.stdout.write('Die Electron-Laufzeit fehlt noch und wird geladen …\n');
  if (tryInstallElectron(dir)) electronPath = findElectron(dir);
}
if (!electronPath) {
  const fallback = process.env.LOTSE_NO_BROWSER_FALLBACK !== '1';
  process.stderr.write(`${electronMissingMessage({ fallback })}\n`);
  if (fallback) await startBrowserMode();
  else process.exit(1);
} else {
  // The desktop needs the Electron build of the SQLite driver; the script does nothing when it is
  // current, so the two README commands stay the whole set-up.
  const native = spawnSync(process.execPath, ['scripts/build-native-electron.mjs'], { stdio: 'inherit' });
  if (native.status !== 0) {
    process.stderr.write(
      'Die SQLite-Anbindung für Electron fehlt (siehe oben). Lotse im Browser: npm run dev:browser\n',
    );
    process.exit(1);
  }
  const server = await startEmbeddedServer();
  const child = spawn(electronPath, ['.'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      LOTSE_DEMO: process.env.LOTSE_DEMO ?? '1',
      LOTSE_SERVER_URL: serverUrl,
      LOTSE_DATA_DIR: process.env.LOTSE_DATA_DIR ?? '.lotse-data/desktop',
    },
  });
  const stopAll = runWith(server, child);
  child.on('error', () => {
    process.stderr.write(
      '\nElectron ließ sich nicht starten (fehlende Systembibliotheken?). Lotse im Browser: npm run dev:browser\n',
    );
    stopAll(1);
  });
}
