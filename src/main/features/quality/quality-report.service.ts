/**
 * The quality dashboard as a printable PDF report (issue 15 item 3): the figures of the scope (the
 * dashboard's own scope check applies: the team only for team leads) as HTML by the domain's
 * renderQualityReport, printed by the shared PdfRenderer. Cases with requested corrections are not
 * passed yet: the review loop (issue 15 item 2) that requests them does not exist; the report says
 * so instead of listing any.
 */
import { renderQualityReport } from '../../../shared/domain/quality/quality-report';
import type { QualityScope } from '../../../shared/ipc/quality-contract';
import type { PdfRenderer } from '../plans/print/pdf-renderer';
import type { QualityDashboardReader } from './quality-dashboard.service';

export interface QualityReportDeps {
  readonly quality: Pick<QualityDashboardReader, 'dashboard'>;
  readonly pdf: PdfRenderer;
}

export function createQualityReport(deps: QualityReportDeps) {
  return {
    async pdf(scope: QualityScope): Promise<{ pdf: Uint8Array; fileName: string }> {
      const dashboard = await deps.quality.dashboard(scope);
      const html = renderQualityReport({ dashboard, scope, userId: dashboard.userId });
      const pdf = await deps.pdf.render(html);
      return {
        pdf,
        fileName: `Qualitaetsbericht-${scope === 'team' ? 'Team' : 'Bestand'}-${dashboard.on}.pdf`,
      };
    },
  };
}
