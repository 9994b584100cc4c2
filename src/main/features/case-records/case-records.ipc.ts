import type { Handlers } from '../../ipc/dispatch';
import type { CaseRecordsReads } from './case-records.reads';
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

/** IPC handlers of the read side of the everyday records (day view, next appointments, history). */
export function caseRecordsReadHandlers(
  reads: CaseRecordsReads,
): Pick<
  Handlers,
  | 'appointments:list-day'
  | 'appointments:next'
  | 'contacts:list'
  | 'consents:list'
  | 'own-efforts:list'
  | 'persons:find-duplicates'
> {
  return {
    'appointments:list-day': ({ day, officeId, outreach }) => reads.dayView({ day, officeId, outreach }),
    'appointments:next': ({ caseIds }) => reads.nextAppointments(caseIds),
    'contacts:list': ({ caseId }) => reads.contacts(caseId),
    'consents:list': ({ caseId }) => reads.consents(caseId),
    'own-efforts:list': ({ caseId }) => reads.ownEfforts(caseId),
    'persons:find-duplicates': (candidate) => reads.duplicates(candidate),
  };
}
