/**
 * What is complete and what is missing in each phase of the 4PM for one case, from its records.
 * Shown in the phase stepper of the case workspace: every state is said in German words, never by
 * colour alone. Pure: the caller passes the records and the day (Berlin calendar).
 */
import { needsOf, type Assessment } from '../assessment/assessment';
import { defaultCriteriaCatalogue, type CriteriaCatalogue } from '../assessment/criteria';
import { formatGermanDate, type IsoDate } from '../common/dates';
import { GOAL_TYPE_LABELS, type Goal } from '../goals/goal';
import type { StrategyChoice } from '../goals/strategies';
import type { AssignmentStatus } from '../measures/assignment';
import { PHASE_LABELS, PHASES, type Phase } from './case';

export const PHASE_STATES = ['complete', 'inProgress', 'open'] as const;
export type PhaseState = (typeof PHASE_STATES)[number];
export const PHASE_STATE_LABELS: Readonly<Record<PhaseState, string>> = {
  complete: 'abgeschlossen',
  inProgress: 'in Arbeit',
  open: 'offen',
};

/** Goal types whose goal names an occupation (Arbeit, Ausbildung): there the Zielberuf is required. */
const GOAL_TYPES_WITH_OCCUPATION: readonly Goal['type'][] = ['employment', 'apprenticeship'];

export interface PhaseProgressRecords {
  /** All live versions of the Potenzialanalyse (any order). */
  readonly assessments: readonly Pick<
    Assessment,
    'id' | 'version' | 'status' | 'entries' | 'finalizedOn' | 'integrationForecast'
  >[];
  /** The case's live goal, if set. */
  readonly goal: Pick<Goal, 'id' | 'type' | 'targetOccupation' | 'intermediateGoals'> | null;
  readonly strategyChoices: readonly Pick<StrategyChoice, 'assessmentId' | 'strategyId' | 'servesNeeds'>[];
  readonly measures: readonly {
    readonly needIds: readonly string[];
    readonly status: AssignmentStatus;
    readonly outcome: unknown;
  }[];
  /** The Kooperationsplan being worked on (its review date), if any. */
  readonly plan: { readonly reviewDueOn: IsoDate | null } | null;
  /** How many versions of the plan were handed over to the person. */
  readonly handedOverPlans: number;
}

export interface PhaseProgress {
  readonly phase: Phase;
  readonly label: string;
  readonly state: PhaseState;
  /** What is done, in German sentences. */
  readonly done: readonly string[];
  /** What is still missing, in German sentences (empty when complete). */
  readonly missing: readonly string[];
  /** One German sentence for the stepper: "Profiling: abgeschlossen." / "… in Arbeit: 2 Punkte fehlen." */
  readonly summary: string;
}

function progress(phase: Phase, done: string[], missing: string[], started: boolean): PhaseProgress {
  const state: PhaseState = missing.length === 0 ? 'complete' : started ? 'inProgress' : 'open';
  const label = PHASE_LABELS[phase];
  const summary =
    state === 'complete'
      ? `Phase ${phase} ${label}: abgeschlossen.`
      : `Phase ${phase} ${label}: ${PHASE_STATE_LABELS[state]}, ${missing.length === 1 ? 'es fehlt 1 Punkt' : `es fehlen ${missing.length} Punkte`}.`;
  return { phase, label, state, done, missing, summary };
}

/** The latest finalized version, or undefined. */
function latestFinalized(records: PhaseProgressRecords) {
  return [...records.assessments]
    .filter((a) => a.status === 'finalized')
    .sort((a, b) => b.version - a.version)[0];
}

