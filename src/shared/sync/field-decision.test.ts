import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideField,
  isOwnLaterWrite,
  mergeBaseVersion,
  type FieldDecisionInput,
  type FieldMeta,
} from './field-decision';
import { jsonEqual } from './json-equal';

const A = 'client-a';
const B = 'client-b';
const early = '0001700000000000:00000:x';
const late = '0001700000009999:00000:x';

function input(over: Partial<FieldDecisionInput>): FieldDecisionInput {
  return {
    serverValue: 'server',
    meta: { v: 2, hlc: early, by: B },
    value: 'client',
    baseVersion: 2,
    hlc: late,
    clientId: A,
    mergeableText: false,
    ...over,
  };
}

describe('decideField', () => {
  it('writes nothing when the pushed value is already stored, whatever the base', () => {
    for (const baseVersion of [0, 1, 2, 7]) {
      expect(decideField(input({ value: 'server', baseVersion }))).toEqual({
        outcome: 'unchanged',
        write: null,
        record: null,
      });
    }
    expect(decideField(input({ serverValue: { a: [1] }, value: { a: [1] }, baseVersion: 0 })).outcome).toBe(
      'unchanged',
    );
  });

  it('applies a value based on the stored version, with the next version, its HLC and the client', () => {
    expect(decideField(input({}))).toEqual({
      outcome: 'apply',
      write: { value: 'client', meta: { v: 3, hlc: late, by: A } },
      record: null,
    });
  });

  it('treats a field never written as version 0 (absent meta, stored value null)', () => {
    expect(decideField(input({ serverValue: null, meta: undefined, baseVersion: 0 }))).toEqual({
      outcome: 'apply',
      write: { value: 'client', meta: { v: 1, hlc: late, by: A } },
      record: null,
    });
  });

  it('last writer wins by HLC on a concurrent scalar change, always with a conflict record', () => {
    const clientWins = decideField(input({ baseVersion: 1 }));
    expect(clientWins).toEqual({
      outcome: 'lww-client',
      write: { value: 'client', meta: { v: 3, hlc: late, by: A } },
      record: { kind: 'conflict', base: null, kept: 'client', other: 'server', keptBy: A, otherBy: B },
    });
    const serverKept = decideField(input({ baseVersion: 1, hlc: early }));
    expect(serverKept).toEqual({
      outcome: 'lww-server',
      write: null,
      record: { kind: 'conflict', base: null, kept: 'server', other: 'client', keptBy: B, otherBy: A },
    });
  });

  it('fast-forwards over the client’s own earlier write (created offline, edited before the first push)', () => {
    // the create in the same push wrote version 1; the edit was made on top of it with base 0
    const own = input({ meta: { v: 1, hlc: early, by: A }, serverValue: 'created', baseVersion: 0 });
    expect(decideField(own)).toEqual({
      outcome: 'fast-forward',
      write: { value: 'client', meta: { v: 2, hlc: late, by: A } },
      record: null,
    });
    // acknowledged earlier, several own versions since the base, and an HLC clamped below the stored one
    const d = decideField(input({ meta: { v: 4, hlc: late, by: A }, baseVersion: 2, hlc: early }));
    expect(d).toMatchObject({ outcome: 'fast-forward', write: { meta: { v: 5, hlc: late, by: A } } });
  });

  it('never fast-forwards over another client, a server merge or a resolution, nor with a base ahead', () => {
    expect(decideField(input({ meta: { v: 1, hlc: early, by: B }, baseVersion: 0 })).outcome).toBe(
      'lww-client',
    );
    for (const via of ['merge', 'resolution'] as const) {
      expect(decideField(input({ meta: { v: 2, hlc: early, by: A, via }, baseVersion: 1 })).outcome).toBe(
        'lww-client',
      );
    }
    expect(isOwnLaterWrite({ v: 2, hlc: early, by: A }, 3, A)).toBe(false);
    expect(isOwnLaterWrite(undefined, 0, A)).toBe(false);
    expect(isOwnLaterWrite({ v: 2, hlc: early, by: A }, 1, A)).toBe(true);
  });

  it('names no writer for a stored value without one (rows from before field metadata)', () => {
    const d = decideField(input({ meta: { v: 2, hlc: late, by: '' }, baseVersion: 1, hlc: early }));
    expect(d.record).toMatchObject({ keptBy: null, otherBy: A });
  });

  describe('mergeable text', () => {
    const text = (over: Partial<FieldDecisionInput>) =>
      input({
        mergeableText: true,
        serverValue: 'one\ntwo server\nthree\n',
        value: 'one client\ntwo\nthree\n',
        baseVersion: 1,
        base: 'one\ntwo\nthree\n',
        ...over,
      });

    it('asks for the base version only when it will merge', () => {
      expect(mergeBaseVersion(text({}))).toBe(1);
      expect(mergeBaseVersion(text({ mergeableText: false }))).toBeNull();
      expect(mergeBaseVersion(text({ baseVersion: 2 }))).toBeNull();
      expect(mergeBaseVersion(text({ baseVersion: 0 }))).toBeNull();
      expect(mergeBaseVersion(text({ baseVersion: 5 }))).toBeNull();
      expect(mergeBaseVersion(text({ value: 'one\ntwo server\nthree\n' }))).toBeNull();
      expect(mergeBaseVersion(text({ meta: undefined, baseVersion: 0 }))).toBeNull();
      // the client's own earlier write: nothing to merge, it fast-forwards
      expect(mergeBaseVersion(text({ meta: { v: 2, hlc: early, by: A } }))).toBeNull();
      expect(decideField(text({ meta: { v: 2, hlc: early, by: A } })).outcome).toBe('fast-forward');
    });

    it('writes a clean 3-way merge with an info record (kept = merged text, other = the client text)', () => {
      const d = decideField(text({}));
      expect(d).toEqual({
        outcome: 'merge',
        write: { value: 'one client\ntwo server\nthree\n', meta: { v: 3, hlc: late, by: A, via: 'merge' } },
        record: {
          kind: 'merged',
          base: 'one\ntwo\nthree\n',
          kept: 'one client\ntwo server\nthree\n',
          other: 'one client\ntwo\nthree\n',
          keptBy: B,
          otherBy: A,
        },
      });
    });

    it('keeps the later of the two HLCs on a merge (a merge never moves the field back in time)', () => {
      const d = decideField(text({ hlc: early, meta: { v: 2, hlc: late, by: B } }));
      expect(d.write?.meta).toEqual({ v: 3, hlc: late, by: A, via: 'merge' });
    });

    it('writes nothing when the client change is already contained in the stored text', () => {
      const d = decideField(
        text({ base: 'a\nb\nc\nd\n', value: 'A\nb\nc\nd\n', serverValue: 'A\nb\nc\nD\n' }),
      );
      expect(d).toEqual({ outcome: 'unchanged', write: null, record: null });
    });

    it('keeps the stored text and records the client text when the merge does not come out clean', () => {
      const d = decideField(text({ value: 'one\ntwo client\nthree\n' }));
      expect(d).toEqual({
        outcome: 'text-conflict',
        write: null,
        record: {
          kind: 'conflict',
          base: 'one\ntwo\nthree\n',
          kept: 'one\ntwo server\nthree\n',
          other: 'one\ntwo client\nthree\n',
          keptBy: B,
          otherBy: A,
        },
      });
    });

    it('records a conflict (base null) when the base is not kept, or a side is not text', () => {
      for (const over of [{ base: undefined }, { base: null }, { value: null }, { serverValue: 7 }]) {
        const d = decideField(text(over));
        expect(d.outcome).toBe('text-conflict');
        expect(d.write).toBeNull();
        expect(d.record?.kind).toBe('conflict');
      }
      expect(decideField(text({ base: undefined })).record?.base).toBeNull();
    });

    it('ignores a base handed in when none was asked for (base version 0)', () => {
      const d = decideField(text({ baseVersion: 0 }));
      expect(d.outcome).toBe('text-conflict');
      expect(d.record?.base).toBeNull();
    });
  });
});

