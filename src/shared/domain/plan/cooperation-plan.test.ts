import { describe, expect, it } from 'vitest';
import '../../validation';
import { regimeOn, type LegalRegime } from '../legal/legal-regimes';
import {
  canonicalPlanContent,
  cooperationPlanSchema,
  latestReviewDate,
  missingForHandover,
  PLAN_POINTS,
  planHandoverSchema,
  type CooperationPlanInput,
} from './cooperation-plan';

const regime = (on: string): LegalRegime => {
  const r = regimeOn(on);
  if (!r.ok) throw new Error(r.reason);
  return r.regime;
};
const buergergeld = regime('2026-03-01');
const grundsicherung = regime('2026-09-01');
const ready = { hasFinalizedAssessment: true, today: '2026-03-01' };

const completePlan = (patch: Partial<CooperationPlanInput> = {}) =>
  cooperationPlanSchema.parse({
    id: 'plan-1',
    caseId: 'c1',
    planDate: '2026-03-01',
    goal: 'Arbeit als Fachkraft für Lagerlogistik in Torgau',
    mainSteps: [{ text: 'Gabelstaplerschein erwerben', dueOn: '2026-05-01', responsible: 'person' }],
    points: {
      supportServices: { state: 'answered', text: 'Maßnahme bei einem Arbeitgeber (MAG), 6 Wochen' },
      ownEfforts: { state: 'answered', text: 'Bewerbungen wie unten' },
      languageCoursePriority: { state: 'not_applicable' },
      otherAgencies: { state: 'not_applicable', note: 'keine' },
      targetActivities: { state: 'answered', text: 'Lager und Logistik' },
      rehabilitationNeed: { state: 'not_applicable' },
    },
    ownEfforts: [
      {
        description: 'Bewerbungen auf Stellen im Lager',
        frequency: { count: 4, per: 'month' },
        proof: 'bewerbungsliste',
      },
    ],
    reviewDueOn: '2026-08-01',
    ...patch,
  });

