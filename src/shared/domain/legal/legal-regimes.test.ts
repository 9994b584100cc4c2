import { describe, expect, it } from 'vitest';
import data from '../../../../resources/rules/legal-regimes.json' with { type: 'json' };
import { ResourceDataError } from '../common/resource-data';
import {
  defaultLegalRegimes,
  noticeCarriesLegalConsequences,
  parseLegalRegimes,
  regimeOn,
} from './legal-regimes';

const clone = () => structuredClone(data) as typeof data;
function problemsOf(input: unknown): string[] {
  try {
    parseLegalRegimes(input);
  } catch (error) {
    if (error instanceof ResourceDataError) return error.problems;
    throw error;
  }
  return [];
}

describe('legal regimes by date', () => {
  it('the Bürgergeld regime applies until the day before the cut-over, the Grundsicherung from it', () => {
    const before = regimeOn('2026-06-30');
    const after = regimeOn('2026-07-01');
    expect(before.ok && before.regime.id).toBe('buergergeld');
    expect(before.ok && before.validUntil).toBe('2026-06-30');
    expect(after.ok && after.regime.id).toBe('grundsicherung');
    expect(after.ok && after.validUntil).toBeNull();
  });

  it('the cut-over date is configuration', () => {
    const r = regimeOn('2026-08-15', defaultLegalRegimes, { cutOverDate: '2026-09-01' });
    expect(r.ok && r.regime.id).toBe('buergergeld');
    const s = regimeOn('2026-09-01', defaultLegalRegimes, { cutOverDate: '2026-09-01' });
    expect(s.ok && s.regime.id).toBe('grundsicherung');
  });

  it('before 1.7.2023 no plan regime applies, with a German reason', () => {
    const r = regimeOn('2023-06-30');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('01.07.2023');
    expect(regimeOn('2023-07-01').ok).toBe(true);
  });

  it('Schlichtung exists only under the Bürgergeld regime; the binding decision only under the Grundsicherung', () => {
    const b = regimeOn('2026-01-01');
    const g = regimeOn('2026-12-01');
    if (!b.ok || !g.ok) throw new Error('regime expected');
    expect(b.regime.mediation).toMatchObject({ available: true, maxDurationWeeks: 4 });
    expect(g.regime.mediation.available).toBe(false);
    expect(b.regime.bindingDecision.available).toBe(false);
    expect(g.regime.bindingDecision.available).toBe(true);
    expect(g.regime.plan.requiresPersonalOffer).toBe(true);
    for (const r of [b.regime, g.regime]) {
      expect(r.plan.legallyBinding).toBe(false);
      expect(r.plan.signatureRequired).toBe(false);
      expect(r.plan.legalConsequencesNotice).toBe(false);
      expect(r.plan.reviewIntervalMonths).toBe(6);
    }
  });

  it('which notices carry a Rechtsfolgenbelehrung', () => {
    const b = regimeOn('2026-01-01');
    const g = regimeOn('2026-12-01');
    if (!b.ok || !g.ok) throw new Error('regime expected');
    expect(noticeCarriesLegalConsequences(b.regime, 'einladung-kooperationsplan')).toBe(false);
    expect(noticeCarriesLegalConsequences(b.regime, 'aufforderung-mitwirkung')).toBe(true);
    expect(noticeCarriesLegalConsequences(b.regime, 'einladung-erstgespraech')).toBe(false);
    expect(noticeCarriesLegalConsequences(g.regime, 'einladung-erstgespraech')).toBe(true);
    expect(noticeCarriesLegalConsequences(g.regime, 'eingliederungsverwaltungsakt')).toBe(true);
    for (const r of [b.regime, g.regime]) {
      expect(noticeCarriesLegalConsequences(r, 'kooperationsplan')).toBe(false);
      expect(noticeCarriesLegalConsequences(r, 'angebot-kommunale-leistung')).toBe(false);
    }
  });
});

describe('legal regimes document', () => {
  it('the shipped file is valid', () => {
    expect(problemsOf(data)).toEqual([]);
  });

  it('names the file and entry of a malformed value', () => {
    const bad = clone();
    (bad.regimes[1] as { plan: { reviewIntervalMonths: unknown } }).plan.reviewIntervalMonths = 'sechs';
    try {
      parseLegalRegimes(bad);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('rules/legal-regimes.json');
      expect((error as ResourceDataError).problems[0]).toContain(
        'regimes › Eintrag 2 (id "grundsicherung") › plan › reviewIntervalMonths',
      );
    }
  });

  it('reports unknown notices, duplicate ids, missing mediation length and a cut-over before the start', () => {
    const bad = clone();
    bad.regimes[0]!.noticesWithLegalConsequences.push('mahnung');
    bad.notices.push({ ...bad.notices[0]! });
    (bad.regimes[0]!.mediation as { maxDurationWeeks: number | null }).maxDurationWeeks = null;
    bad.cutOverDate = '2023-01-01';
    const problems = problemsOf(bad);
    expect(problems).toContain(
      'regimes › Eintrag 1 (id "buergergeld") › noticesWithLegalConsequences: unbekannter Bescheid "mahnung"',
    );
    expect(problems).toContain(
      'notices › Eintrag 10 (id "einladung-erstgespraech"): id ist doppelt vergeben',
    );
    expect(problems).toContain('regimes › Eintrag 1 (id "buergergeld") › mediation: Höchstdauer fehlt');
    expect(problems).toContain(
      'cutOverDate: der Stichtag muss nach dem Beginn des Bürgergeld-Regelwerks liegen',
    );
  });

  it('requires the Bürgergeld start and exactly two regimes', () => {
    const noStart = clone();
    (noStart.regimes[0] as { appliesFrom: string | null }).appliesFrom = null;
    expect(problemsOf(noStart)).toContain('regimes: das Bürgergeld-Regelwerk braucht appliesFrom');
    const one = clone();
    one.regimes.pop();
    expect(problemsOf(one)).toContain('regimes: Es müssen genau zwei Regelwerke angegeben sein.');
  });
});
