import { describe, expect, it } from 'vitest';
import { ResourceDataError } from '../common/resource-data';
import tableData from '../../../../resources/assessment/profile-decision-table.json' with { type: 'json' };
import {
  allProfileCombinations,
  analyzeDecisionTable,
  defaultProfileDecisionTable,
  describeCombination,
  describeCondition,
  firstMatchingRow,
  formatDecisionTableReport,
  parseProfileDecisionTable,
  PROFILE_OUTCOMES,
  type ProfileDecisionTable,
} from './profile-decision-table';
import type { KeyFactorId } from './vocabulary';

const SOURCE = 'resources/assessment/profile-decision-table.json';
type TableJson = {
  rows: { id: string; result: string; when: Record<string, unknown> }[];
  fallback?: unknown;
};

function copy(): TableJson {
  return structuredClone(tableData) as TableJson;
}

function refusal(data: unknown): string {
  try {
    parseProfileDecisionTable(data, SOURCE);
  } catch (error) {
    expect(error).toBeInstanceOf(ResourceDataError);
    return (error as ResourceDataError).message;
  }
  throw new Error('expected the table to be refused');
}

describe('profile decision table', () => {
  it('enumerates the normalized input space: 2 forecasts × 44 need/Schwerpunkt combinations', () => {
    const combos = allProfileCombinations();
    expect(combos).toHaveLength(88);
    expect(new Set(combos.map((c) => JSON.stringify(c))).size).toBe(88);
    for (const c of combos) {
      if (c.needs.length === 0) expect(c.dominant).toBe('none');
      if (c.needs.length === 1) expect(c.dominant).toBe(c.needs[0]);
      if (c.dominant !== 'none') expect(c.needs).toContain(c.dominant);
    }
  });

  it('the default table is total and every row decides something', () => {
    const analysis = analyzeDecisionTable(defaultProfileDecisionTable);
    expect(analysis.combinations).toBe(88);
    expect(analysis.gaps).toEqual([]);
    expect(analysis.unusedRows).toEqual([]);
    for (const c of allProfileCombinations()) {
      expect(firstMatchingRow(defaultProfileDecisionTable, c)).toBeGreaterThanOrEqual(0);
    }
  });

  it('ships exactly the six Profillagen plus "keine Zuordnung" as results', () => {
    const results = new Set(defaultProfileDecisionTable.rows.map((r) => r.result));
    expect([...results].sort()).toEqual([...PROFILE_OUTCOMES].sort());
    expect(defaultProfileDecisionTable.fallback.result).toBe('none');
  });

  it('reports overlaps readably (the earlier row wins)', () => {
    const analysis = analyzeDecisionTable(defaultProfileDecisionTable);
    expect(analysis.overlaps.length).toBeGreaterThan(0);
    const lines = formatDecisionTableReport(analysis);
    expect(lines).toContain(
      'Überschneidung: „Integration innerhalb von 12 Monaten erwartet; Handlungsbedarf in Qualifikation und Motivation; Schwerpunkt Motivation“ passt auf die Zeilen "activation-profile", "promotion-profile"; es gilt "activation-profile".',
    );
  });

  it('describes conditions in German', () => {
    expect(describeCondition({})).toEqual(['keine Bedingung (trifft immer zu)']);
    expect(
      describeCondition({
        integrationForecast: 'beyond12Months',
        needCount: { min: 1, max: 2 },
        needsInAnyOf: ['qualification', 'performance'],
        needsInAllOf: ['motivation'],
        noNeedsIn: ['frameworkConditions'],
        dominantIn: ['qualification', 'none'],
      }),
    ).toEqual([
      'Integration nicht innerhalb von 12 Monaten erwartet',
      'Anzahl der Schlüsselgrößen mit Handlungsbedarf: 1 bis 2',
      'Handlungsbedarf in Qualifikation oder Leistungsfähigkeit',
      'Handlungsbedarf in Motivation',
      'kein Handlungsbedarf in Rahmenbedingungen',
      'Schwerpunkt: Qualifikation oder ohne Schwerpunkt',
    ]);
    expect(describeCondition({ needCount: { min: 2, max: 2 } })[0]).toContain('genau 2');
    expect(describeCondition({ needCount: { max: 0 } })[0]).toContain('höchstens 0');
    expect(describeCondition({ needCount: { min: 3 } })[0]).toContain('mindestens 3');
    expect(describeCombination({ integrationForecast: 'within12Months', needs: [], dominant: 'none' })).toBe(
      'Integration innerhalb von 12 Monaten erwartet; kein Handlungsbedarf; kein Schwerpunkt',
    );
  });

  it('matches needsInAllOf and noNeedsIn', () => {
    const table = {
      rows: [
        {
          id: 'a',
          result: 'support',
          description: 'a',
          when: { needsInAllOf: ['motivation', 'performance'] },
        },
        { id: 'b', result: 'market', description: 'b', when: { noNeedsIn: ['motivation'] } },
        { id: 'c', result: 'none', description: 'c', when: {} },
      ],
    } as unknown as ProfileDecisionTable;
    const at = (needs: KeyFactorId[]) =>
      firstMatchingRow(table, { integrationForecast: 'within12Months', needs, dominant: 'none' });
    expect(at(['performance', 'motivation'])).toBe(0);
    expect(at(['performance'])).toBe(1);
    expect(at(['motivation'])).toBe(2);
  });
});

