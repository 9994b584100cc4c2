/**
 * The quality dashboard (issue 15 item 1): pure aggregation of per-case facts into the figures a
 * caseworker sees for their own caseload and a team lead for the team, per caseworker. Every
 * figure that counts cases has a drill-down (`QualityDrillDown`) whose list of cases is computed by
 * the SAME predicates (`matchesDrillDown`): the number on the dashboard is the length of the list
 * behind it. Deterministic: "today" is passed in, nothing reads the clock.
 *
 * Definitions (shown on the dashboard and in the CSV):
 * - Fälle: open cases (status aktiv or ruhend) in the scope; closed cases are left out.
 * - Überprüfung fällig: the plan's next review (case.nextReviewOn) is today or within the next
 *   REVIEW_DUE_DAYS days; überfällig: it is before today (as "Mein Bestand" marks it).
 * - Kontaktdichte: documented contacts that reached the person (Kontakthistorie, reached = true)
 *   whose day (Europe/Berlin) lies in the last CONTACT_WINDOW_MONTHS months (after the same day
 *   three months ago, up to today), divided by the number of cases. "Ohne Kontakt" counts the cases
 *   with no such contact in that window.
 * - Maßnahmen ohne Ergebnis: assignments ended or aborted without a documented outcome; überfällig:
 *   started and past their planned end without an end recorded (the rule massnahme-ergebnis flags
 *   both, with the same boundary).
 * - Verlauf: for each of the last 12 calendar months (the current one included), contacts reached,
 *   measures begun (startedOn), measures ended or aborted (endedOn) and plans handed over, from the
 *   dated records of the cases in the store. Nothing else is stored per month: there is no history
 *   of findings or caseload sizes, so the dashboard shows none. Cases no longer in the local store
 *   (closed and removed, moved to another team) are not in these counts.
 */
import { z } from 'zod';
import { addDays, addMonths, formatGermanDate, type IsoDate } from '../common/dates';
import type { AssignmentStatus } from '../measures/assignment';
import { PHASES, type Phase } from '../case/case';
import { SEVERITIES, SEVERITY_LABELS, type QualityRulesDocument, type Severity } from './quality-rules';

export const CONTACT_WINDOW_MONTHS = 3;
export const REVIEW_DUE_DAYS = 28;
export const TREND_MONTHS = 12;

/** What the dashboard needs of one case (assembled by the caller from the store and the rules). */
export interface DashboardCase {
  readonly caseId: string;
  readonly caseworkerId: string;
  readonly phase: Phase;
  readonly nextReviewOn: IsoDate | null;
  /** The case's findings by the domain's quality rules (evaluateQuality) on the same day. */
  readonly findings: readonly { readonly ruleId: string; readonly severity: Severity }[];
  /** Days (Europe/Berlin) of the documented contacts that reached the person. */
  readonly contactDays: readonly IsoDate[];
  readonly assignments: readonly {
    readonly status: AssignmentStatus;
    readonly startedOn: IsoDate | null;
    readonly endedOn: IsoDate | null;
    readonly plannedEnd: IsoDate | null;
    readonly hasOutcome: boolean;
  }[];
  /** Days the case's plans were handed over. */
  readonly handoverDays: readonly IsoDate[];
}

/** Figures that count cases (drill-down lists these cases). */
export const CASE_MEASURES = [
  'all',
  'withFindings',
  'reviewDue',
  'reviewOverdue',
  'noRecentContact',
  'measureWithoutOutcome',
  'measureOverdue',
] as const;
/** Monthly trend series (drill-down: the cases with at least one such event in the month). */
export const TREND_SERIES = ['contacts', 'measuresBegun', 'measuresEnded', 'plansHandedOver'] as const;
export type CaseMeasure = (typeof CASE_MEASURES)[number];
export type TrendSeries = (typeof TREND_SERIES)[number];

export const CASE_MEASURE_LABELS: Readonly<Record<CaseMeasure, string>> = {
  all: 'Fälle',
  withFindings: 'Fälle mit Prüfhinweisen',
  reviewDue: `Überprüfung fällig (${REVIEW_DUE_DAYS} Tage)`,
  reviewOverdue: 'Überprüfung überfällig',
  noRecentContact: `Ohne Kontakt seit ${CONTACT_WINDOW_MONTHS} Monaten`,
  measureWithoutOutcome: 'Maßnahmen ohne Ergebnis',
  measureOverdue: 'Maßnahmen über das geplante Ende',
};
export const TREND_SERIES_LABELS: Readonly<Record<TrendSeries, string>> = {
  contacts: 'Kontakte',
  measuresBegun: 'Maßnahmen begonnen',
  measuresEnded: 'Maßnahmen beendet',
  plansHandedOver: 'Pläne ausgehändigt',
};

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Monat im Format JJJJ-MM.' });
const phaseSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

