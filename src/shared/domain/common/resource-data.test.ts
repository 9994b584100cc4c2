import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describePath, duplicateIds, parseResource, ResourceDataError } from './resource-data';

const schema = z.object({
  entries: z.array(z.object({ id: z.string(), months: z.number({ error: 'Bitte eine Zahl angeben.' }) })),
});

describe('resource data', () => {
  it('returns parsed data when valid', () => {
    expect(parseResource(schema, { entries: [{ id: 'a', months: 1 }] }, 'x.json').entries).toHaveLength(1);
  });

  it('names the file, the entry and its id', () => {
    const data = {
      entries: [
        { id: 'ok', months: 1 },
        { id: 'agh', months: 'zwei' },
      ],
    };
    try {
      parseResource(schema, data, 'measures/catalogue.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ResourceDataError);
      const e = error as ResourceDataError;
      expect(e.source).toBe('measures/catalogue.json');
      expect(e.problems).toEqual(['entries › Eintrag 2 (id "agh") › months: Bitte eine Zahl angeben.']);
      expect(e.message).toContain('measures/catalogue.json: 1 Fehler');
    }
  });

  it('describes paths without ids and the whole document', () => {
    expect(describePath([[1]], [0, 0])).toBe('Eintrag 1 › Eintrag 1');
    expect(describePath({}, [])).toBe('(Dokument)');
    expect(describePath(null, ['a', 0])).toBe('a › Eintrag 1');
    expect(describePath({ list: [{ code: '51312' }] }, ['list', 0, 'title'])).toBe(
      'list › Eintrag 1 (code "51312") › title',
    );
  });

  it('reports duplicate ids', () => {
    expect(duplicateIds([{ id: 'a' }, { id: 'b' }, { id: 'a' }])).toEqual([
      'Eintrag 3 (id "a"): id ist doppelt vergeben',
    ]);
    expect(duplicateIds([{ id: 'a' }])).toEqual([]);
  });
});
