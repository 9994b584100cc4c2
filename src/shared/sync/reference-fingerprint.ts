/**
 * Fingerprints of reference data (catalogues, rule sets, templates: src/shared/domain/reference-data.ts)
 * as the server announces them at hello and the desktop compares them with what it carries
 * (issue 12 item 6, readiness for an outreach day): SHA-256 (hex) of the stable JSON, so the key
 * order PostgreSQL's jsonb gives a document back in does not matter. The digest comes from the
 * caller (node:crypto in main and on the server; this file is also compiled for the renderer).
 */
import { REFERENCE_DOCUMENTS } from '../domain/reference-data';
import type { ReferenceVersion } from '../domain/outreach/readiness';
import { stableJson } from '../entities/define';

/** SHA-256 of a text as lowercase hex. */
export type Sha256Hex = (text: string) => string;

export function referenceFingerprint(content: unknown, sha256: Sha256Hex): string {
  return sha256(stableJson(content));
}

let shipped: readonly ReferenceVersion[] | null = null;

/** The documents this build carries, with their fingerprints (computed once). */
export function shippedReferenceVersions(sha256: Sha256Hex): readonly ReferenceVersion[] {
  shipped ??= REFERENCE_DOCUMENTS.map((d) => ({
    key: d.key,
    title: d.title,
    sha256: referenceFingerprint(d.shipped, sha256),
  }));
  return shipped;
}