/**
 * Which cases a number on the dashboard stands for: all conditions given must hold. A rule and/or a
 * severity select the cases with such a finding; a trend series needs its month.
 */
export const qualityDrillDownSchema = z
  .strictObject({
    caseworkerId: z.string().min(1).max(200).optional(),
    measure: z.enum(CASE_MEASURES).optional(),
    ruleId: z.string().min(1).max(100).optional(),
    severity: z.enum(SEVERITIES).optional(),
    phase: phaseSchema.optional(),
    series: z.enum(TREND_SERIES).optional(),
    month: monthSchema.optional(),
  })
  .refine((d) => (d.series === undefined) === (d.month === undefined), {
    message: 'Verlauf und Monat gehören zusammen.',
    path: ['month'],
  });
export type QualityDrillDown = z.output<typeof qualityDrillDownSchema>;

const tallySchema = z.object({ count: z.number().int().min(0), cases: z.number().int().min(0) });
export type Tally = z.output<typeof tallySchema>;
const countSchema = z.number().int().min(0);

export const qualityFiguresSchema = z.object({
  cases: countSchema,
  phases: z.object({ 1: countSchema, 2: countSchema, 3: countSchema, 4: countSchema }),
  withFindings: countSchema,
  findings: countSchema,
  severities: z.object({ hinweis: tallySchema, warnung: tallySchema, mangel: tallySchema }),
  /** Per rule id of the rules document (every rule, zeros included). */
  rules: z.record(z.string(), tallySchema),
  reviewDue: countSchema,
  reviewOverdue: countSchema,
  /** Contacts reached in the window (count) and the cases with at least one. */
  contacts: tallySchema,
  /** contacts.count per case (0 without cases), not rounded. */
  contactsPerCase: z.number().min(0),
  noRecentContact: countSchema,
  measureWithoutOutcome: tallySchema,
  measureOverdue: tallySchema,
});
export type QualityFigures = z.output<typeof qualityFiguresSchema>;

export const qualityDashboardSchema = z.object({
  on: z.string(),
  /** First day of the contact window and last day of "review due". */
  contactsSince: z.string(),
  reviewDueUntil: z.string(),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      title: z.string(),
      severity: z.enum(SEVERITIES),
      section: z.string(),
      enabled: z.boolean(),
    }),
  ),
  total: qualityFiguresSchema,
  caseworkers: z.array(z.object({ caseworkerId: z.string(), figures: qualityFiguresSchema })),
  trends: z.array(
    z.object({
      month: monthSchema,
      contacts: tallySchema,
      measuresBegun: tallySchema,
      measuresEnded: tallySchema,
      plansHandedOver: tallySchema,
    }),
  ),
});
export type QualityDashboard = z.output<typeof qualityDashboardSchema>;

/** The day after which contacts count as recent (exclusive) and the last day of "review due". */
export function dashboardWindow(on: IsoDate): { contactsAfter: IsoDate; reviewDueUntil: IsoDate } {
  return {
    contactsAfter: addMonths(on, -CONTACT_WINDOW_MONTHS),
    reviewDueUntil: addDays(on, REVIEW_DUE_DAYS),
  };
}

/** The last TREND_MONTHS calendar months up to the month of `on`, oldest first ('JJJJ-MM'). */
export function trendMonths(on: IsoDate): string[] {
  const first = `${on.slice(0, 7)}-01`;
  return Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(first, i - (TREND_MONTHS - 1)).slice(0, 7));
}

const ENDED: ReadonlySet<AssignmentStatus> = new Set(['ended', 'aborted']);

type Window = ReturnType<typeof dashboardWindow>;
type Assignment = DashboardCase['assignments'][number];
const withoutOutcome = (a: Assignment) => ENDED.has(a.status) && !a.hasOutcome;
const overdueMeasure = (on: IsoDate) => (a: Assignment) =>
  a.status === 'started' && a.plannedEnd !== null && a.plannedEnd < on;
const recent = (w: Window, on: IsoDate) => (d: IsoDate) => d > w.contactsAfter && d <= on;

/** Events of a trend series in one case, by day. */
function seriesDays(c: DashboardCase, series: TrendSeries): readonly (IsoDate | null)[] {
  switch (series) {
    case 'contacts':
      return c.contactDays;
    case 'measuresBegun':
      return c.assignments.map((a) => a.startedOn);
    case 'measuresEnded':
      return c.assignments.map((a) => (ENDED.has(a.status) ? a.endedOn : null));
    case 'plansHandedOver':
      return c.handoverDays;
  }
}

