import { describe, expect, it } from 'vitest';
import { assessmentFixture, entryFixture } from '../assessment/test-fixtures';
import { phaseProgress, type PhaseProgressRecords } from './phase-progress';

const TODAY = '2026-04-01';
const strength = { text: 'Zuverlässig', competenceClass: 'personal' as const };
const finalized = assessmentFixture({
  status: 'finalized',
  finalizedOn: '2026-03-05',
  finalizedBy: 'ifk-1',
  integrationForecast: 'within12Months',
  entries: [
    entryFixture('work-experience', { strength }),
    entryFixture('mobility', { need: { focus: 'Kein Führerschein' } }),
    entryFixture('german-language', { need: { focus: 'Deutsch B1' } }),
  ],
});

const empty: PhaseProgressRecords = {
  assessments: [],
  goal: null,
  strategyChoices: [],
  measures: [],
  plan: null,
  handedOverPlans: 0,
};

const goal = {
  id: 'g-1',
  type: 'employment' as const,
  targetOccupation: { kldbCode: '51312', title: 'Fachkraft Lagerlogistik' },
  intermediateGoals: [
    { id: 'z-1', description: 'Staplerschein', targetDate: '2026-06-01', achievedOn: null },
  ],
};

describe('phase progress', () => {
  it('an empty case: every phase open, with what is missing in German', () => {
    const phases = phaseProgress(empty, TODAY);
    expect(phases.map((p) => p.state)).toEqual(['open', 'open', 'open', 'open']);
    expect(phases[0]!.missing).toEqual(['Die Potenzialanalyse ist noch nicht begonnen.']);
    expect(phases[1]!.missing).toEqual(['Es ist noch kein Ziel festgelegt.']);
    expect(phases[2]!.missing).toEqual(['Strategien setzen eine abgeschlossene Potenzialanalyse voraus.']);
    expect(phases[3]!.missing).toEqual(['Es gibt noch keinen Kooperationsplan.']);
    expect(phases[0]!.summary).toBe('Phase 1 Profiling: offen, es fehlt 1 Punkt.');
  });

  it('a draft puts phase 1 in progress; a finalized version with strengths completes it', () => {
    const draft = assessmentFixture({ entries: [entryFixture('work-experience', { strength })] });
    expect(phaseProgress({ ...empty, assessments: [draft] }, TODAY)[0]).toMatchObject({
      state: 'inProgress',
      missing: ['Die Potenzialanalyse ist ein Entwurf und noch nicht abgeschlossen.'],
    });
    const [p1] = phaseProgress({ ...empty, assessments: [finalized] }, TODAY);
    expect(p1).toMatchObject({
      state: 'complete',
      missing: [],
      summary: 'Phase 1 Profiling: abgeschlossen.',
    });
    expect(p1!.done).toEqual([
      'Potenzialanalyse Version 1 abgeschlossen am 05.03.2026: 1 Stärke, 2 Handlungsbedarfe.',
    ]);
  });

  it('an amendment in progress keeps phase 1 complete and says so', () => {
    const amendment = { ...finalized, id: 'pa-2', version: 2, status: 'draft' as const, finalizedOn: null };
    const [p1] = phaseProgress({ ...empty, assessments: [amendment, finalized] }, TODAY);
    expect(p1!.state).toBe('complete');
    expect(p1!.done).toContain('Fortschreibung (Version 2) in Arbeit.');
  });

  it('a finalized version without strengths is not complete', () => {
    const noStrength = { ...finalized, entries: [entryFixture('mobility', { need: { focus: 'x' } })] };
    expect(phaseProgress({ ...empty, assessments: [noStrength] }, TODAY)[0]!.missing).toEqual([
      'In der Potenzialanalyse ist keine Stärke erfasst.',
    ]);
  });

  it('phase 2 needs a goal, a Zielberuf for Arbeit/Ausbildung and an intermediate goal', () => {
    const bare = { ...goal, targetOccupation: null, intermediateGoals: [] };
    expect(phaseProgress({ ...empty, goal: bare }, TODAY)[1]).toMatchObject({
      state: 'inProgress',
      missing: [
        'Für das Ziel „Arbeit“ fehlt der Zielberuf.',
        'Es ist noch kein Zwischenziel mit Termin festgelegt.',
      ],
    });
    const stabilization = { ...bare, type: 'stabilization' as const };
    expect(phaseProgress({ ...empty, goal: stabilization }, TODAY)[1]!.missing).toEqual([
      'Es ist noch kein Zwischenziel mit Termin festgelegt.',
    ]);
    expect(phaseProgress({ ...empty, goal }, TODAY)[1]).toMatchObject({
      state: 'complete',
      done: ['Ziel festgelegt: Arbeit.', 'Zielberuf: Fachkraft Lagerlogistik.', '1 Zwischenziel mit Termin.'],
    });
  });

  it('phase 3 needs a strategy for every need of the finalized version and a measure', () => {
    const oneChoice = [{ assessmentId: finalized.id, strategyId: 'x', servesNeeds: ['mobility'] }];
    const p3 = phaseProgress({ ...empty, assessments: [finalized], strategyChoices: oneChoice }, TODAY)[2]!;
    expect(p3.state).toBe('inProgress');
    expect(p3.missing).toEqual([
      'Für den Handlungsbedarf „Deutsch B1“ ist noch keine Strategie gewählt.',
      'Es ist noch keine Maßnahme für die Handlungsbedarfe vorgeschlagen.',
    ]);
    const both = [
      ...oneChoice,
      { assessmentId: finalized.id, strategyId: 'y', servesNeeds: ['german-language'] },
    ];
    const measures = [{ needIds: ['mobility'], status: 'proposed' as const, outcome: null }];
    const done = phaseProgress(
      { ...empty, assessments: [finalized], strategyChoices: both, measures },
      TODAY,
    )[2]!;
    expect(done).toMatchObject({ state: 'complete', missing: [] });
    expect(done.done).toEqual([
      'Für beide Handlungsbedarfe ist eine Strategie gewählt.',
      '1 Maßnahme dient den Handlungsbedarfen.',
    ]);
    // choices of an older version do not count for the current one
    const stale = both.map((c) => ({ ...c, assessmentId: 'old' }));
    expect(
      phaseProgress({ ...empty, assessments: [finalized], strategyChoices: stale }, TODAY)[2]!.missing,
    ).toHaveLength(3);
  });

  it('phase 3 without needs needs no strategy', () => {
    const noNeeds = { ...finalized, entries: [entryFixture('work-experience', { strength })] };
    expect(phaseProgress({ ...empty, assessments: [noNeeds] }, TODAY)[2]).toMatchObject({
      state: 'complete',
      done: ['Keine Handlungsbedarfe erfasst: Es ist keine Strategie nötig.'],
    });
  });

  it('phase 4: plan handed over, review not overdue, outcomes of ended measures', () => {
    const drafted = phaseProgress({ ...empty, plan: { reviewDueOn: '2026-03-01' } }, TODAY)[3]!;
    expect(drafted.state).toBe('inProgress');
    expect(drafted.missing).toEqual([
      'Der Kooperationsplan ist als Entwurf erfasst, aber noch nicht ausgehändigt.',
      'Die Überprüfung des Kooperationsplans war am 01.03.2026 fällig.',
    ]);
    const ended = [
      { needIds: ['mobility'], status: 'ended' as const, outcome: null },
      { needIds: ['mobility'], status: 'aborted' as const, outcome: undefined },
    ];
    const p4 = phaseProgress(
      { ...empty, plan: { reviewDueOn: '2026-09-01' }, handedOverPlans: 1, measures: ended },
      TODAY,
    )[3]!;
    expect(p4.missing).toEqual(['Bei 2 beendeten Maßnahmen fehlt das Ergebnis.']);
    expect(p4.done).toEqual([
      'Der Kooperationsplan ist ausgehändigt.',
      'Überprüfung des Kooperationsplans fällig am 01.09.2026.',
    ]);
    const complete = phaseProgress(
      {
        ...empty,
        plan: { reviewDueOn: null },
        handedOverPlans: 1,
        measures: [{ ...ended[0]!, outcome: { code: 'x' } }],
      },
      TODAY,
    )[3]!;
    expect(complete.state).toBe('complete');
    const one = phaseProgress({ ...empty, handedOverPlans: 1, measures: [ended[0]!] }, TODAY)[3]!;
    expect(one.missing).toEqual(['Bei 1 beendeten Maßnahme fehlt das Ergebnis.']);
  });
});
