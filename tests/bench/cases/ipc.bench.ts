import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBridgeServer, type BridgeServer } from '../../../src/main/bridge/bridge-server';
import { createDispatch, type Dispatch, type Handlers } from '../../../src/main/ipc/dispatch';
import { silentLogger } from '../../../src/main/logging/logger';
import { PLAN_PRINT_CHANNELS, WORKSPACE_CHANNELS, WRITE_CHANNELS } from '../../../src/shared/ipc/contract';
import { defineBench } from '../types';

const CALLS = process.env['BENCH_QUICK'] === '1' ? 200 : 2_000;

const status = { state: 'unlocked', quickUnlockAvailable: false, autoLockMinutes: 15 } as const;
const notBenchmarked = () => {
  throw new Error('not benchmarked here');
};
const handlers: Handlers = {
  ...(Object.fromEntries(
    [...WRITE_CHANNELS, ...PLAN_PRINT_CHANNELS, ...WORKSPACE_CHANNELS].map((c) => [c, notBenchmarked]),
  ) as unknown as Pick<
    Handlers,
    | (typeof WRITE_CHANNELS)[number]
    | (typeof PLAN_PRINT_CHANNELS)[number]
    | (typeof WORKSPACE_CHANNELS)[number]
  >),
  'app:info': () => ({
    name: 'Lotse',
    version: '0',
    runtime: 'browser-bridge',
    platform: 'linux',
    locale: 'de-DE',
    demo: true,
  }),
  'vault:status': () => status,
  'vault:create': () => status,
  'vault:unlock': () => status,
  'vault:unlock-quick': () => status,
  'vault:lock': () => status,
  'vault:change-passphrase': () => status,
  'vault:touch': () => null,
  'vault:select-user': notBenchmarked,
  'outreach:readiness': notBenchmarked,
  'outreach:consent-forms': notBenchmarked,
  'outreach:create-contact': notBenchmarked,
  'duplicates:list': notBenchmarked,
  'duplicates:decide': notBenchmarked,
  'audits:draw-sample': notBenchmarked,
  'audits:samples': notBenchmarked,
  'audits:get': notBenchmarked,
  'audits:save': notBenchmarked,
  'corrections:request': notBenchmarked,
  'corrections:review': notBenchmarked,
  'corrections:list': notBenchmarked,
  'corrections:complete': notBenchmarked,
  'directory:users': notBenchmarked,
  'login:status': notBenchmarked,
  'login:sign-in': notBenchmarked,
  'login:create-store': notBenchmarked,
  'login:cancel': notBenchmarked,
  'cases:list': () => ({ items: [], total: 0 }),
  'cases:get': () => {
    throw new Error('not benchmarked here');
  },
  'appointments:list-day': () => [],
  'cases:search': () => [],
  'caseload:list': () => ({
    items: [],
    total: 0,
    counts: { offices: {}, phases: {}, targetGroups: {}, overdueReview: 0 },
  }),
  'sync:status': notBenchmarked,
  'sync:now': notBenchmarked,
  'sync:case-issues': notBenchmarked,
  'sync:rejections': notBenchmarked,
  'sync:resolve-conflict': notBenchmarked,
  'sync:dismiss-rejection': notBenchmarked,
  'sync:access-log': notBenchmarked,
  'sync:plan-documents': notBenchmarked,
  'quality:dashboard': notBenchmarked,
  'quality:cases': notBenchmarked,
  'quality:report': notBenchmarked,
  'assessments:list': notBenchmarked,
  'goals:get': notBenchmarked,
  'strategies:list': notBenchmarked,
  'occupations:search': notBenchmarked,
};

async function perCallMs(fn: () => Promise<unknown>, calls: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i += 1) await fn();
  return (performance.now() - started) / calls;
}

interface BridgeState {
  dir: string;
  bridge: BridgeServer;
  dispatch: Dispatch;
}

async function setupBridge(): Promise<BridgeState> {
  const dir = await mkdtemp(join(tmpdir(), 'lotse-bench-'));
  await writeFile(join(dir, 'index.html'), '<html><script type="module" src="/a.js"></script></html>');
  const dispatch = createDispatch(handlers, silentLogger());
  const bridge = await startBridgeServer({ dispatch, rendererDir: dir, logger: silentLogger() });
  return { dir, bridge, dispatch };
}

async function teardownBridge(s: BridgeState): Promise<void> {
  await s.bridge.close();
  await rm(s.dir, { recursive: true, force: true });
}

function viaBridge(s: BridgeState) {
  return () =>
    fetch(new URL('/__lotse/invoke', s.bridge.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.bridge.token}` },
      body: JSON.stringify({ channel: 'vault:status' }),
    }).then((r) => r.json());
}

export default [
  defineBench({
    name: 'ipc.dispatch',
    params: { calls: CALLS, channel: 'vault:status' },
    unit: 'µs/call',
    setup: () => createDispatch(handlers, silentLogger()),
    run: async (dispatch) => 1000 * (await perCallMs(() => dispatch('vault:status', undefined), CALLS)),
  }),
  defineBench<BridgeState>({
    name: 'ipc.bridge_roundtrip',
    params: { calls: CALLS / 10, channel: 'vault:status' },
    unit: 'ms/call',
    setup: setupBridge,
    run: (s) => perCallMs(viaBridge(s), CALLS / 10),
    teardown: teardownBridge,
  }),
  defineBench<BridgeState>({
    name: 'ipc.bridge_vs_dispatch',
    params: { calls: CALLS / 10 },
    unit: 'ratio',
    setup: setupBridge,
    run: async (s) => {
      const direct = await perCallMs(() => s.dispatch('vault:status', undefined), CALLS / 10);
      const bridged = await perCallMs(viaBridge(s), CALLS / 10);
      return bridged / direct;
    },
    teardown: teardownBridge,
  }),
];