function measureHolds(c: DashboardCase, measure: CaseMeasure, on: IsoDate, w: Window): boolean {
  switch (measure) {
    case 'all':
      return true;
    case 'withFindings':
      return c.findings.length > 0;
    case 'reviewDue':
      return c.nextReviewOn !== null && c.nextReviewOn >= on && c.nextReviewOn <= w.reviewDueUntil;
    case 'reviewOverdue':
      return c.nextReviewOn !== null && c.nextReviewOn < on;
    case 'noRecentContact':
      return !c.contactDays.some(recent(w, on));
    case 'measureWithoutOutcome':
      return c.assignments.some(withoutOutcome);
    case 'measureOverdue':
      return c.assignments.some(overdueMeasure(on));
  }
}

/** Whether a case belongs to the list behind a number of the dashboard. */
export function matchesDrillDown(c: DashboardCase, d: QualityDrillDown, on: IsoDate): boolean {
  const w = dashboardWindow(on);
  if (d.caseworkerId !== undefined && c.caseworkerId !== d.caseworkerId) return false;
  if (d.phase !== undefined && c.phase !== d.phase) return false;
  if (d.measure !== undefined && !measureHolds(c, d.measure, on, w)) return false;
  if (
    (d.ruleId !== undefined || d.severity !== undefined) &&
    !c.findings.some(
      (f) =>
        (d.ruleId === undefined || f.ruleId === d.ruleId) &&
        (d.severity === undefined || f.severity === d.severity),
    )
  )
    return false;
  if (d.series !== undefined && d.month !== undefined) {
    const month = d.month;
    const inMonth = (day: IsoDate | null) => day !== null && day <= on && day.startsWith(month);
    if (!seriesDays(c, d.series).some(inMonth)) return false;
  }
  return true;
}

function emptyFigures(ruleIds: readonly string[]): QualityFigures {
  const tally = () => ({ count: 0, cases: 0 });
  return {
    cases: 0,
    phases: { 1: 0, 2: 0, 3: 0, 4: 0 },
    withFindings: 0,
    findings: 0,
    severities: { hinweis: tally(), warnung: tally(), mangel: tally() },
    rules: Object.fromEntries(ruleIds.map((id) => [id, tally()])),
    reviewDue: 0,
    reviewOverdue: 0,
    contacts: tally(),
    contactsPerCase: 0,
    noRecentContact: 0,
    measureWithoutOutcome: tally(),
    measureOverdue: tally(),
  };
}

function addCase(f: QualityFigures, c: DashboardCase, on: IsoDate, w: Window): void {
  f.cases += 1;
  f.phases[c.phase] += 1;
  if (c.findings.length > 0) f.withFindings += 1;
  f.findings += c.findings.length;
  const severities = new Set<Severity>();
  const rules = new Set<string>();
  for (const finding of c.findings) {
    f.severities[finding.severity].count += 1;
    severities.add(finding.severity);
    const rule = (f.rules[finding.ruleId] ??= { count: 0, cases: 0 });
    rule.count += 1;
    rules.add(finding.ruleId);
  }
  for (const s of severities) f.severities[s].cases += 1;
  for (const r of rules) f.rules[r]!.cases += 1;
  if (measureHolds(c, 'reviewDue', on, w)) f.reviewDue += 1;
  if (measureHolds(c, 'reviewOverdue', on, w)) f.reviewOverdue += 1;
  const contacts = c.contactDays.filter(recent(w, on)).length;
  f.contacts.count += contacts;
  if (contacts > 0) f.contacts.cases += 1;
  else f.noRecentContact += 1;
  const noOutcome = c.assignments.filter(withoutOutcome).length;
  f.measureWithoutOutcome.count += noOutcome;
  if (noOutcome > 0) f.measureWithoutOutcome.cases += 1;
  const overdue = c.assignments.filter(overdueMeasure(on)).length;
  f.measureOverdue.count += overdue;
  if (overdue > 0) f.measureOverdue.cases += 1;
}

/**
 * The dashboard of a set of cases: totals, the same figures per caseworker (sorted by id), and the
 * monthly trends of the last 12 months.
 */
