import { describe, expect, it } from 'vitest';
import { defaultCriteriaCatalogue as catalogue } from './criteria';
import { diffAssessments, DIFF_SECTIONS, NOT_SET } from './diff';
import { decideProfileSituation, overrideProfileSituation } from './profile-situation';
import { assessmentFixture, entryFixture } from './test-fixtures';

const strength = { text: 'Zuverlässig', competenceClass: 'personal' as const };

describe('diffAssessments', () => {
  it('two equal versions have no differences', () => {
    const a = assessmentFixture({ entries: [entryFixture('mobility', { strength })] });
    expect(diffAssessments(a, { ...a }, catalogue)).toEqual([]);
  });

  it('lists every changed field with German labels, general fields first, then in catalogue order', () => {
    const before = assessmentFixture({
      integrationForecast: 'within12Months',
      entries: [
        entryFixture('mobility', { need: { focus: 'Kein Führerschein' } }),
        entryFixture('work-experience', { strength }),
      ],
    });
    const after = assessmentFixture({
      integrationForecast: 'beyond12Months',
      targetOccupation: { kldbCode: '51312', title: 'Fachkraft Lagerlogistik' },
      dominantKeyFactor: 'frameworkConditions',
      entries: [
        entryFixture('mobility', { need: { focus: 'Führerschein Klasse B fehlt' }, note: 'Kurs geplant' }),
        entryFixture('work-experience', {
          strength: { text: 'Zuverlässig', competenceClass: 'methods' },
          evidenceSources: ['conversation', 'documents'],
        }),
        entryFixture('housing', { functionalLimitations: null }),
      ],
    });
    const diff = diffAssessments(before, after, catalogue);
    expect(diff.map((d) => [d.section, d.label, d.before, d.after])).toEqual([
      ['Allgemein', 'Zielberuf', NOT_SET, 'Fachkraft Lagerlogistik (KldB 51312)'],
      [
        'Allgemein',
        'Integrationsprognose',
        'Integration innerhalb von 12 Monaten erwartet',
        'Integration nicht innerhalb von 12 Monaten erwartet',
      ],
      ['Allgemein', 'Schwerpunkt', NOT_SET, 'Rahmenbedingungen'],
      [
        'Qualifikation',
        'Berufserfahrung / Berufspraxis – Kompetenzklasse',
        'Personale Kompetenz',
        'Methodenkompetenz',
      ],
      [
        'Qualifikation',
        'Berufserfahrung / Berufspraxis – Informationsquellen',
        'Gespräch',
        'Gespräch, Unterlagen (Zeugnisse, Nachweise)',
      ],
      ['Rahmenbedingungen', expect.stringContaining('– Informationsquellen'), NOT_SET, 'Gespräch'],
      [
        'Rahmenbedingungen',
        expect.stringContaining('– Handlungsbedarf'),
        'Kein Führerschein',
        'Führerschein Klasse B fehlt',
      ],
      ['Rahmenbedingungen', expect.stringContaining('– Vermerk'), NOT_SET, 'Kurs geplant'],
    ]);
    expect(DIFF_SECTIONS).toEqual([
      'Allgemein',
      'Qualifikation',
      'Leistungsfähigkeit',
      'Motivation',
      'Rahmenbedingungen',
    ]);
  });

  it('a removed entry and an unknown criterion show too; a title without code has no KldB', () => {
    const before = assessmentFixture({
      targetOccupation: { kldbCode: null, title: 'Lager' },
      entries: [entryFixture('retired-criterion', { note: 'alt' }), entryFixture('housing', { strength })],
    });
    const after = assessmentFixture({ targetOccupation: null, entries: [] });
    const diff = diffAssessments(before, after, catalogue);
    expect(diff[0]).toMatchObject({ label: 'Zielberuf', before: 'Lager', after: NOT_SET });
    expect(diff.at(-1)).toMatchObject({
      section: 'Ohne Schlüsselgröße',
      label: 'retired-criterion – Vermerk',
    });
    expect(diff.some((d) => d.label.endsWith('– Stärke') && d.before === 'Zuverlässig')).toBe(true);
  });

  it('the Profillage and an override with its reason', () => {
    const a = assessmentFixture({ integrationForecast: 'within12Months' });
    const decided = decideProfileSituation(a, { catalogue, by: 'ifk-1', at: '2026-03-02T10:00:00Z' });
    const overridden = overrideProfileSituation(decided, {
      value: 'development',
      reason: 'Lange Pause',
      by: 'ifk-1',
      at: '2026-03-02T10:00:00Z',
    });
    if (!overridden.ok) throw new Error('override refused');
    const diff = diffAssessments(
      { ...a, profileSituation: decided },
      { ...a, profileSituation: overridden.value },
      catalogue,
    );
    expect(diff).toEqual([
      {
        key: 'profile',
        section: 'Allgemein',
        label: 'Profillage',
        before: 'Marktprofil',
        after: 'Entwicklungsprofil (abweichend festgelegt: Lange Pause)',
      },
    ]);
    expect(
      diffAssessments({ ...a, profileSituation: null }, { ...a, profileSituation: decided }, catalogue)[0],
    ).toMatchObject({
      before: NOT_SET,
    });
  });
});
