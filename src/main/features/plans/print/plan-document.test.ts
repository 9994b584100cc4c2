import { describe, expect, it } from 'vitest';
import '../../../../shared/validation';
import { regimeOn, type LegalRegime } from '../../../../shared/domain/legal/legal-regimes';
import { missingForHandover } from '../../../../shared/domain/plan/cooperation-plan';
import {
  escapeHtml,
  renderPlanDocument,
  PlanTemplateError,
  templateSlots,
  type PlanDocumentInput,
} from '../../../../shared/domain/plan/plan-document';
import { printablePlan } from '../../../../shared/domain/plan/plan-fixtures';
import { healthProblems, healthTermsOf } from '../../../../shared/domain/plan/plan-health';
import { planTemplatesFrom } from './plan-templates';
import { PLAN_TEXT_VERSIONS, planTextsOn } from '../../../../shared/domain/plan/plan-texts';

const templates = planTemplatesFrom();
const template = (id: 'buergergeld' | 'grundsicherung') => templates.forPlan(id, '2026-03-02').html;
const regime = (on: string): LegalRegime => {
  const r = regimeOn(on);
  if (!r.ok) throw new Error(r.reason);
  return r.regime;
};

function input(patch: Partial<PlanDocumentInput> = {}): PlanDocumentInput {
  const plan = patch.plan ?? printablePlan();
  const r = regime(plan.planDate);
  return {
    plan,
    regime: r,
    texts: planTextsOn(plan.planDate),
    template: template(r.id),
    templateVersion: '2026.1+test',
    personName: 'Anna Beispiel',
    caseNumber: 'TO-2026-000123',
    officeId: 'torgau',
    contact: { name: 'Frau Kunze', phone: '03421 7744-123', email: null },
    issuedOn: '2026-03-02',
    healthTerms: healthTermsOf(),
    ...patch,
  };
}

/** The visible text of the HTML (tags out, entities decoded), for assertions on what is printed. */
const textOf = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');

