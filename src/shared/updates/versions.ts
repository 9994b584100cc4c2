/**
 * Semantic versions of the Lotse desktop app (package.json `version`, what electron-updater reads
 * from latest.yml). Only what the update decisions need: MAJOR.MINOR.PATCH with an optional
 * pre-release (`1.4.0-pilot.2`); build metadata (`+…`) is ignored, as semver says.
 */
export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Dot-separated identifiers after `-`; empty for a release. */
  readonly prerelease: readonly string[];
}

const VERSION_RE =
  /^v?(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** The parsed version, or null when the text is not a version (never throws). */
export function parseVersion(text: string): Version | null {
  if (text.length > 64) return null;
  const m = VERSION_RE.exec(text);
  if (!m) return null;
  const prerelease = m[4] ? m[4].split('.') : [];
  // numeric identifiers must not have leading zeros (semver 2.0.0 §9)
  if (prerelease.some((id) => /^0\d+$/.test(id))) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease };
}

export function isVersion(text: string): boolean {
  return parseVersion(text) !== null;
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return Math.sign(Number(a) - Number(b));
  if (an) return -1;
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareParsed(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return Math.sign(a[key] - b[key]);
  }
  // a release ranks above its pre-releases
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length);
  }
  const n = Math.min(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < n; i++) {
    const c = compareIdentifiers(a.prerelease[i]!, b.prerelease[i]!);
    if (c !== 0) return c;
  }
  return Math.sign(a.prerelease.length - b.prerelease.length);
}

/**
 * -1, 0 or 1 by semver precedence. Throws on a text that is not a version: callers parse (or
 * check with isVersion) where the input comes from outside.
 */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa) throw new Error(`not a version: ${JSON.stringify(a.slice(0, 64))}`);
  if (!pb) throw new Error(`not a version: ${JSON.stringify(b.slice(0, 64))}`);
  return compareParsed(pa, pb);
}
