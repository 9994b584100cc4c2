import type { Transaction } from 'kysely';
import { dateInBerlin } from '../../../shared/domain/common/dates';
import type { LocalDb } from '../../db/local-db';
import { writeSynced, type WriteContext } from '../../db/write-synced';
import { getRecord } from './cases.repository';

/**
 * A contact in which the person was reached (an attended appointment, a recorded contact) moves the
 * case's last contact forward to its day at the offices, never back.
 */
export async function moveLastContact(
  trx: Transaction<LocalDb>,
  ctx: WriteContext,
  caseId: string,
  occurredAt: string,
): Promise<void> {
  const day = dateInBerlin(new Date(occurredAt));
  const current = await getRecord(trx, 'cases', caseId);
  if (!current || (current.lastContactOn !== null && current.lastContactOn >= day)) return;
  await writeSynced(trx, ctx, { entity: 'cases', op: 'update', id: caseId, values: { lastContactOn: day } });
}
