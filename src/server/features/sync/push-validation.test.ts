import { describe, expect, it } from 'vitest';
import { beforeSeqGap } from './push-validation';

const m = (...seqs: number[]) => seqs.map((seq) => ({ seq }));

describe('beforeSeqGap', () => {
  it('keeps the entries that follow the last acknowledged seq without a gap', () => {
    expect(beforeSeqGap(m(4, 5, 6), 3)).toEqual(m(4, 5, 6));
    expect(beforeSeqGap(m(4, 5, 7, 8), 3)).toEqual(m(4, 5));
  });

  it('is empty for a batch that arrives ahead of an earlier one, and for nothing fresh', () => {
    expect(beforeSeqGap(m(7, 8, 9), 3)).toEqual([]);
    expect(beforeSeqGap([], 3)).toEqual([]);
  });
});
