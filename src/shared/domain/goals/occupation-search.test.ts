import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../common/search-fold';
import { defaultOccupationCatalogue as catalogue, searchOccupations } from './occupations';

const codes = (query: string) => searchOccupations(catalogue, query).map((m) => m.occupation.code);

describe('occupation search over the KldB list', () => {
  it('folds umlauts, ß, case and other diacritics', () => {
    expect(foldForSearch('  Bäcker  STRAßE Café ')).toBe('baecker strasse cafe');
    expect(foldForSearch('Köchin')).toBe(foldForSearch('koechin'));
  });

  it('finds by title word, ranked title before example, and by example title', () => {
    const lager = searchOccupations(catalogue, 'lager');
    // "Lagerhelfer/in" starts with the query: before the title word "Lagerwirtschaft"
    expect(lager.slice(0, 2).map((m) => [m.occupation.code, m.matchedOn])).toEqual([
      ['51311', 'example'],
      ['51312', 'title'],
    ]);
    const found = searchOccupations(catalogue, 'Fachkraft für Lagerlogistik');
    expect(found[0]).toMatchObject({ matchedOn: 'example', example: 'Fachkraft für Lagerlogistik' });
    expect(found[0]!.occupation.code).toBe('51312');
  });

  it('spelling variants a caseworker types: baecker, koch, strassenbau', () => {
    expect(codes('baecker')).toContain('29222');
    expect(codes('Bäcker')).toEqual(codes('baecker'));
    expect(codes('strassenbau')).toContain('32222');
    expect(codes('koch')[0]).toBe('29302');
  });

  it('code prefixes, every word must match, empty and unknown queries find nothing', () => {
    expect(codes('5131')).toEqual(['51311', '51312']);
    expect(codes('helfer lager')).toContain('51311');
    expect(codes('helfer lager')).not.toContain('51312');
    expect(codes('   ')).toEqual([]);
    expect(codes('xyzzy')).toEqual([]);
    expect(searchOccupations(catalogue, 'berufe', 3)).toHaveLength(3);
    // substring from three letters on ("wirtschaft" inside "Lagerwirtschaft")
    expect(codes('wirtschaft')).toContain('51312');
  });
});
