// `npm start`: the Lotse desktop app with demo data and the embedded central server (PGlite on
// 127.0.0.1:8787, data in .lotse-data/). The Electron runtime is fetched on first start; where that
// is impossible (offline build machines), use `npm run dev:browser` for the same UI in a browser.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const serverPort = process.env.LOTSE_SERVER_PORT ?? '8787';
const serverUrl = `http://127.0.0.1:${serverPort}`;

function startServer() {
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: serverPort,
      PGLITE_DIR: process.env.PGLITE_DIR ?? '.lotse-data/server-pgdata',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
  });
  return server;
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

let electronPath;
try {
  electronPath = require('electron');
} catch (error) {
  console.error(
    '\nDas Electron-Laufzeitpaket konnte nicht geladen werden (keine Verbindung zum Download?).\n' +
      'Starten Sie Lotse stattdessen im Browser: npm run dev:browser\n',
  );
  console.error(String(error));
  process.exit(1);
}

const server = startServer();
if (!(await waitForHealth())) {
  console.error('Der eingebettete Lotse-Server ist nicht gestartet.');
  server.kill('SIGTERM');
  process.exit(1);
}
process.stdout.write(`Eingebetteter Lotse-Server: ${serverUrl}\n`);

const child = spawn(electronPath, ['.'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    LOTSE_DEMO: process.env.LOTSE_DEMO ?? '1',
    LOTSE_SERVER_URL: serverUrl,
    LOTSE_DATA_DIR: process.env.LOTSE_DATA_DIR ?? '.lotse-data/desktop',
  },
});
const stopAll = (code) => {
  server.kill('SIGTERM');
  process.exit(code ?? 0);
};
child.on('close', (code) => stopAll(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