export function aggregateQuality(
  cases: readonly DashboardCase[],
  on: IsoDate,
  doc: QualityRulesDocument,
): QualityDashboard {
  const w = dashboardWindow(on);
  const ruleIds = doc.rules.map((r) => r.id);
  const total = emptyFigures(ruleIds);
  const perCaseworker = new Map<string, QualityFigures>();
  const months = trendMonths(on);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const trends = months.map((month) => ({
    month,
    contacts: { count: 0, cases: 0 },
    measuresBegun: { count: 0, cases: 0 },
    measuresEnded: { count: 0, cases: 0 },
    plansHandedOver: { count: 0, cases: 0 },
  }));
  for (const c of cases) {
    addCase(total, c, on, w);
    let mine = perCaseworker.get(c.caseworkerId);
    if (!mine) {
      mine = emptyFigures(ruleIds);
      perCaseworker.set(c.caseworkerId, mine);
    }
    addCase(mine, c, on, w);
    for (const series of TREND_SERIES) {
      const seen = new Set<number>();
      for (const day of seriesDays(c, series)) {
        if (day === null || day > on) continue;
        const i = monthIndex.get(day.slice(0, 7));
        if (i === undefined) continue;
        trends[i]![series].count += 1;
        seen.add(i);
      }
      for (const i of seen) trends[i]![series].cases += 1;
    }
  }
  const finish = (f: QualityFigures): QualityFigures => ({
    ...f,
    contactsPerCase: f.cases === 0 ? 0 : f.contacts.count / f.cases,
  });
  return {
    on,
    contactsSince: addDays(w.contactsAfter, 1),
    reviewDueUntil: w.reviewDueUntil,
    rules: doc.rules.map((r) => ({
      ruleId: r.id,
      title: r.title,
      severity: r.severity,
      section: r.section,
      enabled: r.enabled,
    })),
    total: finish(total),
    caseworkers: [...perCaseworker.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([caseworkerId, figures]) => ({ caseworkerId, figures: finish(figures) })),
    trends,
  };
}

/**
 * The cases behind a number of the dashboard. Trend events are counted up to today only (a day after
 * `on` is not history); the drill-down of a trend month lists the cases with such an event.
 */
export function casesForDrillDown<C extends DashboardCase>(
  cases: readonly C[],
  d: QualityDrillDown,
  on: IsoDate,
): C[] {
  return cases.filter((c) => matchesDrillDown(c, d, on));
}

/** The phases in order, for tables and charts. */
export const DASHBOARD_PHASES: readonly Phase[] = PHASES;

/** German number in a CSV cell: decimal comma, no thousands separator (spreadsheets read it as a number). */
function csvNumber(n: number, fractionDigits = 0): string {
  return n.toFixed(fractionDigits).replace('.', ',');
}

function csvCell(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The dashboard's figures per caseworker (and the total) as German CSV: UTF-8 with BOM (Excel),
 * semicolons, CRLF, decimal commas. Caseworkers appear by their user id only, no names; no case or
 * person data.
 */
export function qualityDashboardCsv(d: QualityDashboard, label: (caseworkerId: string) => string): string {
  const rules = d.rules.filter((r) => r.enabled);
  const header = [
    'Fachkraft',
    'Fälle',
    ...DASHBOARD_PHASES.map((p) => `Phase ${p}`),
    'Fälle mit Prüfhinweisen',
    'Prüfhinweise',
    ...SEVERITIES.slice()
      .reverse()
      .map((s) => `Prüfhinweise ${SEVERITY_LABELS[s]}`),
    ...rules.map((r) => `Regel: ${r.title}`),
    `Überprüfung fällig bis ${formatGermanDate(d.reviewDueUntil)}`,
    'Überprüfung überfällig',
    `Kontakte seit ${formatGermanDate(d.contactsSince)}`,
    'Kontakte je Fall',
    'Fälle ohne Kontakt',
    'Maßnahmen ohne Ergebnis',
    'Maßnahmen über das geplante Ende',
  ];
  const row = (name: string, f: QualityFigures) => [
    name,
    csvNumber(f.cases),
    ...DASHBOARD_PHASES.map((p) => csvNumber(f.phases[p])),
    csvNumber(f.withFindings),
    csvNumber(f.findings),
    ...SEVERITIES.slice()
      .reverse()
      .map((s) => csvNumber(f.severities[s].count)),
    ...rules.map((r) => csvNumber(f.rules[r.ruleId]?.count ?? 0)),
    csvNumber(f.reviewDue),
    csvNumber(f.reviewOverdue),
    csvNumber(f.contacts.count),
    csvNumber(f.contactsPerCase, 2),
    csvNumber(f.noRecentContact),
    csvNumber(f.measureWithoutOutcome.count),
    csvNumber(f.measureOverdue.count),
  ];
  const lines = [
    header,
    ...d.caseworkers.map((c) => row(label(c.caseworkerId), c.figures)),
    row('Gesamt', d.total),
  ];
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(';')).join('\r\n') + '\r\n';
}
