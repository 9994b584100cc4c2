/**
 * The per-field decision of a pushed update (SYNC.md §4.4), as a pure function. Concurrency is
 * detected causally: the client's `baseVersion` of the field against the server's field version.
 * Clocks never decide whether two edits were concurrent; the (clamped) HLC only breaks the tie of
 * a concurrent scalar change, and that tie is never silent (a conflict record both users see).
 *
 * - same value as stored: nothing to write (`unchanged`);
 * - base = server version: the client saw the stored value, its value is written (`apply`);
 * - an older base, but the stored value is this client's own plain write (earlier in the same push,
 *   or acknowledged and not yet pulled, say a record created offline and edited before its first
 *   push): the client's outbox is ordered, so its edit follows that value, and no other client
 *   wrote the field since; it is written (`fast-forward`). A value the server merged or wrote for a
 *   conflict resolution is not the client's own (`via`), so it never fast-forwards;
 * - mergeable free text (notes) with an older base: 3-way merge against the text at the base
 *   version (`mergeBaseVersion` tells the caller which stored version to look up). Clean: the merged
 *   text is written with an info record (`merge`); otherwise the server text stays and the client
 *   text becomes the conflict version (`text-conflict`);
 * - other fields with an older base: last writer wins by HLC, with a conflict record holding the
 *   losing value (`lww-client` writes the client value, `lww-server` keeps the stored one).
 */
import { jsonEqual } from './json-equal';
import { mergeText } from './text-merge';

/** Per-field metadata stored with a server record: version, HLC and client of the last write. */
export interface FieldMeta {
  readonly v: number;
  readonly hlc: string;
  readonly by: string;
  /**
   * Set when the stored value is not exactly what client `by` sent: 'merge' (a 3-way text merge
   * made by the server), 'resolution' (the other value written by a conflict resolution).
   */
  readonly via?: 'merge' | 'resolution';
}

/** The field's metadata before its first write (version 0, no writer). */
export const NO_FIELD_META: FieldMeta = { v: 0, hlc: '', by: '' };

export interface FieldDecisionInput {
  /** The stored value (null when the field is absent). */
  readonly serverValue: unknown;
  /** The stored metadata, or undefined before the field's first write. */
  readonly meta: FieldMeta | undefined;
  /** The pushed value and the field version the client based it on. */
  readonly value: unknown;
  readonly baseVersion: number;
  /** The mutation's HLC (already clamped to the server clock) and the pushing client. */
  readonly hlc: string;
  readonly clientId: string;
  /** Whether the field is free text merged three-way (isMergeableTextField). */
  readonly mergeableText: boolean;
  /**
   * The stored text at version `mergeBaseVersion(input)`; undefined when that version is not (or no
   * longer) kept, or none was asked for.
   */
  readonly base?: string | null | undefined;
}

export type FieldOutcome =
  'unchanged' | 'apply' | 'fast-forward' | 'merge' | 'text-conflict' | 'lww-client' | 'lww-server';

/** Whether the stored value is this client's own plain write of a version after the client's base. */
export function isOwnLaterWrite(meta: FieldMeta | undefined, baseVersion: number, clientId: string): boolean {
  return meta !== undefined && meta.by === clientId && meta.via === undefined && baseVersion < meta.v;
}

/** What a `sync_conflicts` row records for this field (`kept` is the value that stands). */
export interface FieldConflictRecord {
  readonly kind: 'conflict' | 'merged';
  readonly base: unknown;
  readonly kept: unknown;
  readonly other: unknown;
  readonly keptBy: string | null;
  readonly otherBy: string | null;
}

export interface FieldDecision {
  readonly outcome: FieldOutcome;
  /** The value and metadata to store, or null when the stored value stays. */
  readonly write: { readonly value: unknown; readonly meta: FieldMeta } | null;
  /** The conflict or merge info record to write, or null. */
  readonly record: FieldConflictRecord | null;
}

/**
 * The version of the stored text a 3-way merge of this push needs as its base, or null when the
 * decision needs none (not mergeable text, nothing to merge, or a base older than version 1 or not
 * older than the stored version).
 */
export function mergeBaseVersion(input: Omit<FieldDecisionInput, 'base'>): number | null {
  if (!input.mergeableText) return null;
  const fm = input.meta ?? NO_FIELD_META;
  if (jsonEqual(input.serverValue, input.value) || input.baseVersion === fm.v) return null;
  if (isOwnLaterWrite(input.meta, input.baseVersion, input.clientId)) return null;
  return input.baseVersion >= 1 && input.baseVersion < fm.v ? input.baseVersion : null;
}

export function decideField(input: FieldDecisionInput): FieldDecision {
  const { serverValue, value, hlc, clientId } = input;
  const fm = input.meta ?? NO_FIELD_META;
  const next = (at: string): FieldMeta => ({ v: fm.v + 1, hlc: at, by: clientId });
  const storedBy = fm.by || null;
  if (jsonEqual(serverValue, value)) return { outcome: 'unchanged', write: null, record: null };
  if (input.baseVersion === fm.v)
    return { outcome: 'apply', write: { value, meta: next(hlc) }, record: null };
  if (isOwnLaterWrite(input.meta, input.baseVersion, clientId))
    return {
      outcome: 'fast-forward',
      write: { value, meta: next(hlc > fm.hlc ? hlc : fm.hlc) },
      record: null,
    };

  if (input.mergeableText) {
    // Free text: 3-way merge against the client's base version. Clean: the merged text is written,
    // with an info record. Otherwise (or base not kept): the server text stays and the client text
    // is attached as the conflict version.
    const base = mergeBaseVersion(input) === null ? undefined : input.base;
    const merge =
      typeof base === 'string' && typeof value === 'string' && typeof serverValue === 'string'
        ? mergeText(base, value, serverValue)
        : undefined;
    if (merge?.clean) {
      // the client's change is already contained in the stored text
      if (merge.text === serverValue) return { outcome: 'unchanged', write: null, record: null };
      return {
        outcome: 'merge',
        write: { value: merge.text, meta: { ...next(hlc > fm.hlc ? hlc : fm.hlc), via: 'merge' } },
        record: { kind: 'merged', base, kept: merge.text, other: value, keptBy: storedBy, otherBy: clientId },
      };
    }
    return {
      outcome: 'text-conflict',
      write: null,
      record: {
        kind: 'conflict',
        base: base ?? null,
        kept: serverValue,
        other: value,
        keptBy: storedBy,
        otherBy: clientId,
      },
    };
  }

  // concurrent same-field change to a different value: LWW by HLC, never silent
  if (hlc > fm.hlc) {
    return {
      outcome: 'lww-client',
      write: { value, meta: next(hlc) },
      record: {
        kind: 'conflict',
        base: null,
        kept: value,
        other: serverValue,
        keptBy: clientId,
        otherBy: storedBy,
      },
    };
  }
  return {
    outcome: 'lww-server',
    write: null,
    record: {
      kind: 'conflict',
      base: null,
      kept: serverValue,
      other: value,
      keptBy: storedBy,
      otherBy: clientId,
    },
  };
}
