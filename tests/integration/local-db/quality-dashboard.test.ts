/**
 * The quality dashboard (issue 15 item 1) through the real IPC dispatch on an encrypted store with
 * the app's demo data (200 cases, seed 2026, as seeded on first start and in the e2e suite), spread
 * over a team of three caseworkers.
 *
 * - Rule test: every quality rule has an open demo case that triggers it and one that does not.
 * - The dashboard's counts agree with evaluateQuality run independently on the generator's records
 *   (not read back from the store) for the whole demo team, per rule, severity and caseworker.
 * - Scope: own caseload for a caseworker, team refused for a caseworker, team grouped per
 *   caseworker for a team lead; invalid input refused; every drill-down lists as many cases as the
 *   number it stands for; a write moves the figures (no stale cache).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCases, type DemoCase } from '../../../src/shared/demo/demo-data';
import { nodeSha256, seedDemoData } from '../../../src/main/features/demo/seed-demo';
import { createCaseDigests, qualitySnapshotOf } from '../../../src/main/features/cases/caseload';
import { createQualityDashboard } from '../../../src/main/features/quality/quality-dashboard.service';
import {
  CASE_MEASURES,
  TREND_SERIES,
  type QualityDrillDown,
} from '../../../src/shared/domain/quality/quality-dashboard';
import {
  defaultQualityRules,
  evaluateQuality,
  SEVERITIES,
  type QualityFinding,
} from '../../../src/shared/domain/quality/quality-rules';
import type { QualityDashboardDto } from '../../../src/shared/ipc/contract';
import { assignmentSchema } from '../../../src/shared/domain/measures/assignment';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';

const TODAY = '2026-11-23';
const DEMO = { cases: 200, seed: 2026, today: TODAY, sha256: nodeSha256 } as const;
const TEAM = ['ifk-7', 'ifk-8', 'ifk-9'];

type Rec = { id: string; caseId: string } & Record<string, unknown>;
const withCase = (caseId: string, records: readonly { id: string }[]) =>
  records.map((r) => ({ ...r, caseId }) as Rec);

/** The findings of a generated case, straight from the generator's records and the domain. */
function findingsOf(d: DemoCase): QualityFinding[] {
  const caseId = d.case.id;
  return evaluateQuality(
    qualitySnapshotOf({
      case: { id: caseId, lastContactOn: d.case.lastContactOn ?? null },
      person: { birthDate: d.person.birthDate! },
      assessments: withCase(caseId, d.assessments) as never,
      goals: withCase(caseId, d.goals) as never,
      plans: withCase(caseId, d.plans) as never,
      handovers: withCase(caseId, d.handovers) as never,
      assignments: withCase(caseId, d.assignments) as never,
      notes: withCase(caseId, d.notes).filter((n) => n['restricted'] !== true) as never,
    }),
    TODAY,
  );
}

const generated = [...generateDemoCases({ ...DEMO, caseworkers: TEAM })];
const open = generated.filter((d) => d.case.status !== 'abgeschlossen');

let lead: WriteBackend;
let caseworker: WriteBackend;

beforeAll(async () => {
  const clockStart = `${TODAY}T09:00:00.000Z`;
  lead = await createWriteBackend({ clockStart, stepMs: 0, role: 'team_lead' });
  caseworker = await createWriteBackend({ clockStart, stepMs: 0 });
  for (const b of [lead, caseworker]) seedDemoData(b.t.raw, { ...DEMO, caseworkers: TEAM });
}, 60_000);

afterAll(async () => {
  await lead?.t.destroy();
  await caseworker?.t.destroy();
});

