/**
 * Domain core speed: the measure wizard checks the whole catalogue on every change of a planned
 * date, and the team lead's dashboard evaluates every quality rule for a team of ~2,000 cases.
 */
import { addDays, addMonths, type IsoDate } from '../../../src/shared/domain/common/dates';
import { personSchema } from '../../../src/shared/domain/case/person';
import {
  defaultMeasureCatalogue,
  eligibilityFactsFor,
  evaluateEligibility,
} from '../../../src/shared/domain/measures';
import { cooperationPlanSchema } from '../../../src/shared/domain/plan/cooperation-plan';
import { evaluateQuality, type QualitySnapshot } from '../../../src/shared/domain/quality/quality-rules';
import { defineBench } from '../types';

const ON: IsoDate = '2026-11-23';
const EVALUATIONS = 200;
const TEAM = 2_000;

function perCallMs(fn: () => unknown, calls: number): number {
  const started = performance.now();
  for (let i = 0; i < calls; i += 1) fn();
  return (performance.now() - started) / calls;
}

const person = personSchema.parse({
  id: 'p-bench',
  customerNumber: '000A000000',
  firstName: 'Bench',
  lastName: 'Mark',
  birthDate: '1990-05-05',
  germanLevel: 'B1',
  unemployedSince: '2024-02-01',
  benefitPeriods: [{ from: '2019-01-01', to: null }],
});
const facts = eligibilityFactsFor(
  {
    person,
    household: null,
    assignments: [
      { measureId: 'agh', startedOn: '2022-01-01', endedOn: '2022-12-31' },
      { measureId: 'mag', startedOn: '2025-03-01', endedOn: '2025-04-11' },
    ],
    jobStartDate: null,
  },
  { measureStart: addDays(ON, 7), plannedEnd: addMonths(ON, 3) },
  ON,
);

function teamSnapshots(): QualitySnapshot[] {
  const plan = cooperationPlanSchema.parse({
    id: 'plan',
    caseId: 'c',
    planDate: '2026-06-01',
    goal: 'Arbeit im Lager',
    mainSteps: [{ text: 'Staplerschein', responsible: 'person' }],
    points: { supportServices: { state: 'answered', text: 'MAG' } },
    ownEfforts: [
      { description: 'Bewerbungen', frequency: { count: 4, per: 'month' }, proof: 'bewerbungsliste' },
    ],
    reviewDueOn: '2026-12-01',
  });
  return Array.from({ length: TEAM }, (_, i) => ({
    caseId: `c-${i}`,
    person: { birthDate: addDays('1970-01-01', (i * 97) % 15_000) },
    assessment:
      i % 10 === 0
        ? null
        : {
            id: `as-${i}`,
            status: 'finalized' as const,
            finalizedOn: addDays('2025-06-01', i % 500),
            strengthCount: i % 7,
            targetOccupation: i % 5 === 0 ? null : '51312',
            needs: [{ id: 'need', label: 'Qualifikation', keyFactor: i % 13 === 0 ? null : 'qualification' }],
          },
    goals: i % 8 === 0 ? [] : [{ id: `g-${i}`, status: 'open' as const }],
    plan: i % 6 === 0 ? null : { content: plan, handedOverOn: '2026-06-01', lastReviewedOn: null },
    assignments: [
      {
        id: `m-${i}`,
        title: 'MAG',
        status: 'ended',
        ended: true,
        needIds: ['need'],
        hasOutcome: i % 3 !== 0,
        plannedEnd: null,
      },
    ],
    lastContactOn: addDays('2026-05-01', i % 200),
    freeTexts: [
      {
        section: 'vermerke' as const,
        ref: `n-${i}`,
        label: 'Vermerk',
        text:
          i % 50 === 0
            ? 'Hat eine Depression.'
            : 'Bewerbungen besprochen, Lebenslauf aktualisiert, Termin vereinbart.',
      },
    ],
  }));
}

export default [
  defineBench({
    name: 'domain.eligibility_catalogue',
    params: { entries: defaultMeasureCatalogue.entries.length },
    unit: 'ms/evaluation',
    run: () => perCallMs(() => evaluateEligibility(defaultMeasureCatalogue, facts, { on: ON }), EVALUATIONS),
  }),
  defineBench({
    name: 'domain.quality_team',
    params: { cases: TEAM },
    unit: 'ms',
    setup: teamSnapshots,
    run: (snapshots) => {
      for (const s of snapshots) evaluateQuality(s, ON);
    },
  }),
];
