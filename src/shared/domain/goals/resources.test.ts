import { describe, expect, it } from 'vitest';
import { ResourceDataError } from '../common/resource-data';
import occupationsData from '../../../../resources/goals/occupations-kldb.json' with { type: 'json' };
import strategiesData from '../../../../resources/goals/strategies.json' with { type: 'json' };
import { goalsResourceParsers } from './resources';

const FILES: Record<string, unknown> = {
  'goals/occupations-kldb.json': occupationsData,
  'goals/strategies.json': strategiesData,
};

describe('goals resource parsers', () => {
  it('cover exactly the shipped files, keyed by their path below resources/', () => {
    expect(Object.keys(goalsResourceParsers).sort()).toEqual(Object.keys(FILES).sort());
  });

  it.each(Object.keys(FILES))('%s validates', (path) => {
    expect(() => goalsResourceParsers[path]!(FILES[path], `resources/${path}`)).not.toThrow();
  });

  it.each(Object.keys(FILES))('%s: a malformed document fails naming the file', (path) => {
    const parse = goalsResourceParsers[path]!;
    expect(() => parse({ version: '' }, `resources/${path}`)).toThrow(ResourceDataError);
    expect(() => parse({ version: '' }, `resources/${path}`)).toThrow(`resources/${path}: `);
  });
});
