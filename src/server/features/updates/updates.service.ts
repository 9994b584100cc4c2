import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../../shared/errors';
import { isOfficeId } from '../../../shared/domain/case/office';
import {
  feedReleaseFor,
  isUpdateChannel,
  type PublishedRelease,
  type RequestingDevice,
  type UpdateChannel,
} from '../../../shared/updates/decisions';
import { compareVersions, isVersion } from '../../../shared/updates/versions';
import type { Clock } from '../../context';
import type { Kysely } from 'kysely';
import type { Executor, ServerDb } from '../../db/server-db';
import { appendAudit } from '../audit/audit.repository';

/**
 * The update feed the central server hosts for electron-updater (generic provider, issue 13).
 * Admins publish a build output directory (latest.yml / latest-linux.yml + artifacts) to a
 * channel, then raise the staged rollout; each feed request gets the yml of the release that
 * decideUpdate (src/shared/updates) picks for the requesting device.
 */
export interface UpdateDeps {
  readonly db: Kysely<ServerDb>;
  readonly clock: Clock;
  /** Where the artifacts are kept: <updatesDir>/<channel>/<version>/<file>. */
  readonly updatesDir: string;
}

/** The feed file electron-updater asks for, per platform. */
export const FEED_FILES = { 'latest.yml': 'windows', 'latest-linux.yml': 'linux' } as const;
export type FeedFile = keyof typeof FEED_FILES;
export type UpdatePlatform = (typeof FEED_FILES)[FeedFile];

export function isFeedFile(name: string): name is FeedFile {
  return Object.hasOwn(FEED_FILES, name);
}

/** File names the feed may name and serve: no directories, no dot files, nothing odd. */
export const ARTIFACT_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

const MINIMUM_KEY = 'update_minimum_version';

function invalid(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message);
}

export function checkChannel(channel: string): UpdateChannel {
  if (!isUpdateChannel(channel)) throw invalid('Kanal: pilot oder stable.');
  return channel;
}

function checkVersion(version: string): string {
  if (!isVersion(version)) throw invalid('Version: MAJOR.MINOR.PATCH, z. B. 1.4.0 oder 1.4.0-pilot.1.');
  return version;
}

function checkPercent(percent: number): number {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    throw invalid('Anteil: ganze Zahl von 0 bis 100 (Prozent der Geräte).');
  return percent;
}

function checkOffices(offices: readonly string[] | null): readonly string[] | null {
  if (offices === null) return null;
  if (offices.length === 0) throw invalid('Standorte: mindestens einer, oder "alle".');
  for (const o of offices) if (!isOfficeId(o)) throw invalid(`Unbekannter Standort: ${o.slice(0, 40)}`);
  return [...new Set(offices)].sort();
}

