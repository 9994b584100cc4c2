import { AppError } from '../../../shared/errors';
import type { Handlers } from '../../ipc/dispatch';
import type { SyncPort } from './sync-controller';

type Channels =
  | 'sync:status'
  | 'sync:now'
  | 'sync:case-issues'
  | 'sync:rejections'
  | 'sync:resolve-conflict'
  | 'sync:dismiss-rejection';

/**
 * IPC handlers of the sync engine (inputs already parsed by dispatch). `mayResolveConflicts`: whether
 * the signed-in user writes case records (the server refuses everyone else's decision on a conflict).
 */
export function syncHandlers(sync: SyncPort, mayResolveConflicts: () => boolean): Pick<Handlers, Channels> {
  return {
    'sync:status': () => sync.status(),
    'sync:now': () => sync.syncNow(),
    'sync:case-issues': async ({ caseId }) => {
      const issues = await sync.caseIssues(caseId);
      const mayResolve = mayResolveConflicts();
      return { ...issues, conflicts: issues.conflicts.map((c) => ({ ...c, mayResolve })) };
    },
    'sync:rejections': async () => ({ rejections: await sync.rejections() }),
    'sync:resolve-conflict': async ({ conflictId, choice, mergedText }) => {
      if (!mayResolveConflicts())
        throw new AppError(
          'FORBIDDEN',
          'Über Abweichungen in der Fallakte entscheidet die zuständige Integrationsfachkraft.',
        );
      await sync.resolveConflict(conflictId, choice, mergedText);
      return null;
    },
    'sync:dismiss-rejection': async ({ mutationId }) => {
      await sync.dismissRejection(mutationId);
      return null;
    },
  };
}
