/**
 * The sync wire protocol (SYNC.md §4.1) as zod schemas, shared by the desktop and the server.
 * JSON over HTTPS. Every request carries `Authorization: Bearer <accessToken>` (see /auth/login).
 * 64-bit counters (cursor txid and change id) travel as decimal strings.
 */
import { z } from 'zod';
import { recordIdSchema } from '../domain/common/schemas';
import { entityNameSchema } from './entities';
import type { TeamMember } from '../auth/team-directory';

export const PROTOCOL_VERSION = 1;
/**
 * Version of the record vocabulary on the wire (src/shared/entities). The desktop's local schema
 * version (its migrations) is a different number and never travels as this one.
 */
export const WIRE_SCHEMA_VERSION = 1;
export const MAX_MUTATIONS_PER_PUSH = 500;
export const MAX_PULL_LIMIT = 2000;
export const MAX_SNAPSHOT_CASES = 200;

/** Wire ids are record ids (src/shared/domain/common/schemas.ts). */
export const idSchema = recordIdSchema;
export const clientIdSchema = z.uuid();
/** Largest value of a PostgreSQL bigint (int8): counters above it are refused, not a 500. */
export const INT64_MAX = 9223372036854775807n;
/** A 64-bit counter as a decimal string (0 … 2^63-1). */
export const int64DecimalSchema = z
  .string()
  .regex(/^\d{1,19}$/, 'Ungültiger Zähler.')
  .refine((v) => !/^\d{1,19}$/.test(v) || BigInt(v) <= INT64_MAX, 'Der Zähler ist zu groß.');
const decimal = int64DecimalSchema;
const hlcSchema = z.string().regex(/^\d{15}-\d{5}-[A-Za-z0-9_-]{1,64}$/, 'Ungültiger HLC-Zeitstempel.');

export const helloRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  appVersion: z.string().min(1).max(40),
  protocolVersion: z.number().int().min(0).max(1000),
  schemaVersion: z.number().int().min(0).max(100_000),
});
export type HelloRequest = z.infer<typeof helloRequestSchema>;

export const helloStatusSchema = z.enum(['ok', 'upgrade_required', 'revoked', 'wipe']);
export interface HelloResponse {
  readonly serverTime: string;
  readonly status: z.infer<typeof helloStatusSchema>;
  readonly minSchema: number;
  readonly maxSchema: number;
  readonly protocolVersion: number;
  readonly scopeVersion: number;
  /**
   * Server-signed "offline until" (SYNC.md §4.5): Ed25519 signature (base64url) over
   * `lotse-offline-lease.v1.<clientId>.<offlineLeaseUntil>`, verifiable offline with
   * `leasePublicKey` (SPKI DER, base64), which the desktop pins at first contact.
   */
  readonly offlineLeaseUntil: string | null;
  readonly offlineLeaseSignature: string | null;
  readonly leasePublicKey: string;
  /**
   * The latest version of every reference document (catalogues, rules, templates) with the
   * SHA-256 of its stable JSON (reference-fingerprint.ts); absent from older servers.
   */
  readonly referenceData?: readonly { key: string; version: number; sha256: string }[];
  /**
   * The members of the caller's own team (id, display name, role; src/shared/auth/team-directory.ts),
   * the caller included; absent from older servers and in a revoked/wipe answer.
   */
  readonly team?: readonly TeamMember[];
}

