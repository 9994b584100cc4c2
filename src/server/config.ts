import { z } from 'zod';

/**
 * Server configuration from the environment, validated with zod. With no variables at all the
 * server starts on a local PGlite data directory (development and small installations).
 *
 * Production (see src/server/README.md): DATABASE_URL, TOKEN_SECRET, and either TLS_CERT_FILE +
 * TLS_KEY_FILE or a TLS-terminating reverse proxy in front of HOST=127.0.0.1.
 */
const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL muss mit postgres:// beginnen.')
    .optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PGLITE_DIR: z.string().default('.lotse-data/server-pgdata'),
  /** HMAC key for access tokens and offline leases; >= 32 chars. Generated and kept in the DB if unset. */
  TOKEN_SECRET: z.string().min(32).optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  OFFLINE_LEASE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(72),
  /** scrypt cost for new password hashes (stored per hash). */
  PASSWORD_SCRYPT_N: z.coerce.number().int().min(1024).max(1048576).default(16384),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000).default(30),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  MIN_SCHEMA: z.coerce.number().int().min(0).default(1),
  MAX_SCHEMA: z.coerce.number().int().min(0).default(1),
  /** Max share of a case's rows one push may archive without allowMassDelete. */
  MASS_DELETE_RATIO: z.coerce.number().min(0).max(1).default(0.5),
  MASS_DELETE_MIN_ROWS: z.coerce.number().int().min(1).default(5),
  BREAK_GLASS_MAX_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(240),
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type ServerConfig = z.output<typeof envSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Ungültige Server-Konfiguration:\n${lines.join('\n')}`);
  }
  if ((parsed.data.TLS_CERT_FILE === undefined) !== (parsed.data.TLS_KEY_FILE === undefined)) {
    throw new Error('Ungültige Server-Konfiguration: TLS_CERT_FILE und TLS_KEY_FILE nur gemeinsam setzen.');
  }
  return parsed.data;
}

/** Defaults for tests: every value from the schema defaults, plus overrides. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...loadConfig({}),
    TOKEN_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'silent',
    PASSWORD_SCRYPT_N: 1024,
    ...overrides,
  };
}
