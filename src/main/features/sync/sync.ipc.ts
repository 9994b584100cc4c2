import type { Handlers } from '../../ipc/dispatch';
import type { SyncPort } from './sync-controller';

type Channels =
  | 'sync:status'
  | 'sync:now'
  | 'sync:case-issues'
  | 'sync:rejections'
  | 'sync:resolve-conflict'
  | 'sync:dismiss-rejection';

/** IPC handlers of the sync engine (inputs already parsed by dispatch). */
export function syncHandlers(sync: SyncPort): Pick<Handlers, Channels> {
  return {
    'sync:status': () => sync.status(),
    'sync:now': () => sync.syncNow(),
    'sync:case-issues': ({ caseId }) => sync.caseIssues(caseId),
    'sync:rejections': async () => ({ rejections: await sync.rejections() }),
    'sync:resolve-conflict': async ({ conflictId, choice, mergedText }) => {
      await sync.resolveConflict(conflictId, choice, mergedText);
      return null;
    },
    'sync:dismiss-rejection': async ({ mutationId }) => {
      await sync.dismissRejection(mutationId);
      return null;
    },
  };
}
