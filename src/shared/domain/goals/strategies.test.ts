import { describe, expect, it } from 'vitest';
import { ResourceDataError } from '../common/resource-data';
import type { Assessment, CriterionEntry } from '../assessment/assessment';
import { assessmentFixture, entryFixture } from '../assessment/test-fixtures';
import { defaultCriteriaCatalogue as criteria } from '../assessment/criteria';
import strategiesData from '../../../../resources/goals/strategies.json' with { type: 'json' };
import {
  checkStrategySelection,
  defaultStrategyCatalogue,
  findStrategy,
  parseStrategyCatalogue,
  proposeStrategies,
  STRATEGY_GROUP_IDS,
  type StrategyCatalogue,
} from './strategies';

const SOURCE = 'resources/goals/strategies.json';

type StrategiesJson = { groups: { id: string; strategies: Record<string, unknown>[] }[] };
const copy = () => structuredClone(strategiesData) as unknown as StrategiesJson;

function refusal(data: unknown): string {
  try {
    parseStrategyCatalogue(data, SOURCE);
  } catch (error) {
    expect(error).toBeInstanceOf(ResourceDataError);
    return (error as ResourceDataError).message;
  }
  throw new Error('expected the catalogue to be refused');
}

const entry = (criterionId: string, need: string | null): CriterionEntry =>
  entryFixture(criterionId, { need: need === null ? null : { focus: need } });
const assessment = (
  entries: CriterionEntry[],
  dominant: Assessment['dominantKeyFactor'] = null,
): Assessment => assessmentFixture({ entries, dominantKeyFactor: dominant });

const ids = (list: readonly { id: string }[]) => list.map((s) => s.id);

describe('strategy catalogue', () => {
  it('is grouped by key factor plus übergreifend and dezentral', () => {
    expect(defaultStrategyCatalogue.groups.map((g) => g.id)).toEqual([...STRATEGY_GROUP_IDS]);
    for (const group of defaultStrategyCatalogue.groups) expect(group.strategies.length).toBeGreaterThan(0);
  });

  it('holds the local AMIP offers: JOBfabrik workshops, JOBcafé, health courses', () => {
    const local = defaultStrategyCatalogue.groups.find((g) => g.id === 'local')!;
    expect(ids(local.strategies)).toEqual(['jobfabrik-workshops', 'jobcafe', 'health-courses']);
    expect(local.strategies[2]!.offices).toHaveLength(4);
  });

  it('marks FbW and Reha strategies as referrals to the Agentur', () => {
    expect(findStrategy(defaultStrategyCatalogue, 'vocational-training')?.strategy.referralToAgency).toBe(
      true,
    );
    expect(findStrategy(defaultStrategyCatalogue, 'rehabilitation-referral')).toMatchObject({
      group: 'performance',
      strategy: { referralToAgency: true },
    });
    expect(findStrategy(defaultStrategyCatalogue, 'placement')?.strategy.referralToAgency).toBe(false);
    expect(findStrategy(defaultStrategyCatalogue, 'nope')).toBeUndefined();
  });

  it('refuses missing fields, duplicate ids and duplicate or missing groups, naming file and entry', () => {
    const data = copy();
    delete data.groups[0]!.strategies[1]!.label;
    data.groups[1]!.strategies[0]!.id = 'school-leaving-certificate';
    data.groups[5]!.id = 'crossCutting';
    const message = refusal(data);
    expect(message).toContain(SOURCE);
    expect(message).toContain(
      'groups › Eintrag 1 (id "qualification") › strategies › Eintrag 2 (id "basic-skills") › label: Bitte die Bezeichnung angeben.',
    );
  });

  it('refuses a duplicate strategy id', () => {
    const data = copy();
    data.groups[1]!.strategies[0]!.id = 'school-leaving-certificate';
    expect(refusal(data)).toContain(
      'groups › Eintrag 2 (id "performance") › strategies › Eintrag 1 (id "school-leaving-certificate") › id: id "school-leaving-certificate" ist doppelt vergeben.',
    );
  });

  it('refuses duplicate and missing groups', () => {
    const data = copy();
    data.groups[5]!.id = 'crossCutting';
    const message = refusal(data);
    expect(message).toContain(
      'groups › Eintrag 6 (id "crossCutting") › id: Die Gruppe "crossCutting" ist doppelt vergeben.',
    );
    expect(message).toContain('groups: Es fehlen Gruppen: Dezentral.');
  });

  it('cross-checks criteria against the Merkmal catalogue and the group', () => {
    const data = copy();
    data.groups[0]!.strategies[0]!.criteria = ['astrology', 'mobility'];
    data.groups[0]!.strategies[1]!.suitsKeyFactors = ['motivation'];
    data.groups[4]!.strategies[0]!.criteria = ['mobility'];
    data.groups[5]!.strategies[0]!.validFrom = '2026-01-01';
    data.groups[5]!.strategies[0]!.validTo = '2025-12-31';
    const message = refusal(data);
    expect(message).toContain(
      'criteria › Eintrag 1: Das Merkmal "astrology" gibt es im Merkmalskatalog (Stand 2026-01) nicht.',
    );
    expect(message).toContain(
      'criteria › Eintrag 2: Das Merkmal "mobility" gehört zu Rahmenbedingungen, nicht zu Qualifikation.',
    );
    expect(message).toContain(
      'suitsKeyFactors: suitsKeyFactors gibt es nur bei übergreifenden und dezentralen Strategien.',
    );
    expect(message).toContain(
      'criteria: Merkmale (criteria) gibt es nur bei Strategien einer Schlüsselgröße',
    );
    expect(message).toContain('validTo: validTo liegt vor validFrom.');
    expect(() => parseStrategyCatalogue({})).toThrow('goals/strategies.json');
  });
});

