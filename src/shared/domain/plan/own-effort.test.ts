import { describe, expect, it } from 'vitest';
import { ownEffortBalance, ownEffortRecordSchema } from './own-effort';

const base = {
  id: 'e1',
  caseId: 'c1',
  description: 'Bewerbungen als Lagerhelfer',
  frequency: { count: 4, per: 'month' as const },
  proof: 'bewerbungsliste' as const,
  agreedOn: '2026-01-01',
};

describe('Eigenbemühungen', () => {
  it('counts expected efforts per started period and the proofs received until the day', () => {
    const e = ownEffortRecordSchema.parse({
      ...base,
      proofs: [
        { receivedOn: '2026-01-30', form: 'bewerbungsliste', count: 4 },
        { receivedOn: '2026-03-01', form: 'bewerbungsliste', count: 2 },
      ],
    });
    expect(ownEffortBalance(e, '2026-01-15')).toEqual({ expected: 4, proved: 0, missing: 4 });
    expect(ownEffortBalance(e, '2026-02-15')).toEqual({ expected: 8, proved: 4, missing: 4 });
    expect(ownEffortBalance(e, '2026-03-02')).toEqual({ expected: 12, proved: 6, missing: 6 });
  });

  it('stops at the end date, counts once-only efforts once, and expects nothing without a frequency', () => {
    const ended = ownEffortRecordSchema.parse({ ...base, endsOn: '2026-01-20' });
    expect(ownEffortBalance(ended, '2026-06-01').expected).toBe(4);
    const once = ownEffortRecordSchema.parse({ ...base, frequency: { count: 1, per: 'once' } });
    expect(ownEffortBalance(once, '2026-06-01').expected).toBe(1);
    const free = ownEffortRecordSchema.parse({ ...base, frequency: null });
    expect(ownEffortBalance(free, '2026-06-01')).toEqual({ expected: 0, proved: 0, missing: 0 });
    const weekly = ownEffortRecordSchema.parse({ ...base, frequency: { count: 2, per: 'week' } });
    expect(ownEffortBalance(weekly, '2026-01-14').expected).toBe(4);
    const quarterly = ownEffortRecordSchema.parse({ ...base, frequency: { count: 1, per: 'quarter' } });
    expect(ownEffortBalance(quarterly, '2026-04-02').expected).toBe(2);
    expect(ownEffortBalance({ ...base, endsOn: null, proofs: [] }, '2025-12-31').expected).toBe(0);
  });

  it('refuses an end before the agreement and proofs from before it, in German', () => {
    const r = ownEffortRecordSchema.safeParse({
      ...base,
      endsOn: '2025-12-01',
      proofs: [{ receivedOn: '2025-12-15', form: 'bewerbungsliste' }],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      'Das Ende liegt vor der Vereinbarung.',
      'Ein Nachweis kann nicht vor der Vereinbarung eingegangen sein.',
    ]);
  });
});