describe('malformed decision tables name the file and the entry', () => {
  it('a gap (a missing row) is refused with the uncovered combinations', () => {
    const data = copy();
    data.rows = data.rows.filter((r) => r.id !== 'promotion-profile');
    const message = refusal(data);
    expect(message).toContain(SOURCE);
    expect(message).toContain(
      'rows: Lücke: Für „Integration innerhalb von 12 Monaten erwartet; Handlungsbedarf in Qualifikation; Schwerpunkt Qualifikation“ passt keine Zeile. Bitte eine Zeile ergänzen.',
    );
  });

  it('many gaps are summarised', () => {
    const data = copy();
    data.rows = data.rows.slice(0, 1);
    const message = refusal(data);
    expect(message).toMatch(/… und \d+ weitere Lücken \(insgesamt 87 von 88 Kombinationen\)\./);
  });

  it('a row that never decides is refused, naming the row and what shadows it', () => {
    const data = copy();
    const market = data.rows[0]!;
    data.rows.splice(1, 0, { ...market, id: 'market-again' });
    expect(refusal(data)).toContain(
      'rows › Eintrag 2 (id "market-again"): Zeile "market-again" kommt nie zum Zug: Alle Kombinationen, auf die sie passt, erfassen schon die Zeilen "market-profile".',
    );
  });

  it('a contradictory row is refused', () => {
    const data = copy();
    data.rows.push({
      id: 'impossible',
      result: 'none',
      description: 'x',
      when: { needCount: { max: 0 }, dominantIn: ['motivation'] },
    } as never);
    expect(refusal(data)).toContain(
      'rows › Eintrag 10 (id "impossible"): Zeile "impossible" passt auf keine Kombination (die Bedingungen widersprechen sich).',
    );
  });

  it('missing fields, unknown results, duplicate ids and bad bounds are refused', () => {
    const data = copy() as unknown as { rows: Record<string, unknown>[]; fallback?: unknown };
    delete data.rows[0]!.description;
    data.rows[1]!.result = 'gold';
    data.rows[2]!.when = { needCount: { min: 3, max: 1 } };
    delete data.fallback;
    const message = refusal(data);
    expect(message).toContain(
      'rows › Eintrag 1 (id "market-profile") › description: Bitte eine Beschreibung angeben.',
    );
    expect(message).toContain('rows › Eintrag 2 (id "activation-profile") › result: Bitte eines von market');
    expect(message).toContain(
      'rows › Eintrag 3 (id "promotion-profile") › when › needCount: min darf nicht größer als max sein.',
    );
    expect(message).toContain(
      'fallback: Bitte eine Rückfallregel (fallback) mit result und description angeben.',
    );

    const dup = copy();
    dup.rows[8]!.id = 'market-profile';
    expect(refusal(dup)).toContain(
      'rows › Eintrag 9 (id "market-profile") › id: id "market-profile" ist doppelt vergeben.',
    );
  });

  it('refuses unknown key factors and unknown conditions', () => {
    const data = copy();
    data.rows[2]!.when = { needsInAnyOf: ['wohnen'], somethingElse: true };
    const message = refusal(data);
    expect(message).toContain('needsInAnyOf › Eintrag 1: Bitte eine Schlüsselgröße angeben');
    expect(message).toContain('somethingElse');
  });

  it('defaults the source to the resource path', () => {
    expect(() => parseProfileDecisionTable({})).toThrow('assessment/profile-decision-table.json');
  });
});
