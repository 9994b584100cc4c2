// `npm start`: the Lotse desktop app with demo data and the embedded central server (PGlite).
// The Electron runtime is fetched on first start; where that is impossible (offline build
// machines), use `npm run dev:browser` for the same UI in a browser.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
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

const child = spawn(electronPath, ['.'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    LOTSE_DEMO: process.env.LOTSE_DEMO ?? '1',
    LOTSE_EMBEDDED_SERVER: process.env.LOTSE_EMBEDDED_SERVER ?? '1',
  },
});
child.on('close', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
