import type { Handlers } from '../../ipc/dispatch';
import type { PdfRenderer } from '../plans/print/pdf-renderer';
import type { QualityDashboardReader } from './quality-dashboard.service';
import { createQualityReport } from './quality-report.service';
import type { QualityReviewService } from './quality-review.service';
import type { DirectoryPort } from '../directory/directory.ipc';

const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** IPC handlers of the quality dashboard and its PDF report (read-only). */
export function qualityHandlers(
  quality: QualityDashboardReader,
  pdf: PdfRenderer,
  review?: Pick<QualityReviewService, 'corrections'>,
  directory?: DirectoryPort,
): Pick<Handlers, 'quality:dashboard' | 'quality:cases' | 'quality:report'> {
  const report = createQualityReport({
    quality,
    pdf,
    ...(review ? { corrections: review } : {}),
    ...(directory ? { directory } : {}),
  });
  return {
    'quality:dashboard': ({ scope }) => quality.dashboard(scope),
    'quality:cases': async ({ scope, drillDown }) => ({
      userId: quality.userId(),
      rows: await quality.cases(scope, drillDown),
    }),
    'quality:report': async ({ scope }) => {
      const { pdf: bytes, fileName } = await report.pdf(scope);
      return { pdfBase64: base64(bytes), byteLength: bytes.byteLength, fileName };
    },
  };
}
