import { describe, expect, it } from 'vitest';
import { aggregateQuality, type DashboardCase } from './quality-dashboard';
import { defaultQualityRules } from './quality-rules';
import { REPORT_CASEWORKER_COLUMNS, renderQualityReport } from './quality-report';

const ON = '2026-03-15';

/** Cases as the service holds them: with the person's name and the case number beside the facts. */
function aCase(
  caseId: string,
  caseworkerId: string,
  overrides: Partial<DashboardCase> = {},
): DashboardCase & { caseNumber: string; firstName: string; lastName: string } {
  return {
    caseId,
    caseworkerId,
    phase: 2,
    nextReviewOn: null,
    findings: [],
    contactDays: [],
    assignments: [],
    handoverDays: [],
    caseNumber: `TO-2026-${caseId}`,
    firstName: 'Käthe',
    lastName: 'Rößler-Wendt',
    ...overrides,
  };
}

const CASES = [
  aCase('00017', 'ifk-1', {
    phase: 4,
    nextReviewOn: '2026-03-01',
    findings: [
      { ruleId: 'keine-diagnosen', severity: 'mangel' },
      { ruleId: 'keine-diagnosen', severity: 'mangel' },
      { ruleId: 'kooperationsplan-ueberprueft', severity: 'warnung' },
    ],
    contactDays: ['2026-03-10', '2026-02-01', '2026-01-20'],
    assignments: [
      {
        status: 'ended',
        startedOn: '2026-01-05',
        endedOn: '2026-02-20',
        plannedEnd: null,
        hasOutcome: false,
      },
    ],
  }),
  aCase('00018', 'ifk-1', { contactDays: ['2026-03-11'] }),
  aCase('00019', 'ifk-2', { phase: 1, nextReviewOn: '2026-03-20' }),
];

const dashboard = aggregateQuality(CASES, ON, defaultQualityRules);