async function sha512Base64(path: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

interface FeedInfo {
  readonly platform: UpdatePlatform;
  readonly yml: string;
  readonly artifacts: readonly string[];
}

/**
 * Reads one feed file of a build output and checks it against the artifacts beside it: the same
 * version, file names we can serve, every artifact present with the sha512 the feed states.
 */
async function readFeed(dir: string, feedFile: FeedFile, version: string): Promise<FeedInfo | null> {
  const path = join(dir, feedFile);
  if (!(await exists(path))) return null;
  const yml = await readFile(path, 'utf8');
  let doc: unknown;
  try {
    doc = parseYaml(yml);
  } catch {
    throw invalid(`${feedFile} ist kein gültiges YAML.`);
  }
  const feed = doc as { version?: unknown; files?: unknown };
  if (typeof feed !== 'object' || feed === null || feed.version !== version) {
    throw invalid(`${feedFile} beschreibt nicht die Version ${version}.`);
  }
  if (!Array.isArray(feed.files) || feed.files.length === 0)
    throw invalid(`${feedFile} nennt keine Dateien.`);
  const artifacts: string[] = [];
  for (const entry of feed.files as { url?: unknown; sha512?: unknown }[]) {
    const url = entry?.url;
    if (typeof url !== 'string' || !ARTIFACT_NAME_RE.test(url) || url.includes('..')) {
      throw invalid(`${feedFile}: ungültiger Dateiname einer Aktualisierung.`);
    }
    const file = join(dir, url);
    if (!(await exists(file))) throw invalid(`${feedFile}: Datei ${url} fehlt im Verzeichnis.`);
    if (typeof entry.sha512 !== 'string' || (await sha512Base64(file)) !== entry.sha512) {
      throw invalid(`${feedFile}: Prüfsumme (sha512) von ${url} stimmt nicht.`);
    }
    artifacts.push(url);
    if (await exists(`${file}.blockmap`)) artifacts.push(`${url}.blockmap`);
    // detached Ed25519 signature of a Linux artifact (src/main/updates/update-signature.ts)
    if (await exists(`${file}.sig`)) artifacts.push(`${url}.sig`);
  }
  return { platform: FEED_FILES[feedFile], yml, artifacts };
}

/** Publishes a build output directory as `version` on `channel` (rollout starts at `percent`). */
export async function publishRelease(
  d: UpdateDeps,
  actor: string,
  input: {
    channel: string;
    version: string;
    sourceDir: string;
    rolloutPercent?: number;
    offices?: readonly string[] | null;
  },
): Promise<{ platforms: UpdatePlatform[] }> {
  const channel = checkChannel(input.channel);
  const version = checkVersion(input.version);
  const percent = checkPercent(input.rolloutPercent ?? 0);
  const offices = checkOffices(input.offices ?? null);
  const feeds: FeedInfo[] = [];
  for (const feedFile of Object.keys(FEED_FILES) as FeedFile[]) {
    const feed = await readFeed(input.sourceDir, feedFile, version);
    if (feed) feeds.push(feed);
  }
  if (feeds.length === 0) throw invalid('Im Verzeichnis liegt weder latest.yml noch latest-linux.yml.');
  const existing = await d.db
    .selectFrom('update_releases')
    .select('version')
    .where('channel', '=', channel)
    .where('version', '=', version)
    .executeTakeFirst();
  if (existing)
    throw new AppError('CONFLICT', `Version ${version} ist im Kanal ${channel} bereits veröffentlicht.`);

  const target = join(d.updatesDir, channel, version);
  await mkdir(target, { recursive: true, mode: 0o750 });
  for (const feed of feeds) {
    for (const name of feed.artifacts) await copyFile(join(input.sourceDir, name), join(target, name));
  }
  const at = d.clock.now();
  await d.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('update_releases')
      .values({
        channel,
        version,
        rollout_percent: percent,
        offices: offices === null ? null : JSON.stringify(offices),
        published_at: at,
        published_by: actor,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto('update_release_files')
      .values(
        feeds.map((f) => ({
          channel,
          version,
          platform: f.platform,
          feed_yml: f.yml,
          artifacts: JSON.stringify(f.artifacts),
        })),
      )
      .execute();
    await appendAudit(trx, {
      at,
      userId: actor,
      clientId: null,
      action: 'update_published',
      detail: { channel, version, rolloutPercent: percent, offices, platforms: feeds.map((f) => f.platform) },
    });
  });
  return { platforms: feeds.map((f) => f.platform) };
}

/** Sets the staged rollout of a published version (`offices` undefined = unchanged, null = all). */
export async function setRollout(
  d: UpdateDeps,
  actor: string,
  input: { channel: string; version: string; rolloutPercent: number; offices?: readonly string[] | null },
): Promise<void> {
  const channel = checkChannel(input.channel);
  const version = checkVersion(input.version);
  const percent = checkPercent(input.rolloutPercent);
  const at = d.clock.now();
  let query = d.db
    .updateTable('update_releases')
    .set({ rollout_percent: percent, updated_at: at })
    .where('channel', '=', channel)
    .where('version', '=', version);
  let offices: readonly string[] | null | undefined;
  if (input.offices !== undefined) {
    offices = checkOffices(input.offices);
    query = query.set({ offices: offices === null ? null : JSON.stringify(offices) });
  }
  const result = await query.executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0)
    throw new AppError('NOT_FOUND', `Version ${version} ist im Kanal ${channel} nicht veröffentlicht.`);
  await appendAudit(d.db, {
    at,
    userId: actor,
    clientId: null,
    action: 'update_rollout_set',
    detail: { channel, version, rolloutPercent: percent, ...(offices !== undefined ? { offices } : {}) },
  });
}

