import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, encodeHlc, receive, tick, type Hlc } from './hlc';

const zero: Hlc = { millis: 0, counter: 0, node: 'a' };

describe('hybrid logical clock', () => {
  it('round-trips through its string form', () => {
    const h = { millis: 1_700_000_000_123, counter: 42, node: 'client-1' };
    expect(decodeHlc(encodeHlc(h))).toEqual(h);
    expect(() => decodeHlc('nonsense')).toThrow();
  });

  it('follows the wall clock when it moves forward', () => {
    expect(tick({ ...zero, millis: 10, counter: 3 }, 20)).toEqual({ millis: 20, counter: 0, node: 'a' });
  });

  it('stays monotonic when the wall clock jumps back', () => {
    const t = tick({ ...zero, millis: 1000, counter: 3 }, 10);
    expect(t).toEqual({ millis: 1000, counter: 4, node: 'a' });
  });

  it('rolls over the counter instead of overflowing', () => {
    expect(tick({ ...zero, millis: 5, counter: 99_999 }, 5)).toEqual({ millis: 6, counter: 0, node: 'a' });
  });

  it('is after both the local and the remote timestamp on receive', () => {
    fc.assert(
      fc.property(
        fc.nat(1e12),
        fc.nat(99_998),
        fc.nat(1e12),
        fc.nat(99_998),
        fc.nat(1e12),
        (lm, lc, rm, rc, now) => {
          const local = { millis: lm, counter: lc, node: 'a' };
          const remote = { millis: rm, counter: rc, node: 'b' };
          const next = encodeHlc(receive(local, remote, now));
          expect(compareHlc(next, encodeHlc(local))).toBe(1);
          expect(
            compareHlc(encodeHlc({ ...receive(local, remote, now), node: 'b' }), encodeHlc(remote)),
          ).toBe(1);
        },
      ),
    );
  });

  it('produces strictly increasing strings for any sequence of wall-clock readings', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1e13), { minLength: 1, maxLength: 200 }), (readings) => {
        let clock = zero;
        let previous = encodeHlc(clock);
        for (const now of readings) {
          clock = tick(clock, now);
          const encoded = encodeHlc(clock);
          expect(compareHlc(encoded, previous)).toBe(1);
          previous = encoded;
        }
      }),
    );
  });
});