describe('the printable Kooperationsplan (HTML)', () => {
  it('prints goal, steps, the six points (answered or "entfällt"), efforts, measures, review date and office', () => {
    const text = textOf(renderPlanDocument(input()));
    expect(text).toContain('Arbeit als Fachkraft für Lagerlogistik in Torgau');
    expect(text).toContain('Gabelstaplerschein erwerben');
    expect(text).toContain('15.05.2026');
    for (const n of [1, 2, 3, 4, 5, 6]) expect(text).toContain(`(Nr. ${n})`);
    expect(text.match(/entfällt/g)?.length).toBe(3);
    expect(text).toContain('Bewerbungen auf Stellen im Lager');
    expect(text).toContain('4-mal pro Monat');
    expect(text).toContain('Liste der Bewerbungen');
    expect(text).toContain('einmal');
    expect(text).toContain('Teilnahmebescheinigung');
    expect(text).toContain('Maßnahme bei einem Arbeitgeber (MAG)');
    expect(text).toContain('Wir besprechen den Plan spätestens am 31.08.2026');
    expect(text).toContain('Jobcenter Nordsachsen, Standort Torgau');
    expect(text).toContain('04860 Torgau');
    expect(text).toContain('Frau Kunze');
    expect(text).toContain('03421 7744-123');
    expect(text).toContain('Datum des Plans 02.03.2026');
    expect(text).toContain('TO-2026-000123');
  });

  it('Bürgergeld: not binding and Schlichtung; no personal offer section', () => {
    const text = textOf(renderPlanDocument(input()));
    expect(text).toContain('rechtlich nicht bindend');
    expect(text).toContain('Schlichtungsverfahren');
    expect(text).not.toContain('Unser persönliches Angebot');
    expect(text).not.toContain('Verwaltungsakt');
  });

  it('Grundsicherung: consequences when no plan is agreed or kept, the personal offer, no Schlichtung', () => {
    const plan = printablePlan({ planDate: '2026-07-06', reviewDueOn: '2026-12-01' });
    const text = textOf(renderPlanDocument(input({ plan })));
    expect(text).toContain('Kommt kein Plan zustande oder halten Sie die vereinbarten Schritte nicht ein');
    expect(text).toContain('Verwaltungsakt');
    expect(text).toContain('Unser persönliches Angebot an Sie');
    expect(text).toContain('Wir begleiten Sie bei Bewerbungen');
    expect(text).not.toContain('Schlichtung');
    expect(text).toContain('Neue Grundsicherung');
  });

  it('escapes everything typed or configured', () => {
    const plan = printablePlan({ goal: '<script>alert("x")</script> & Co' });
    const html = renderPlanDocument(input({ plan, personName: "O'Neil <b>", caseNumber: '"><img src=x>' }));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('every slot is filled; a template without a needed slot is refused', () => {
    const html = renderPlanDocument(input());
    expect(templateSlots(html)).toEqual([]);
    expect(() =>
      renderPlanDocument(input({ template: template('buergergeld').replace('<!--slot:goal-->', '') })),
    ).toThrow(PlanTemplateError);
    expect(() => renderPlanDocument(input({ officeId: 'nirgendwo' as 'torgau' }))).toThrow(/Standort/);
  });

  it('withholds a step with a health term and the hand-over check names that step', () => {
    const plan = printablePlan({
      mainSteps: [
        { text: 'Gabelstaplerschein erwerben', dueOn: null, responsible: 'person' },
        { text: 'Termine wegen der Depression beim Facharzt wahrnehmen', dueOn: null, responsible: 'person' },
      ],
    });
    const text = textOf(renderPlanDocument(input({ plan })));
    expect(text).not.toMatch(/Depression|Facharzt/);
    expect(text).toContain('(Diese Angabe wird nicht gedruckt.)');
    expect(text).toContain('Gabelstaplerschein erwerben');
    const problems = healthProblems(plan);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('mainSteps.1.text');
    expect(problems[0]!.message).toMatch(/^Schritt 2 enthält Gesundheitsangaben \(„Depression“\)/);
    // the domain's own hand-over check is not weakened by this (still empty for this plan)
    expect(
      missingForHandover(plan, regime(plan.planDate), { hasFinalizedAssessment: true, today: plan.planDate }),
    ).toEqual([]);
  });

  it('checks every free text of the plan for health details, ICD codes included', () => {
    const plan = printablePlan({
      goal: 'Arbeit trotz Diabetes',
      personalOffer: 'Beratung zu F32.1',
      points: {
        ...printablePlan().points,
        otherAgencies: { state: 'not_applicable', note: 'Reha nach Schlaganfall abgelehnt' },
      },
      ownEfforts: [{ description: 'Selbsthilfegruppe Alkoholabhängigkeit', frequency: null, proof: null }],
      measures: [{ assignmentId: null, measureId: 'x', title: 'Kurs bei Burnout' }],
    });
    expect(healthProblems(plan).map((p) => p.field)).toEqual([
      'goal',
      'personalOffer',
      'points.otherAgencies',
      'ownEfforts.0.description',
      'measures.0.title',
    ]);
    const text = textOf(renderPlanDocument(input({ plan })));
    expect(text).not.toMatch(/Diabetes|F32|Schlaganfall|Alkohol|Burnout/);
  });

  it('the companion page follows the German plan, says German is authoritative, Arabic right-to-left', () => {
    const none = renderPlanDocument(input());
    expect(none).not.toContain('class="companion"');
    for (const lang of ['en', 'uk', 'ru', 'ar'] as const) {
      const html = renderPlanDocument(input({ plan: printablePlan({ companionLanguage: lang }) }));
      const at = html.indexOf(
        `<section class="companion" lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`,
      );
      expect(at, lang).toBeGreaterThan(html.indexOf('</main>'));
      expect(textOf(html.slice(at))).toContain('Maßgeblich ist allein der deutsche Kooperationsplan.');
    }
    const ar = textOf(renderPlanDocument(input({ plan: printablePlan({ companionLanguage: 'ar' }) })));
    expect(ar).toContain('النص الألماني للخطة');
    const gs = renderPlanDocument(
      input({
        plan: printablePlan({ planDate: '2026-07-06', reviewDueOn: '2026-12-01', companionLanguage: 'en' }),
      }),
    );
    expect(textOf(gs)).toContain('official decision');
    expect(textOf(gs)).not.toContain('conciliation');
  });

  it('is deterministic and names the template version and the issue date', () => {
    expect(renderPlanDocument(input())).toBe(renderPlanDocument(input()));
    expect(textOf(renderPlanDocument(input()))).toContain('Ausgestellt am 02.03.2026 · Vorlage 2026.1+test');
  });

  it('a plan without steps, efforts, measures or review prints dashes, and an open point a dash', () => {
    const plan = printablePlan({
      mainSteps: [],
      ownEfforts: [],
      measures: [],
      reviewDueOn: null,
      goal: '',
      points: { ...printablePlan().points, rehabilitationNeed: { state: 'open' } },
    });
    const text = textOf(renderPlanDocument(input({ plan, contact: null })));
    expect(text).toContain('Zurzeit ist keine Maßnahme vereinbart.');
    expect(text).not.toContain('Ihre Ansprechperson');
    expect(text).toContain('03421 7744-0');
  });

  it('the newest text version valid on the plan date is used', () => {
    expect(planTextsOn('2026-03-02').version).toBe(PLAN_TEXT_VERSIONS.at(-1)!.version);
    expect(planTextsOn('2020-01-01').version).toBe(PLAN_TEXT_VERSIONS[0]!.version);
  });
});
