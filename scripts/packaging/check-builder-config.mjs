// `npm run check:packaging` (CI): the builder configuration through electron-builder's own schema
// validation and the packaging rules of policyProblems (fuses, per-machine installers, native
// module, https feed, no signing secrets in the file). Needs no Electron binary and no network.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { BASE_CONFIG, builderConfig, policyProblems } from './builder-config.mjs';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The merged configuration as electron-builder loads it, validated by electron-builder. */
export async function loadAndValidate(env = process.env, root = ROOT) {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util');
  const committed = parse(readFileSync(join(root, BASE_CONFIG), 'utf8'));
  // electron-builder's own loader and merge: electron-builder.yml + this environment's overlay
  // (electron-builder.config.mjs gives the same overlay with `extends`)
  const { extends: _base, ...overlay } = builderConfig(env);
  const merged = await getConfig(root, join(root, BASE_CONFIG), overlay);
  await validateConfiguration(merged, new DebugLogger(false));
  return {
    committed,
    merged,
    problems: policyProblems(committed, merged, { release: env.LOTSE_RELEASE === '1' }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { problems } = await loadAndValidate();
    if (problems.length > 0) {
      process.stderr.write(`Paketierung: ${problems.length} Problem(e):\n- ${problems.join('\n- ')}\n`);
      process.exit(1);
    }
    process.stdout.write('Paketierungs-Konfiguration gültig (electron-builder-Schema und Lotse-Regeln).\n');
  } catch (error) {
    process.stderr.write(
      `Paketierungs-Konfiguration ungültig: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
