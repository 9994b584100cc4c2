import { CONSENT_PURPOSE_LABELS } from '../../../shared/domain/case/consent';
import { contactInFuture } from '../../../shared/domain/case/contact';
import { formatGermanDate } from '../../../shared/domain/common/dates';
import type { Entities, FieldsInput } from '../../../shared/entities/index';
import { AppError } from '../../../shared/errors';
import { writeSynced } from '../../db/write-synced';
import { moveLastContact } from '../cases/last-contact';
import {
  dtoOf,
  requireInCase,
  requireLive,
  ruleViolated,
  serviceKit,
  type Dto,
  type ServiceDeps,
} from '../common/service-kit';

export type ContactInput = Omit<FieldsInput<Entities['contacts']['fields']>, 'recordedBy'>;
export type ConsentInput = Omit<FieldsInput<Entities['consents']['fields']>, 'recordedBy' | 'withdrawnOn'>;

/**
 * Contact history and consents of a case. Every write runs in one transaction through
 * writeSynced; a contact in which the person was reached moves the case's last contact forward.
 */
export function createCaseRecordsService(deps: ServiceDeps) {
  const kit = serviceKit(deps);

  return {
    async addContact(caseId: string, input: ContactInput): Promise<Dto<'contacts'>> {
      return kit.write(async (trx, ctx) => {
        await requireLive(trx, 'cases', caseId);
        if (input.appointmentId)
          await requireInCase(trx, 'appointments', input.appointmentId, caseId, 'appointmentId');
        const written = await writeSynced(trx, ctx, {
          entity: 'contacts',
          op: 'create',
          id: kit.newId(),
          caseId,
          values: { ...input, recordedBy: ctx.actorId },
        });
        const future = contactInFuture(written.record.occurredAt, kit.now());
        if (future)
          throw new AppError('VALIDATION_FAILED', undefined, {
            issues: [{ path: 'occurredAt', message: future }],
          });
        if (written.record.reached) await moveLastContact(trx, ctx, caseId, written.record.occurredAt);
        return dtoOf(written);
      });
    },

    async recordConsent(caseId: string, input: ConsentInput): Promise<Dto<'consents'>> {
      return kit.write(async (trx, ctx) => {
        await requireLive(trx, 'cases', caseId);
        const written = await writeSynced(trx, ctx, {
          entity: 'consents',
          op: 'create',
          id: kit.newId(),
          caseId,
          values: { ...input, recordedBy: ctx.actorId },
        });
        if (written.record.givenOn > kit.today())
          throw new AppError('VALIDATION_FAILED', undefined, {
            issues: [
              { path: 'givenOn', message: 'Eine Einwilligung kann nicht in der Zukunft erteilt sein.' },
            ],
          });
        return dtoOf(written);
      });
    },

    /** A withdrawal ends the consent; the record stays. */
    async withdrawConsent(
      consentId: string,
      withdrawnOn: string,
      expectedRowVersion?: number,
    ): Promise<Dto<'consents'>> {
      return kit.write(async (trx, ctx) => {
        const current = await requireLive(trx, 'consents', consentId);
        if (current.withdrawnOn !== null)
          throw ruleViolated(
            `Die Einwilligung „${CONSENT_PURPOSE_LABELS[current.purpose]}“ wurde bereits am ${formatGermanDate(current.withdrawnOn)} widerrufen.`,
          );
        if (withdrawnOn > kit.today())
          throw new AppError('VALIDATION_FAILED', undefined, {
            issues: [{ path: 'withdrawnOn', message: 'Der Widerruf kann nicht in der Zukunft liegen.' }],
          });
        return dtoOf(
          await writeSynced(trx, ctx, {
            entity: 'consents',
            op: 'update',
            id: consentId,
            values: { withdrawnOn },
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          }),
        );
      });
    },
  };
}

export type CaseRecordsService = ReturnType<typeof createCaseRecordsService>;
