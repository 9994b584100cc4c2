/**
 * When a case moves on to the next phase of the 4PM, with a German explanation of every condition
 * (met or not), so the caseworker sees why it does or does not advance:
 *   1 → 2  the Potenzialanalyse is finalized;
 *   2 → 3  a goal is set;
 *   3 → 4  every need of the Potenzialanalyse is served by a chosen strategy, and a
 *          Kooperationsplan has been handed over or a measure is under way (not only proposed).
 * Phase 4 (Umsetzung und Nachhaltung) is the last one.
 */
import { z } from 'zod';
import { formatGermanDate, type IsoDate } from '../common/dates';
import { PHASE_LABELS, type Phase } from './case';

export interface PhaseFacts {
  readonly phase: Phase;
  /** The latest Potenzialanalyse (null: none). */
  readonly assessment: {
    readonly status: 'draft' | 'finalized';
    readonly finalizedOn: IsoDate | null;
    /** Labels of the criteria with a need. */
    readonly needs: readonly { readonly criterionId: string; readonly label: string }[];
  } | null;
  readonly goalCount: number;
  /** Criterion ids the chosen (live) strategies serve. */
  readonly servedNeeds: readonly string[];
  readonly strategyCount: number;
  /** Date of the latest handed-over Kooperationsplan (null: none). */
  readonly planHandedOverOn: IsoDate | null;
  /** Assignments beyond a proposal (assigned, started, ended). */
  readonly measuresUnderWay: number;
}

export interface PhaseCondition {
  readonly met: boolean;
  readonly text: string;
}

export interface PhaseAdvanceCheck {
  readonly from: Phase;
  /** The next phase (null in phase 4). */
  readonly to: 2 | 3 | 4 | null;
  readonly canAdvance: boolean;
  readonly conditions: PhaseCondition[];
  /** One German sentence: why it does or does not advance. */
  readonly explanation: string;
}

function conditionsFor(f: PhaseFacts & { readonly phase: 1 | 2 | 3 }): PhaseCondition[] {
  const a = f.assessment;
  switch (f.phase) {
    case 1:
      return [
        a?.status === 'finalized'
          ? {
              met: true,
              text: `Die Potenzialanalyse ist abgeschlossen${a.finalizedOn ? ` (am ${formatGermanDate(a.finalizedOn)})` : ''}.`,
            }
          : {
              met: false,
              text: a
                ? 'Die Potenzialanalyse ist noch ein Entwurf; sie muss abgeschlossen werden.'
                : 'Es gibt noch keine Potenzialanalyse.',
            },
      ];
    case 2:
      return [
        f.goalCount > 0
          ? {
              met: true,
              text: `Ein Ziel ist festgelegt (${f.goalCount === 1 ? '1 Ziel' : `${f.goalCount} Ziele`}).`,
            }
          : { met: false, text: 'Es ist noch kein Ziel festgelegt.' },
      ];
    case 3: {
      const needs = a?.needs ?? [];
      const open = needs.filter((n) => !f.servedNeeds.includes(n.criterionId));
      const strategies: PhaseCondition =
        f.strategyCount === 0
          ? { met: false, text: 'Es ist noch keine Handlungsstrategie gewählt.' }
          : open.length > 0
            ? {
                met: false,
                text: `Für ${open.length === 1 ? 'den Handlungsbedarf' : 'die Handlungsbedarfe'} ${open.map((n) => `„${n.label}“`).join(', ')} ist noch keine Handlungsstrategie gewählt.`,
              }
            : {
                met: true,
                text:
                  needs.length === 0
                    ? 'Eine Handlungsstrategie ist gewählt.'
                    : 'Jeder Handlungsbedarf hat eine Handlungsstrategie.',
              };
      const implementation: PhaseCondition =
        f.planHandedOverOn !== null
          ? {
              met: true,
              text: `Der Kooperationsplan wurde am ${formatGermanDate(f.planHandedOverOn)} ausgehändigt.`,
            }
          : f.measuresUnderWay > 0
            ? { met: true, text: 'Eine Maßnahme ist zugewiesen oder läuft.' }
            : {
                met: false,
                text: 'Weder ist ein Kooperationsplan ausgehändigt noch eine Maßnahme zugewiesen.',
              };
      return [strategies, implementation];
    }
  }
}

export function phaseAdvanceCheck(f: PhaseFacts): PhaseAdvanceCheck {
  if (f.phase === 4)
    return {
      from: 4,
      to: null,
      canAdvance: false,
      conditions: [],
      explanation: `Der Fall ist in der letzten Phase „${PHASE_LABELS[4]}“.`,
    };
  const to = (f.phase + 1) as 2 | 3 | 4;
  const conditions = conditionsFor({ ...f, phase: f.phase });
  const canAdvance = conditions.every((c) => c.met);
  const missing = conditions.filter((c) => !c.met).map((c) => c.text);
  return {
    from: f.phase,
    to,
    canAdvance,
    conditions,
    explanation: canAdvance
      ? `Der Fall kann in Phase ${to} „${PHASE_LABELS[to]}“ wechseln: ${conditions.map((c) => c.text).join(' ')}`
      : `Der Fall bleibt in Phase ${f.phase} „${PHASE_LABELS[f.phase]}“: ${missing.join(' ')}`,
  };
}

export const phaseAdvanceCheckSchema = z.object({
  from: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  to: z.union([z.literal(2), z.literal(3), z.literal(4)]).nullable(),
  canAdvance: z.boolean(),
  conditions: z.array(z.object({ met: z.boolean(), text: z.string() })),
  explanation: z.string(),
});
