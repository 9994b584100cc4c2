import { describe, expect, it } from 'vitest';
import { ResourceDataError } from '../common/resource-data';
import criteriaData from '../../../../resources/assessment/criteria.json' with { type: 'json' };
import { criterionLabel, defaultCriteriaCatalogue, findCriterion, parseCriteriaCatalogue } from './criteria';
import { KEY_FACTOR_IDS } from './vocabulary';

const SOURCE = 'resources/assessment/criteria.json';

function copy(): typeof criteriaData {
  return structuredClone(criteriaData);
}

function problemsOf(data: unknown): string {
  try {
    parseCriteriaCatalogue(data, SOURCE);
  } catch (error) {
    expect(error).toBeInstanceOf(ResourceDataError);
    return (error as ResourceDataError).message;
  }
  throw new Error('expected the catalogue to be refused');
}

describe('criteria catalogue', () => {
  it('ships the four key factors in order, each with Merkmale', () => {
    expect(defaultCriteriaCatalogue.keyFactors.map((k) => k.id)).toEqual([...KEY_FACTOR_IDS]);
    for (const factor of defaultCriteriaCatalogue.keyFactors)
      expect(factor.criteria.length).toBeGreaterThan(0);
  });

  it('holds the verified Merkmale of Qualifikation', () => {
    const labels = defaultCriteriaCatalogue.keyFactors[0]!.criteria.map((c) => c.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Schulische Qualifikation',
        'Berufliche Qualifikation',
        'Berufserfahrung / Berufspraxis',
        'Deutsch-Sprachkenntnisse',
      ]),
    );
  });

  it('marks the health criteria and defaults the flag to false elsewhere', () => {
    expect(findCriterion(defaultCriteriaCatalogue, 'mental-health')).toMatchObject({
      keyFactor: 'performance',
      criterion: { healthRelated: true },
    });
    expect(findCriterion(defaultCriteriaCatalogue, 'mobility')?.criterion.healthRelated).toBe(false);
  });

  it('finds criteria and their labels, falling back to the id', () => {
    expect(findCriterion(defaultCriteriaCatalogue, 'mobility')?.keyFactor).toBe('frameworkConditions');
    expect(criterionLabel(defaultCriteriaCatalogue, 'mobility')).toBe('Mobilität');
    expect(criterionLabel(defaultCriteriaCatalogue, 'gone')).toBe('gone');
    expect(findCriterion(defaultCriteriaCatalogue, 'gone')).toBeUndefined();
  });

  it('refuses a Merkmal without label, naming file and entry', () => {
    const data = copy() as unknown as { keyFactors: { criteria: { label?: string }[] }[] };
    delete data.keyFactors[1]!.criteria[2]!.label;
    const message = problemsOf(data);
    expect(message).toContain(SOURCE);
    expect(message).toContain(
      'keyFactors › Eintrag 2 (id "performance") › criteria › Eintrag 3 (id "resilience") › label: Bitte die Bezeichnung angeben.',
    );
  });

  it('refuses a duplicate Merkmal id across key factors', () => {
    const data = copy();
    data.keyFactors[2]!.criteria[0]!.id = 'mobility';
    expect(problemsOf(data)).toContain(
      'keyFactors › Eintrag 4 (id "frameworkConditions") › criteria › Eintrag 5 (id "mobility") › id: id "mobility" ist doppelt vergeben (schon bei Motivation).',
    );
  });

  it('refuses a duplicated or missing key factor', () => {
    const data = copy();
    data.keyFactors[3]!.id = 'motivation';
    const message = problemsOf(data);
    expect(message).toContain(
      'Eintrag 4 (id "motivation") › id: Die Schlüsselgröße "motivation" ist doppelt vergeben.',
    );
    expect(message).toContain('keyFactors: Es fehlen Schlüsselgrößen: Rahmenbedingungen.');
  });

  it('refuses unknown key factors, bad ids, empty lists and unknown fields', () => {
    const data = copy() as unknown as Record<string, unknown> & { keyFactors: Record<string, unknown>[] };
    data.keyFactors[0]!.id = 'wohnen';
    data.keyFactors[1]!.criteria = [];
    (data.keyFactors[2]!.criteria as Record<string, unknown>[])[0]!.id = 'Mit Leerzeichen';
    (data.keyFactors[3]!.criteria as Record<string, unknown>[])[0]!.diagnosis = 'x';
    const message = problemsOf(data);
    expect(message).toContain('Bitte eine Schlüsselgröße angeben');
    expect(message).toContain('Jede Schlüsselgröße braucht mindestens ein Merkmal.');
    expect(message).toContain('Die id besteht aus Kleinbuchstaben');
    expect(message).toContain('diagnosis');
  });

  it('defaults the source name to the resource path', () => {
    expect(() => parseCriteriaCatalogue({})).toThrow('assessment/criteria.json');
  });
});
