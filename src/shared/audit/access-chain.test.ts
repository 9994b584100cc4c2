import { describe, expect, it } from 'vitest';
import {
  accessLogEntrySchema,
  canonicalAccessEntry,
  GENESIS_HASH,
  hashAccessEntry,
  nextAccessEntry,
  sha256Hex,
  verifyAccessChain,
  type AccessLogEntry,
  type ChainHead,
} from './access-chain';

const CASE_A = '0d6b7c1e-2f3a-4b5c-8d9e-0a1b2c3d4e5f';
const CASE_B = '1e7c8d2f-3a4b-4c6d-9e0f-1b2c3d4e5f60';

async function chain(n: number, head: ChainHead | null = null): Promise<AccessLogEntry[]> {
  const out: AccessLogEntry[] = [];
  let h = head;
  for (let i = 0; i < n; i += 1) {
    const e = await nextAccessEntry(h, {
      at: new Date(Date.UTC(2026, 2, 2, 8, i)).toISOString(),
      caseId: i % 2 === 0 ? CASE_A : CASE_B,
      action: 'case_opened',
      offline: i % 3 !== 0,
    });
    out.push(e);
    h = { seq: e.seq, hash: e.hash };
  }
  return out;
}

describe('the access-log chain', () => {
  it('hashes with SHA-256 (FIPS 180-4 test vectors)', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('has one canonical text per entry: fixed order, every field, the version first', async () => {
    const [e] = await chain(1);
    expect(canonicalAccessEntry(e!)).toBe(
      JSON.stringify(['lotse.access-log.v1', 1, e!.at, CASE_A, 'case_opened', false, GENESIS_HASH]),
    );
    // the hash field itself is not part of the text, and key order of the object does not matter
    const reordered = {
      hash: 'x',
      prevHash: e!.prevHash,
      offline: e!.offline,
      action: e!.action,
      caseId: e!.caseId,
      at: e!.at,
      seq: e!.seq,
    };
    expect(canonicalAccessEntry(reordered)).toBe(canonicalAccessEntry(e!));
    expect(await hashAccessEntry(e!)).toBe(e!.hash);
    // every field counts
    for (const change of [
      { seq: 2 },
      { at: '2026-03-02T08:00:00.001Z' },
      { caseId: CASE_B },
      { action: 'case_printed' as const },
      { offline: true },
      { prevHash: 'f'.repeat(64) },
    ])
      expect(await hashAccessEntry({ ...e!, ...change })).not.toBe(e!.hash);
  });

  it('links each entry to the one before, numbered from 1', async () => {
    const entries = await chain(4);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i += 1) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    for (const e of entries) expect(accessLogEntrySchema.parse(e)).toEqual(e);
  });

  it('accepts a whole chain and a continuation of a stored head', async () => {
    const entries = await chain(5);
    expect(await verifyAccessChain(null, entries)).toEqual({
      ok: true,
      head: { seq: 5, hash: entries[4]!.hash },
    });
    const head = { seq: 2, hash: entries[1]!.hash };
    expect(await verifyAccessChain(head, entries.slice(2))).toEqual({
      ok: true,
      head: { seq: 5, hash: entries[4]!.hash },
    });
    expect(await verifyAccessChain(head, [])).toEqual({ ok: true, head });
  });

  it('finds a gap: a missing entry in the batch or between the stored head and the batch', async () => {
    const entries = await chain(5);
    const withoutThird = [entries[0]!, entries[1]!, entries[3]!, entries[4]!];
    expect(await verifyAccessChain(null, withoutThird)).toEqual({
      ok: false,
      valid: 2,
      head: { seq: 2, hash: entries[1]!.hash },
      break: { kind: 'gap', seq: 4, expectedSeq: 3 },
    });
    const head = { seq: 1, hash: entries[0]!.hash };
    expect(await verifyAccessChain(head, entries.slice(2))).toMatchObject({
      ok: false,
      valid: 0,
      head,
      break: { kind: 'gap', seq: 3, expectedSeq: 2 },
    });
  });

  it('finds an altered entry: changed content, a rehashed entry that breaks the link, a repeat', async () => {
    const entries = await chain(4);
    const changed = entries.map((e) => (e.seq === 2 ? { ...e, caseId: CASE_A } : e));
    expect(await verifyAccessChain(null, changed)).toMatchObject({
      ok: false,
      valid: 1,
      break: { kind: 'altered', seq: 2, expectedSeq: 2 },
    });
    // entry 2 rewritten with a fitting hash: entry 3 no longer names it
    const body = { ...entries[1]!, caseId: CASE_A };
    const rehashed = { ...body, hash: await hashAccessEntry(body) };
    expect(await verifyAccessChain(null, [entries[0]!, rehashed, entries[2]!, entries[3]!])).toMatchObject({
      ok: false,
      valid: 2,
      break: { kind: 'altered', seq: 3 },
    });
    // a stored head the batch does not continue (the device's copy of the anchored entry changed)
    expect(await verifyAccessChain({ seq: 1, hash: 'a'.repeat(64) }, entries.slice(1))).toMatchObject({
      ok: false,
      valid: 0,
      break: { kind: 'altered', seq: 2 },
    });
    // an entry twice, or the order turned round
    expect(await verifyAccessChain(null, [entries[0]!, entries[0]!])).toMatchObject({
      ok: false,
      break: { kind: 'altered', seq: 1, expectedSeq: 2 },
    });
    // a deleted entry whose successors were renumbered but not rehashed
    const renumbered = [entries[0]!, { ...entries[2]!, seq: 2 }];
    expect(await verifyAccessChain(null, renumbered)).toMatchObject({
      ok: false,
      break: { kind: 'altered', seq: 2 },
    });
  });

  it('refuses malformed entries at the schema', () => {
    const good = {
      seq: 1,
      at: '2026-03-02T08:00:00.000Z',
      caseId: CASE_A,
      action: 'case_opened',
      offline: true,
      prevHash: GENESIS_HASH,
      hash: 'b'.repeat(64),
    };
    expect(accessLogEntrySchema.safeParse(good).success).toBe(true);
    for (const bad of [
      { seq: 0 },
      { seq: 1.5 },
      { at: 'gestern' },
      { action: 'case_deleted' },
      { hash: 'B'.repeat(64) },
      { prevHash: 'x' },
      { extra: 1 },
    ])
      expect(accessLogEntrySchema.safeParse({ ...good, ...bad }).success).toBe(false);
  });
});