describe('decideField properties', () => {
  const value = fc.oneof(
    fc.constantFrom('a', 'b', 'a\nb\n', 'x\nb\n', 'a\ny\n', '', null),
    fc.integer({ min: 0, max: 3 }),
  );
  const hlc = fc.integer({ min: 0, max: 5 }).map((n) => `000170000000000${n}:00000:x`);
  const meta: fc.Arbitrary<FieldMeta | undefined> = fc.option(
    fc.record(
      {
        v: fc.integer({ min: 1, max: 4 }),
        hlc,
        by: fc.constantFrom(A, B, ''),
        via: fc.constantFrom<'merge' | 'resolution'>('merge', 'resolution'),
      },
      { requiredKeys: ['v', 'hlc', 'by'] },
    ),
    { nil: undefined },
  );
  const inputs = fc.record({
    serverValue: value,
    meta,
    value,
    baseVersion: fc.integer({ min: 0, max: 5 }),
    hlc,
    clientId: fc.constantFrom(A, B),
    mergeableText: fc.boolean(),
    base: fc.option(fc.constantFrom('a\nb\n', 'a', ''), { nil: undefined }),
  });
  const contains = (d: ReturnType<typeof decideField>, v: unknown) =>
    (d.write !== null && jsonEqual(d.write.value, v)) ||
    (d.record !== null && (jsonEqual(d.record.kept, v) || jsonEqual(d.record.other, v)));

  it('never loses the pushed value: it is stored, already there, or kept in a record', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const d = decideField(i);
        if (d.outcome === 'unchanged' && !jsonEqual(i.serverValue, i.value)) {
          // only a clean merge whose result is already stored
          expect(i.mergeableText).toBe(true);
          return;
        }
        expect(d.outcome === 'unchanged' || contains(d, i.value)).toBe(true);
      }),
    );
  });

  it('never overwrites a concurrent stored value silently', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const d = decideField(i);
        const concurrent = i.baseVersion !== (i.meta?.v ?? 0);
        if (!concurrent || d.write === null) return;
        if (d.outcome === 'fast-forward') {
          // only over the client's own plain write of a later version than its base
          expect(i.meta).toMatchObject({ by: i.clientId });
          expect(i.meta?.via).toBeUndefined();
          expect(i.baseVersion).toBeLessThan(i.meta!.v);
          expect(d.record).toBeNull();
          return;
        }
        // a write over a value the client did not see comes with a record holding (or merging) it
        expect(d.record).not.toBeNull();
        if (d.outcome === 'lww-client') expect(jsonEqual(d.record!.other, i.serverValue)).toBe(true);
        else expect(d.outcome).toBe('merge');
      }),
    );
  });

  it('a write always takes the next field version, by the pushing client; records agree with writes', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const d = decideField(i);
        if (d.write) {
          expect(d.write.meta.v).toBe((i.meta?.v ?? 0) + 1);
          expect(d.write.meta.by).toBe(i.clientId);
          expect(d.write.meta.hlc >= i.hlc).toBe(true);
        }
        if (d.record?.kind === 'conflict' && d.write)
          expect(jsonEqual(d.record.kept, d.write.value)).toBe(true);
        if (d.record?.kind === 'conflict' && !d.write)
          expect(jsonEqual(d.record.kept, i.serverValue)).toBe(true);
        expect(decideField(i)).toEqual(d);
      }),
    );
  });

  it('is unchanged exactly for an equal value, and applies exactly on a matching base', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const d = decideField(i);
        if (jsonEqual(i.serverValue, i.value)) expect(d.outcome).toBe('unchanged');
        else if (i.baseVersion === (i.meta?.v ?? 0)) expect(d.outcome).toBe('apply');
        else expect(d.outcome).not.toBe('apply');
        // two different clients never fast-forward over each other
        if (i.meta?.by !== i.clientId) expect(d.outcome).not.toBe('fast-forward');
      }),
    );
  });
});