describe('cooperation plan', () => {
  it('a complete plan under the Bürgergeld regime is ready for handover', () => {
    expect(missingForHandover(completePlan(), buergergeld, ready)).toEqual([]);
  });

  it('a new plan starts with all six points open, and each is reported by name', () => {
    const plan = cooperationPlanSchema.parse({ id: 'p', caseId: 'c', planDate: '2026-03-01', points: {} });
    expect(PLAN_POINTS.map((p) => plan.points[p].state)).toEqual(Array(6).fill('open'));
    const problems = missingForHandover(plan, buergergeld, ready);
    expect(problems.map((p) => p.field)).toEqual([
      'goal',
      'mainSteps',
      ...PLAN_POINTS.map((p) => `points.${p}`),
      'reviewDueOn',
    ]);
    expect(problems.find((p) => p.field === 'points.rehabilitationNeed')?.message).toBe(
      'Bedarf an beruflicher oder medizinischer Rehabilitation (Nr. 6): Bitte beantworten oder als „entfällt“ markieren.',
    );
    expect(problems.at(-1)?.message).toBe(
      'Bitte einen Überprüfungstermin festlegen (spätestens 01.09.2026).',
    );
  });

  it('requires a finalized Potenzialanalyse first', () => {
    expect(
      missingForHandover(completePlan(), buergergeld, { ...ready, hasFinalizedAssessment: false })[0]
        ?.message,
    ).toContain('Potenzialanalyse');
  });

  it('Eigenbemühungen need frequency and proof; an answered point needs at least one', () => {
    const plan = completePlan({ ownEfforts: [{ description: 'Bewerbungen schreiben' }] });
    expect(missingForHandover(plan, buergergeld, ready).map((p) => p.message)).toEqual([
      'Eigenbemühung 1 („Bewerbungen schreiben“): Bitte angeben, wie oft.',
      'Eigenbemühung 1 („Bewerbungen schreiben“): Bitte angeben, wie sie nachgewiesen wird.',
    ]);
    expect(missingForHandover(completePlan({ ownEfforts: [] }), buergergeld, ready)[0]?.field).toBe(
      'ownEfforts',
    );
  });

  it('the review date may be at most six months after the plan date, not before it', () => {
    expect(latestReviewDate('2026-03-31', buergergeld)).toBe('2026-09-30');
    expect(missingForHandover(completePlan({ reviewDueOn: '2026-09-01' }), buergergeld, ready)).toEqual([]);
    const late = missingForHandover(completePlan({ reviewDueOn: '2026-09-02' }), buergergeld, ready);
    expect(late[0]?.message).toBe(
      'Der Plan muss spätestens am 01.09.2026 überprüft werden (§ 15 Abs. 3 SGB II).',
    );
    const early = missingForHandover(completePlan({ reviewDueOn: '2026-02-01' }), buergergeld, ready);
    expect(early[0]?.message).toBe('Der Überprüfungstermin darf nicht vor dem Datum des Plans liegen.');
  });

  it('a review date before the day of the hand-over blocks it; today itself is allowed', () => {
    const plan = completePlan({ reviewDueOn: '2026-04-01' });
    expect(missingForHandover(plan, buergergeld, { ...ready, today: '2026-04-01' })).toEqual([]);
    expect(missingForHandover(plan, buergergeld, { ...ready, today: '2026-04-02' })).toEqual([
      {
        field: 'reviewDueOn',
        message:
          'Der Überprüfungstermin 01.04.2026 liegt in der Vergangenheit: Bitte einen Termin ab heute (02.04.2026) festlegen.',
      },
    ]);
  });

  it('a step dated before the plan is reported', () => {
    const plan = completePlan({
      mainSteps: [{ text: 'Lebenslauf', dueOn: '2026-01-01', responsible: 'gemeinsam' }],
    });
    expect(missingForHandover(plan, buergergeld, ready)[0]?.field).toBe('mainSteps.0.dueOn');
  });

  it('under the Grundsicherung the plan also needs a personal offer', () => {
    const steps = [
      { text: 'Gabelstaplerschein erwerben', dueOn: '2026-10-01', responsible: 'person' as const },
    ];
    const plan = completePlan({ planDate: '2026-09-01', reviewDueOn: '2027-01-15', mainSteps: steps });
    expect(missingForHandover(plan, grundsicherung, ready).map((p) => p.field)).toEqual(['personalOffer']);
    const withOffer = completePlan({
      planDate: '2026-09-01',
      reviewDueOn: '2027-01-15',
      mainSteps: steps,
      personalOffer: 'Monatliche Beratung und Vermittlungsvorschläge im Lagerbereich',
    });
    expect(missingForHandover(withOffer, grundsicherung, ready)).toEqual([]);
  });

  it('validation messages are German', () => {
    const r = cooperationPlanSchema.safeParse({
      id: 'p',
      caseId: 'c',
      planDate: '2026-03-01',
      points: { ownEfforts: { state: 'answered', text: '' } },
      mainSteps: Array(21).fill({ text: 'x', responsible: 'person' }),
    });
    expect(r.error?.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        'Bitte eine Antwort eintragen.',
        'Höchstens 20 Schritte: der Plan soll kurz und verständlich bleiben.',
      ]),
    );
  });

  it('canonical content is independent of key order', () => {
    const a = completePlan();
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    const b = reversed(a) as typeof a;
    expect(Object.keys(b)[0]).not.toBe(Object.keys(a)[0]);
    expect(canonicalPlanContent(a)).toBe(canonicalPlanContent(b));
    expect(canonicalPlanContent(a)).not.toBe(canonicalPlanContent(completePlan({ goal: 'Ausbildung' })));
  });

  it('a handover record needs a SHA-256 content hash', () => {
    const handover = {
      planId: 'plan-1',
      version: 1,
      handedOverOn: '2026-03-01',
      handedOverBy: 'u1',
      form: 'ausdruck',
      contentHash: 'a'.repeat(64),
      regimeId: 'buergergeld',
    };
    expect(planHandoverSchema.parse(handover).form).toBe('ausdruck');
    expect(planHandoverSchema.safeParse({ ...handover, contentHash: 'abc' }).error?.issues[0]?.message).toBe(
      'Der Prüfwert muss ein SHA-256-Hexwert sein.',
    );
  });
});
