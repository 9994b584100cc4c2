import { describe, expect, it } from 'vitest';
import data from '../../../../resources/quality/rules.json' with { type: 'json' };
import { ResourceDataError } from '../common/resource-data';
import { cooperationPlanSchema } from '../plan/cooperation-plan';
import {
  defaultQualityRules,
  evaluateQuality,
  explainRule,
  findDiagnosisTerms,
  parseQualityRules,
  qualityFindingSchema,
  type QualitySnapshot,
  ruleById,
  ruleTitle,
} from './quality-rules';

const ON = '2026-06-15';
const plan = cooperationPlanSchema.parse({
  id: 'plan-1',
  caseId: 'c1',
  planDate: '2026-03-01',
  goal: 'Arbeit im Lager',
  mainSteps: [{ text: 'Staplerschein', responsible: 'person' }],
  points: {
    supportServices: { state: 'answered', text: 'MAG' },
    ownEfforts: { state: 'answered', text: 'siehe unten' },
    languageCoursePriority: { state: 'not_applicable' },
    otherAgencies: { state: 'not_applicable' },
    targetActivities: { state: 'answered', text: 'Lager' },
    rehabilitationNeed: { state: 'not_applicable' },
  },
  ownEfforts: [
    { description: 'Bewerbungen', frequency: { count: 4, per: 'month' }, proof: 'bewerbungsliste' },
  ],
  reviewDueOn: '2026-08-01',
});

/** A well-kept case: no rule finds anything. */
const good = (): QualitySnapshot => ({
  caseId: 'c1',
  person: { birthDate: '1985-04-02' },
  assessment: {
    id: 'as-1',
    status: 'finalized',
    finalizedOn: '2026-02-20',
    strengthCount: 3,
    targetOccupation: '51312',
    needs: [{ id: 'need-1', label: 'Mobilität', keyFactor: 'framework' }],
  },
  goals: [{ id: 'g1', status: 'open' }],
  plan: { content: plan, handedOverOn: '2026-03-01', lastReviewedOn: null },
  assignments: [
    {
      id: 'm1',
      title: 'MAG Lager',
      status: 'ended',
      ended: true,
      needIds: ['need-1'],
      hasOutcome: true,
      plannedEnd: '2026-04-30',
    },
    {
      id: 'm3',
      title: 'Coaching Bewerbung',
      status: 'started',
      ended: false,
      needIds: ['need-1'],
      hasOutcome: false,
      plannedEnd: '2026-12-31',
    },
  ],
  lastContactOn: '2026-05-20',
  freeTexts: [
    {
      section: 'vermerke',
      ref: 'n1',
      label: 'Vermerk „Gespräch“',
      text: 'Kann wegen Rückenbeschwerden nicht schwer heben.',
    },
  ],
});
const ids = (s: QualitySnapshot, on = ON) => evaluateQuality(s, on).map((f) => f.ruleId);

