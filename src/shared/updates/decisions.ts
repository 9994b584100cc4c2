import { fnv1a } from '../domain/common/seeded';
import { compareVersions, parseVersion } from './versions';

/**
 * Update decisions (issue 13): which version the central server offers a device, whether a client
 * is below the minimum supported version, and when a downloaded update may be installed. Pure and
 * deterministic; the server's feed routes and the desktop's updater only apply them.
 */

export const UPDATE_CHANNELS = ['pilot', 'stable'] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];

export function isUpdateChannel(value: string): value is UpdateChannel {
  return (UPDATE_CHANNELS as readonly string[]).includes(value);
}

/** A version published to a channel, with its staged rollout. */
export interface PublishedRelease {
  readonly channel: UpdateChannel;
  readonly version: string;
  /** 0–100: share of the targeted devices that are offered the version. */
  readonly rolloutPercent: number;
  /** Offices (office ids) the rollout is limited to; null = every office. */
  readonly offices: readonly string[] | null;
}

export interface RequestingDevice {
  /**
   * The client id (device id) the desktop registered with; stable per installation. Null when the
   * request did not carry one: then only full rollouts (100 %) apply.
   */
  readonly deviceId: string | null;
  /** The office from the machine's configuration; null when unknown. */
  readonly officeId: string | null;
  readonly channel: UpdateChannel;
  /** The running version; null when the device did not say (then only full rollouts apply). */
  readonly currentVersion: string | null;
}

export type UpdateDecision =
  | { readonly kind: 'none'; readonly reason: 'no_release' | 'up_to_date' | 'not_in_rollout' }
  | {
      readonly kind: 'offer';
      readonly version: string;
      /** The running version is below the minimum supported version. */
      readonly required: boolean;
    };

/**
 * FNV-1a (32 bit) over UTF-16 code units: stable across runtimes and releases, no crypto module
 * needed (the same function runs on the server and in the desktop).
 */
export function stableHash(text: string): number {
  let h = fnv1a(text);
  // final avalanche (murmur3 fmix32) so that similar ids spread over all buckets
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The device's rollout bucket 0–99 for one version. The same device keeps its bucket for a
 * version, so raising the percentage only ever adds devices; salting with the version means a
 * different set of devices goes first for the next release.
 */
export function rolloutBucket(deviceId: string, version: string): number {
  return stableHash(`${version}\u0000${deviceId.toLowerCase()}`) % 100;
}

/** Whether the staged rollout of `release` includes the device (office and percentage). */
export function isInRollout(release: PublishedRelease, device: RequestingDevice): boolean {
  if (release.offices !== null) {
    if (device.officeId === null || !release.offices.includes(device.officeId)) return false;
  }
  const percent = Math.max(0, Math.min(100, Math.floor(release.rolloutPercent)));
  if (percent >= 100) return true;
  if (device.deviceId === null) return false;
  return rolloutBucket(device.deviceId, release.version) < percent;
}

/** Channels a device reads: the pilot channel also gets stable releases that are newer. */
function channelsFor(channel: UpdateChannel): readonly UpdateChannel[] {
  return channel === 'pilot' ? ['pilot', 'stable'] : ['stable'];
}

/** Whether `version` is below the minimum supported version (unknown versions count as below). */
export function isBelowMinimum(version: string | null, minimumVersion: string | null): boolean {
  if (minimumVersion === null) return false;
  if (version === null || parseVersion(version) === null) return true;
  return compareVersions(version, minimumVersion) < 0;
}

/**
 * Which version to offer the device.
 * - Only releases of the device's channel (pilot devices also see stable releases).
 * - Normally the newest release whose staged rollout includes the device (office, percentage).
 * - A device below the minimum supported version is offered the newest release at or above the
 *   minimum regardless of the rollout stage, and the offer is marked required.
 * - Never a version that is not newer than the running one (no downgrades).
 */
export function decideUpdate(
  releases: readonly PublishedRelease[],
  device: RequestingDevice,
  minimumVersion: string | null,
): UpdateDecision {
  const candidates = releases
    .filter((r) => channelsFor(device.channel).includes(r.channel) && parseVersion(r.version) !== null)
    .sort((a, b) => compareVersions(b.version, a.version));
  if (candidates.length === 0) return { kind: 'none', reason: 'no_release' };
  const current =
    device.currentVersion !== null && parseVersion(device.currentVersion) ? device.currentVersion : null;
  const newer = (v: string) => current === null || compareVersions(v, current) > 0;
  const required = current !== null && isBelowMinimum(current, minimumVersion);
  if (required && minimumVersion !== null) {
    const fix = candidates.find((r) => compareVersions(r.version, minimumVersion) >= 0 && newer(r.version));
    if (fix) return { kind: 'offer', version: fix.version, required: true };
  }
  const offered = candidates.find((r) => isInRollout(r, device));
  if (!offered) return { kind: 'none', reason: 'not_in_rollout' };
  if (!newer(offered.version)) {
    return { kind: 'none', reason: 'up_to_date' };
  }
  return { kind: 'offer', version: offered.version, required };
}

/**
 * The release whose feed a device is served: the offered one, or else the newest release in the
 * device's rollout (not newer than what it runs, so electron-updater reports "no update"). Null
 * when the device may see no release at all.
 */
export function feedReleaseFor(
  releases: readonly PublishedRelease[],
  device: RequestingDevice,
  minimumVersion: string | null,
): PublishedRelease | null {
  const decision = decideUpdate(releases, device, minimumVersion);
  const inChannel = releases.filter(
    (r) => channelsFor(device.channel).includes(r.channel) && parseVersion(r.version) !== null,
  );
  const byVersionDesc = [...inChannel].sort((a, b) => compareVersions(b.version, a.version));
  if (decision.kind === 'offer') {
    return byVersionDesc.find((r) => r.version === decision.version) ?? null;
  }
  return byVersionDesc.find((r) => isInRollout(r, device)) ?? null;
}

// ---------------------------------------------------------------- installing on the desktop

export type InstallTrigger = 'app_quit' | 'user_restart';

export interface InstallState {
  /** Version downloaded and verified by electron-updater, or null. */
  readonly downloadedVersion: string | null;
  /** A case is open in the workspace (the user is working on it). */
  readonly caseOpen: boolean;
  readonly trigger: InstallTrigger;
}

export type InstallDecision =
  | { readonly kind: 'install'; readonly version: string }
  | { readonly kind: 'wait'; readonly reason: 'nothing_downloaded' | 'case_open' };

/**
 * Whether a downloaded update may be installed now. It is installed when the app quits (the
 * user ended the work themselves) or when the user asks for the restart while no case is open;
 * never in the middle of an open case.
 */
export function mayInstallNow(state: InstallState): InstallDecision {
  if (state.downloadedVersion === null) return { kind: 'wait', reason: 'nothing_downloaded' };
  if (state.trigger === 'user_restart' && state.caseOpen) return { kind: 'wait', reason: 'case_open' };
  return { kind: 'install', version: state.downloadedVersion };
}

/** The German notice the desktop shows once an update has been downloaded. */
export function updateReadyNotice(version: string, required: boolean): { title: string; body: string } {
  return {
    title: required ? 'Pflicht-Aktualisierung bereit' : 'Aktualisierung bereit',
    body:
      `Lotse ${version} wurde im Hintergrund geladen und wird beim nächsten Neustart installiert. ` +
      'Ihre Arbeit wird dabei nicht unterbrochen.' +
      (required ? ' Bitte starten Sie Lotse heute noch neu, damit der Abgleich wieder möglich ist.' : ''),
  };
}
