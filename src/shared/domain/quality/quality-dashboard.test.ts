import { describe, expect, it } from 'vitest';
import {
  aggregateQuality,
  CASE_MEASURES,
  casesForDrillDown,
  dashboardWindow,
  qualityDashboardCsv,
  qualityDrillDownSchema,
  TREND_SERIES,
  trendMonths,
  type DashboardCase,
  type QualityDrillDown,
} from './quality-dashboard';
import { defaultQualityRules, SEVERITIES } from './quality-rules';

const ON = '2026-03-15';

function aCase(overrides: Partial<DashboardCase> & { caseId: string }): DashboardCase {
  return {
    caseworkerId: 'ifk-1',
    phase: 1,
    nextReviewOn: null,
    findings: [],
    contactDays: [],
    assignments: [],
    handoverDays: [],
    ...overrides,
  };
}

const CASES: DashboardCase[] = [
  aCase({
    caseId: 'a',
    phase: 4,
    nextReviewOn: '2026-03-01', // overdue
    findings: [
      { ruleId: 'kooperationsplan-ueberprueft', severity: 'warnung' },
      { ruleId: 'keine-diagnosen', severity: 'mangel' },
      { ruleId: 'keine-diagnosen', severity: 'mangel' },
    ],
    contactDays: ['2026-03-10', '2026-02-01', '2025-12-15', '2025-12-14'], // 12-15 (three months ago) and before: out of the window
    assignments: [
      {
        status: 'ended',
        startedOn: '2026-01-05',
        endedOn: '2026-02-20',
        plannedEnd: null,
        hasOutcome: false,
      },
      {
        status: 'started',
        startedOn: '2026-02-02',
        endedOn: null,
        plannedEnd: '2026-03-14',
        hasOutcome: false,
      },
    ],
    handoverDays: ['2026-03-02', '2024-01-10'],
  }),
  aCase({
    caseId: 'b',
    caseworkerId: 'ifk-2',
    phase: 2,
    nextReviewOn: '2026-04-12', // due: within 28 days (until 2026-04-12)
    findings: [{ ruleId: 'ziel-festgelegt', severity: 'warnung' }],
    contactDays: ['2026-03-20'], // after today: not history
    assignments: [
      { status: 'aborted', startedOn: null, endedOn: '2026-03-01', plannedEnd: null, hasOutcome: true },
      {
        status: 'started',
        startedOn: '2026-03-01',
        endedOn: null,
        plannedEnd: '2026-03-15',
        hasOutcome: false,
      },
    ],
  }),
  aCase({ caseId: 'c', caseworkerId: 'ifk-2', phase: 2, nextReviewOn: '2026-04-13' }),
];

describe('dashboard windows', () => {
  it('counts contacts after the same day three months ago, reviews due within 28 days', () => {
    expect(dashboardWindow(ON)).toEqual({ contactsAfter: '2025-12-15', reviewDueUntil: '2026-04-12' });
  });
  it('lists the last 12 months oldest first, the current one included', () => {
    expect(trendMonths('2026-01-31')).toEqual([
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
    ]);
  });
});

describe('aggregateQuality', () => {
  const d = aggregateQuality(CASES, ON, defaultQualityRules);

  it('counts cases, phases, findings by severity and rule (findings and cases)', () => {
    expect(d.total.cases).toBe(3);
    expect(d.total.phases).toEqual({ 1: 0, 2: 2, 3: 0, 4: 1 });
    expect(d.total.withFindings).toBe(2);
    expect(d.total.findings).toBe(4);
    expect(d.total.severities).toEqual({
      hinweis: { count: 0, cases: 0 },
      warnung: { count: 2, cases: 2 },
      mangel: { count: 2, cases: 1 },
    });
    expect(d.total.rules['keine-diagnosen']).toEqual({ count: 2, cases: 1 });
    expect(d.total.rules['staerken-erfasst']).toEqual({ count: 0, cases: 0 });
    expect(Object.keys(d.total.rules)).toEqual(defaultQualityRules.rules.map((r) => r.id));
  });

  it('counts reviews due and overdue, contact density and measures without outcome', () => {
    expect(d.total.reviewOverdue).toBe(1);
    expect(d.total.reviewDue).toBe(1);
    expect(d.total.contacts).toEqual({ count: 2, cases: 1 });
    expect(d.total.contactsPerCase).toBeCloseTo(2 / 3, 10);
    expect(d.total.noRecentContact).toBe(2);
    expect(d.total.measureWithoutOutcome).toEqual({ count: 1, cases: 1 });
    // started, planned end before today (2026-03-14); the one ending today is not overdue
    expect(d.total.measureOverdue).toEqual({ count: 1, cases: 1 });
    expect(d.contactsSince).toBe('2025-12-16');
  });

  it('gives the same figures per caseworker, sorted by id', () => {
    expect(d.caseworkers.map((c) => c.caseworkerId)).toEqual(['ifk-1', 'ifk-2']);
    const two = d.caseworkers[1]!.figures;
    expect(two.cases).toBe(2);
    expect(two.contactsPerCase).toBe(0);
    expect(two.reviewDue).toBe(1);
    expect(d.caseworkers[0]!.figures.findings + two.findings).toBe(d.total.findings);
  });

  it('derives monthly trends from dated records up to today only', () => {
    expect(d.trends).toHaveLength(12);
    const month = (m: string) => d.trends.find((t) => t.month === m)!;
    expect(month('2026-03').contacts).toEqual({ count: 1, cases: 1 }); // 03-20 is after today
    expect(month('2025-12').contacts).toEqual({ count: 2, cases: 1 });
    expect(month('2026-03').measuresBegun).toEqual({ count: 1, cases: 1 });
    expect(month('2026-02').measuresEnded).toEqual({ count: 1, cases: 1 });
    expect(month('2026-03').measuresEnded).toEqual({ count: 1, cases: 1 });
    expect(month('2026-03').plansHandedOver).toEqual({ count: 1, cases: 1 });
    // 2024 is outside the 12 months
    expect(d.trends.reduce((n, t) => n + t.plansHandedOver.count, 0)).toBe(1);
  });

  it('is deterministic and empty without cases', () => {
    expect(aggregateQuality(CASES, ON, defaultQualityRules)).toEqual(d);
    const empty = aggregateQuality([], ON, defaultQualityRules);
    expect(empty.total.cases).toBe(0);
    expect(empty.total.contactsPerCase).toBe(0);
    expect(empty.caseworkers).toEqual([]);
  });
});

