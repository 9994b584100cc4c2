// Helpers of scripts/start-desktop.mjs, separate so that tests/integration/start-desktop.test.ts
// can check them without starting anything.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable of the installed `electron` package, or null when it is missing. Does
 * NOT require('electron'): that package downloads on require and prints English errors.
 */
export function findElectron(electronDir, env = process.env) {
  let relative = null;
  try {
    relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    relative = null;
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(p) ? p : null;
  }
  if (!relative) return null;
  const p = join(electronDir, 'dist', relative);
  return existsSync(p) ? p : null;
}

/** One quiet download attempt through the package's own installer (its output is not shown). */
export function tryInstallElectron(electronDir, timeoutMs = 180_000) {
  const installer = join(electronDir, 'install.js');
  if (!existsSync(installer)) return false;
  const run = spawnSync(process.execPath, [installer], {
    cwd: electronDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: timeoutMs,
  });
  return run.status === 0;
}

/** The German explanation when Electron cannot be started (no stack trace, no English). */
export function electronMissingMessage({ fallback }) {
  return [
    '',
    'Die Electron-Laufzeit ist auf diesem Rechner nicht vorhanden und konnte nicht geladen werden',
    '(kein Zugang zum Download-Server).',
    fallback
      ? 'Lotse startet deshalb jetzt im Browser-Modus: dieselbe Oberfläche und dieselben Daten, im Browser.'
      : 'So geht es weiter:',
    fallback
      ? 'Ohne automatischen Browser-Modus: LOTSE_NO_BROWSER_FALLBACK=1 npm start'
      : '  • Lotse im Browser starten: npm run dev:browser',
    fallback ? '' : '  • oder auf einem Rechner mit Internetzugang erneut: npm start',
    '',
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}
