import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import pino, { type Logger } from 'pino';
import type { ServerConfig } from './config';
import { PRODUCT_REGISTRY } from '../shared/sync/entities';
import type { EntityRegistry } from '../shared/entities/index';
import { cryptoIds, systemClock, type Clock, type IdGenerator, type ServerContext } from './context';
import type { ServerDb } from './db/server-db';
import { registerAdminRoutes } from './features/admin/admin.routes';
import { registerAuditRoutes } from './features/audit/audit.routes';
import { registerAuthRoutes } from './features/auth/auth.routes';
import { registerBlobRoutes } from './features/blobs/blobs.routes';
import { registerReferenceDataRoutes } from './features/reference-data/reference-data.routes';
import { registerSyncRoutes } from './features/sync/sync.routes';
import { registerUpdateRoutes } from './features/updates/updates.routes';
import { leaseKeyFromSeed } from './features/auth/tokens';
import { installErrorHandler } from './http/error-handler';
import { REDACTED, redactChildBindings, redactLogObject } from '../shared/security/redact';
import { installJsonBodyChecks } from './http/json-body';
import { recordRefusal } from './features/audit/audit.service';

export interface BuildAppOptions {
  readonly db: Kysely<ServerDb>;
  readonly config: ServerConfig;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly logger?: Logger;
  /** HTTPS options (production without a TLS-terminating proxy). */
  readonly https?: { key: Buffer; cert: Buffer } | undefined;
  /** The synced record types (src/shared/entities); tests may add a test-only type. */
  readonly entities?: EntityRegistry;
}

/**
 * A key kept in the database (generated once, shared by all processes). Only used when the
 * deployment gives no TOKEN_SECRET(_FILE) / LEASE_SIGNING_SEED(_FILE): a configured secret never
 * enters the case database.
 */
async function loadSetting(db: Kysely<ServerDb>, key: string, create: () => Buffer): Promise<Buffer> {
  await db
    .insertInto('server_settings')
    .values({ key, value: create().toString('base64') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('server_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64');
}

async function loadTokenSecret(
  db: Kysely<ServerDb>,
  config: ServerConfig,
  ids: IdGenerator,
): Promise<Buffer> {
  if (config.TOKEN_SECRET) return Buffer.from(config.TOKEN_SECRET, 'utf8');
  return loadSetting(db, 'token_secret', () => ids.random(32));
}

/**
 * The server's logger: ids, codes and durations only. As on the desktop, personal and secret keys
 * are removed in any spelling and at any depth (src/shared/security/redact.ts), in child loggers'
 * bindings too; the Authorization header of a serialised request by path.
 */
export function createLogger(config: ServerConfig, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    base: { service: 'lotse-server' },
    formatters: { log: redactLogObject, bindings: redactLogObject },
    redact: { paths: ['req.headers.authorization'], censor: REDACTED },
  };
  return redactChildBindings(destination ? pino(options, destination) : pino(options));
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { db, config } = options;
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? cryptoIds;
  const logger = options.logger ?? createLogger(config);
  const tokenSecret = await loadTokenSecret(db, config, ids);
  const leaseKey = leaseKeyFromSeed(
    config.LEASE_SIGNING_SEED
      ? Buffer.from(config.LEASE_SIGNING_SEED, 'base64')
      : await loadSetting(db, 'lease_signing_seed', () => ids.random(32)),
  );
  const entities = options.entities ?? PRODUCT_REGISTRY;
  const ctx: ServerContext = { db, config, clock, ids, logger, tokenSecret, leaseKey, entities };

  const app = Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    // small by default; large only on authenticated routes that need it (largeBodyRoute)
    bodyLimit: Math.min(config.DEFAULT_BODY_LIMIT_BYTES, config.BODY_LIMIT_BYTES),
    trustProxy: config.TRUST_PROXY,
    return503OnClosing: true,
    // Router-level refusals (bad URL encoding, a path parameter over maxParamLength) in our envelope too.
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).status(error.statusCode === 414 ? 414 : 400).send({
        error: { code: 'VALIDATION_FAILED', message: 'Die Adresse ist ungültig.' },
      });
    },
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;

  installErrorHandler(app, (request, error) => recordRefusal(ctx, request, error));
  installJsonBodyChecks(app);

  // One line per request: route PATTERN (never the URL with ids or query), status, duration.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  app.get('/health', async (_request, reply) => {
    try {
      await sql`select 1`.execute(db);
      return { status: 'ok', time: clock.now().toISOString() };
    } catch {
      return reply
        .status(503)
        .send({ error: { code: 'INTERNAL', message: 'Die Datenbank ist nicht erreichbar.' } });
    }
  });

  registerAuthRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerReferenceDataRoutes(app, ctx);
  registerBlobRoutes(app, ctx);
  registerUpdateRoutes(app, ctx);
  return app;
}
