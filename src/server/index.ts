/**
 * `npm run server`: with no configuration a working server on a local PGlite data directory;
 * with DATABASE_URL on PostgreSQL. Stateless: run several processes against one PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { buildApp, createLogger } from './app';
import { loadConfig } from './config';
import { cryptoIds, systemClock } from './context';
import { migrateToLatest, openServerDb } from './db/kysely';
import { DEMO_ACCOUNTS, DEMO_CASES, ensureDemoAccounts } from './features/admin/demo-accounts';
import { ensureDemoCases } from './features/admin/demo-cases';
import { seedShippedDocuments } from './features/reference-data/reference-data.service';

async function main(): Promise<void> {
  // A stop asked for while starting (migrations, demo data) is kept and carried out once the server
  // listens: it still ends gracefully, with exit code 0, never halfway through a migration.
  let stop: ((signal: string) => void) | null = null;
  let requested: string | null = null;
  const onSignal = (signal: string) => (stop ? stop(signal) : (requested ??= signal));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  const config = loadConfig();
  const logger = createLogger(config);
  const opened = await openServerDb({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: config.PGLITE_DIR,
    poolSize: config.DB_POOL_SIZE,
  });
  const applied = await migrateToLatest(opened.db);
  const seeded = await seedShippedDocuments({ db: opened.db, clock: systemClock });
  logger.info({ dialect: opened.dialect, migrations: applied, seeded }, 'database ready');
  if (config.DEMO_ACCOUNTS) {
    const created = await ensureDemoAccounts({
      db: opened.db,
      clock: systemClock,
      ids: cryptoIds,
      scryptN: config.PASSWORD_SCRYPT_N,
    });
    // the demo caseworker's caseload: every desktop that signs in pulls it with its first sync
    const cases = await ensureDemoCases(
      { db: opened.db, clock: systemClock },
      {
        username: DEMO_ACCOUNTS[0]!.username,
        cases: DEMO_CASES,
        seed: 2026,
        today: systemClock.now().toISOString().slice(0, 10),
      },
    );
    logger.info({ created: created.length, cases }, 'demo accounts ready');
  }
  const https =
    config.TLS_CERT_FILE && config.TLS_KEY_FILE
      ? { cert: readFileSync(config.TLS_CERT_FILE), key: readFileSync(config.TLS_KEY_FILE) }
      : undefined;
  const app = await buildApp({ db: opened.db, config, logger, https });
  await app.listen({ host: config.HOST, port: config.PORT });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    // Fastify stops accepting, waits for in-flight requests; then the pool closes.
    void app
      .close()
      .then(() => opened.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ errName: (error as Error).name }, 'shutdown failed');
        process.exit(1);
      });
  };
  stop = shutdown;
  if (requested) shutdown(requested);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