describe('quality rules against the demo data', () => {
  /**
   * The demo data has each rule's case on purpose (demo-4pm.ts, without extra draws from the random
   * stream): a plan draft whose own effort lacks its proof or frequency (eigenbemuehungen-konkret),
   * a Fortschreibung after the plan that no longer sees the need a running measure serves
   * (massnahme-dient-bedarf), a measure that runs past its planned end without an outcome
   * (massnahme-ergebnis).
   */
  it('every rule has an open demo case that triggers it and one that does not', () => {
    const perCase = open.map(findingsOf);
    const hits = Object.fromEntries(
      defaultQualityRules.rules.map((rule) => [
        rule.id,
        perCase.filter((f) => f.some((x) => x.ruleId === rule.id)).length,
      ]),
    );
    expect(Object.keys(hits)).toHaveLength(11);
    for (const [rule, hit] of Object.entries(hits)) {
      expect(hit, `${rule} is triggered by a demo case (${JSON.stringify(hits)})`).toBeGreaterThan(0);
      expect(hit, `${rule} is not triggered by every demo case`).toBeLessThan(open.length);
    }
  });

  it('an ended measure without an outcome is refused by the domain; massnahme-ergebnis flags a running one past its planned end', () => {
    const ended = generated.flatMap((d) => d.assignments).find((a) => a.status === 'ended')!;
    expect(assignmentSchema.safeParse({ ...ended, outcome: null }).success).toBe(false);
    expect(assignmentSchema.safeParse(ended).success).toBe(true);
    // what the rule finds in the demo data are valid records: running, past the planned end
    const flagged = open.flatMap((d) =>
      findingsOf(d)
        .filter((f) => f.ruleId === 'massnahme-ergebnis')
        .map((f) => d.assignments.find((a) => a.id === f.ref)!),
    );
    expect(flagged.length).toBeGreaterThan(0);
    for (const a of flagged) {
      expect(assignmentSchema.safeParse(a).success).toBe(true);
      expect(a.status).toBe('started');
      expect(a.plannedEnd! < TODAY).toBe(true);
    }
  });

  it('the team dashboard counts agree with evaluateQuality for the whole demo team', async () => {
    const d = await lead.call('quality:dashboard', { scope: 'team' });
    const expected = (cases: readonly DemoCase[]) => {
      const findings = cases.map(findingsOf);
      return {
        cases: cases.length,
        findings: findings.flat().length,
        withFindings: findings.filter((f) => f.length > 0).length,
        rules: Object.fromEntries(
          defaultQualityRules.rules.map((r) => [
            r.id,
            {
              count: findings.flat().filter((f) => f.ruleId === r.id).length,
              cases: findings.filter((f) => f.some((x) => x.ruleId === r.id)).length,
            },
          ]),
        ),
        severities: Object.fromEntries(
          SEVERITIES.map((s) => [
            s,
            {
              count: findings.flat().filter((f) => f.severity === s).length,
              cases: findings.filter((f) => f.some((x) => x.severity === s)).length,
            },
          ]),
        ),
      };
    };
    const pick = (f: QualityDashboardDto['total']) => ({
      cases: f.cases,
      findings: f.findings,
      withFindings: f.withFindings,
      rules: f.rules,
      severities: f.severities,
    });
    expect(pick(d.total)).toEqual(expected(open));
    expect(d.total.findings).toBeGreaterThan(0);
    expect(d.caseworkers.map((c) => c.caseworkerId)).toEqual(TEAM);
    for (const c of d.caseworkers)
      expect(pick(c.figures)).toEqual(expected(open.filter((x) => x.case.caseworkerId === c.caseworkerId)));
  });
});

