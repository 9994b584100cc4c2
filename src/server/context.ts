import { randomBytes, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { EntityRegistry } from '../shared/entities/index';
import type { ServerConfig } from './config';
import type { ServerDb } from './db/server-db';

export interface Clock {
  now(): Date;
}
export interface IdGenerator {
  /** A new unique id (uuid v4 in production). */
  id(): string;
  /** `bytes` random bytes (secrets, salts, token material). */
  random(bytes: number): Buffer;
}

export const systemClock: Clock = { now: () => new Date() };
export const cryptoIds: IdGenerator = { id: () => randomUUID(), random: (n) => randomBytes(n) };

/** Everything a feature needs; built once per process by buildApp. */
export interface ServerContext {
  readonly db: Kysely<ServerDb>;
  readonly config: ServerConfig;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  /** HMAC key for access tokens and offline leases (config or database). */
  readonly tokenSecret: Buffer;
  /** Ed25519 key that signs offline leases; its public half goes out in hello. */
  readonly leaseKey: { readonly privateKey: KeyObject; readonly publicKeyB64: string };
  /** The synced record types the server accepts (one definition each, src/shared/entities). */
  readonly entities: EntityRegistry;
}
