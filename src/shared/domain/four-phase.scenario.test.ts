/**
 * One case through the four phases, across every domain module: profiling (strengths first, needs,
 * forecast, Profillage), goal, strategies, measures checked against the person's history, the
 * Kooperationsplan under the rule set of its date, and the team lead's quality review.
 */
import { describe, expect, it } from 'vitest';
import '../validation';
import {
  createAssessment,
  decideProfileSituation,
  defaultCriteriaCatalogue,
  effectiveProfileSituation,
  finalizeAssessment,
  needsOf,
  recordEntry,
  setIntegrationForecast,
  setTargetOccupation,
  type Assessment,
} from './assessment';
import { deriveTargetGroups, householdSchema, personSchema } from './case';
import { goalSchema, proposeStrategies } from './goals';
import { regimeOn } from './legal/legal-regimes';
import {
  defaultMeasureCatalogue,
  eligibilityFactsFor,
  evaluateEligibility,
  findCatalogueEntry,
  proposeAssignment,
  transitionAssignment,
} from './measures';
import { cooperationPlanSchema, missingForHandover } from './plan/cooperation-plan';
import { evaluateQuality, type QualitySnapshot } from './quality/quality-rules';

const catalogue = defaultCriteriaCatalogue;
const person = personSchema.parse({
  id: 'p-1',
  customerNumber: '123D456789',
  firstName: 'Jörg',
  lastName: 'Weiß',
  birthDate: '2001-09-15',
  germanLevel: 'C2',
  unemployedSince: '2025-01-01',
  benefitPeriods: [{ from: '2024-10-01', to: null }],
});
const household = householdSchema.parse({
  id: 'h-1',
  householdNumber: '04860BG0042',
  members: [{ personId: 'p-1', role: 'applicant', birthDate: '2001-09-15' }],
});

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function profile(on: string): Assessment {
  let a = createAssessment({ id: 'as-1', caseId: 'c-1', createdOn: on, createdBy: 'u-1', catalogue });
  const entry = (criterionId: string, patch: object) => ({
    criterionId,
    evidenceSources: ['conversation' as const],
    recordedOn: on,
    recordedBy: 'u-1',
    ...patch,
  });
  a = unwrap(
    recordEntry(
      a,
      entry('work-experience', {
        strength: {
          text: 'Zwei Jahre Lagerhelfer, zuverlässig im Schichtdienst',
          competenceClass: 'activityImplementation',
        },
      }),
      catalogue,
    ),
  );
  a = unwrap(
    recordEntry(
      a,
      entry('vocational-qualification', { need: { focus: 'Keine abgeschlossene Ausbildung' } }),
      catalogue,
    ),
  );
  a = unwrap(setIntegrationForecast(a, 'within12Months'));
  a = unwrap(setTargetOccupation(a, { kldbCode: '51312', title: 'Fachkraft für Lagerlogistik' }));
  return unwrap(finalizeAssessment(a, { on, by: 'u-1' }, catalogue));
}

