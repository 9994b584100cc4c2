import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideUpdate,
  feedReleaseFor,
  isBelowMinimum,
  isInRollout,
  isUpdateChannel,
  mayInstallNow,
  rolloutBucket,
  stableHash,
  updateReadyNotice,
  type PublishedRelease,
  type RequestingDevice,
} from './decisions';

const device = (over: Partial<RequestingDevice> = {}): RequestingDevice => ({
  deviceId: '7d1f6d0e-8a2b-4c1e-9f3a-000000000001',
  officeId: 'oschatz',
  channel: 'stable',
  currentVersion: '1.0.0',
  ...over,
});
const release = (over: Partial<PublishedRelease> = {}): PublishedRelease => ({
  channel: 'stable',
  version: '1.1.0',
  rolloutPercent: 100,
  offices: null,
  ...over,
});
const deviceIds = Array.from(
  { length: 2000 },
  (_, i) => `7d1f6d0e-8a2b-4c1e-9f3a-${String(i).padStart(12, '0')}`,
);

describe('channels', () => {
  it('knows pilot and stable only', () => {
    expect(isUpdateChannel('pilot')).toBe(true);
    expect(isUpdateChannel('stable')).toBe(true);
    expect(isUpdateChannel('beta')).toBe(false);
  });
});

describe('stable hash and rollout bucket', () => {
  it('is deterministic and case-insensitive in the device id', () => {
    expect(stableHash('abc')).toBe(stableHash('abc'));
    expect(stableHash('abc')).not.toBe(stableHash('abd'));
    expect(rolloutBucket('ABC-1', '1.0.0')).toBe(rolloutBucket('abc-1', '1.0.0'));
  });

  it('fixes known values (a change of the hash would reshuffle every rollout)', () => {
    expect([stableHash(''), stableHash('lotse'), rolloutBucket(deviceIds[0]!, '1.1.0')])
      .toMatchInlineSnapshot(`
      [
        2872998923,
        1789857933,
        27,
      ]
    `);
  });

  it('spreads devices evenly over the 100 buckets', () => {
    const counts = new Array<number>(100).fill(0);
    for (const id of deviceIds) counts[rolloutBucket(id, '1.1.0')]! += 1;
    // 20 expected per bucket; every bucket used, none more than twice the mean
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThan(40);
    const inTen = deviceIds.filter((id) => rolloutBucket(id, '1.1.0') < 10).length;
    expect(inTen).toBeGreaterThan(140);
    expect(inTen).toBeLessThan(260);
  });

  it('puts other devices first for the next version', () => {
    const first = (v: string) => new Set(deviceIds.filter((id) => rolloutBucket(id, v) < 10));
    const a = first('1.1.0');
    const b = first('1.2.0');
    const both = [...a].filter((id) => b.has(id)).length;
    expect(both).toBeLessThan(a.size / 2);
  });
});

describe('isInRollout', () => {
  it('honours the office list', () => {
    const r = release({ offices: ['oschatz'] });
    expect(isInRollout(r, device())).toBe(true);
    expect(isInRollout(r, device({ officeId: 'torgau' }))).toBe(false);
    expect(isInRollout(r, device({ officeId: null }))).toBe(false);
  });

  it('0 % reaches nobody, 100 % everybody, and raising the percentage only adds devices (property)', () => {
    expect(
      deviceIds.some((id) => isInRollout(release({ rolloutPercent: 0 }), device({ deviceId: id }))),
    ).toBe(false);
    expect(
      deviceIds.every((id) => isInRollout(release({ rolloutPercent: 100 }), device({ deviceId: id }))),
    ).toBe(true);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom(...deviceIds),
        (p, q, id) => {
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          if (isInRollout(release({ rolloutPercent: lo }), device({ deviceId: id }))) {
            expect(isInRollout(release({ rolloutPercent: hi }), device({ deviceId: id }))).toBe(true);
          }
        },
      ),
    );
  });

  it('reaches about the given share of devices', () => {
    const reached = deviceIds.filter((id) =>
      isInRollout(release({ rolloutPercent: 25 }), device({ deviceId: id })),
    );
    expect(reached.length).toBeGreaterThan(400);
    expect(reached.length).toBeLessThan(600);
  });

  it('gives a device without an id only full rollouts', () => {
    expect(isInRollout(release({ rolloutPercent: 99 }), device({ deviceId: null }))).toBe(false);
    expect(isInRollout(release({ rolloutPercent: 100 }), device({ deviceId: null }))).toBe(true);
  });

  it('clamps odd percentages', () => {
    expect(isInRollout(release({ rolloutPercent: 150 }), device())).toBe(true);
    expect(isInRollout(release({ rolloutPercent: -5 }), device())).toBe(false);
  });
});

