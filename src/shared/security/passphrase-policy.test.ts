import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessPassphrase, MIN_PASSPHRASE_LENGTH } from './passphrase-policy';

describe('passphrase policy', () => {
  it.each([
    ['', false, 0],
    ['kurz', false, 0],
    ['elfZeichen1', false, 1],
    ['Passwort1234!', false, 2],
    ['aaaaaaaaaaaaaaaa', false, 0],
    ['zwölfZeichen', false, 2],
    // issue 14, item 11: the organisation, a year, a street name are not strong
    ['Jobcenter2026!', false, 2],
    ['Hauptstraße 12', false, 2],
    ['Hauptstraße 2026', false, 2],
    ['Lindenstraße 7, Torgau', false, 2],
    ['Zwölf!Zeichen9', true, 4],
    ['Dachs läuft zur Elbe', true, 4],
    ['Der Dachs läuft um 7 Uhr über die Elbe bei Torgau!', true, 4],
  ] as const)('assesses %j as acceptable=%s strength=%s', (value, acceptable, strength) => {
    const a = assessPassphrase(value);
    expect(a.acceptable).toBe(acceptable);
    expect(a.strength).toBe(strength);
  });

  it('explains in German why a guessable passphrase is weak', () => {
    expect(assessPassphrase('Jobcenter2026!').hints.join(' ')).toMatch(/Jobcenter/);
    expect(assessPassphrase('Bahnhofstraße12').hints.join(' ')).toMatch(/Straßennamen/);
    expect(assessPassphrase('Dachs läuft zur Elbe').hints).toEqual([]);
  });

  it('tells in German how many characters are missing', () => {
    expect(assessPassphrase('abcdefgh').hints[0]).toBe('Mindestens 12 Zeichen (noch 4).');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(assessPassphrase('äöüäöüäöüäöß').hints.some((h) => h.startsWith('Mindestens'))).toBe(false);
  });

  it('never accepts anything shorter than the minimum, and always yields a label', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (value) => {
        const a = assessPassphrase(value);
        if ([...value].length < MIN_PASSPHRASE_LENGTH) expect(a.acceptable).toBe(false);
        expect(a.label.length).toBeGreaterThan(0);
        expect(a.strength).toBeGreaterThanOrEqual(0);
        expect(a.strength).toBeLessThanOrEqual(4);
      }),
    );
  });
});