export const fieldChangeSchema = z.strictObject({
  value: z.unknown(),
  /** The field version the client edited (0 = field never seen). */
  baseVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export const mutationSchema = z.strictObject({
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  mutationId: z.uuid(),
  localTxId: z.string().min(1).max(64),
  hlc: hlcSchema,
  entity: entityNameSchema,
  entityId: idSchema,
  caseId: idSchema,
  op: z.enum(['create', 'update', 'archive']),
  fields: z.record(z.string().min(1).max(64), fieldChangeSchema),
  baseRowVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  schemaVersion: z.number().int().min(0).max(100_000),
  mutations: z.array(mutationSchema).min(1).max(MAX_MUTATIONS_PER_PUSH),
  /** Explicit consent to archive more than the mass-delete threshold of a case's rows. */
  allowMassDelete: z.boolean().optional(),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export type MutationStatus = 'applied' | 'merged' | 'conflict' | 'rejected';
export interface MutationResult {
  readonly seq: number;
  readonly mutationId: string;
  readonly status: MutationStatus;
  readonly rowVersion: number | null;
  readonly conflictIds: readonly string[];
  /** Stable code (errors.ts) or null; `quarantined` pushes are rejected with SYNC_QUARANTINED. */
  readonly reason: string | null;
}
export interface PushResponse {
  readonly ackedThroughSeq: number;
  /** Results as stored at first application; duplicates get the stored bytes again. */
  readonly results: readonly MutationResult[];
  readonly serverTime: string;
  /** Set when a seq gap was found: resend everything from this seq. */
  readonly resendFrom?: number;
}

export const cursorSchema = z.strictObject({ txid: decimal, changeId: decimal });
export type Cursor = z.infer<typeof cursorSchema>;
export const INITIAL_CURSOR: Cursor = { txid: '0', changeId: '0' };

export const pullRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  cursor: cursorSchema,
  scopeVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export interface SyncedRow {
  readonly entity: string;
  readonly id: string;
  readonly caseId: string;
  readonly rowVersion: number;
  readonly archived: boolean;
  readonly row: Record<string, unknown>;
  /** Per-field versions: send them back as `baseVersion`. */
  readonly fieldVersions: Record<string, number>;
  /**
   * Set when the row is restricted (a health note) and the caller may not read it (team leads):
   * `row` is empty and the client removes any copy it holds.
   */
  readonly withheld?: true;
}
export interface PullResponse {
  readonly changes: readonly SyncedRow[];
  readonly scope: {
    readonly version: number;
    readonly added: readonly string[];
    readonly removed: readonly string[];
  };
  readonly nextCursor: Cursor;
  readonly hasMore: boolean;
}

export const snapshotRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  caseIds: z.array(idSchema).min(1).max(MAX_SNAPSHOT_CASES),
  pageToken: z
    .string()
    .regex(/^\d{1,12}$/)
    .nullable()
    .optional(),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
});
export type SnapshotRequest = z.infer<typeof snapshotRequestSchema>;
export interface SnapshotResponse {
  readonly rows: readonly SyncedRow[];
  readonly nextPageToken: string | null;
}

/**
 * `POST /sync/conflicts/:conflictId/resolve`. `keep`: the kept value stays; `take_other`: the other
 * value is written to the field (a normal server-side change); `dismiss`: acknowledges a `merged`
 * info record. `expectedVersion`: the field version the user decided on (`fieldVersions[field]`;
 * the row version for `_archived` conflicts); if set and the field has moved on, 409 CONFLICT.
 */
export const resolveConflictRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  resolution: z.enum(['keep', 'take_other', 'dismiss']),
  expectedVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type ResolveConflictRequest = z.infer<typeof resolveConflictRequestSchema>;
export type ConflictResolution = ResolveConflictRequest['resolution'];
export const conflictParamsSchema = z.strictObject({ conflictId: idSchema });
export interface ResolveConflictResponse {
  readonly conflictId: string;
  readonly resolution: ConflictResolution;
  /** User id of whoever resolved it. */
  readonly resolvedBy: string;
  readonly resolvedAt: string;
  /** New row version of the entity after `take_other` (null if nothing was written). */
  readonly rowVersion: number | null;
}

/** `GET /sync/poke?clientId=…`: a text/event-stream of `event: poke` frames with no payload. */
export const pokeQuerySchema = z.strictObject({ clientId: clientIdSchema });