describe('isBelowMinimum', () => {
  it('compares with the minimum supported version', () => {
    expect(isBelowMinimum('1.0.0', null)).toBe(false);
    expect(isBelowMinimum('1.0.0', '1.1.0')).toBe(true);
    expect(isBelowMinimum('1.1.0', '1.1.0')).toBe(false);
    expect(isBelowMinimum('1.2.0', '1.1.0')).toBe(false);
    expect(isBelowMinimum('1.1.0-pilot.1', '1.1.0')).toBe(true);
  });

  it('treats an unknown or unreadable version as below a set minimum', () => {
    expect(isBelowMinimum(null, '1.0.0')).toBe(true);
    expect(isBelowMinimum('dev', '1.0.0')).toBe(true);
    expect(isBelowMinimum('dev', null)).toBe(false);
  });
});

describe('decideUpdate', () => {
  it('offers nothing without a release', () => {
    expect(decideUpdate([], device(), null)).toEqual({ kind: 'none', reason: 'no_release' });
  });

  it('offers the newest fully rolled out release of the channel', () => {
    const rs = [release({ version: '1.1.0' }), release({ version: '1.2.0' }), release({ version: '1.0.5' })];
    expect(decideUpdate(rs, device(), null)).toEqual({ kind: 'offer', version: '1.2.0', required: false });
  });

  it('never offers the running or an older version', () => {
    expect(decideUpdate([release({ version: '1.0.0' })], device(), null)).toEqual({
      kind: 'none',
      reason: 'up_to_date',
    });
    expect(decideUpdate([release({ version: '0.9.0' })], device(), null)).toEqual({
      kind: 'none',
      reason: 'up_to_date',
    });
  });

  it('keeps stable devices off the pilot channel; pilot devices see newer stable releases too', () => {
    const rs = [
      release({ channel: 'pilot', version: '1.3.0' }),
      release({ channel: 'stable', version: '1.2.0' }),
    ];
    expect(decideUpdate(rs, device(), null)).toMatchObject({ kind: 'offer', version: '1.2.0' });
    expect(decideUpdate(rs, device({ channel: 'pilot' }), null)).toMatchObject({
      kind: 'offer',
      version: '1.3.0',
    });
    const newerStable = [
      release({ channel: 'pilot', version: '1.3.0' }),
      release({ channel: 'stable', version: '1.4.0' }),
    ];
    expect(decideUpdate(newerStable, device({ channel: 'pilot' }), null)).toMatchObject({ version: '1.4.0' });
    expect(decideUpdate([release({ channel: 'pilot' })], device(), null)).toEqual({
      kind: 'none',
      reason: 'no_release',
    });
  });

  it('falls back to an older release when the newest one has not reached the device yet', () => {
    const outside = deviceIds.find((id) => rolloutBucket(id, '1.2.0') >= 10)!;
    const rs = [release({ version: '1.2.0', rolloutPercent: 10 }), release({ version: '1.1.0' })];
    expect(decideUpdate(rs, device({ deviceId: outside }), null)).toMatchObject({ version: '1.1.0' });
    expect(decideUpdate([rs[0]!], device({ deviceId: outside }), null)).toEqual({
      kind: 'none',
      reason: 'not_in_rollout',
    });
  });

  it('offers a pilot office first', () => {
    const rs = [release({ version: '1.2.0', offices: ['oschatz'] })];
    expect(decideUpdate(rs, device(), null)).toMatchObject({ kind: 'offer', version: '1.2.0' });
    expect(decideUpdate(rs, device({ officeId: 'delitzsch' }), null)).toMatchObject({ kind: 'none' });
  });

  it('gives a device below the minimum the newest release at or above the minimum, regardless of the rollout', () => {
    const rs = [
      release({ version: '1.2.0', rolloutPercent: 0 }),
      release({ version: '1.3.0', rolloutPercent: 0, offices: ['torgau'] }),
    ];
    expect(decideUpdate(rs, device(), '1.2.0')).toEqual({ kind: 'offer', version: '1.3.0', required: true });
    // the device is not below the minimum: the rollout applies
    expect(decideUpdate(rs, device({ currentVersion: '1.2.0' }), '1.2.0')).toEqual({
      kind: 'none',
      reason: 'not_in_rollout',
    });
  });

  it('marks the offer required even when no release reaches the minimum yet', () => {
    const rs = [release({ version: '1.1.0' })];
    expect(decideUpdate(rs, device(), '2.0.0')).toEqual({ kind: 'offer', version: '1.1.0', required: true });
  });

  it('applies only full rollouts to a device that did not give its version, and never calls that required', () => {
    const rs = [release({ version: '1.1.0' })];
    expect(decideUpdate(rs, device({ currentVersion: null }), '1.1.0')).toEqual({
      kind: 'offer',
      version: '1.1.0',
      required: false,
    });
    expect(decideUpdate(rs, device({ currentVersion: 'kaputt' }), null)).toMatchObject({ kind: 'offer' });
  });

  it('ignores releases with unreadable versions', () => {
    expect(decideUpdate([release({ version: 'neu' })], device(), null)).toEqual({
      kind: 'none',
      reason: 'no_release',
    });
  });

  it('never offers a downgrade (property)', () => {
    const v = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)).map(([a, b, c]) => `${a}.${b}.${c}`);
    const rel = fc.record({
      channel: fc.constantFrom('pilot' as const, 'stable' as const),
      version: v,
      rolloutPercent: fc.integer({ min: 0, max: 100 }),
      offices: fc.option(fc.subarray(['oschatz', 'torgau', 'delitzsch']), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(rel, { maxLength: 6 }),
        v,
        fc.option(v, { nil: null }),
        fc.constantFrom(...deviceIds.slice(0, 50)),
        fc.constantFrom('pilot' as const, 'stable' as const),
        (rs, current, minimum, id, channel) => {
          const d = device({ deviceId: id, currentVersion: current, channel });
          const decision = decideUpdate(rs, d, minimum);
          if (decision.kind === 'offer') {
            const [major, minor, patch] = decision.version.split('.').map(Number);
            const [cm, cn, cp] = current.split('.').map(Number);
            expect(major! * 10000 + minor! * 100 + patch!).toBeGreaterThan(cm! * 10000 + cn! * 100 + cp!);
            expect(rs.some((r) => r.version === decision.version)).toBe(true);
            if (channel === 'stable') {
              expect(rs.some((r) => r.version === decision.version && r.channel === 'stable')).toBe(true);
            }
          }
          const feed = feedReleaseFor(rs, d, minimum);
          if (decision.kind === 'offer') expect(feed?.version).toBe(decision.version);
        },
      ),
    );
  });
});

