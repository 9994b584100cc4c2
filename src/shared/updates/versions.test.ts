import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, isVersion, parseVersion } from './versions';

describe('parseVersion', () => {
  it('reads MAJOR.MINOR.PATCH with pre-release and ignores build metadata', () => {
    expect(parseVersion('1.4.2')).toEqual({ major: 1, minor: 4, patch: 2, prerelease: [] });
    expect(parseVersion('v2.0.0-pilot.3+build.7')).toEqual({
      major: 2,
      minor: 0,
      patch: 0,
      prerelease: ['pilot', '3'],
    });
  });

  it.each([
    '',
    '1',
    '1.2',
    '1.2.3.4',
    '01.2.3',
    '1.2.3-',
    '1.2.3-01',
    'x.y.z',
    ' 1.2.3',
    '1.2.3 ',
    'a'.repeat(70),
  ])('refuses %j', (text) => {
    expect(parseVersion(text)).toBeNull();
    expect(isVersion(text)).toBe(false);
  });
});

describe('compareVersions', () => {
  it('orders by semver precedence', () => {
    const sorted = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 0; i < sorted.length - 1; i++) {
      expect(compareVersions(sorted[i]!, sorted[i + 1]!), `${sorted[i]} < ${sorted[i + 1]}`).toBe(-1);
      expect(compareVersions(sorted[i + 1]!, sorted[i]!)).toBe(1);
    }
    expect(compareVersions('1.2.3+a', '1.2.3+b')).toBe(0);
    expect(compareVersions('v1.2.3', '1.2.3')).toBe(0);
  });

  it('throws on a text that is not a version', () => {
    expect(() => compareVersions('1.2', '1.2.0')).toThrow(/not a version/);
    expect(() => compareVersions('1.2.0', 'neu')).toThrow(/not a version/);
  });

  it('is antisymmetric and transitive (property)', () => {
    const part = fc.integer({ min: 0, max: 30 });
    const pre = fc.option(
      fc.array(fc.oneof(fc.constantFrom('alpha', 'beta', 'rc', 'pilot'), fc.nat(20).map(String)), {
        minLength: 1,
        maxLength: 3,
      }),
      { nil: undefined },
    );
    const version = fc
      .tuple(part, part, part, pre)
      .map(([a, b, c, p]) => `${a}.${b}.${c}${p ? `-${p.join('.')}` : ''}`);
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(compareVersions(a, b)).toBe(-compareVersions(b, a) || 0);
        if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0) {
          expect(compareVersions(a, c)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});
