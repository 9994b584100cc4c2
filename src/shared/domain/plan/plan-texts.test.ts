import { describe, expect, it } from 'vitest';
import {
  COMPANION_LANGUAGES,
  companionDirection,
  officeDemoFields,
  officeDemoNote,
  PLAN_TEXT_VERSIONS,
  type PlanOffice,
} from './plan-texts';

const shipped = PLAN_TEXT_VERSIONS.at(-1)!;
const office = (id: string): PlanOffice => shipped.offices.find((o) => o.id === id)!;

describe('the offices of the plan texts: sourced or demo', () => {
  it('the head office address in Oschatz is sourced; phones and opening hours are demo data everywhere', () => {
    expect(office('oschatz')).toMatchObject({ street: 'Blomberger Straße 2', postalCode: '04758' });
    expect(officeDemoFields(office('oschatz'))).toEqual(['phone', 'openingHours']);
    for (const id of ['delitzsch', 'eilenburg', 'torgau'])
      expect(officeDemoFields(office(id))).toEqual(['street', 'postalCode', 'town', 'phone', 'openingHours']);
    for (const o of shipped.offices) expect(o.provenance.sources.length).toBeGreaterThan(0);
  });

  it('names the demo fields in German for the preview, nothing when every field has a source', () => {
    expect(officeDemoNote(office('oschatz'))).toBe(
      'Briefkopf Jobcenter Nordsachsen, Standort Oschatz: Telefon, Sprechzeiten sind Demodaten ohne Quelle – vor Inbetriebnahme durch die Fachadministration zu prüfen.',
    );
    const sourced = {
      ...office('torgau'),
      provenance: {
        sourced: ['name', 'street', 'postalCode', 'town', 'phone', 'email', 'openingHours'] as const,
        sources: [],
      },
    } as unknown as PlanOffice;
    expect(officeDemoNote(sourced)).toBeNull();
    const onlyPhone = {
      ...sourced,
      provenance: { ...sourced.provenance, sourced: sourced.provenance.sourced.filter((f) => f !== 'phone') },
    };
    expect(officeDemoNote(onlyPhone)).toMatch(/: Telefon ist Demodaten/);
  });
});

describe('the writing direction of a companion language', () => {
  it('comes from the plan texts: Arabic right to left, the others left to right', () => {
    const on = shipped.validFrom;
    expect(COMPANION_LANGUAGES.map((l) => [l, companionDirection(l, on)])).toEqual([
      ['en', 'ltr'],
      ['uk', 'ltr'],
      ['ru', 'ltr'],
      ['ar', 'rtl'],
    ]);
    // a version that writes English right to left is followed (the texts decide, not a list)
    const mirrored = {
      ...shipped,
      companion: shipped.companion.map((c) => (c.id === 'en' ? { ...c, dir: 'rtl' as const } : c)),
    };
    expect(companionDirection('en', on, [mirrored])).toBe('rtl');
  });
});