describe('feedReleaseFor', () => {
  it('serves the offered release, else the newest release the device may see, else nothing', () => {
    const rs = [release({ version: '1.1.0' }), release({ version: '1.2.0', rolloutPercent: 0 })];
    expect(feedReleaseFor(rs, device(), null)?.version).toBe('1.1.0');
    expect(feedReleaseFor(rs, device({ currentVersion: '1.1.0' }), null)?.version).toBe('1.1.0');
    expect(feedReleaseFor([release({ version: '1.2.0', rolloutPercent: 0 })], device(), null)).toBeNull();
    expect(feedReleaseFor([], device(), null)).toBeNull();
  });
});

describe('mayInstallNow', () => {
  it('installs on quit, on a restart the user asked for with no case open, and never in an open case', () => {
    expect(mayInstallNow({ downloadedVersion: null, caseOpen: false, trigger: 'app_quit' })).toEqual({
      kind: 'wait',
      reason: 'nothing_downloaded',
    });
    expect(mayInstallNow({ downloadedVersion: '1.2.0', caseOpen: true, trigger: 'app_quit' })).toEqual({
      kind: 'install',
      version: '1.2.0',
    });
    expect(mayInstallNow({ downloadedVersion: '1.2.0', caseOpen: true, trigger: 'user_restart' })).toEqual({
      kind: 'wait',
      reason: 'case_open',
    });
    expect(mayInstallNow({ downloadedVersion: '1.2.0', caseOpen: false, trigger: 'user_restart' })).toEqual({
      kind: 'install',
      version: '1.2.0',
    });
  });
});

describe('updateReadyNotice', () => {
  it('says in German that the update comes with the next restart', () => {
    const n = updateReadyNotice('1.2.0', false);
    expect(n.title).toBe('Aktualisierung bereit');
    expect(n.body).toContain('Lotse 1.2.0');
    expect(n.body).toContain('beim nächsten Neustart installiert');
    expect(updateReadyNotice('1.2.0', true).title).toBe('Pflicht-Aktualisierung bereit');
    expect(updateReadyNotice('1.2.0', true).body).toContain('Abgleich');
  });
});