/** Phase progress of phases 1–4, in order. */
export function phaseProgress(
  records: PhaseProgressRecords,
  today: IsoDate,
  catalogue: CriteriaCatalogue = defaultCriteriaCatalogue,
): PhaseProgress[] {
  const finalized = latestFinalized(records);
  const latest = [...records.assessments].sort((a, b) => b.version - a.version)[0];
  const needs = finalized ? needsOf(finalized, catalogue) : [];

  // Phase 1: a finalized Potenzialanalyse with strengths (and its needs).
  const p1done: string[] = [];
  const p1missing: string[] = [];
  if (!latest) {
    p1missing.push('Die Potenzialanalyse ist noch nicht begonnen.');
  } else if (!finalized) {
    p1missing.push('Die Potenzialanalyse ist ein Entwurf und noch nicht abgeschlossen.');
  } else {
    const strengths = finalized.entries.filter((e) => e.strength !== null).length;
    p1done.push(
      `Potenzialanalyse Version ${finalized.version} abgeschlossen am ${formatGermanDate(finalized.finalizedOn ?? today)}: ${strengths} ${strengths === 1 ? 'Stärke' : 'Stärken'}, ${needs.length} ${needs.length === 1 ? 'Handlungsbedarf' : 'Handlungsbedarfe'}.`,
    );
    if (strengths === 0) p1missing.push('In der Potenzialanalyse ist keine Stärke erfasst.');
    if (latest.id !== finalized.id) p1done.push(`Fortschreibung (Version ${latest.version}) in Arbeit.`);
  }

  // Phase 2: a goal with its type, a Zielberuf where the goal type names one, and intermediate goals.
  const p2done: string[] = [];
  const p2missing: string[] = [];
  const goal = records.goal;
  if (!goal) {
    p2missing.push('Es ist noch kein Ziel festgelegt.');
  } else {
    p2done.push(`Ziel festgelegt: ${GOAL_TYPE_LABELS[goal.type]}.`);
    if (goal.targetOccupation) p2done.push(`Zielberuf: ${goal.targetOccupation.title}.`);
    else if (GOAL_TYPES_WITH_OCCUPATION.includes(goal.type))
      p2missing.push(`Für das Ziel „${GOAL_TYPE_LABELS[goal.type]}“ fehlt der Zielberuf.`);
    const steps = goal.intermediateGoals.length;
    if (steps > 0) p2done.push(`${steps} ${steps === 1 ? 'Zwischenziel' : 'Zwischenziele'} mit Termin.`);
    else p2missing.push('Es ist noch kein Zwischenziel mit Termin festgelegt.');
  }

  // Phase 3: a strategy for every need of the finalized version, then measures serving the needs.
  const p3done: string[] = [];
  const p3missing: string[] = [];
  if (!finalized) {
    p3missing.push('Strategien setzen eine abgeschlossene Potenzialanalyse voraus.');
  } else if (needs.length === 0) {
    p3done.push('Keine Handlungsbedarfe erfasst: Es ist keine Strategie nötig.');
  } else {
    const choices = records.strategyChoices.filter((c) => c.assessmentId === finalized.id);
    const served = new Set(choices.flatMap((c) => c.servesNeeds));
    const unserved = needs.filter((n) => !served.has(n.criterionId));
    if (unserved.length === 0)
      p3done.push(
        needs.length === 1
          ? 'Für den Handlungsbedarf ist eine Strategie gewählt.'
          : needs.length === 2
            ? 'Für beide Handlungsbedarfe ist eine Strategie gewählt.'
            : `Für alle ${needs.length} Handlungsbedarfe ist eine Strategie gewählt.`,
      );
    for (const need of unserved)
      p3missing.push(`Für den Handlungsbedarf „${need.focus}“ ist noch keine Strategie gewählt.`);
    const active = records.measures.filter(
      (m) => m.status !== 'aborted' && m.needIds.some((id) => needs.some((n) => n.criterionId === id)),
    );
    if (active.length > 0)
      p3done.push(
        `${active.length} ${active.length === 1 ? 'Maßnahme dient' : 'Maßnahmen dienen'} den Handlungsbedarfen.`,
      );
    else p3missing.push('Es ist noch keine Maßnahme für die Handlungsbedarfe vorgeschlagen.');
  }

  // Phase 4: the Kooperationsplan handed over, its review not overdue, every ended measure with its outcome.
  const p4done: string[] = [];
  const p4missing: string[] = [];
  if (records.handedOverPlans > 0) p4done.push('Der Kooperationsplan ist ausgehändigt.');
  else if (records.plan)
    p4missing.push('Der Kooperationsplan ist als Entwurf erfasst, aber noch nicht ausgehändigt.');
  else p4missing.push('Es gibt noch keinen Kooperationsplan.');
  const review = records.plan?.reviewDueOn ?? null;
  if (review !== null && review < today)
    p4missing.push(`Die Überprüfung des Kooperationsplans war am ${formatGermanDate(review)} fällig.`);
  else if (review !== null)
    p4done.push(`Überprüfung des Kooperationsplans fällig am ${formatGermanDate(review)}.`);
  const withoutOutcome = records.measures.filter(
    (m) =>
      (m.status === 'ended' || m.status === 'aborted') && (m.outcome === null || m.outcome === undefined),
  ).length;
  if (withoutOutcome > 0)
    p4missing.push(
      withoutOutcome === 1
        ? 'Bei 1 beendeten Maßnahme fehlt das Ergebnis.'
        : `Bei ${withoutOutcome} beendeten Maßnahmen fehlt das Ergebnis.`,
    );

  const started = {
    1: latest !== undefined,
    2: goal !== null,
    3: records.strategyChoices.length > 0 || records.measures.length > 0,
    4: records.plan !== null || records.handedOverPlans > 0,
  } as const;
  const all = {
    1: [p1done, p1missing],
    2: [p2done, p2missing],
    3: [p3done, p3missing],
    4: [p4done, p4missing],
  } as const;
  return PHASES.map((phase) => progress(phase, [...all[phase][0]], [...all[phase][1]], started[phase]));
}
