// `npm run native:electron`: builds better-sqlite3-multiple-ciphers a second time, for Electron's
// ABI, into native/electron/ (with build-info.json), WITHOUT touching the Node build in
// node_modules that vitest, the browser bridge and the server load. The desktop (npm start, the
// packaged app) hands this file to the driver through its nativeBinding option
// (src/main/db/native-binding.ts); electron-builder ships it as an extra resource.
//
// Steps: copy the driver's sources to .native-build/<electron>-<platform>-<arch>/, then try
// Electron's prebuilt binary (prebuild-install --runtime electron), else compile it with node-gyp
// against Electron's headers (https://electronjs.org/headers). Both need the network once; the C++
// toolchain (python3, make, g++ / Visual Studio Build Tools) only for the node-gyp fallback.
//
//   node scripts/build-native-electron.mjs [--electron 45.4.1] [--arch x64] [--platform linux]
//                                          [--force] [--dry-run]
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MODULE = 'better-sqlite3-multiple-ciphers';
export const HEADERS_URL = 'https://electronjs.org/headers';

/** What to do, as data (printed by --dry-run, checked by tests/lint/packaging.test.ts). */
export function planNativeBuild({ electron, platform, arch, root = PROJECT_ROOT, force = false }) {
  const outDir = join(root, 'native', 'electron');
  const workRoot = join(root, '.native-build', `${electron}-${platform}-${arch}`);
  const moduleDir = join(workRoot, 'node_modules', MODULE);
  const info = readInfo(outDir);
  const upToDate =
    !force &&
    existsSync(join(outDir, 'better_sqlite3.node')) &&
    info?.electron === electron &&
    info?.platform === platform &&
    info?.arch === arch;
  return {
    upToDate,
    outDir,
    workRoot,
    moduleDir,
    attempts: [
      {
        name: 'prebuild-install',
        bin: require.resolve('prebuild-install/bin.js'),
        args: [
          '--runtime',
          'electron',
          '--target',
          electron,
          '--arch',
          arch,
          '--platform',
          platform,
          '--verbose',
        ],
      },
      {
        name: 'node-gyp',
        bin: require.resolve('node-gyp/bin/node-gyp.js'),
        args: [
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${electron}`,
          `--arch=${arch}`,
          `--dist-url=${HEADERS_URL}`,
        ],
      },
    ],
    info: { electron, platform, arch },
  };
}

function readInfo(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'build-info.json'), 'utf8'));
  } catch {
    return null;
  }
}

function installedElectronVersion() {
  try {
    return JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'))
      .version;
  } catch {
    return null;
  }
}

function fail(lines) {
  process.stderr.write(`\n${lines.join('\n')}\n\n`);
  process.exit(1);
}

function main() {
  const { values } = parseArgs({
    options: {
      electron: { type: 'string' },
      arch: { type: 'string' },
      platform: { type: 'string' },
      force: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
    strict: true,
  });
  const electron = values.electron ?? process.env.LOTSE_ELECTRON_VERSION ?? installedElectronVersion();
  if (!electron)
    fail([
      'Die Electron-Version ist unbekannt (node_modules/electron fehlt). Bitte --electron <Version> angeben.',
    ]);
  const plan = planNativeBuild({
    electron,
    platform: values.platform ?? process.platform,
    arch: values.arch ?? process.arch,
    force: values.force ?? false,
  });
  if (values['dry-run']) {
    process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    return;
  }
  if (plan.upToDate) {
    process.stdout.write(
      `SQLite-Anbindung für Electron ${electron} ist aktuell (${relative(PROJECT_ROOT, plan.outDir)}).\n`,
    );
    return;
  }
  const source = dirname(require.resolve(`${MODULE}/package.json`));
  rmSync(plan.workRoot, { recursive: true, force: true });
  mkdirSync(dirname(plan.moduleDir), { recursive: true });
  // the sources only: the Node build in build/ stays where it is and is not copied
  cpSync(source, plan.moduleDir, {
    recursive: true,
    filter: (p) => !relative(source, p).split(sep).includes('build'),
  });
  let built = false;
  for (const attempt of plan.attempts) {
    process.stdout.write(`SQLite-Anbindung für Electron ${electron}: Versuch mit ${attempt.name} …\n`);
    const run = spawnSync(process.execPath, [attempt.bin, ...attempt.args], {
      cwd: plan.moduleDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electron },
    });
    if (run.status === 0 && existsSync(join(plan.moduleDir, 'build', 'Release', 'better_sqlite3.node'))) {
      built = true;
      break;
    }
    const last = `${run.stderr ?? ''}`.trim().split('\n').slice(-3).join('\n');
    process.stdout.write(`  ${attempt.name} ohne Erfolg${last ? `: ${last}` : ''}\n`);
  }
  if (!built) {
    fail([
      `Die SQLite-Anbindung für Electron ${electron} konnte nicht gebaut werden.`,
      'Beide Wege brauchen einmal Internetzugang: das fertige Paket von GitHub (prebuild-install)',
      `oder die Electron-Header von ${HEADERS_URL} und einen C++-Compiler (node-gyp).`,
      'Auf einem Rechner mit Internetzugang: npm run native:electron',
      'Die Tests und „npm run dev:browser“ brauchen diese Anbindung nicht.',
    ]);
  }
  mkdirSync(plan.outDir, { recursive: true });
  copyFileSync(
    join(plan.moduleDir, 'build', 'Release', 'better_sqlite3.node'),
    join(plan.outDir, 'better_sqlite3.node'),
  );
  writeFileSync(join(plan.outDir, 'build-info.json'), `${JSON.stringify(plan.info, null, 2)}\n`);
  process.stdout.write(
    `SQLite-Anbindung für Electron ${electron} gebaut: ${relative(PROJECT_ROOT, plan.outDir)}\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
