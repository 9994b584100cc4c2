import { readFileSync } from 'node:fs';
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
  /** Desktop update artifacts published with `release:publish` (served under /updates/…). */
  UPDATES_DIR: z.string().min(1).default('.lotse-data/updates'),
  /** HMAC key for access tokens and offline leases; >= 32 chars. Generated and kept in the DB if unset. */
  TOKEN_SECRET: z.string().min(32).optional(),
  /** File holding TOKEN_SECRET (a service secret, e.g. /run/secrets/lotse-token); wins over the DB. */
  TOKEN_SECRET_FILE: z.string().min(1).optional(),
  /** Ed25519 seed for offline leases, base64 of 32 bytes. Generated and kept in the DB if unset. */
  LEASE_SIGNING_SEED: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'LEASE_SIGNING_SEED: Base64 von 32 Byte.')
    .optional(),
  /** File holding LEASE_SIGNING_SEED (base64). */
  LEASE_SIGNING_SEED_FILE: z.string().min(1).optional(),
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
  /** Devices (client ids) a user may have registered and not revoked at the same time. */
  MAX_DEVICES_PER_USER: z.coerce.number().int().min(1).max(100).default(3),
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Body limit of the routes that need large bodies (push, reference data); token checked first. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  /** Body limit of every other authenticated route. */
  DEFAULT_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(256 * 1024),
  /** Body limit of the unauthenticated routes (login, refresh, logout). */
  PUBLIC_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024)
    .default(8 * 1024),
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
  /** Longest substitution (Vertretung) in days. */
  SUBSTITUTION_MAX_DAYS: z.coerce.number().int().min(1).max(366).default(90),
  /** Whether the specialist admin may make a caseworker of another office a substitute. */
  SUBSTITUTION_ACROSS_OFFICES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** The embedded demo server of `npm start`: demo team and users with a known password (never with DATABASE_URL). */
  DEMO_ACCOUNTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type ServerConfig = z.output<typeof envSchema>;

/** `NAME_FILE` → the file's content (trimmed) as `NAME`, so secrets stay out of the environment. */
function readSecretFiles(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out = { ...env };
  for (const name of ['TOKEN_SECRET', 'LEASE_SIGNING_SEED']) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name])
      throw new Error(`Ungültige Server-Konfiguration: ${name} und ${name}_FILE nicht gemeinsam setzen.`);
    try {
      out[name] = readFileSync(file, 'utf8').trim();
    } catch {
      throw new Error(`Ungültige Server-Konfiguration: ${name}_FILE ist nicht lesbar.`);
    }
  }
  return out;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = envSchema.safeParse(readSecretFiles(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Ungültige Server-Konfiguration:\n${lines.join('\n')}`);
  }
  if ((parsed.data.TLS_CERT_FILE === undefined) !== (parsed.data.TLS_KEY_FILE === undefined)) {
    throw new Error('Ungültige Server-Konfiguration: TLS_CERT_FILE und TLS_KEY_FILE nur gemeinsam setzen.');
  }
  if (parsed.data.DEMO_ACCOUNTS && parsed.data.DATABASE_URL !== undefined) {
    throw new Error(
      'Ungültige Server-Konfiguration: DEMO_ACCOUNTS nur mit dem eingebetteten PGlite, nie mit DATABASE_URL.',
    );
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
