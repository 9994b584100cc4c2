import { AppError } from '../../../shared/errors';
import type { Executor } from '../../db/kysely';
import type { Handlers } from '../../ipc/dispatch';
import { planDocumentUploadStatus } from './plan-documents.sync';

/** The plan PDFs on the sync page: not yet in the server's blob store, and refusals in German. */
export function planDocumentsHandlers(db: () => Executor): Pick<Handlers, 'sync:plan-documents'> {
  return {
    'sync:plan-documents': async () => {
      const status = await planDocumentUploadStatus(db());
      return {
        ...status,
        refused: status.refused.map((r) => ({ ...r, message: new AppError(r.code).message })),
      };
    },
  };
}
