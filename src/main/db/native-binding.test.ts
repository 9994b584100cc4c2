import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import {
  chooseNativeBinding,
  currentRuntime,
  nativeBindingOption,
  NativeBindingError,
  nodeFs,
  type BindingBuildInfo,
  type BindingFs,
  type RuntimeInfo,
} from './native-binding';

const node: RuntimeInfo = {
  electron: null,
  packaged: false,
  resourcesPath: null,
  projectRoot: '/projekt',
  override: null,
  platform: 'linux',
  arch: 'x64',
};
const devElectron: RuntimeInfo = { ...node, electron: '45.4.1' };
const packaged: RuntimeInfo = {
  ...node,
  electron: '45.4.1',
  packaged: true,
  resourcesPath: '/opt/Lotse/resources',
};

function fakeFs(files: string[], info: BindingBuildInfo | null = null): BindingFs {
  return { exists: (p) => files.includes(p), readBuildInfo: () => info };
}

describe('chooseNativeBinding', () => {
  it('keeps the driver’s own Node build under plain Node (tests, browser bridge, server)', () => {
    expect(chooseNativeBinding(node, fakeFs([]))).toEqual({ kind: 'driver_default' });
  });

  it('loads the packaged Electron build from the resources folder', () => {
    const path = '/opt/Lotse/resources/native/better_sqlite3.node';
    expect(chooseNativeBinding(packaged, fakeFs([path]))).toEqual({ kind: 'file', path });
    expect(() => chooseNativeBinding(packaged, fakeFs([]))).toThrow(
      /Installation von Lotse ist unvollständig/,
    );
    expect(() => chooseNativeBinding({ ...packaged, resourcesPath: null }, fakeFs([path]))).toThrow(
      NativeBindingError,
    );
  });

  it('loads the separate Electron build in development when it was built for this Electron', () => {
    const path = '/projekt/native/electron/better_sqlite3.node';
    const info = { electron: '45.4.1', platform: 'linux', arch: 'x64' };
    expect(chooseNativeBinding(devElectron, fakeFs([path], info))).toEqual({ kind: 'file', path });
  });

  it('says in German what to do when the Electron build is missing or was built for another Electron', () => {
    const path = '/projekt/native/electron/better_sqlite3.node';
    expect(() => chooseNativeBinding(devElectron, fakeFs([]))).toThrow(/fehlt.*npm run native:electron/);
    expect(() =>
      chooseNativeBinding(
        devElectron,
        fakeFs([path], { electron: '44.0.0', platform: 'linux', arch: 'x64' }),
      ),
    ).toThrow(/für Electron 44.0.0 \(linux-x64\) gebaut, hier läuft Electron 45.4.1/);
    expect(() =>
      chooseNativeBinding(
        devElectron,
        fakeFs([path], { electron: '45.4.1', platform: 'win32', arch: 'x64' }),
      ),
    ).toThrow(/win32-x64/);
    expect(() => chooseNativeBinding(devElectron, fakeFs([path], null))).toThrow(/eine unbekannte Version/);
  });

  it('honours an explicit LOTSE_SQLITE_BINDING path, and refuses one that does not exist', () => {
    expect(chooseNativeBinding({ ...packaged, override: '/x.node' }, fakeFs(['/x.node']))).toEqual({
      kind: 'file',
      path: '/x.node',
    });
    expect(() => chooseNativeBinding({ ...node, override: '/x.node' }, fakeFs([]))).toThrow(
      /LOTSE_SQLITE_BINDING zeigt auf keine Datei/,
    );
  });
});

describe('currentRuntime', () => {
  const base = {
    versions: { node: '20.0.0' },
    platform: 'linux',
    arch: 'x64',
    env: {},
    cwd: () => '/hier',
  } as const;

  it('reads plain Node', () => {
    expect(currentRuntime(base as never)).toEqual({
      electron: null,
      packaged: false,
      resourcesPath: null,
      projectRoot: '/hier',
      override: null,
      platform: 'linux',
      arch: 'x64',
    });
    expect(currentRuntime().electron).toBeNull();
  });

  it('tells `electron .` (development) from an installed app', () => {
    const electron = { ...base, versions: { node: '22', electron: '45.4.1' }, resourcesPath: '/r' };
    expect(currentRuntime({ ...electron, defaultApp: true } as never)).toMatchObject({
      electron: '45.4.1',
      packaged: false,
    });
    expect(currentRuntime(electron as never)).toMatchObject({ packaged: true, resourcesPath: '/r' });
  });

  it('takes the override and project root from the environment (empty means unset)', () => {
    const env = { LOTSE_SQLITE_BINDING: '/b.node', LOTSE_PROJECT_ROOT: '/p' };
    expect(currentRuntime({ ...base, env } as never)).toMatchObject({
      override: '/b.node',
      projectRoot: '/p',
    });
    expect(currentRuntime({ ...base, env: { LOTSE_SQLITE_BINDING: '' } } as never).override).toBeNull();
  });
});

describe('nodeFs.readBuildInfo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lotse-binding-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads build-info.json and refuses missing, malformed or incomplete files', () => {
    expect(nodeFs.readBuildInfo(dir)).toBeNull();
    writeFileSync(join(dir, 'build-info.json'), '{kaputt');
    expect(nodeFs.readBuildInfo(dir)).toBeNull();
    writeFileSync(join(dir, 'build-info.json'), JSON.stringify({ electron: '45.4.1', platform: 'linux' }));
    expect(nodeFs.readBuildInfo(dir)).toBeNull();
    const info = { electron: '45.4.1', platform: 'linux', arch: 'x64' };
    writeFileSync(join(dir, 'build-info.json'), JSON.stringify(info));
    expect(nodeFs.readBuildInfo(dir)).toEqual(info);
    expect(nodeFs.exists(join(dir, 'build-info.json'))).toBe(true);
  });
});

describe('the nativeBinding option with the real driver', () => {
  it('is empty under Node, and a build handed over by path loads (the mechanism the desktop uses)', () => {
    expect(nativeBindingOption()).toEqual({});
    const require = createRequire(import.meta.url);
    const pkg = dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json'));
    const nodeBuild = join(pkg, 'build', 'Release', 'better_sqlite3.node');
    const choice = chooseNativeBinding({ ...node, override: nodeBuild }, nodeFs);
    expect(choice).toEqual({ kind: 'file', path: nodeBuild });
    const db = new Database(':memory:', { nativeBinding: nodeBuild });
    expect(db.prepare('SELECT 41 + 1 AS n').get()).toEqual({ n: 42 });
    db.close();
  });
});
