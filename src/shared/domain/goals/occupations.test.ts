import { describe, expect, it } from 'vitest';
import { ResourceDataError } from '../common/resource-data';
import occupationsData from '../../../../resources/goals/occupations-kldb.json' with { type: 'json' };
import {
  defaultOccupationCatalogue,
  describeTargetOccupation,
  findOccupation,
  isSameOccupation,
  kldbCodeSchema,
  parseOccupationCatalogue,
  requirementLevel,
  REQUIREMENT_LEVEL_LABELS,
  targetOccupationProblems,
} from './occupations';

const SOURCE = 'resources/goals/occupations-kldb.json';

function refusal(data: unknown): string {
  try {
    parseOccupationCatalogue(data, SOURCE);
  } catch (error) {
    expect(error).toBeInstanceOf(ResourceDataError);
    return (error as ResourceDataError).message;
  }
  throw new Error('expected the list to be refused');
}

describe('KldB occupation subset', () => {
  it('ships 40–80 five-digit occupations with German titles, unique codes', () => {
    const list = defaultOccupationCatalogue.occupations;
    expect(list.length).toBeGreaterThanOrEqual(40);
    expect(list.length).toBeLessThanOrEqual(80);
    for (const o of list) {
      expect(o.code).toMatch(/^\d{4}[1-4]$/);
      expect(o.title.length).toBeGreaterThan(0);
    }
    expect(new Set(list.map((o) => o.code)).size).toBe(list.length);
  });

  it('contains typical occupations of the region', () => {
    expect(findOccupation(defaultOccupationCatalogue, '51312')?.examples).toContain(
      'Fachkraft für Lagerlogistik',
    );
    expect(findOccupation(defaultOccupationCatalogue, '52122')?.title).toContain('Berufskraftfahrer');
    expect(findOccupation(defaultOccupationCatalogue, '82101')).toBeDefined();
    expect(findOccupation(defaultOccupationCatalogue, '99999')).toBeUndefined();
  });

  it('reads the requirement level from the fifth digit', () => {
    expect(requirementLevel('51311')).toBe(1);
    expect(REQUIREMENT_LEVEL_LABELS[requirementLevel('51312')]).toBe('fachlich ausgerichtete Tätigkeiten');
  });

  it('validates code format with a German message', () => {
    expect(kldbCodeSchema.safeParse('5131').error?.issues[0]?.message).toContain('fünf Ziffern');
    expect(kldbCodeSchema.safeParse('51315').success).toBe(false);
    expect(kldbCodeSchema.safeParse('51312').success).toBe(true);
  });

  it('refuses a missing title, a duplicate code and a bad code, naming file and entry', () => {
    const data = structuredClone(occupationsData) as unknown as { occupations: Record<string, unknown>[] };
    delete data.occupations[0]!.title;
    data.occupations[2]!.code = data.occupations[1]!.code;
    data.occupations[3]!.code = '123';
    const message = refusal(data);
    expect(message).toContain(SOURCE);
    // Entries may be named by their code ("Eintrag 4 (code "123")"), depending on describePath.
    expect(message).toMatch(
      /occupations › Eintrag 1( \(code "11101"\))? › title: Bitte die Bezeichnung angeben\./,
    );
    expect(message).toMatch(
      /occupations › Eintrag 4( \(code "123"\))? › code: Eine KldB-2010-Kennziffer hat fünf Ziffern/,
    );
    const dup = structuredClone(occupationsData);
    dup.occupations[2]!.code = dup.occupations[1]!.code;
    expect(refusal(dup)).toMatch(
      /occupations › Eintrag 3( \(code "11102"\))? › code: Die Kennziffer 11102 ist doppelt vergeben\./,
    );
    expect(refusal({ version: 'x', occupations: [] })).toContain('Die Liste der Zielberufe ist leer.');
    expect(() => parseOccupationCatalogue({})).toThrow('goals/occupations-kldb.json');
  });
});

describe('target occupations', () => {
  it('checks a given code against the subset; no code is fine', () => {
    expect(targetOccupationProblems(null)).toEqual([]);
    expect(targetOccupationProblems({ kldbCode: null, title: 'Tierpfleger' })).toEqual([]);
    expect(targetOccupationProblems({ kldbCode: '51312', title: 'Lager' })).toEqual([]);
    expect(targetOccupationProblems({ kldbCode: '94114', title: 'Musiker' })).toEqual([
      expect.stringContaining('Die KldB-Kennziffer 94114 ist nicht in der Liste der Zielberufe'),
    ]);
  });

  it('compares occupations by code, else by title', () => {
    expect(isSameOccupation({ kldbCode: '51312', title: 'A' }, { kldbCode: '51312', title: 'B' })).toBe(true);
    expect(isSameOccupation({ kldbCode: '51312', title: 'A' }, { kldbCode: '51311', title: 'A' })).toBe(
      false,
    );
    expect(
      isSameOccupation(
        { kldbCode: null, title: 'Koch  Beikoch' },
        { kldbCode: '29302', title: 'koch beikoch' },
      ),
    ).toBe(true);
    expect(isSameOccupation(null, { kldbCode: null, title: 'x' })).toBe(false);
  });

  it('describes an occupation for messages', () => {
    expect(describeTargetOccupation({ kldbCode: '51312', title: 'Lagerlogistik' })).toBe(
      '„Lagerlogistik“ (KldB 51312)',
    );
    expect(describeTargetOccupation({ kldbCode: null, title: 'Lagerlogistik' })).toBe('„Lagerlogistik“');
  });
});
