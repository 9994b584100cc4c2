import { describe, expect, it } from 'vitest';
import { statementLines } from '../../../../shared/domain/measures/wizard';
import { checkStatements, factsForProposal, NO_STATEMENTS, statementsOf } from './measure-wizard-facts';

const mag = {
  questions: [{ flag: 'seriousPlacementBarriers' as const, label: 'Schwerwiegende Vermittlungshemmnisse' }],
  teachingUnits: null,
  afterJobStart: null,
};
const jobBsk = {
  questions: [
    {
      flag: 'concreteJobPerspective' as const,
      label: 'Arbeitsangebot, Vorbereitung auf eine konkrete Stelle oder Beschäftigung',
    },
  ],
  teachingUnits: { min: 100, max: 150 },
  afterJobStart: null,
};
const aftercare = { questions: [], teachingUnits: null, afterJobStart: { months: 6 } };

describe('what the caseworker states in the measure wizard', () => {
  it('checks every candidate with every valid statement; nothing typed is nothing stated', () => {
    expect(checkStatements(NO_STATEMENTS)).toEqual({ facts: {}, problems: {} });
    expect(
      checkStatements({
        flags: { seriousPlacementBarriers: true, documentedRecheck: false },
        teachingUnits: ' 120 ',
        jobStart: '01.05.2026',
      }),
    ).toEqual({
      facts: {
        flags: { seriousPlacementBarriers: true, documentedRecheck: false },
        plannedTeachingUnits: 120,
        jobStartDate: '2026-05-01',
      },
      problems: {},
    });
  });

  it('names what cannot be used at its field and leaves it out', () => {
    for (const units of ['12,5', '0', '9999', 'viele']) {
      const r = checkStatements({ ...NO_STATEMENTS, teachingUnits: units });
      expect(r.facts).toEqual({});
      expect(r.problems.teachingUnits).toBe(
        'Bitte die Unterrichtseinheiten als ganze Zahl angeben (1 bis 5000).',
      );
    }
    const day = checkStatements({ ...NO_STATEMENTS, jobStart: '31.02.2026' });
    expect(day.facts).toEqual({});
    expect(day.problems.jobStart).toMatch(/Februar/);
  });

  it('sends with a proposal only what the chosen measure asks, in the lines of its Vermerk', () => {
    const checked = checkStatements({
      flags: { seriousPlacementBarriers: true, concreteJobPerspective: false },
      teachingUnits: '120',
      jobStart: '01.05.2026',
    });
    expect(factsForProposal(checked, mag)).toEqual({ flags: { seriousPlacementBarriers: true } });
    expect(factsForProposal(checked, jobBsk)).toEqual({
      flags: { concreteJobPerspective: false },
      plannedTeachingUnits: 120,
    });
    expect(factsForProposal(checked, aftercare)).toEqual({ jobStartDate: '2026-05-01' });
    expect(factsForProposal(checkStatements(NO_STATEMENTS), jobBsk)).toBeUndefined();
    expect(statementLines(factsForProposal(checked, jobBsk))).toEqual([
      'Arbeitsangebot, Vorbereitung auf eine konkrete Stelle oder Beschäftigung: trifft nicht zu',
      'Geplante Unterrichtseinheiten: 120',
    ]);
    expect(statementLines(factsForProposal(checked, aftercare))).toEqual(['Arbeitsaufnahme: am 01.05.2026']);
    expect(statementLines(undefined)).toEqual([]);
  });

  it('reads a stored draft of any earlier version', () => {
    expect(statementsOf({})).toEqual(NO_STATEMENTS);
    expect(
      statementsOf({ flags: { seriousPlacementBarriers: true, longTermUnemployed: true }, teachingUnits: 7 }),
    ).toEqual({ flags: { seriousPlacementBarriers: true }, teachingUnits: '', jobStart: '' });
  });
});
