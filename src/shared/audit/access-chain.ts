/**
 * The hash-chained access log of a desktop (issue 12 item 5): every case the desktop opens is one
 * entry; each entry names the hash of the one before it, so the server, which stores the last hash
 * it accepted for the device, sees a missing entry (gap) and a changed one (altered) in what the
 * device uploads later. Used by the desktop (recording) and the server (verifying): one canonical
 * form, one hash, one verification.
 *
 * SHA-256 comes from Web Crypto (`crypto.subtle`), present in Node, Electron and the browser alike,
 * so this module stays free of node:* imports.
 *
 * What the chain cannot prove: someone holding the store's data key could rewrite the entries not
 * yet uploaded and recompute every hash after them. The chain is anchored at the server with every
 * upload; what it proves is that nothing already anchored changed and that nothing is missing.
 */
import { z } from 'zod';
import { isoInstantSchema } from '../domain/common/dates';
import { recordIdSchema } from '../domain/common/schemas';
import { clientIdSchema } from '../sync/protocol';

/** The ways of accessing case content a desktop reports (one vocabulary with the server's audit log). */
export const CASE_ACCESS_ACTIONS = ['case_opened', 'case_printed', 'case_exported'] as const;
export type CaseAccessAction = (typeof CASE_ACCESS_ACTIONS)[number];

/** The `prevHash` of the first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);
/** Bumped if the canonical form ever changes (it is part of every hashed text). */
export const ACCESS_CHAIN_VERSION = 'lotse.access-log.v1';
/** At most this many entries per upload. */
export const MAX_ACCESS_ENTRIES_PER_UPLOAD = 500;

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'Ungültige Prüfsumme.');

/** One entry as it is stored on the desktop and sent to the server. */
export const accessLogEntrySchema = z.strictObject({
  /** 1, 2, 3, … per device chain, without holes. */
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** When the case was opened (device clock). */
  at: isoInstantSchema,
  caseId: recordIdSchema,
  action: z.enum(CASE_ACCESS_ACTIONS),
  /** Whether the desktop had no connection to the server at the time. */
  offline: z.boolean(),
  prevHash: sha256HexSchema,
  hash: sha256HexSchema,
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;
export type AccessLogBody = Omit<AccessLogEntry, 'hash'>;

/** The end of a chain: the last entry's number and hash (null: the chain is empty). */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** The text that is hashed: a JSON array in a fixed order (JSON.stringify is deterministic for it). */
export function canonicalAccessEntry(e: AccessLogBody): string {
  return JSON.stringify([ACCESS_CHAIN_VERSION, e.seq, e.at, e.caseId, e.action, e.offline, e.prevHash]);
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function hashAccessEntry(e: AccessLogBody): Promise<string> {
  return sha256Hex(canonicalAccessEntry(e));
}

/** The next entry after `head` (the first one of a chain when head is null). */
export async function nextAccessEntry(
  head: ChainHead | null,
  access: { at: string; caseId: string; action: CaseAccessAction; offline: boolean },
): Promise<AccessLogEntry> {
  const body: AccessLogBody = {
    seq: (head?.seq ?? 0) + 1,
    at: access.at,
    caseId: access.caseId,
    action: access.action,
    offline: access.offline,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  return { ...body, hash: await hashAccessEntry(body) };
}

/**
 * Where a chain breaks:
 * - `gap`: an entry is missing (the number jumps past the next expected one);
 * - `altered`: an entry's content does not match its hash, it does not name the hash of the entry
 *   before it, or a number repeats or goes back.
 */
export type ChainBreak =
  | { readonly kind: 'gap'; readonly seq: number; readonly expectedSeq: number }
  | { readonly kind: 'altered'; readonly seq: number; readonly expectedSeq: number };

export type ChainVerdict =
  | { readonly ok: true; readonly head: ChainHead | null }
  /** `valid` entries at the start continue the chain; `head` is the end of that valid part. */
  | {
      readonly ok: false;
      readonly valid: number;
      readonly head: ChainHead | null;
      readonly break: ChainBreak;
    };

/**
 * Checks that `entries` continue the chain ending at `head`, entry by entry, and reports the first
 * break. Entries must be in the order they were written.
 */
export async function verifyAccessChain(
  head: ChainHead | null,
  entries: readonly AccessLogEntry[],
): Promise<ChainVerdict> {
  let current = head;
  for (let i = 0; i < entries.length; i += 1) {
    const e = entries[i]!;
    const expectedSeq = (current?.seq ?? 0) + 1;
    const broken = (kind: ChainBreak['kind']): ChainVerdict => ({
      ok: false,
      valid: i,
      head: current,
      break: { kind, seq: e.seq, expectedSeq },
    });
    if (e.seq > expectedSeq) return broken('gap');
    if (e.seq < expectedSeq) return broken('altered');
    if ((await hashAccessEntry(e)) !== e.hash) return broken('altered');
    if (e.prevHash !== (current?.hash ?? GENESIS_HASH)) return broken('altered');
    current = { seq: e.seq, hash: e.hash };
  }
  return { ok: true, head: current };
}

/** POST /audit/access-log: the device's entries not yet uploaded, in the order they were written. */
export const accessLogUploadSchema = z.strictObject({
  clientId: clientIdSchema,
  entries: z.array(accessLogEntrySchema).min(1).max(MAX_ACCESS_ENTRIES_PER_UPLOAD),
});
export type AccessLogUpload = z.infer<typeof accessLogUploadSchema>;

export const ACCESS_LOG_REFUSAL_CODES = ['AUDIT_CHAIN_GAP', 'AUDIT_CHAIN_ALTERED'] as const;

/** The server's answer: how far the device's chain is stored, and why the rest was refused. */
export const accessLogUploadResponseSchema = z.object({
  /** Every entry up to this number is stored at the server (0: none yet). */
  acceptedThroughSeq: z.number().int().min(0),
  accepted: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  refused: z
    .object({
      code: z.enum(ACCESS_LOG_REFUSAL_CODES),
      message: z.string(),
      seq: z.number().int(),
      expectedSeq: z.number().int(),
    })
    .nullable(),
});
export type AccessLogUploadResponse = z.infer<typeof accessLogUploadResponseSchema>;
