/**
 * The peer to beat (SYNC.md "The peer to beat"), server side: express-pouchdb on PouchDB's LevelDB
 * adapter, listening on 127.0.0.1 in its own process (as the Lotse server runs in its own), with
 * its data in the directory given as the first argument. Prints `port <n>` once it listens.
 *
 *   node --import tsx tests/bench/pouchdb-peer.child.ts <dataDir>
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
// untyped CommonJS packages (devDependencies used by the bench only)
const PouchDB = require('pouchdb-node') as { defaults(o: { prefix: string }): unknown };
const expressPouchDB = require('express-pouchdb') as (
  pouch: unknown,
  options: { mode: string; inMemoryConfig: boolean; logPath: string },
) => unknown;
const express = require('express') as () => {
  use(path: string, handler: unknown): void;
  listen(port: number, host: string, cb: () => void): { address(): AddressInfo | string | null };
};

const dir = process.argv[2];
if (!dir) throw new Error('data directory missing');
const app = express();
app.use(
  '/',
  expressPouchDB(PouchDB.defaults({ prefix: `${dir}/` }), {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
    logPath: join(dir, 'log.txt'),
  }),
);
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address() as AddressInfo;
  process.stdout.write(`port ${address.port}\n`);
});
