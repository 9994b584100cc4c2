import { describe, expect, it } from 'vitest';
import { ResourceDataError } from '../common/resource-data';
import criteriaData from '../../../../resources/assessment/criteria.json' with { type: 'json' };
import tableData from '../../../../resources/assessment/profile-decision-table.json' with { type: 'json' };
import { assessmentResourceParsers } from './resources';

const FILES: Record<string, unknown> = {
  'assessment/criteria.json': criteriaData,
  'assessment/profile-decision-table.json': tableData,
};

describe('assessment resource parsers', () => {
  it('cover exactly the shipped files, keyed by their path below resources/', () => {
    expect(Object.keys(assessmentResourceParsers).sort()).toEqual(Object.keys(FILES).sort());
  });

  it.each(Object.keys(FILES))('%s validates', (path) => {
    expect(() => assessmentResourceParsers[path]!(FILES[path], `resources/${path}`)).not.toThrow();
  });

  it.each(Object.keys(FILES))('%s: a malformed document fails naming the file', (path) => {
    const parse = assessmentResourceParsers[path]!;
    expect(() => parse({ version: '' }, `resources/${path}`)).toThrow(ResourceDataError);
    expect(() => parse({ version: '' }, `resources/${path}`)).toThrow(`resources/${path}: `);
  });
});
