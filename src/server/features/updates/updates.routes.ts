import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { clientIdSchema } from '../../../shared/sync/protocol';
import { UPDATE_CHANNELS } from '../../../shared/updates/decisions';
import { isVersion } from '../../../shared/updates/versions';
import { parseOrThrow } from '../../../shared/validation';
import type { ServerContext } from '../../context';
import { artifactPath, feedFor, FEED_FILES, isFeedFile, type UpdateDeps } from './updates.service';

export const feedParams = z.strictObject({
  channel: z.enum(UPDATE_CHANNELS, 'Kanal: pilot oder stable.'),
  file: z.string().min(1).max(200),
});

/**
 * What the desktop's updater tells about itself (src/main/platform/updater.ts sets these request
 * headers). Unreadable values are ignored rather than refused: the device then gets only what
 * is fully rolled out.
 */
function deviceFromHeaders(headers: Record<string, string | string[] | undefined>) {
  const one = (name: string): string | null => {
    const v = headers[name];
    return typeof v === 'string' && v.length <= 64 ? v : null;
  };
  const client = one('x-lotse-client');
  const version = one('x-lotse-version');
  const office = one('x-lotse-office');
  return {
    deviceId: client !== null && clientIdSchema.safeParse(client).success ? client : null,
    currentVersion: version !== null && isVersion(version) ? version : null,
    officeId: office !== null && /^[a-z][a-z0-9-]{0,39}$/.test(office) ? office : null,
  };
}

/**
 * The electron-updater feed (generic provider), one base URL per channel:
 *   GET /updates/:channel/latest.yml        Windows (NSIS) feed for the requesting device
 *   GET /updates/:channel/latest-linux.yml  Linux (AppImage, deb) feed
 *   GET /updates/:channel/<artifact>        the installer / AppImage / blockmap the feed names
 * Public (the updater runs before anyone logs in); the staged rollout reads the device headers.
 */
export function registerUpdateRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const deps: UpdateDeps = { db: ctx.db, clock: ctx.clock, updatesDir: ctx.config.UPDATES_DIR };

  app.get('/updates/:channel/:file', async (request, reply) => {
    const { channel, file } = parseOrThrow(feedParams, request.params);
    if (isFeedFile(file)) {
      const feed = await feedFor(deps, FEED_FILES[file], { channel, ...deviceFromHeaders(request.headers) });
      if (!feed) throw new AppError('NOT_FOUND', 'Für dieses Gerät ist keine Version veröffentlicht.');
      return reply
        .header('content-type', 'text/yaml; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(feed.yml);
    }
    const path = await artifactPath(deps, channel, file);
    if (!path) throw new AppError('NOT_FOUND', 'Diese Datei gehört zu keiner veröffentlichten Version.');
    const size = (await stat(path)).size;
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-length', String(size))
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(createReadStream(path));
  });
}