describe('strategy proposals', () => {
  it('per need: the strategies of its key factor (by Merkmal) plus übergreifend and dezentral', () => {
    const a = assessment(
      [
        entry('german-language', 'B1 fehlt'),
        entry('resilience', 'Schicht nur eingeschränkt'),
        entry('mobility', null),
      ],
      'performance',
    );
    const proposals = proposeStrategies(a);
    expect(proposals.map((p) => [p.need.criterionId, p.criterionLabel, p.dominant])).toEqual([
      ['german-language', 'Deutsch-Sprachkenntnisse', false],
      ['resilience', 'Belastbarkeit', true],
    ]);
    const [language, resilience] = proposals;
    expect(ids(language!.keyFactorStrategies)).toEqual(['german-language-support']);
    expect(ids(language!.crossCuttingStrategies)).toEqual([
      'placement',
      'counselling-and-support',
      'own-activity',
      'contact-density',
    ]);
    expect(ids(language!.localStrategies)).toEqual(['jobfabrik-workshops', 'jobcafe']);
    expect(ids(resilience!.keyFactorStrategies)).toEqual([
      'clarify-capacity',
      'health-promotion',
      'build-up-resilience',
      'holistic-coaching',
    ]);
    expect(ids(resilience!.crossCuttingStrategies)).toContain('case-management');
    expect(ids(resilience!.localStrategies)).toEqual(['jobfabrik-workshops', 'health-courses']);
  });

  it('orders needs by the Merkmal catalogue and skips unknown criteria', () => {
    const a = assessment([entry('mobility', 'x'), entry('school-education', 'y'), entry('gone', 'z')]);
    expect(proposeStrategies(a).map((p) => p.need.criterionId)).toEqual(['school-education', 'mobility']);
  });

  it('filters local offers by date and office', () => {
    const catalogue: StrategyCatalogue = structuredClone(defaultStrategyCatalogue);
    const local = catalogue.groups.find((g) => g.id === 'local')!;
    local.strategies[0] = { ...local.strategies[0]!, validFrom: '2025-01-01', validTo: '2025-12-31' };
    local.strategies[2] = { ...local.strategies[2]!, offices: ['torgau'] };
    const a = assessment([entry('resilience', 'x')]);
    const in2026 = proposeStrategies(a, {
      strategies: catalogue,
      on: '2026-03-02',
      office: 'oschatz',
    });
    expect(ids(in2026[0]!.localStrategies)).toEqual([]);
    const in2025 = proposeStrategies(a, {
      strategies: catalogue,
      criteria,
      on: '2025-06-01',
      office: 'torgau',
    });
    expect(ids(in2025[0]!.localStrategies)).toEqual(['jobfabrik-workshops', 'health-courses']);
  });
});

