import { describe, expect, it } from 'vitest';
import { ownEffortBalance, ownEffortProgress, ownEffortRecordSchema } from './own-effort';

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

  describe('ownEffortProgress (per calendar period from the agreement)', () => {
    it('counts months as calendar months (§ 188 BGB): agreed 31.01. runs to 28.02., the next from 01.03.', () => {
      const e = ownEffortRecordSchema.parse({
        ...base,
        agreedOn: '2026-01-31',
        frequency: { count: 2, per: 'month' },
      });
      const p = ownEffortProgress(e, '2026-03-31');
      expect(p.periods.map((x) => [x.from, x.to])).toEqual([
        ['2026-01-31', '2026-02-28'],
        ['2026-03-01', '2026-03-30'],
        ['2026-03-31', '2026-04-30'],
      ]);
      expect(p.expected).toBe(6);
    });

    it('puts each proof in the period it was received in and says met, missed or running', () => {
      const e = ownEffortRecordSchema.parse({
        ...base,
        proofs: [
          { receivedOn: '2026-01-30', form: 'bewerbungsliste', count: 4 },
          { receivedOn: '2026-02-10', form: 'bewerbungsliste', count: 1 },
          { receivedOn: '2026-03-05', form: 'bewerbungsliste', count: 4 },
          { receivedOn: '2026-03-20', form: 'bewerbungsliste', count: 1 },
        ],
      });
      const p = ownEffortProgress(e, '2026-03-10');
      expect(p.periods).toEqual([
        { from: '2026-01-01', to: '2026-01-31', expected: 4, proved: 4, missing: 0, state: 'met' },
        { from: '2026-02-01', to: '2026-02-28', expected: 4, proved: 1, missing: 3, state: 'missed' },
        { from: '2026-03-01', to: '2026-03-31', expected: 4, proved: 4, missing: 0, state: 'met' },
      ]);
      // the proof of 20.03. lies after the day asked about
      expect([p.expected, p.proved, p.missing]).toEqual([12, 9, 3]);
      const early = ownEffortProgress(e, '2026-02-05');
      expect(early.periods.at(-1)).toMatchObject({ state: 'running', proved: 0, missing: 4 });
    });

    it('weeks are seven days; the last period is cut at the end of the agreement', () => {
      const e = ownEffortRecordSchema.parse({
        ...base,
        frequency: { count: 2, per: 'week' },
        endsOn: '2026-01-10',
        proofs: [{ receivedOn: '2026-01-09', form: 'bewerbungsliste', count: 2 }],
      });
      const p = ownEffortProgress(e, '2026-02-01');
      expect(p.periods).toEqual([
        { from: '2026-01-01', to: '2026-01-07', expected: 2, proved: 0, missing: 2, state: 'missed' },
        { from: '2026-01-08', to: '2026-01-10', expected: 2, proved: 2, missing: 0, state: 'met' },
      ]);
    });

    it('quarters are three months; once is one period; no frequency or a later agreement expects nothing', () => {
      const q = ownEffortRecordSchema.parse({ ...base, frequency: { count: 1, per: 'quarter' } });
      expect(ownEffortProgress(q, '2026-07-01').periods.map((x) => x.to)).toEqual([
        '2026-03-31',
        '2026-06-30',
        '2026-09-30',
      ]);
      const once = ownEffortRecordSchema.parse({ ...base, frequency: { count: 1, per: 'once' } });
      expect(ownEffortProgress(once, '2026-05-01').periods).toEqual([
        { from: '2026-01-01', to: '2026-05-01', expected: 1, proved: 0, missing: 1, state: 'running' },
      ]);
      const onceEnded = ownEffortRecordSchema.parse({ ...once, endsOn: '2026-02-01' });
      expect(ownEffortProgress(onceEnded, '2026-05-01').periods[0]?.state).toBe('missed');
      const free = ownEffortRecordSchema.parse({
        ...base,
        frequency: null,
        proofs: [{ receivedOn: '2026-01-02', form: 'bewerbungsliste', count: 3 }],
      });
      expect(ownEffortProgress(free, '2026-05-01')).toEqual({
        periods: [],
        expected: 0,
        proved: 3,
        missing: 0,
      });
      expect(ownEffortProgress(q, '2025-12-31').periods).toEqual([]);
    });
  });
});
