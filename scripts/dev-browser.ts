/**
 * `npm run dev:browser`: the real Lotse renderer in any browser, against the real main-side
 * backend (vault, encrypted database, demo data), on 127.0.0.1. For machines without an Electron
 * runtime (CI, build servers). Data lives in .lotse-data/browser (encrypted like on a laptop).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBridge } from '../src/main/bridge/start-bridge';
import { createLogger } from '../src/main/logging/logger';
import { seedDemoData } from '../src/main/features/demo/seed-demo';
import { syncConfigFromEnv } from '../src/main/features/sync/sync-config';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env['LOTSE_BRIDGE_PORT'] ?? 5199);
const dataDir = resolve(process.env['LOTSE_DATA_DIR'] ?? '.lotse-data/browser');
const demoCases = Number(process.env['LOTSE_DEMO_CASES'] ?? 200);
const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string };
const logger = createLogger({ level: 'warn' });
const server = syncConfigFromEnv();

const bridge = await startBridge({
  rendererDir: resolve('out/renderer'),
  dataDir,
  logger,
  version: pkg.version,
  demo: true,
  port,
  ...(server
    ? { sync: server } // the server holds the demo cases (DEMO_ACCOUNTS=true): they come with the first sync
    : {
        onFirstRun: async (store) => {
          seedDemoData(store.raw(), {
            cases: demoCases,
            seed: 2026,
            today: new Date().toISOString().slice(0, 10),
          });
        },
      }),
});

const state = bridge.main.vault.status().state;
process.stdout.write(
  `\nLotse läuft im Browser – einmal diesen Link öffnen: ${bridge.launchUrl}\n` +
    (server
      ? `Anmeldung am Server ${server.serverUrl}; die Fälle kommen mit der ersten Synchronisation.\n`
      : state === 'uninitialized'
        ? `Beim ersten Öffnen legen Sie eine Passphrase fest; danach werden ${demoCases} erfundene Demofälle angelegt.\n`
        : `Daten: ${dataDir} (mit Ihrer Passphrase entsperren)\n`) +
    '(Beenden mit Strg+C)\n\n',
);

const stop = () => {
  void bridge.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