describe('one case through the four phases', () => {
  it('is profiled, planned, assigned and reviewed without findings', () => {
    const on = '2026-03-02';
    expect(deriveTargetGroups(person, household, on).map((f) => f.group)).toEqual([
      'under25',
      'longTermUnemployed',
    ]);

    // Phase 1: strengths first, one need, forecast → Profillage with its reason
    const assessment = profile(on);
    const decision = decideProfileSituation(assessment, { catalogue, by: 'u-1', at: `${on}T10:00:00Z` });
    expect(effectiveProfileSituation(decision)).not.toBe('none');
    expect(decision.derived.explanation.length).toBeGreaterThan(20);
    const needs = needsOf(assessment, catalogue);
    expect(needs.map((n) => n.criterionId)).toEqual(['vocational-qualification']);

    // Phase 2 and 3: goal and strategies for the need
    const goal = goalSchema.parse({
      id: 'g-1',
      caseId: 'c-1',
      type: 'employment',
      description: 'Arbeit als Fachkraft für Lagerlogistik',
      targetOccupation: { kldbCode: '51312', title: 'Fachkraft für Lagerlogistik' },
      createdOn: on,
      createdBy: 'u-1',
      assessmentId: assessment.id,
    });
    const proposals = proposeStrategies(assessment);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]!.keyFactorStrategies.length).toBeGreaterThan(0);

    // measures: § 16h is for under-25s only — the day before and on the 25th birthday
    const facts = (start: string) =>
      eligibilityFactsFor({ person, household, assignments: [] }, { measureStart: start }, on);
    const h16 = (start: string) =>
      evaluateEligibility(defaultMeasureCatalogue, facts(start), { on }).find(
        (r) => r.measureId === 'junge-menschen-16h',
      )!;
    expect(h16('2026-09-14').status).not.toBe('not_eligible');
    expect(h16('2026-09-15').status).toBe('not_eligible');
    expect(h16('2026-09-15').reasons.some((r) => r.severity === 'unmet' && r.ref.includes('16h'))).toBe(true);

    // MAG: long-term unemployed (derived from the person), so up to 12 weeks
    const magFacts = eligibilityFactsFor(
      { person, household, assignments: [], recordedFlags: { seriousPlacementBarriers: false } },
      { measureStart: '2026-03-09', plannedEnd: '2026-05-31' },
      on,
    );
    const mag = evaluateEligibility(defaultMeasureCatalogue, magFacts, { on }).find(
      (r) => r.measureId === 'mag',
    )!;
    expect(mag.status).not.toBe('not_eligible');
    const entry = findCatalogueEntry(defaultMeasureCatalogue, 'mag')!;
    let assignment = unwrap(
      proposeAssignment(
        {
          id: 'm-1',
          caseId: 'c-1',
          entry,
          catalogueVersion: defaultMeasureCatalogue.version,
          needIds: ['vocational-qualification'],
          goalId: goal.id,
          provider: { name: 'Logistikzentrum Torgau GmbH' },
          plannedStart: '2026-03-09',
          plannedEnd: '2026-05-31',
          withLegalConsequencesNotice: false,
          eligibility: mag,
        },
        on,
      ),
    );
    assignment = unwrap(transitionAssignment(assignment, { type: 'assign' }, '2026-03-03'));
    assignment = unwrap(transitionAssignment(assignment, { type: 'start' }, '2026-03-09'));

    // Phase 4: the plan under the Bürgergeld rule set of its date
    const regime = regimeOn(on);
    if (!regime.ok) throw new Error(regime.reason);
    const plan = cooperationPlanSchema.parse({
      id: 'plan-1',
      caseId: 'c-1',
      planDate: on,
      goal: goal.description,
      mainSteps: [{ text: 'Praktikum im Lager (MAG)', dueOn: '2026-05-31', responsible: 'gemeinsam' }],
      points: {
        supportServices: { state: 'answered', text: 'Maßnahme bei einem Arbeitgeber bis 12 Wochen' },
        ownEfforts: { state: 'answered', text: 'Bewerbungen' },
        languageCoursePriority: { state: 'not_applicable' },
        otherAgencies: { state: 'not_applicable' },
        targetActivities: { state: 'answered', text: 'Lager und Logistik' },
        rehabilitationNeed: { state: 'not_applicable' },
      },
      ownEfforts: [
        {
          description: 'Bewerbungen im Lagerbereich',
          frequency: { count: 3, per: 'month' },
          proof: 'bewerbungsliste',
        },
      ],
      measures: [{ assignmentId: assignment.id, measureId: 'mag', title: entry.title }],
      reviewDueOn: '2026-08-31',
    });
    expect(
      missingForHandover(plan, regime.regime, { hasFinalizedAssessment: true, today: plan.planDate }),
    ).toEqual([]);

    // the team lead's review finds nothing …
    const snapshot: QualitySnapshot = {
      caseId: 'c-1',
      person,
      assessment: {
        id: assessment.id,
        status: assessment.status,
        finalizedOn: assessment.finalizedOn,
        strengthCount: assessment.entries.filter((e) => e.strength !== null).length,
        targetOccupation: assessment.targetOccupation?.kldbCode ?? null,
        needs: needs.map((n) => ({ id: n.criterionId, label: n.focus, keyFactor: n.keyFactor })),
      },
      goals: [{ id: goal.id, status: 'open' }],
      plan: { content: plan, handedOverOn: on, lastReviewedOn: null },
      assignments: [
        {
          id: assignment.id,
          title: assignment.measureTitle,
          status: assignment.status,
          ended: false,
          needIds: assignment.needIds,
          hasOutcome: false,
          plannedEnd: assignment.plannedEnd,
        },
      ],
      lastContactOn: on,
      freeTexts: [],
    };
    expect(evaluateQuality(snapshot, '2026-04-01')).toEqual([]);

    // … until the measure ends without an outcome would be documented: the status machine refuses that
    const ended = transitionAssignment(assignment, { type: 'end' } as never, '2026-05-31');
    expect(ended.ok).toBe(false);
  });
});
