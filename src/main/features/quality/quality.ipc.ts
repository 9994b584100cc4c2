import type { Handlers } from '../../ipc/dispatch';
import type { QualityDashboardReader } from './quality-dashboard.service';

/** IPC handlers of the quality dashboard (read-only). */
export function qualityHandlers(
  quality: QualityDashboardReader,
): Pick<Handlers, 'quality:dashboard' | 'quality:cases'> {
  return {
    'quality:dashboard': ({ scope }) => quality.dashboard(scope),
    'quality:cases': ({ scope, drillDown }) => quality.cases(scope, drillDown),
  };
}