describe('renderQualityReport', () => {
  const html = renderQualityReport({ dashboard, scope: 'team', userId: 'tl-1' });
  /** The cells of the table row whose header is `name` in the table captioned `caption`. */
  const row = (source: string, caption: string, name: string) => {
    const table = source.slice(source.indexOf(`<caption>${caption}`));
    const tr = table
      .slice(0, table.indexOf('</table>'))
      .match(
        new RegExp(`<tr[^>]*><th scope="row">(?:<span class="id">)?${name}(?:</span>)?</th>(.*?)</tr>`),
      )?.[1];
    return [...(tr ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
  };

  it('prints title, scope, date and page numbers in German', () => {
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<h1>Qualitätsbericht</h1>');
    expect(html).toContain('Team – alle offenen Fälle im lokalen Speicher der Teamleitung, 2 Fachkräfte');
    expect(html).toContain('<strong>Stand:</strong> 15.03.2026');
    expect(html).toContain('counter(page) " von " counter(pages)');
    expect(html).toContain('Kontakte seit 16.12.2025');
    expect(html).toContain('März 2026');
    expect(html).toContain('April 2025');
  });

  it('holds the figures per caseworker and the total', () => {
    // Fälle, Phase 1..4, review due, overdue
    expect(row(html, 'Fallbestand', 'ifk-1')).toEqual(['2', '0', '1', '0', '1', '0', '1']);
    expect(row(html, 'Fallbestand', 'ifk-2')).toEqual(['1', '1', '0', '0', '0', '1', '0']);
    expect(row(html, 'Fallbestand', 'Gesamt')).toEqual(['3', '1', '1', '0', '1', '1', '1']);
    // contacts, per case (German decimal comma), without contact, measures
    expect(row(html, 'Kontakte', 'ifk-1')).toEqual(['4', '2,0', '0', '1 (1 Fall)', '0 (0 Fälle)']);
    expect(row(html, 'Kontakte', 'Gesamt')).toEqual(['4', '1,3', '1', '1 (1 Fall)', '0 (0 Fälle)']);
    // severities: cases with findings, findings, Mangel, Warnung, Hinweis (cases)
    expect(row(html, 'Prüfhinweise nach Schwere', 'Gesamt')).toEqual(['1', '3', '2 (1)', '1 (1)', '0 (0)']);
    // by rule: title, severity, section, then ifk-1, ifk-2, total
    const rule = defaultQualityRules.rules.find((r) => r.id === 'keine-diagnosen')!;
    expect(row(html, 'Prüfhinweise nach Regel', rule.title)).toEqual([
      'Mangel',
      'Vermerke',
      '2 (1)',
      '0 (0)',
      '2 (1)',
    ]);
    // the trend: March 2026 has 2 contacts in 2 cases
    expect(row(html, 'Verlauf', 'März 2026')).toEqual(['2 (2)', '0 (0)', '0 (0)', '0 (0)']);
    expect(row(html, 'Verlauf', 'Februar 2026')).toEqual(['1 (1)', '0 (0)', '1 (1)', '0 (0)']);
  });

  it('names no person and no case', () => {
    expect(html).not.toContain('Käthe');
    expect(html).not.toContain('Rößler');
    expect(html).not.toMatch(/TO-2026-/);
    expect(html).toContain('kann daher noch keine Fälle mit angeforderter Korrektur aufführen');
  });

  it('lists case numbers only for requested corrections', () => {
    const none = renderQualityReport({ dashboard, scope: 'team', userId: 'tl-1', requestedCorrections: [] });
    expect(none).toContain('keine Korrekturen angefordert');
    expect(none).not.toMatch(/TO-2026-/);
    const one = renderQualityReport({
      dashboard,
      scope: 'team',
      userId: 'tl-1',
      requestedCorrections: [
        {
          caseNumber: 'TO-2026-00017',
          caseworkerId: 'ifk-1',
          ruleId: 'keine-diagnosen',
          requestedOn: '2026-03-10',
          status: 'offen',
        },
      ],
    });
    expect(row(one, 'Fälle mit angeforderter Korrektur', 'TO-2026-00017')).toEqual([
      'ifk-1',
      'Keine Diagnosen in Freitexten',
      '10.03.2026',
      'offen',
    ]);
    expect(one).not.toMatch(/TO-2026-0001[89]/);
    expect(one).not.toContain('Rößler');
  });

  it('prints the own caseload as one row and escapes ids', () => {
    const own = aggregateQuality(
      CASES.filter((c) => c.caseworkerId === 'ifk-1'),
      ON,
      defaultQualityRules,
    );
    const mine = renderQualityReport({ dashboard: own, scope: 'own', userId: 'ifk-<1>' });
    expect(mine).toContain('Eigener Bestand der Fachkraft ifk-&lt;1&gt;');
    expect(mine).not.toContain('ifk-<1>');
    expect(mine).not.toContain('>Gesamt<');
  });

  it('splits the rules table of a large team into groups of caseworker columns', () => {
    const many = Array.from({ length: REPORT_CASEWORKER_COLUMNS + 2 }, (_, i) =>
      aCase(String(i).padStart(5, '0'), `ifk-${String(i).padStart(2, '0')}`),
    );
    const big = renderQualityReport({
      dashboard: aggregateQuality(many, ON, defaultQualityRules),
      scope: 'team',
      userId: 'tl-1',
    });
    expect(big).toContain(
      `Prüfhinweise nach Regel (Fachkräfte 1–${REPORT_CASEWORKER_COLUMNS} von ${many.length})`,
    );
    expect(big).toContain(
      `Prüfhinweise nach Regel (Fachkräfte ${REPORT_CASEWORKER_COLUMNS + 1}–${many.length} von ${many.length})`,
    );
  });
});

describe('renderQualityReport with the team directory', () => {
  const uuid = '3f2a9c41-7d1e-4b6a-9f00-1c2d3e4f5a6b';
  const cases = [...CASES, aCase('00020', uuid)];
  const html = renderQualityReport({
    dashboard: aggregateQuality(cases, ON, defaultQualityRules),
    scope: 'team',
    userId: 'tl-1',
    directory: [
      { id: 'ifk-1', displayName: 'Jens Wolff' },
      { id: 'ifk-2', displayName: 'Katrin <Seidel>' },
    ],
    requestedCorrections: [
      { caseNumber: 'TO-2026-00017', caseworkerId: 'ifk-1', ruleId: null, requestedOn: ON, status: 'offen' },
    ],
  });

  it('names the caseworkers (escaped), an unknown one by a short id, never the whole id', () => {
    expect(html).toContain('<th scope="row"><span class="id">Jens Wolff</span></th>');
    expect(html).toContain('Katrin &lt;Seidel&gt;');
    expect(html).toContain('unbekannt (3f2a…)');
    expect(html).not.toContain(uuid);
    expect(html).not.toContain('ifk-1');
    expect(html).not.toContain('>ifk-2<');
  });

  it('names the own caseload by the own name', () => {
    const own = renderQualityReport({
      dashboard: aggregateQuality(CASES.slice(0, 2), ON, defaultQualityRules),
      scope: 'own',
      userId: 'ifk-1',
      directory: [{ id: 'ifk-1', displayName: 'Jens Wolff' }],
    });
    expect(own).toContain('Eigener Bestand der Fachkraft Jens Wolff');
  });
});