describe('every selected strategy serves a need', () => {
  const a = assessment([
    entry('german-language', 'B1 fehlt'),
    entry('mobility', 'Kein Führerschein'),
    entry('work-behaviour', null),
  ]);

  it('accepts strategies tied to needs of their key factor, Merkmal or scope', () => {
    expect(
      checkStrategySelection(
        [
          { strategyId: 'german-language-support', servesNeeds: ['german-language'] },
          { strategyId: 'improve-mobility', servesNeeds: ['mobility'] },
          { strategyId: 'placement', servesNeeds: ['german-language', 'mobility'] },
          { strategyId: 'jobcafe', servesNeeds: ['mobility'] },
        ],
        a,
        { on: '2026-03-02' },
      ),
    ).toEqual([]);
  });

  it('reports unknown, unlinked, duplicate and mismatched strategies in German', () => {
    const problems = checkStrategySelection(
      [
        { strategyId: 'astrology', servesNeeds: ['mobility'] },
        { strategyId: 'placement', servesNeeds: [] },
        { strategyId: 'placement', servesNeeds: ['mobility'] },
        { strategyId: 'agree-own-efforts', servesNeeds: ['work-behaviour'] },
        { strategyId: 'school-leaving-certificate', servesNeeds: ['mobility'] },
        { strategyId: 'vocational-training', servesNeeds: ['german-language'] },
        { strategyId: 'health-courses', servesNeeds: ['german-language'] },
      ],
      a,
    );
    expect(problems).toEqual([
      {
        strategyId: 'astrology',
        message: 'Die Strategie "astrology" gibt es im Strategiekatalog (Stand 2026-01) nicht.',
      },
      {
        strategyId: 'placement',
        message:
          'Die Strategie „Vermittlung in Arbeit oder Ausbildung“ dient keinem Handlungsbedarf. Bitte mindestens einen Handlungsbedarf zuordnen.',
      },
      {
        strategyId: 'placement',
        message: 'Die Strategie „Vermittlung in Arbeit oder Ausbildung“ ist doppelt ausgewählt.',
      },
      {
        strategyId: 'agree-own-efforts',
        message:
          'Die Strategie „Eigenbemühungen vereinbaren und nachhalten“ ist dem Merkmal „Arbeitsverhalten“ zugeordnet, dort ist aber kein Handlungsbedarf erfasst.',
      },
      {
        strategyId: 'school-leaving-certificate',
        message:
          'Die Strategie „Schulabschluss nachholen“ gehört zur Schlüsselgröße Qualifikation, der Handlungsbedarf „Mobilität“ zu Rahmenbedingungen.',
      },
      {
        strategyId: 'vocational-training',
        message:
          'Die Strategie „Berufsabschluss erwerben“ ist nicht für den Handlungsbedarf „Deutsch-Sprachkenntnisse“ vorgesehen (sie dient dem Merkmal „Berufliche Qualifikation“).',
      },
      {
        strategyId: 'health-courses',
        message:
          'Die Strategie „Gesundheitskurse der gesetzlichen Krankenversicherung“ ist nicht für den Handlungsbedarf „Deutsch-Sprachkenntnisse“ vorgesehen (sie dient der Schlüsselgröße Leistungsfähigkeit).',
      },
    ]);
  });

  it('reports offers that are no longer or not yet available', () => {
    const catalogue: StrategyCatalogue = structuredClone(defaultStrategyCatalogue);
    const local = catalogue.groups.find((g) => g.id === 'local')!;
    local.strategies[0] = { ...local.strategies[0]!, validTo: '2025-09-30' };
    local.strategies[1] = { ...local.strategies[1]!, validFrom: '2026-07-01' };
    const problems = checkStrategySelection(
      [
        { strategyId: 'jobfabrik-workshops', servesNeeds: ['german-language'] },
        { strategyId: 'jobcafe', servesNeeds: ['mobility'] },
      ],
      a,
      { strategies: catalogue, criteria, on: '2026-03-02' },
    );
    expect(problems.map((p) => p.message)).toEqual([
      'Die Strategie „JOBfabrik – Werkstätten“ wird seit 30.09.2025 nicht mehr angeboten.',
      'Die Strategie „JOBcafé“ wird erst ab 01.07.2026 angeboten.',
    ]);
  });
});
