import type { Handlers } from '../../ipc/dispatch';
import type { CaseRecordsService, ConsentInput, ContactInput } from './case-records.service';

/** IPC handlers of the contact history and the consents (inputs already parsed by dispatch). */
export function caseRecordsHandlers(
  records: CaseRecordsService,
): Pick<Handlers, 'contacts:create' | 'consents:record' | 'consents:withdraw'> {
  return {
    'contacts:create': ({ caseId, values }) => records.addContact(caseId, values as ContactInput),
    'consents:record': ({ caseId, values }) => records.recordConsent(caseId, values as ConsentInput),
    'consents:withdraw': ({ consentId, withdrawnOn, expectedRowVersion }) =>
      records.withdrawConsent(consentId, withdrawnOn, expectedRowVersion),
  };
}