/** Sets (or with null clears) the minimum supported version; older clients get upgrade_required. */
export async function setMinimumVersion(d: UpdateDeps, actor: string, version: string | null): Promise<void> {
  const at = d.clock.now();
  if (version === null) {
    await d.db.deleteFrom('server_settings').where('key', '=', MINIMUM_KEY).execute();
  } else {
    checkVersion(version);
    await d.db
      .insertInto('server_settings')
      .values({ key: MINIMUM_KEY, value: version })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: version }))
      .execute();
  }
  await appendAudit(d.db, {
    at,
    userId: actor,
    clientId: null,
    action: 'update_minimum_set',
    detail: { minimumVersion: version },
  });
}

export async function getMinimumVersion(db: Executor): Promise<string | null> {
  const row = await db
    .selectFrom('server_settings')
    .select('value')
    .where('key', '=', MINIMUM_KEY)
    .executeTakeFirst();
  return row && isVersion(row.value) ? row.value : null;
}

export interface ReleaseInfo extends PublishedRelease {
  readonly platforms: readonly UpdatePlatform[];
  readonly publishedAt: string;
}

/** Every published release, newest version first. */
export async function listReleases(db: Executor): Promise<ReleaseInfo[]> {
  const rows = await db
    .selectFrom('update_releases as r')
    .leftJoin('update_release_files as f', (j) =>
      j.onRef('f.channel', '=', 'r.channel').onRef('f.version', '=', 'r.version'),
    )
    .select(['r.channel', 'r.version', 'r.rollout_percent', 'r.offices', 'r.published_at', 'f.platform'])
    .execute();
  const byKey = new Map<string, ReleaseInfo & { platforms: UpdatePlatform[] }>();
  for (const row of rows) {
    const key = `${row.channel}\u0000${row.version}`;
    let info = byKey.get(key);
    if (!info) {
      info = {
        channel: checkChannel(row.channel),
        version: row.version,
        rolloutPercent: row.rollout_percent,
        offices: row.offices === null ? null : (JSON.parse(row.offices) as string[]),
        publishedAt: new Date(row.published_at).toISOString(),
        platforms: [],
      };
      byKey.set(key, info);
    }
    if (row.platform) info.platforms.push(row.platform as UpdatePlatform);
  }
  return [...byKey.values()].sort(
    (a, b) => compareVersions(b.version, a.version) || a.channel.localeCompare(b.channel),
  );
}

/** The feed yml for the requesting device on its channel and platform, or null (no release). */
export async function feedFor(
  d: UpdateDeps,
  platform: UpdatePlatform,
  device: RequestingDevice,
): Promise<{ version: string; yml: string } | null> {
  const releases = (await listReleases(d.db)).filter((r) => r.platforms.includes(platform));
  const minimum = await getMinimumVersion(d.db);
  const chosen = feedReleaseFor(releases, device, minimum);
  if (!chosen) return null;
  const row = await d.db
    .selectFrom('update_release_files')
    .select('feed_yml')
    .where('channel', '=', chosen.channel)
    .where('version', '=', chosen.version)
    .where('platform', '=', platform)
    .executeTakeFirstOrThrow();
  return { version: chosen.version, yml: row.feed_yml };
}

/**
 * The path of an artifact a device on `channel` may download (a file of a release on that
 * channel, or on stable for pilot devices), or null.
 */
export async function artifactPath(
  d: UpdateDeps,
  channel: UpdateChannel,
  fileName: string,
): Promise<string | null> {
  if (!ARTIFACT_NAME_RE.test(fileName) || fileName.includes('..')) return null;
  const channels = channel === 'pilot' ? ['pilot', 'stable'] : ['stable'];
  const rows = await d.db
    .selectFrom('update_release_files')
    .select(['channel', 'version', 'artifacts'])
    .where('channel', 'in', channels)
    .execute();
  const match = rows
    .filter((r) => (JSON.parse(r.artifacts) as string[]).includes(fileName))
    .sort((a, b) => compareVersions(b.version, a.version))[0];
  if (!match) return null;
  const path = join(d.updatesDir, match.channel, match.version, fileName);
  return (await exists(path)) ? path : null;
}
