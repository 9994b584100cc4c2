/**
 * Issue 11: the Kooperationsplan as PDF through the PdfRenderer port (Chromium's page.pdf via
 * Playwright, the renderer of the tests and the bridge): first (browser start included) and warm,
 * for a three-page plan (two German pages and the Arabic companion page). Targets: warm ≤ 300 ms,
 * first ≤ 2.5 s.
 */
import { createChromiumPdfRenderer } from '../../../src/main/features/plans/print/chromium-pdf-renderer';
import type { PdfRenderer } from '../../../src/main/features/plans/print/pdf-renderer';
import { planTemplatesFrom } from '../../../src/main/features/plans/print/plan-templates';
import { regimeOn } from '../../../src/shared/domain/legal/legal-regimes';
import { renderPlanDocument } from '../../../src/shared/domain/plan/plan-document';
import { printablePlan } from '../../../src/shared/domain/plan/plan-fixtures';
import { healthTermsOf } from '../../../src/shared/domain/plan/plan-health';
import { defineBench } from '../types';

/** The HTML of a three-page plan (Bürgergeld, Arabic companion page). */
export function threePagePlanHtml(): string {
  const plan = printablePlan({ companionLanguage: 'ar' });
  const regime = regimeOn(plan.planDate);
  if (!regime.ok) throw new Error(regime.reason);
  const template = planTemplatesFrom().forPlan(regime.regime.id, plan.planDate);
  return renderPlanDocument({
    plan,
    regime: regime.regime,
    texts: template.texts,
    template: template.html,
    templateVersion: template.version,
    personName: 'Bench Mark',
    caseNumber: 'TO-2026-000001',
    officeId: 'torgau',
    contact: { name: 'Frau Kunze', phone: '03421 7744-123' },
    issuedOn: plan.planDate,
    healthTerms: healthTermsOf(),
  });
}

const html = threePagePlanHtml();

export default [
  defineBench({
    name: 'pdf.render',
    params: { phase: 'first', pages: 3, renderer: 'chromium-playwright' },
    runs: 3,
    warmup: 0,
    async run() {
      const pdf = createChromiumPdfRenderer();
      try {
        await pdf.render(html);
      } finally {
        await pdf.close();
      }
    },
  }),
  defineBench<PdfRenderer>({
    name: 'pdf.render',
    params: { phase: 'warm', pages: 3, renderer: 'chromium-playwright' },
    runs: 15,
    warmup: 2,
    setup: () => createChromiumPdfRenderer(),
    async run(pdf) {
      await pdf.render(html);
    },
    teardown: (pdf) => pdf.close(),
  }),
];
