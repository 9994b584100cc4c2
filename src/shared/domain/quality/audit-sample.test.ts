import { fnv1a, seededRandom } from '../common/seeded';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildRubric,
  drawSample,
  formatQuarter,
  judgeRubric,
  previousQuarter,
  quarterInBerlin,
  quarterOfDate,
  quarterRange,
  quarterSchema,
  rubricComplete,
} from './audit-sample';
import { defaultQualityRules, type QualityFinding } from './quality-rules';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `case-${String(i).padStart(3, '0')}`);

describe('quarters in Berlin time', () => {
  it('maps dates and instants to JJJJ-Qn; New Year in Berlin is already the next quarter', () => {
    expect(quarterOfDate('2026-01-01')).toBe('2026-Q1');
    expect(quarterOfDate('2026-03-31')).toBe('2026-Q1');
    expect(quarterOfDate('2026-04-01')).toBe('2026-Q2');
    expect(quarterOfDate('2026-12-31')).toBe('2026-Q4');
    // 23:30 UTC on 31 December is 00:30 on 1 January in Berlin
    expect(quarterInBerlin(new Date('2026-12-31T23:30:00Z'))).toBe('2027-Q1');
    expect(quarterInBerlin(new Date('2026-06-30T21:59:00Z'))).toBe('2026-Q2');
    expect(quarterInBerlin(new Date('2026-06-30T22:00:00Z'))).toBe('2026-Q3');
  });

  it('ranges, the previous quarter, the German label and the schema', () => {
    expect(quarterRange('2028-Q1')).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(quarterRange('2026-Q2')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(quarterRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(previousQuarter('2027-Q1')).toBe('2026-Q4');
    expect(previousQuarter('2026-Q3')).toBe('2026-Q2');
    expect(formatQuarter('2026-Q4')).toBe('4. Quartal 2026');
    expect(quarterSchema.safeParse('2026-Q5').success).toBe(false);
    expect(quarterSchema.safeParse('2026-Q5').error?.issues[0]?.message).toContain('JJJJ-Qn');
    expect(quarterSchema.safeParse('2026-Q3').success).toBe(true);
  });
});

describe('seeded PRNG', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const c = seededRandom(43);
    expect(Array.from({ length: 100 }, () => c())).not.toEqual(xs);
    expect(fnv1a('abc')).toBe(0x1a47e90b);
  });
});

describe('drawSample: zufall', () => {
  it('the same seed and caseload give the same cases, in any input order and with duplicates', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { minLength: 0, maxLength: 60 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer(),
        (caseIds, seed, size, shuffleSeed) => {
          const shuffled = [...caseIds, ...caseIds.slice(0, 3)];
          const rnd = seededRandom(shuffleSeed >>> 0);
          shuffled.sort(() => rnd() - 0.5);
          const first = drawSample({ caseIds, size, method: 'zufall', seed });
          const second = drawSample({ caseIds: shuffled, size, method: 'zufall', seed });
          expect(second).toEqual(first);
          expect(first.caseIds).toHaveLength(Math.min(size, caseIds.length));
          expect(new Set(first.caseIds).size).toBe(first.caseIds.length);
          for (const id of first.caseIds) expect(caseIds).toContain(id);
        },
      ),
    );
  });

  it('a different seed usually draws different cases', () => {
    const caseIds = ids(200);
    const draws = new Set(
      Array.from({ length: 20 }, (_, seed) =>
        drawSample({ caseIds, size: 10, method: 'zufall', seed }).caseIds.join(','),
      ),
    );
    expect(draws.size).toBe(20);
  });

  it('draws every case when the size exceeds the caseload, none from an empty one', () => {
    const all = drawSample({ caseIds: ids(5), size: 12, method: 'zufall', seed: 7 });
    expect([...all.caseIds].sort()).toEqual(ids(5));
    expect(all.populationCount).toBe(5);
    const none = drawSample({ caseIds: [], size: 12, method: 'geschichtet', seed: 7 });
    expect(none).toMatchObject({ caseIds: [], populationCount: 0 });
  });

  it('records a digest of the caseload: the same set gives the same digest, another set another', () => {
    const a = drawSample({ caseIds: ids(30), size: 3, method: 'zufall', seed: 1 });
    const b = drawSample({ caseIds: [...ids(30)].reverse(), size: 5, method: 'zufall', seed: 9 });
    const c = drawSample({ caseIds: ids(31), size: 3, method: 'zufall', seed: 1 });
    expect(a.populationDigest).toMatch(/^[0-9a-f]{8}$/);
    expect(b.populationDigest).toBe(a.populationDigest);
    expect(c.populationDigest).not.toBe(a.populationDigest);
  });

  it('every case is drawn about equally often over many seeds (no bias to the sorted front)', () => {
    const caseIds = ids(10);
    const counts = new Map(caseIds.map((c) => [c, 0]));
    for (let seed = 0; seed < 2000; seed++)
      for (const c of drawSample({ caseIds, size: 2, method: 'zufall', seed }).caseIds)
        counts.set(c, counts.get(c)! + 1);
    // expected 400 each
    for (const n of counts.values()) expect(n).toBeGreaterThan(300);
    for (const n of counts.values()) expect(n).toBeLessThan(500);
  });
});

