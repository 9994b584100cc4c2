import { sql, type Transaction } from 'kysely';
import { duplicateSuspectSchema, findDuplicates } from '../../../shared/domain/case/duplicates';
import { isIsoDate } from '../../../shared/domain/common/dates';
import { fnv1a } from '../../../shared/domain/common/seeded';
import type { Mutation } from '../../../shared/sync/protocol';
import { encodeHlc } from '../../../shared/sync/hlc';
import type { ServerContext } from '../../context';
import type { ServerDb } from '../../db/server-db';
import type { AuditEntry } from '../audit/audit.repository';
import type { Principal } from '../auth/roles';
import * as repo from './sync.repository';
import type { FieldMeta } from './sync.repository';

/** The closest matches are recorded; more would bury the decision (the intake shows as many). */
export const MAX_SUSPECTS_PER_PERSON = 10;

/** Who wrote a server finding (field_meta `by`): not a client, so no client's write is "its own". */
export const SERVER_WRITER = 'server';

/** The first key of the advisory locks on a birth date ('Lots'); the second is a hash of the date. */
const BIRTH_DATE_LOCKS = 0x4c6f7473;

/**
 * Two pushes that create persons with the same birth date at the same time must see each other:
 * each transaction looks for possible duplicates among the COMMITTED persons, so without a lock both
 * would look before the other committed and find nothing. A transaction-scoped advisory lock per
 * birth date makes the second wait until the first committed (READ COMMITTED: its search then sees
 * the first person). Taken once at the start of a push, in sorted order, so two batches with several
 * birth dates cannot deadlock. Pushes of other birth dates are not held up.
 */
export async function lockBirthDates(
  trx: Transaction<ServerDb>,
  mutations: readonly Mutation[],
): Promise<void> {
  const dates = new Set<string>();
  for (const m of mutations) {
    if (m.entity !== 'persons' || m.op !== 'create') continue;
    const v = m.fields['birthDate']?.value;
    if (typeof v === 'string' && isIsoDate(v)) dates.add(v);
  }
  const keys = [...new Set([...dates].map((d) => fnv1a(d) | 0))].sort((a, b) => a - b);
  for (const key of keys) await sql`SELECT pg_advisory_xact_lock(${BIRTH_DATE_LOCKS}, ${key})`.execute(trx);
}

/**
 * After a person created on a laptop was applied (issue 12 item 6): the persons already on the
 * server with the same birth date and a similar name (the intake's duplicate detection,
 * src/shared/domain/case/duplicates.ts: spelling variants, umlauts, swapped names) become
 * `duplicate_suspects` records in the new person's case, in the same transaction, so the
 * caseworker's desktop pulls them like any record. Nothing is merged. Returns audit entries.
 */
export async function recordPossibleDuplicates(
  ctx: ServerContext,
  trx: Transaction<ServerDb>,
  p: Principal,
  m: Mutation,
  now: Date,
): Promise<AuditEntry[]> {
  if (m.entity !== 'persons' || m.op !== 'create') return [];
  const value = (name: string) => {
    const v = m.fields[name]?.value;
    return typeof v === 'string' ? v : '';
  };
  const birthDate = value('birthDate');
  if (!isIsoDate(birthDate)) return [];
  const candidate = { firstName: value('firstName'), lastName: value('lastName'), birthDate };
  const sameBirth = await trx
    .selectFrom('sync_records as p')
    .leftJoin('sync_records as c', (j) => j.onRef('c.id', '=', 'p.case_id').on('c.entity', '=', 'cases'))
    .select([
      'p.id',
      'p.case_id',
      sql<string>`p.data->>'firstName'`.as('first_name'),
      sql<string>`p.data->>'lastName'`.as('last_name'),
      sql<string | null>`c.data->>'caseNumber'`.as('case_number'),
    ])
    .where('p.entity', '=', 'persons')
    .where(sql<string>`p.data->>'birthDate'`, '=', birthDate)
    .where('p.archived_at', 'is', null)
    .where('p.id', '<>', m.entityId)
    .where('p.case_id', '<>', m.caseId)
    .orderBy('p.id')
    .limit(200)
    .execute();
  const found = findDuplicates(
    candidate,
    sameBirth.map((r) => ({
      firstName: r.first_name ?? '',
      lastName: r.last_name ?? '',
      birthDate,
      row: r,
    })),
  );
  const audit: AuditEntry[] = [];
  const hlc = encodeHlc({ millis: now.getTime(), counter: 0, node: SERVER_WRITER });
  for (const f of found.slice(0, MAX_SUSPECTS_PER_PERSON)) {
    const id = ctx.ids.id();
    const data = duplicateSuspectSchema.parse({
      id,
      caseId: m.caseId,
      personId: m.entityId,
      otherPersonId: f.row.id,
      otherCaseId: f.row.case_id,
      otherCaseNumber: f.row.case_number,
      match: f.match,
      reason: f.reason,
    });
    const { id: _id, caseId: _caseId, ...fields } = data;
    const meta: Record<string, FieldMeta> = {};
    for (const name of Object.keys(fields)) meta[name] = { v: 1, hlc, by: SERVER_WRITER };
    await repo.insertRecord(trx, {
      entity: 'duplicate_suspects',
      id,
      caseId: m.caseId,
      data: fields,
      meta,
      by: p.userId,
      at: now,
    });
    audit.push({
      at: now,
      userId: p.userId,
      clientId: p.clientId,
      action: 'duplicate_suspected',
      caseId: m.caseId,
      entity: 'duplicate_suspects',
      entityId: id,
      detail: { match: f.match, otherCaseId: f.row.case_id },
    });
  }
  return audit;
}
