import { describe, expect, it } from 'vitest';
import { dateQuery, foldForSearch, nameSearchKeys, numberSearchKey, searchTerms } from './search-fold';

const finds = (typed: string, stored: string) =>
  searchTerms(typed).every((t) => nameSearchKeys(stored).some((k) => k.startsWith(t)));

describe('foldForSearch', () => {
  it('brings German and other spellings to one form', () => {
    expect(foldForSearch('Groß')).toBe('gross');
    expect(foldForSearch('Müller')).toBe('mueller');
    expect(foldForSearch('Yılmaz')).toBe('yilmaz');
    expect(foldForSearch('İnce')).toBe('ince');
    expect(foldForSearch('Sánchez Ñúñez')).toBe('sanchez nunez');
    expect(foldForSearch('Øster-Æbel')).toBe('oster aebel');
    expect(foldForSearch('  GROẞE  ')).toBe('grosse');
    expect(foldForSearch('Łukasz Đorđević')).toBe('lukasz dordevic');
  });

  it('separates words at anything that is not a letter or digit', () => {
    expect(foldForSearch('Meyer-Lüdenscheidt, Anna')).toBe('meyer luedenscheidt anna');
    expect(searchTerms('"anna"  OR  müller*')).toEqual(['anna', 'or', 'mueller']);
    expect(searchTerms('a b c d e f g h i j', 3)).toEqual(['a', 'b', 'c']);
    expect(searchTerms(' -- ')).toEqual([]);
  });
});

describe('nameSearchKeys', () => {
  it('keeps the primary and the stripped umlaut form', () => {
    expect(nameSearchKeys('Müller')).toEqual(['mueller', 'muller']);
    expect(nameSearchKeys('Schäfer-Böhm')).toEqual(['schaefer', 'boehm', 'schafer', 'bohm']);
    expect(nameSearchKeys('Schulz')).toEqual(['schulz']);
  });

  it('lets the spelling variants a caseworker types find the person', () => {
    expect(finds('gross', 'Groß')).toBe(true);
    expect(finds('groß', 'Gross')).toBe(true);
    expect(finds('yilmaz', 'Yılmaz')).toBe(true);
    expect(finds('Mueller', 'Müller')).toBe(true);
    expect(finds('muller', 'Müller')).toBe(true);
    expect(finds('müll', 'Müller')).toBe(true);
    expect(finds('sanch', 'Sánchez')).toBe(true);
    expect(finds('lüden', 'Meyer-Lüdenscheidt')).toBe(true);
    expect(finds('schmidt', 'Schmitt')).toBe(false);
  });
});

describe('numberSearchKey', () => {
  it('keeps letters and digits only', () => {
    expect(numberSearchKey('OSZ-2026-000123')).toBe('osz2026000123');
    expect(numberSearchKey('123D456789')).toBe('123d456789');
    expect(numberSearchKey('osz 2026')).toBe('osz2026');
  });
});

describe('dateQuery', () => {
  it('reads German dates and birth years', () => {
    expect(dateQuery('07.03.1985')).toEqual({ kind: 'date', iso: '1985-03-07' });
    expect(dateQuery(' 7.3.1985 ')).toEqual({ kind: 'date', iso: '1985-03-07' });
    expect(dateQuery('1985')).toEqual({ kind: 'year', year: '1985' });
  });

  it('refuses impossible dates and what is no date', () => {
    expect(dateQuery('30.02.1985')).toBeNull();
    expect(dateQuery('31.13.1985')).toBeNull();
    expect(dateQuery('1850')).toBeNull();
    expect(dateQuery('12345')).toBeNull();
    expect(dateQuery('07.03.')).toBeNull();
    expect(dateQuery('Müller')).toBeNull();
  });
});