describe('quality:dashboard and quality:cases over IPC', () => {
  it('gives a caseworker their own caseload and refuses the team scope', async () => {
    const own = await caseworker.call('quality:dashboard', { scope: 'own' });
    expect(own.scope).toBe('own');
    expect(own.teamScopeAllowed).toBe(false);
    expect(own.caseworkers.map((c) => c.caseworkerId)).toEqual(['ifk-7']);
    expect(own.total.cases).toBe(open.filter((d) => d.case.caseworkerId === 'ifk-7').length);
    // without a scope: the role's own view (a caseworker's caseload, a team lead's team)
    expect((await caseworker.call('quality:dashboard', {})).scope).toBe('own');
    expect((await lead.call('quality:dashboard', {})).scope).toBe('team');
    const refused = await caseworker.refused('quality:dashboard', { scope: 'team' });
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toBe('Die Teamauswertung ist Teamleitungen vorbehalten.');
    expect((await caseworker.refused('quality:cases', { scope: 'team', drillDown: {} })).code).toBe(
      'FORBIDDEN',
    );
  });

  it('refuses invalid input with VALIDATION_FAILED', async () => {
    for (const input of [
      undefined,
      { scope: 'alle' },
      { scope: 'own', extra: 1 },
      { scope: 'own', drillDown: { series: 'contacts' } },
      { scope: 'own', drillDown: { phase: 7 } },
    ]) {
      const channel = input && 'drillDown' in input ? 'quality:cases' : 'quality:dashboard';
      expect((await lead.refused(channel, input)).code, JSON.stringify(input)).toBe('VALIDATION_FAILED');
    }
  });

  it('every number of the team dashboard drills down to as many cases', async () => {
    const d = await lead.call('quality:dashboard', { scope: 'team' });
    const count = async (drillDown: QualityDrillDown) =>
      (await lead.call('quality:cases', { scope: 'team', drillDown })).rows.length;
    const caseFigure = (f: QualityDashboardDto['total'], m: (typeof CASE_MEASURES)[number]) =>
      ({
        all: f.cases,
        withFindings: f.withFindings,
        reviewDue: f.reviewDue,
        reviewOverdue: f.reviewOverdue,
        noRecentContact: f.noRecentContact,
        measureWithoutOutcome: f.measureWithoutOutcome.cases,
        measureOverdue: f.measureOverdue.cases,
      })[m];
    for (const measure of CASE_MEASURES) {
      expect(await count({ measure })).toBe(caseFigure(d.total, measure));
      const c = d.caseworkers[1]!;
      expect(await count({ measure, caseworkerId: c.caseworkerId })).toBe(caseFigure(c.figures, measure));
    }
    for (const r of d.rules) expect(await count({ ruleId: r.ruleId })).toBe(d.total.rules[r.ruleId]!.cases);
    for (const t of d.trends)
      for (const series of TREND_SERIES)
        expect(await count({ series, month: t.month })).toBe(t[series].cases);
    // the rows name the findings the drill-down is about, with the section they point to
    const { rows, userId } = await lead.call('quality:cases', {
      scope: 'team',
      drillDown: { ruleId: 'letzter-kontakt' },
    });
    // the signed-in user comes along: the screen marks the own cases with „(Sie)“
    expect(userId).toBe(d.userId);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.findings.map((f) => f.ruleId)).toEqual(row.findings.map(() => 'letzter-kontakt'));
      expect(row.findings[0]!.section).toBe('termine');
    }
    // trends carry history: contacts in past months of the demo data
    expect(d.trends.filter((t) => t.contacts.count > 0).length).toBeGreaterThan(3);
  });

  it('a write to a case moves the figures (the cached digests are refreshed)', async () => {
    const before = await caseworker.call('quality:dashboard', { scope: 'own' });
    const {
      rows: [target],
    } = await caseworker.call('quality:cases', {
      scope: 'own',
      drillDown: { measure: 'all' },
    });
    await caseworker.call('notes:create', {
      caseId: target!.caseId,
      values: {
        category: 'Beratung',
        title: 'Gespräch',
        body: 'Berichtet über eine Depression seit dem Frühjahr.',
        restricted: false,
      },
    });
    const after = await caseworker.call('quality:dashboard', { scope: 'own' });
    expect(after.total.rules['keine-diagnosen']!.count).toBe(
      before.total.rules['keine-diagnosen']!.count + 1,
    );
    const { rows } = await caseworker.call('quality:cases', {
      scope: 'own',
      drillDown: { ruleId: 'keine-diagnosen' },
    });
    const row = rows.find((r) => r.caseId === target!.caseId)!;
    expect(row.findings.some((f) => f.section === 'vermerke' && f.message.includes('„Depression“'))).toBe(
      true,
    );
  });

  it('a contact written after the dashboard was read counts in the density and the month (only that case is reread)', async () => {
    const before = await caseworker.call('quality:dashboard', { scope: 'own' });
    const {
      rows: [target],
    } = await caseworker.call('quality:cases', { scope: 'own', drillDown: { measure: 'all' } });
    await caseworker.call('contacts:create', {
      caseId: target!.caseId,
      values: {
        occurredAt: '2026-11-23T10:00:00+01:00',
        channel: 'telefon',
        subject: 'Rückfrage zum Bewerbungstraining',
        reached: true,
      },
    });
    const after = await caseworker.call('quality:dashboard', { scope: 'own' });
    expect(after.total.contacts.count).toBe(before.total.contacts.count + 1);
    const month = (d: QualityDashboardDto) => d.trends.find((t) => t.month === '2026-11')!.contacts.count;
    expect(month(after)).toBe(month(before) + 1);
    // the same figures as a new reader that reads everything anew
    const fresh = createQualityDashboard({
      db: () => caseworker.t.db,
      userId: () => 'ifk-7',
      role: () => 'caseworker',
      now: () => new Date(`${TODAY}T09:00:00.000Z`),
      digests: createCaseDigests(),
    });
    expect(await fresh.dashboard('own')).toEqual(after);
  });
});
