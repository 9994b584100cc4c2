/**
 * The quality dashboard as a printable PDF report (issue 15 item 3): the figures of the scope (the
 * dashboard's own scope check applies: the team only for team leads) as HTML by the domain's
 * renderQualityReport, printed by the shared PdfRenderer. The cases with a correction requested in
 * the sampled case audit (issue 15 item 2) are listed by case number only: those of the own caseload
 * in the own scope, those of the team in the team scope. Without the review service (or for a role
 * that sees no corrections) the report says that it cannot list them. Caseworkers are named from the
 * stored team directory (the same one the quality screens read).
 */
import { dateInBerlin } from '../../../shared/domain/common/dates';
import type { CorrectionStatus } from '../../../shared/domain/quality/case-review';
import { renderQualityReport, type RequestedCorrection } from '../../../shared/domain/quality/quality-report';
import { AppError } from '../../../shared/errors';
import type { QualityScope } from '../../../shared/ipc/quality-contract';
import type { CorrectionTaskDto } from '../../../shared/ipc/quality-review-contract';
import type { PdfRenderer } from '../plans/print/pdf-renderer';
import type { QualityDashboardReader } from './quality-dashboard.service';
import type { QualityReviewService } from './quality-review.service';
import type { DirectoryPort } from '../directory/directory.ipc';

export interface QualityReportDeps {
  readonly quality: Pick<QualityDashboardReader, 'dashboard'>;
  readonly pdf: PdfRenderer;
  /** The correction tasks of the store (quality-review.service); absent: none can be listed. */
  readonly corrections?: Pick<QualityReviewService, 'corrections'>;
  /** The team directory (caseworkers by name); absent: by user id. */
  readonly directory?: DirectoryPort;
}

const REPORT_STATUS: Readonly<Record<CorrectionStatus, RequestedCorrection['status']>> = {
  angefordert: 'offen',
  wiedereroeffnet: 'offen',
  erledigt: 'erledigt',
  bestaetigt: 'bestaetigt',
};

/** The tasks as the report lists them: case number only; tasks of cases not in this store are left out. */
export function requestedCorrectionsOf(
  tasks: readonly CorrectionTaskDto[],
  scope: QualityScope,
  userId: string,
): RequestedCorrection[] {
  return tasks
    .filter((t) => t.caseNumber !== null && (scope === 'team' || t.caseworkerId === userId))
    .map((t) => ({
      caseNumber: t.caseNumber!,
      caseworkerId: t.caseworkerId,
      ruleId: t.ruleId,
      requestedOn: dateInBerlin(new Date(t.requestedAt)),
      status: REPORT_STATUS[t.status],
    }))
    .sort(
      (a, b) => a.caseNumber.localeCompare(b.caseNumber, 'de') || a.requestedOn.localeCompare(b.requestedOn),
    );
}

export function createQualityReport(deps: QualityReportDeps) {
  return {
    async pdf(scope: QualityScope): Promise<{ pdf: Uint8Array; fileName: string }> {
      const dashboard = await deps.quality.dashboard(scope);
      let requestedCorrections: RequestedCorrection[] | undefined;
      if (deps.corrections) {
        try {
          const tasks = await deps.corrections.corrections({ status: 'alle' });
          requestedCorrections = requestedCorrectionsOf(tasks, scope, dashboard.userId);
        } catch (e) {
          // a role without corrections (data protection, admin): the report says it cannot list them
          if (!(e instanceof AppError) || e.code !== 'FORBIDDEN') throw e;
        }
      }
      const html = renderQualityReport({
        dashboard,
        scope,
        userId: dashboard.userId,
        ...(requestedCorrections ? { requestedCorrections } : {}),
        ...(deps.directory ? { directory: await deps.directory.users() } : {}),
      });
      const pdf = await deps.pdf.render(html);
      return {
        pdf,
        fileName: `Qualitaetsbericht-${scope === 'team' ? 'Team' : 'Bestand'}-${dashboard.on}.pdf`,
      };
    },
  };
}
