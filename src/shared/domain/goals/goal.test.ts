import { describe, expect, it } from 'vitest';
import {
  GOAL_TYPE_LABELS,
  GOAL_TYPES,
  goalSchema,
  openIntermediateGoals,
  sortIntermediateGoals,
  validateGoal,
  type Goal,
  type GoalInput,
} from './goal';
import { parseOccupationCatalogue } from './occupations';

function goal(patch: Partial<GoalInput> = {}): GoalInput {
  return {
    id: 'goal-1',
    caseId: 'case-1',
    type: 'employment',
    description: 'Arbeit als Fachkraft für Lagerlogistik in Schkeuditz',
    targetOccupation: { kldbCode: '51312', title: 'Fachkraft für Lagerlogistik' },
    targetDate: '2026-12-31',
    createdOn: '2026-03-02',
    createdBy: 'ifk-1',
    intermediateGoals: [
      { id: 's1', description: 'Staplerschein erwerben', targetDate: '2026-05-31' },
      { id: 's2', description: 'Praktikum im Logistikzentrum', targetDate: '2026-07-31' },
    ],
    ...patch,
  };
}

function problems(input: unknown): readonly string[] {
  const result = validateGoal(input);
  if (result.ok) throw new Error('expected the goal to be refused');
  expect(result.error).toMatchObject({ code: 'INVALID_GOAL', message: 'Das Ziel ist nicht gültig.' });
  return result.error.problems ?? [];
}

describe('goals', () => {
  it('has the six goal types with German labels', () => {
    expect(GOAL_TYPES.map((t) => GOAL_TYPE_LABELS[t])).toEqual([
      'Arbeit',
      'Ausbildung',
      'Selbständigkeit',
      'Qualifizierung',
      'Stabilisierung',
      'Spracherwerb',
    ]);
  });

  it('accepts a valid goal and fills defaults', () => {
    const result = validateGoal(goal());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.intermediateGoals[0]!.achievedOn).toBeNull();
      expect(result.value.assessmentId).toBeNull();
    }
    const minimal = validateGoal(
      goal({
        type: 'stabilization',
        targetOccupation: undefined,
        targetDate: undefined,
        intermediateGoals: undefined,
      }),
    );
    expect(minimal.ok && minimal.value).toMatchObject({
      targetOccupation: null,
      targetDate: null,
      intermediateGoals: [],
    });
  });

  it('the Zielberuf may come without KldB code; a given code must be in the subset', () => {
    expect(validateGoal(goal({ targetOccupation: { title: 'Tierpfleger/in' } })).ok).toBe(true);
    expect(problems(goal({ targetOccupation: { kldbCode: '94114', title: 'Musiker/in' } }))).toEqual([
      'Zielberuf › KldB-Kennziffer: Die KldB-Kennziffer 94114 ist nicht in der Liste der Zielberufe (Stand 2026-01). Bitte einen Beruf aus der Liste wählen oder den Zielberuf ohne Kennziffer angeben.',
    ]);
    const custom = parseOccupationCatalogue({
      version: 'x',
      occupations: [{ code: '94114', title: 'Musiker' }],
    });
    expect(
      validateGoal(goal({ targetOccupation: { kldbCode: '94114', title: 'Musiker/in' } }), custom).ok,
    ).toBe(true);
    expect(
      goalSchema.safeParse(goal({ targetOccupation: { kldbCode: '94114', title: 'Musiker/in' } })).success,
    ).toBe(true);
  });

  it('refuses target dates before the goal was set', () => {
    expect(
      problems(
        goal({
          targetDate: '2026-03-01',
          intermediateGoals: [{ id: 's1', description: 'Lebenslauf', targetDate: '2026-02-01' }],
        }),
      ),
    ).toEqual([
      'Zieldatum: Das Zieldatum 01.03.2026 liegt vor der Festlegung des Ziels (02.03.2026).',
      'Zwischenziele › Nr. 1 › Zieldatum: Zwischenziel 1 („Lebenslauf“): Das Zieldatum 01.02.2026 liegt vor der Festlegung des Ziels (02.03.2026).',
    ]);
  });

  it('refuses intermediate goals out of order, after the goal, achieved before it was set, or with duplicate ids', () => {
    expect(
      problems(
        goal({
          targetDate: '2026-06-30',
          intermediateGoals: [
            { id: 's1', description: 'Praktikum', targetDate: '2026-05-31' },
            { id: 's1', description: 'Staplerschein', targetDate: '2026-04-30', achievedOn: '2026-01-15' },
            { id: 's3', description: 'Bewerbung', targetDate: '2026-07-15' },
          ],
        }),
      ),
    ).toEqual([
      'Zwischenziele › Nr. 2 › Kennung: Zwischenziel 2 („Staplerschein“): Die Kennung ist doppelt vergeben.',
      'Zwischenziele › Nr. 2 › Zieldatum: Zwischenziel 2 („Staplerschein“) ist vor Zwischenziel 1 fällig (30.04.2026 vor 31.05.2026). Bitte die Zwischenziele zeitlich ordnen.',
      'Zwischenziele › Nr. 2 › Erreicht am: Zwischenziel 2 („Staplerschein“): Es kann nicht vor der Festlegung des Ziels (02.03.2026) erreicht worden sein.',
      'Zwischenziele › Nr. 3 › Zieldatum: Zwischenziel 3 („Bewerbung“): Das Zieldatum 15.07.2026 liegt nach dem Zieldatum des Ziels (30.06.2026).',
    ]);
  });

  it('names fields in German, including unknown types and missing input', () => {
    expect(problems(goal({ type: 'lottery' as never, description: ' ' }))).toEqual([
      'Zielart: Bitte eine Zielart wählen: Arbeit, Ausbildung, Selbständigkeit, Qualifizierung, Stabilisierung oder Spracherwerb.',
      'Ziel: Bitte das Ziel in Worten angeben.',
    ]);
    expect(problems(null)[0]).toMatch(/^Ziel: /);
    expect(problems({ ...goal(), extra: 1 })[0]).toContain('extra');
  });

  it('sorts intermediate goals by date (stable) and lists the open ones', () => {
    const parsed = goalSchema.parse(goal()) as Goal;
    const shuffled: Goal = {
      ...parsed,
      intermediateGoals: [
        { id: 'c', description: 'C', targetDate: '2026-08-01', achievedOn: null },
        { id: 'a', description: 'A', targetDate: '2026-04-01', achievedOn: '2026-03-20' },
        { id: 'b1', description: 'B1', targetDate: '2026-06-01', achievedOn: null },
        { id: 'b2', description: 'B2', targetDate: '2026-06-01', achievedOn: null },
      ],
    };
    const sorted = sortIntermediateGoals(shuffled);
    expect(sorted.intermediateGoals.map((s) => s.id)).toEqual(['a', 'b1', 'b2', 'c']);
    expect(validateGoal(sorted).ok).toBe(true);
    expect(openIntermediateGoals(sorted).map((s) => s.id)).toEqual(['b1', 'b2', 'c']);
  });
});
