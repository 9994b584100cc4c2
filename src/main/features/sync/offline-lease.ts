/**
 * The offline lease (SYNC.md §4.5): the server signs "offline until" at every hello (Ed25519 over
 * `lotse-offline-lease.v1.<clientId>.<until>`, see protocol.ts HelloResponse). The desktop pins the
 * server's public key at first contact and stores the lease in the encrypted database. After it has
 * run out, Lotse stays locked until it has reached the server again.
 */
import { createPublicKey, verify } from 'node:crypto';
import type { Executor } from '../../db/kysely';
import { readState, writeState } from './sync-local';

const LEASE_KEY = 'offline_lease';
const PINNED_KEY = 'lease_public_key';

export interface OfflineLease {
  readonly until: string;
  readonly signature: string;
  readonly publicKey: string;
}

export function leaseValid(clientId: string, lease: OfflineLease, pinnedKey: string): boolean {
  if (lease.publicKey !== pinnedKey) return false;
  try {
    const key = createPublicKey({ key: Buffer.from(pinnedKey, 'base64'), format: 'der', type: 'spki' });
    const message = Buffer.from(`lotse-offline-lease.v1.${clientId}.${lease.until}`);
    return verify(null, message, key, Buffer.from(lease.signature, 'base64url'));
  } catch {
    return false;
  }
}

/** Stores a lease from the server; the first key seen is pinned, a lease under another key is ignored. */
export async function storeLease(db: Executor, clientId: string, lease: OfflineLease): Promise<boolean> {
  const state = await readState(db, [PINNED_KEY]);
  const pinned = state.get(PINNED_KEY) ?? lease.publicKey;
  if (!leaseValid(clientId, lease, pinned)) return false;
  await writeState(db, { [PINNED_KEY]: pinned, [LEASE_KEY]: JSON.stringify(lease) });
  return true;
}

/**
 * 'none' before the first contact (a new device works offline until it syncs), 'valid' while the
 * signed lease runs, 'expired' after it ran out or when it does not verify.
 */
export async function leaseState(
  db: Executor,
  clientId: string,
  now: Date,
): Promise<'none' | 'valid' | 'expired'> {
  const state = await readState(db, [PINNED_KEY, LEASE_KEY]);
  const raw = state.get(LEASE_KEY);
  const pinned = state.get(PINNED_KEY);
  if (!raw || !pinned) return 'none';
  let lease: OfflineLease;
  try {
    lease = JSON.parse(raw) as OfflineLease;
  } catch {
    return 'expired';
  }
  if (!leaseValid(clientId, lease, pinned)) return 'expired';
  return Date.parse(lease.until) > now.getTime() ? 'valid' : 'expired';
}

/** The lease's state and its end (null before the first contact or when unreadable). */
export async function leaseInfo(
  db: Executor,
  clientId: string,
  now: Date,
): Promise<{ state: 'none' | 'valid' | 'expired'; until: string | null }> {
  const state = await leaseState(db, clientId, now);
  if (state === 'none') return { state, until: null };
  const raw = (await readState(db, [LEASE_KEY])).get(LEASE_KEY);
  try {
    return { state, until: raw ? (JSON.parse(raw) as OfflineLease).until : null };
  } catch {
    return { state, until: null };
  }
}