describe('drill-down', () => {
  const d = aggregateQuality(CASES, ON, defaultQualityRules);
  const ids = (drill: QualityDrillDown) => casesForDrillDown(CASES, drill, ON).map((c) => c.caseId);

  it('lists exactly the cases behind every case figure, per caseworker too', () => {
    const figure = {
      all: (f: typeof d.total) => f.cases,
      withFindings: (f: typeof d.total) => f.withFindings,
      reviewDue: (f: typeof d.total) => f.reviewDue,
      reviewOverdue: (f: typeof d.total) => f.reviewOverdue,
      noRecentContact: (f: typeof d.total) => f.noRecentContact,
      measureWithoutOutcome: (f: typeof d.total) => f.measureWithoutOutcome.cases,
      measureOverdue: (f: typeof d.total) => f.measureOverdue.cases,
    };
    for (const measure of CASE_MEASURES) {
      expect(ids({ measure }), measure).toHaveLength(figure[measure](d.total));
      for (const c of d.caseworkers)
        expect(ids({ measure, caseworkerId: c.caseworkerId })).toHaveLength(figure[measure](c.figures));
    }
    for (const rule of defaultQualityRules.rules)
      expect(ids({ ruleId: rule.id })).toHaveLength(d.total.rules[rule.id]!.cases);
    for (const severity of SEVERITIES)
      expect(ids({ severity })).toHaveLength(d.total.severities[severity].cases);
    for (const phase of [1, 2, 3, 4] as const) expect(ids({ phase })).toHaveLength(d.total.phases[phase]);
    for (const t of d.trends)
      for (const series of TREND_SERIES)
        expect(ids({ series, month: t.month })).toHaveLength(t[series].cases);
  });

  it('combines conditions', () => {
    expect(ids({ ruleId: 'keine-diagnosen', severity: 'warnung' })).toEqual([]);
    expect(ids({ ruleId: 'keine-diagnosen', severity: 'mangel' })).toEqual(['a']);
    expect(ids({ caseworkerId: 'ifk-2', phase: 2, measure: 'reviewDue' })).toEqual(['b']);
    expect(ids({ series: 'contacts', month: '2026-03' })).toEqual(['a']);
  });

  it('validates drill-down input: a series needs its month, no unknown keys', () => {
    expect(qualityDrillDownSchema.safeParse({ series: 'contacts' }).success).toBe(false);
    expect(qualityDrillDownSchema.safeParse({ month: '2026-13' }).success).toBe(false);
    expect(qualityDrillDownSchema.safeParse({ phase: 5 }).success).toBe(false);
    expect(qualityDrillDownSchema.safeParse({ name: 'x' }).success).toBe(false);
    expect(qualityDrillDownSchema.safeParse({ series: 'contacts', month: '2026-03' }).success).toBe(true);
  });
});

describe('qualityDashboardCsv', () => {
  const d = aggregateQuality(CASES, ON, defaultQualityRules);
  const csv = qualityDashboardCsv(d, (id) => (id === 'ifk-1' ? 'Fachkraft; "A"' : id));
  const lines = csv.slice(1).split('\r\n');

  it('is German CSV: BOM, semicolons, CRLF, decimal commas, German dates', () => {
    expect(csv.startsWith('\uFEFFFachkraft;Fälle;Phase 1;')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines[0]).toContain('Überprüfung fällig bis 12.04.2026');
    expect(lines[0]).toContain('Kontakte seit 16.12.2025');
    const header = lines[0]!.split(';');
    const total = lines[3]!.split(';');
    expect(total[0]).toBe('Gesamt');
    expect(total[header.indexOf('Kontakte je Fall')]).toBe('0,67');
    expect(total[header.indexOf('Prüfhinweise Mangel')]).toBe('2');
    expect(header).toHaveLength(total.length);
  });

  it('quotes cells with separators and has one row per caseworker plus the total', () => {
    expect(lines[1]!.startsWith('"Fachkraft; ""A""";')).toBe(true);
    expect(lines.filter((l) => l !== '')).toHaveLength(4);
  });
});