describe('quality rules', () => {
  it('findings match their schema', () => {
    const findings = evaluateQuality({ ...good(), goals: [], lastContactOn: null }, ON);
    expect(findings.length).toBe(2);
    for (const f of findings) expect(qualityFindingSchema.parse(f)).toEqual(f);
  });

  it('a well-kept case has no findings', () => {
    expect(evaluateQuality(good(), ON)).toEqual([]);
  });

  it('an empty case: missing assessment, goal, plan and contact; Mängel first', () => {
    const empty: QualitySnapshot = {
      ...good(),
      assessment: null,
      goals: [],
      plan: null,
      assignments: [],
      lastContactOn: null,
      freeTexts: [],
    };
    const findings = evaluateQuality(empty, ON);
    expect(findings.map((f) => f.ruleId)).toEqual([
      'potenzialanalyse-aktuell',
      'ziel-festgelegt',
      'kooperationsplan-vollstaendig',
      'letzter-kontakt',
    ]);
    expect(findings[0]).toMatchObject({
      severity: 'mangel',
      section: 'profiling',
      message: 'Es gibt keine Potenzialanalyse.',
      ref: null,
    });
  });

  it('assessment: draft, too old (boundary at 12 months), no strengths, unassigned needs, no target occupation', () => {
    const s = good();
    expect(ids({ ...s, assessment: { ...s.assessment!, status: 'draft', finalizedOn: null } })).toEqual([
      'potenzialanalyse-aktuell',
    ]);
    const aged = { ...s, assessment: { ...s.assessment!, finalizedOn: '2025-06-15' } };
    expect(ids(aged, '2026-06-15')).toEqual([]);
    const old = evaluateQuality(aged, '2026-06-16');
    expect(old[0]?.message).toBe('Die Potenzialanalyse vom 15.06.2025 ist älter als 12 Monate.');
    expect(ids({ ...s, assessment: { ...s.assessment!, strengthCount: 0 } })).toEqual(['staerken-erfasst']);
    const loose = evaluateQuality(
      {
        ...s,
        assessment: {
          ...s.assessment!,
          targetOccupation: null,
          needs: [...s.assessment!.needs, { id: 'need-2', label: 'Kinderbetreuung', keyFactor: null }],
        },
      },
      ON,
    );
    expect(loose.map((f) => f.message)).toEqual([
      'Der Handlungsbedarf „Kinderbetreuung“ ist keiner Schlüsselgröße zugeordnet.',
      'Handlungsbedarfe sind erfasst, aber kein Zielberuf, auf den sie sich beziehen.',
    ]);
  });

  it('a dropped goal does not count as a goal', () => {
    expect(ids({ ...good(), goals: [{ id: 'g', status: 'dropped' }] })).toEqual(['ziel-festgelegt']);
  });

  it('plan: open points, missing goal, review overdue (boundary), Eigenbemühungen without proof', () => {
    const s = good();
    const open = cooperationPlanSchema.parse({
      ...plan,
      goal: '',
      points: { ...plan.points, otherAgencies: { state: 'open' } },
    });
    const findings = evaluateQuality({ ...s, plan: { ...s.plan!, content: open } }, ON);
    expect(findings.map((f) => f.message)).toEqual([
      'Im Kooperationsplan fehlt das Ziel.',
      'Leistungen anderer Leistungsträger (Nr. 4) ist nicht beantwortet.',
    ]);
    // the review date agreed in the plan (01.08.2026) comes first
    expect(ids(s, '2026-08-01')).not.toContain('kooperationsplan-ueberprueft');
    expect(
      evaluateQuality(s, '2026-08-02').find((f) => f.ruleId === 'kooperationsplan-ueberprueft')?.message,
    ).toBe('Der im Kooperationsplan vereinbarte Überprüfungstermin am 01.08.2026 ist verstrichen.');
    const noDate = { ...s, plan: { ...s.plan!, content: { ...plan, reviewDueOn: null } } };
    expect(ids(noDate, '2026-09-01')).not.toContain('kooperationsplan-ueberprueft');
    const overdue = evaluateQuality(noDate, '2026-09-02').find(
      (f) => f.ruleId === 'kooperationsplan-ueberprueft',
    );
    expect(overdue?.message).toBe(
      'Der Kooperationsplan wurde am 01.03.2026 erstellt und seitdem nicht überprüft; fällig war die Überprüfung am 01.09.2026.',
    );
    const reviewed = { ...s, plan: { ...s.plan!, lastReviewedOn: '2026-08-01' } };
    expect(ids(reviewed, '2026-08-02')).not.toContain('kooperationsplan-ueberprueft');
    expect(ids(reviewed, '2026-12-01')).not.toContain('kooperationsplan-ueberprueft');
    expect(
      evaluateQuality(reviewed, '2027-02-02').find((f) => f.ruleId === 'kooperationsplan-ueberprueft')
        ?.message,
    ).toContain('zuletzt überprüft');
    const vague = cooperationPlanSchema.parse({ ...plan, ownEfforts: [{ description: 'Bewerben' }] });
    expect(ids({ ...s, plan: { ...s.plan!, content: vague } })).toEqual([
      'eigenbemuehungen-konkret',
      'eigenbemuehungen-konkret',
    ]);
  });

  it('measures: every measure serves a known need, every ended one has an outcome', () => {
    const s = good();
    const findings = evaluateQuality(
      {
        ...s,
        assignments: [
          {
            id: 'm1',
            title: 'AGH',
            status: 'aborted',
            ended: true,
            needIds: [],
            hasOutcome: false,
            plannedEnd: null,
          },
          {
            id: 'm2',
            title: 'Coaching',
            status: 'started',
            ended: false,
            needIds: ['need-x'],
            hasOutcome: false,
            plannedEnd: null,
          },
        ],
      },
      ON,
    );
    expect(findings.map((f) => [f.ruleId, f.ref])).toEqual([
      ['massnahme-ergebnis', 'm1'],
      ['massnahme-dient-bedarf', 'm1'],
      ['massnahme-dient-bedarf', 'm2'],
    ]);
    expect(findings[0]?.message).toBe('Für die beendete Maßnahme „AGH“ ist kein Ergebnis dokumentiert.');
  });

  it('measures: an ended measure whose need a later Fortschreibung dropped is no finding, an open one is', () => {
    const s = good();
    const running = s.assignments.find((a) => a.id === 'm3')!;
    const served = (x: QualitySnapshot) =>
      evaluateQuality(x, ON)
        .filter((f) => f.ruleId === 'massnahme-dient-bedarf')
        .map((f) => f.ref);
    const dropped = { ...running, needIds: ['need-dropped'] };
    expect(served({ ...s, assignments: [dropped] })).toEqual(['m3']);
    expect(served({ ...s, assignments: [{ ...dropped, status: 'proposed' }] })).toEqual(['m3']);
    expect(
      served({ ...s, assignments: [{ ...dropped, status: 'ended', ended: true, hasOutcome: true }] }),
    ).toEqual([]);
    expect(
      served({ ...s, assignments: [{ ...dropped, status: 'aborted', ended: true, hasOutcome: true }] }),
    ).toEqual([]);
  });

  it('measures: a running measure past its planned end without an outcome (boundary: the day after)', () => {
    const s = good();
    const running = s.assignments.find((a) => a.id === 'm3')!;
    const outcomes = (x: QualitySnapshot, on: string) =>
      evaluateQuality(x, on).filter((f) => f.ruleId === 'massnahme-ergebnis');
    // on its planned last day the measure is still in time
    expect(outcomes(s, '2026-12-31')).toEqual([]);
    const late = outcomes(s, '2027-01-01');
    expect(late.map((f) => [f.ref, f.section, f.severity])).toEqual([['m3', 'massnahmen', 'mangel']]);
    expect(late[0]?.message).toBe(
      'Die Maßnahme „Coaching Bewerbung“ läuft über das geplante Ende am 31.12.2026 hinaus, ohne dass ein Ergebnis dokumentiert ist: bitte verlängern oder mit dem Ergebnis beenden oder abbrechen.',
    );
    // without a planned end, not begun, or ended with an outcome: nothing to flag
    const variants: QualitySnapshot['assignments'][number][] = [
      { ...running, plannedEnd: null },
      { ...running, status: 'assigned' },
      { ...running, status: 'proposed' },
      { ...running, status: 'ended', ended: true, hasOutcome: true },
    ];
    for (const v of variants)
      expect(outcomes({ ...s, assignments: [v] }, '2027-06-01'), JSON.stringify(v)).toEqual([]);
  });

  it('contact: three months, two months under 25 (boundaries)', () => {
    const s = { ...good(), lastContactOn: '2026-03-15' };
    expect(ids(s, '2026-06-15')).toEqual([]);
    expect(ids(s, '2026-06-16')).toEqual(['letzter-kontakt']);
    const young = { ...s, person: { birthDate: '2003-01-01' } };
    expect(ids(young, '2026-05-15')).toEqual([]);
    const f = evaluateQuality(young, '2026-05-16');
    expect(f[0]?.message).toBe(
      'Der letzte Kontakt war am 15.03.2026, länger als 2 Monate her (unter 25 Jahre).',
    );
  });

  it('flags diagnosis-like words and ICD codes in free text, not functional limitations', () => {
    const s = good();
    const withDiagnosis = {
      ...s,
      freeTexts: [
        ...s.freeTexts,
        {
          section: 'vermerke' as const,
          ref: 'n2',
          label: 'Vermerk „Gesundheit“',
          text: 'Leidet an Depressionen (F32.1).',
        },
      ],
    };
    const findings = evaluateQuality(withDiagnosis, ON);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'keine-diagnosen', ref: 'n2', section: 'vermerke' });
    expect(findings[0]?.message).toBe(
      'Vermerk „Gesundheit“ enthält diagnoseähnliche Angaben („Depression“, „F32.1“). Bitte nur funktionale Einschränkungen festhalten.',
    );
  });

  it.each([
    ['ADHS wurde festgestellt', ['ADHS']],
    ['ICD-10: F43 laut Attest', ['ICD-10: F43']],
    ['Diabetiker', []],
    ['Sprachniveau B1, Kurs A2', []],
    ['Autobahn A14, Ausfahrt 12', []],
    ['hat ein Krebsrisiko', ['Krebs']],
    ['Stapler-Schein Klasse B', []],
  ])('diagnosis terms in %j', (text, expected) => {
    const rule = defaultQualityRules.rules.find((r) => r.id === 'keine-diagnosen')!;
    const { terms } = rule.params as { terms: string[] };
    expect(findDiagnosisTerms(text, terms, true)).toEqual(expected);
  });

  it('disabled rules are skipped and explanations fill in their parameters', () => {
    const doc = parseQualityRules({
      ...data,
      rules: data.rules.map((r) => (r.id === 'ziel-festgelegt' ? { ...r, enabled: false } : r)),
    });
    expect(evaluateQuality({ ...good(), goals: [] }, ON, doc)).toEqual([]);
    const contact = defaultQualityRules.rules.find((r) => r.id === 'letzter-kontakt')!;
    expect(explainRule(contact)).toBe(
      'Der letzte persönliche Kontakt liegt höchstens 3 Monate zurück, bei unter 25-Jährigen höchstens 2 Monate.',
    );
  });
});

