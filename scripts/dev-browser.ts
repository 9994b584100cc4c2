/**
 * `npm run dev:browser`: the real Lotse renderer in any browser, against the real main-side
 * backend, on 127.0.0.1. For machines without an Electron runtime (CI, build servers).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBridge } from '../src/main/bridge/start-bridge';
import { createLogger } from '../src/main/logging/logger';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env['LOTSE_BRIDGE_PORT'] ?? 5199);
const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string };
const logger = createLogger({ level: 'warn' });

const bridge = await startBridge({
  rendererDir: resolve('out/renderer'),
  logger,
  version: pkg.version,
  demo: true,
  vault: { status: () => ({ state: 'uninitialized', quickUnlockAvailable: false, autoLockMinutes: 15 }) },
  port,
});

process.stdout.write(`\nLotse läuft im Browser: ${bridge.url}\n(Beenden mit Strg+C)\n\n`);

const stop = () => {
  void bridge.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
