import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Which native build of better-sqlite3-multiple-ciphers the process loads (issue 13, item 2).
 *
 * The driver's own build in node_modules (build/Release) is compiled for Node: vitest, the
 * browser bridge and the server use it unchanged. Electron has another ABI, so the desktop loads
 * a second build, made by `npm run native:electron` (scripts/build-native-electron.mjs) into
 * native/electron/ and shipped by electron-builder as an extra resource (outside the asar):
 *   development (`npm start`): <project>/native/electron/better_sqlite3.node
 *   packaged app:              <resources>/native/better_sqlite3.node
 * and hands it to the driver through its `nativeBinding` option. Plain Node; unit-tested.
 */
export const BINDING_FILE = 'better_sqlite3.node';
/** Relative to the project root: the Electron build and its build-info.json. */
export const ELECTRON_BINDING_DIR = join('native', 'electron');
/** Relative to process.resourcesPath in the packaged app (electron-builder extraResources). */
export const PACKAGED_BINDING_DIR = 'native';

export interface RuntimeInfo {
  /** process.versions.electron, or null under plain Node. */
  readonly electron: string | null;
  /** Started from an installed package (not `electron .`). */
  readonly packaged: boolean;
  /** process.resourcesPath (Electron only). */
  readonly resourcesPath: string | null;
  /** The project root in development (`npm start` runs Electron there). */
  readonly projectRoot: string;
  /** LOTSE_SQLITE_BINDING: an explicit path to a build (CI, unusual layouts). */
  readonly override: string | null;
  readonly platform: string;
  readonly arch: string;
}

/** What scripts/build-native-electron.mjs writes beside the build. */
export interface BindingBuildInfo {
  readonly electron: string;
  readonly platform: string;
  readonly arch: string;
}

export type BindingChoice =
  { readonly kind: 'driver_default' } | { readonly kind: 'file'; readonly path: string };

export interface BindingFs {
  exists(path: string): boolean;
  /** The parsed build-info.json, or null when missing or unreadable. */
  readBuildInfo(dir: string): BindingBuildInfo | null;
}

const HOW_TO_BUILD =
  'Bauen Sie sie auf einem Rechner mit Internetzugang mit „npm run native:electron“ ' +
  '(siehe README, Abschnitt „Paketieren und Aktualisieren“).';

/** A German, actionable error (the desktop shows it at start instead of an ABI crash). */
export class NativeBindingError extends Error {
  override readonly name = 'NativeBindingError';
}

/** The choice for a runtime; throws NativeBindingError with what to do when the build is missing. */
export function chooseNativeBinding(rt: RuntimeInfo, fs: BindingFs): BindingChoice {
  if (rt.override !== null) {
    if (!fs.exists(rt.override))
      throw new NativeBindingError(`LOTSE_SQLITE_BINDING zeigt auf keine Datei: ${rt.override}`);
    return { kind: 'file', path: rt.override };
  }
  if (rt.electron === null) return { kind: 'driver_default' };
  if (rt.packaged) {
    if (rt.resourcesPath === null)
      throw new NativeBindingError('Der Ressourcen-Ordner von Lotse ist unbekannt.');
    const path = join(rt.resourcesPath, PACKAGED_BINDING_DIR, BINDING_FILE);
    if (!fs.exists(path))
      throw new NativeBindingError(
        'Die Installation von Lotse ist unvollständig (SQLite-Anbindung fehlt). Bitte die IT verständigen.',
      );
    return { kind: 'file', path };
  }
  const dir = join(rt.projectRoot, ELECTRON_BINDING_DIR);
  const path = join(dir, BINDING_FILE);
  if (!fs.exists(path)) {
    throw new NativeBindingError(
      `Die SQLite-Anbindung für Electron fehlt (${join(ELECTRON_BINDING_DIR, BINDING_FILE)}). ${HOW_TO_BUILD}`,
    );
  }
  const info = fs.readBuildInfo(dir);
  if (
    info === null ||
    info.electron !== rt.electron ||
    info.platform !== rt.platform ||
    info.arch !== rt.arch
  ) {
    const built = info
      ? `Electron ${info.electron} (${info.platform}-${info.arch})`
      : 'eine unbekannte Version';
    throw new NativeBindingError(
      `Die SQLite-Anbindung in ${ELECTRON_BINDING_DIR} wurde für ${built} gebaut, ` +
        `hier läuft Electron ${rt.electron} (${rt.platform}-${rt.arch}). ${HOW_TO_BUILD}`,
    );
  }
  return { kind: 'file', path };
}

export const nodeFs: BindingFs = {
  exists: (path) => existsSync(path),
  readBuildInfo(dir) {
    try {
      const raw = JSON.parse(readFileSync(join(dir, 'build-info.json'), 'utf8')) as Record<string, unknown>;
      const { electron, platform, arch } = raw;
      if (typeof electron !== 'string' || typeof platform !== 'string' || typeof arch !== 'string')
        return null;
      return { electron, platform, arch };
    } catch {
      return null;
    }
  },
};

/** The running process as a RuntimeInfo. */
export function currentRuntime(
  proc: Pick<NodeJS.Process, 'versions' | 'platform' | 'arch' | 'env' | 'cwd'> & {
    resourcesPath?: string;
    defaultApp?: boolean;
  } = process,
): RuntimeInfo {
  const electron = proc.versions['electron'] ?? null;
  return {
    electron,
    // `electron .` sets process.defaultApp; an installed app does not
    packaged: electron !== null && proc.defaultApp !== true,
    resourcesPath: proc.resourcesPath ?? null,
    projectRoot: proc.env['LOTSE_PROJECT_ROOT'] ?? proc.cwd(),
    override: proc.env['LOTSE_SQLITE_BINDING'] || null,
    platform: proc.platform,
    arch: proc.arch,
  };
}

let cached: { nativeBinding?: string } | undefined;

/** The driver option for this process, decided once. */
export function nativeBindingOption(): { nativeBinding?: string } {
  if (cached === undefined) {
    const choice = chooseNativeBinding(currentRuntime(), nodeFs);
    cached = choice.kind === 'file' ? { nativeBinding: choice.path } : {};
  }
  return cached;
}