describe('quality rules document', () => {
  const problems = (input: unknown) => {
    try {
      parseQualityRules(input);
      return [];
    } catch (e) {
      if (e instanceof ResourceDataError) return e.problems;
      throw e;
    }
  };

  it('the shipped file is valid', () => {
    expect(problems(data)).toEqual([]);
  });

  it('names file and entry for an unknown rule id', () => {
    const bad = structuredClone(data);
    bad.rules[0]!.id = 'pa-vorhanden';
    try {
      parseQualityRules(bad);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain('quality/rules.json');
      expect((e as ResourceDataError).problems[0]).toBe(
        'rules › Eintrag 1 (id "pa-vorhanden") › id: unbekannte Regel "pa-vorhanden" (für sie gibt es keine Prüfung)',
      );
    }
  });

  it('reports bad parameters, placeholders without parameters, duplicates and missing rules', () => {
    const bad = structuredClone(data) as {
      version: string;
      rules: { id: string; params: Record<string, unknown>; explanation: string }[];
    };
    bad.rules[0]!.params = { maxAgeMonths: 'zwölf' };
    bad.rules[1]!.explanation = 'Mindestens {min} Stärken.';
    bad.rules[2] = { ...bad.rules[3]! };
    expect(problems(bad)).toEqual([
      'rules › Eintrag 4 (id "ziel-festgelegt"): id ist doppelt vergeben',
      expect.stringMatching(/^rules › Eintrag 1 \(id "potenzialanalyse-aktuell"\) › params › maxAgeMonths: /),
      'rules › Eintrag 2 (id "staerken-erfasst") › explanation: Platzhalter {min} hat keinen Parameter',
      'rules: die Regel "handlungsbedarf-zugeordnet" fehlt',
    ]);
  });
});

describe('a rule by its id', () => {
  it('finds the rule and its title; an unknown id has no rule and is its own title', () => {
    expect(ruleById(defaultQualityRules, 'letzter-kontakt')?.id).toBe('letzter-kontakt');
    expect(ruleTitle('letzter-kontakt')).toBe(ruleById(defaultQualityRules, 'letzter-kontakt')!.title);
    expect(ruleById(defaultQualityRules, 'gibt-es-nicht')).toBeUndefined();
    expect(ruleTitle('gibt-es-nicht')).toBe('gibt-es-nicht');
  });
});
