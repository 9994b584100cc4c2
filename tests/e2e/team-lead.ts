import { resolve } from 'node:path';
import { startBridge, type RunningBridge } from '../../src/main/bridge/start-bridge';
import { seedDemoData } from '../../src/main/features/demo/seed-demo';
import { demoTeamDirectory } from '../../src/main/features/demo/demo-directory';
import { silentLogger } from '../../src/main/logging/logger';
import { TEST_SCRYPT } from '../helpers/local-store';
import { E2E_PASSPHRASE, e2eToday } from './fixtures';

/** The team of the team lead's store: the demo data spread over three caseworkers. */
export const TEAM = ['ifk-demo', 'ifk-nord', 'ifk-sued'];
/** The demo data's names of the team (the store's team directory, src/main/features/demo/demo-directory.ts). */
const NAMES = new Map(demoTeamDirectory(TEAM).map((m) => [m.id, m.displayName]));
export const teamMemberName = (id: string) => NAMES.get(id)!;

/**
 * A team lead's bridge in `dir`: a store holding a team of three caseworkers (the demo data spread
 * over them, as the server's team scope would deliver it), the vault created.
 */
export async function teamLeadBridge(dir: string): Promise<RunningBridge> {
  const bridge = await startBridge({
    rendererDir: resolve('out/renderer'),
    dataDir: dir,
    logger: silentLogger(),
    version: '0.1.0',
    demo: true,
    scrypt: TEST_SCRYPT,
    actorId: 'tl-demo',
    role: 'team_lead',
    onFirstRun: async (store) => {
      seedDemoData(store.raw(), { cases: 200, seed: 2026, today: e2eToday(), caseworkers: TEAM });
    },
  });
  const created = await bridge.main.backend.dispatch('vault:create', {
    passphrase: E2E_PASSPHRASE,
    confirmation: E2E_PASSPHRASE,
  });
  if (!created.ok) throw new Error(`vault setup failed: ${created.error.code}`);
  return bridge;
}