describe('drawSample: geschichtet', () => {
  const caseIds = ids(100);
  // three rules with few cases each; most cases have no finding
  const findingsByCase: Record<string, string[]> = {
    'case-010': ['lastContact'],
    'case-020': ['lastContact', 'goalSet'],
    'case-030': ['goalSet'],
    'case-040': ['planReviewed'],
    'case-050': ['planReviewed'],
    'case-060': ['planReviewed'],
  };
  const withFindings = Object.keys(findingsByCase);

  it('draws one case per rule with findings before any case without findings', () => {
    for (let seed = 0; seed < 50; seed++) {
      const draw = drawSample({ caseIds, size: 3, method: 'geschichtet', seed, findingsByCase });
      expect(draw.caseIds).toHaveLength(3);
      // every case drawn has a finding, and every rule is covered
      for (const c of draw.caseIds) expect(withFindings).toContain(c);
      const rules = new Set(draw.caseIds.flatMap((c) => findingsByCase[c]!));
      expect(rules).toEqual(new Set(['lastContact', 'goalSet', 'planReviewed']));
    }
  });

  it('takes all cases with findings first when the size allows, then fills at random', () => {
    const draw = drawSample({ caseIds, size: 10, method: 'geschichtet', seed: 5, findingsByCase });
    expect(draw.caseIds.slice(0, 6).sort()).toEqual(withFindings);
    expect(draw.caseIds).toHaveLength(10);
    expect(new Set(draw.caseIds).size).toBe(10);
  });

  it('a random draw of the same size mostly misses the rare findings (the stratification matters)', () => {
    let hits = 0;
    for (let seed = 0; seed < 50; seed++) {
      const draw = drawSample({ caseIds, size: 3, method: 'zufall', seed, findingsByCase });
      if (draw.caseIds.every((c) => withFindings.includes(c))) hits += 1;
    }
    expect(hits).toBeLessThan(5);
  });

  it('is reproducible in any input order (cases and findings)', () => {
    const reversed = Object.fromEntries(
      Object.entries(findingsByCase)
        .reverse()
        .map(([k, v]) => [k, [...v].reverse()]),
    );
    const a = drawSample({ caseIds, size: 8, method: 'geschichtet', seed: 99, findingsByCase });
    const b = drawSample({
      caseIds: [...caseIds].reverse(),
      size: 8,
      method: 'geschichtet',
      seed: 99,
      findingsByCase: reversed,
    });
    expect(b).toEqual(a);
    const c = drawSample({ caseIds, size: 8, method: 'geschichtet', seed: 100, findingsByCase });
    expect(c.caseIds).not.toEqual(a.caseIds);
  });

  it('without any findings it is a random draw; findings of cases outside the caseload are ignored', () => {
    const plain = drawSample({ caseIds, size: 4, method: 'geschichtet', seed: 3 });
    expect(plain.caseIds).toHaveLength(4);
    const outside = drawSample({
      caseIds: ids(5),
      size: 2,
      method: 'geschichtet',
      seed: 3,
      findingsByCase: { 'case-999': ['goalSet'] },
    });
    for (const c of outside.caseIds) expect(ids(5)).toContain(c);
  });
});

describe('rubric', () => {
  const finding = (ruleId: string): QualityFinding => ({
    ruleId,
    severity: 'mangel',
    title: 't',
    message: 'Vermerk enthält „Depression“',
    section: 'vermerke',
    ref: 'n1',
  });
  const enabled = defaultQualityRules.rules.filter((r) => r.enabled);

  it('one item per enabled rule with the automatic result, no finding text, nothing judged', () => {
    const ruleId = enabled[0]!.id;
    const items = buildRubric([finding(ruleId), finding(ruleId)], defaultQualityRules);
    expect(items.map((i) => i.ruleId)).toEqual(enabled.map((r) => r.id));
    expect(items[0]).toEqual({
      ruleId,
      title: enabled[0]!.title,
      found: true,
      findingCount: 2,
      judgement: null,
    });
    expect(items.slice(1).every((i) => !i.found && i.findingCount === 0)).toBe(true);
    expect(JSON.stringify(items)).not.toContain('Depression');
    expect(rubricComplete(items)).toBe(false);
  });

  it('judgements apply per rule; unknown rules are refused; complete when every item is judged', () => {
    const items = buildRubric([], defaultQualityRules);
    const some = judgeRubric(items, { [items[0]!.ruleId]: 'teilweise' });
    expect(some[0]!.judgement).toBe('teilweise');
    expect(items[0]!.judgement).toBeNull();
    expect(() => judgeRubric(items, { nope: 'erfuellt' })).toThrow(RangeError);
    const all = judgeRubric(items, Object.fromEntries(items.map((i) => [i.ruleId, 'erfuellt' as const])));
    expect(rubricComplete(all)).toBe(true);
    expect(rubricComplete(judgeRubric(all, { [items[1]!.ruleId]: null }))).toBe(false);
  });
});
