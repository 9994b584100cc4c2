import { appointmentDay } from '../../../shared/domain/case/appointment';
import { addDays } from '../../../shared/domain/common/dates';
import type { Executor } from '../../db/kysely';
import type { Kysely } from 'kysely';
import {
  ENTITIES,
  fromRow,
  type Entities,
  type EntityName,
  type RecordOf,
} from '../../../shared/entities/index';
import type { AppointmentRow, OfficeRow, PersonRow } from '../../db/local-db';

/**
 * Read-side repository functions for cases (plain functions over an Executor). Writes never live
 * here: services write through writeSynced().
 */

type CaseRecord = RecordOf<Entities['cases']['fields']>;
type PersonRecord = RecordOf<Entities['persons']['fields']>;

/** One caseload row: the case and its person (types from their definitions). */
export type CaseListItem = { readonly caseId: string; readonly personId: string } & Pick<
  CaseRecord,
  'caseNumber' | 'status' | 'phase' | 'officeId' | 'caseworkerId' | 'lastContactOn' | 'nextReviewOn'
> &
  Pick<PersonRecord, 'firstName' | 'lastName' | 'birthDate' | 'town'>;

export type ListCasesFilter = Partial<Pick<CaseRecord, 'caseworkerId' | 'officeId' | 'status'>> & {
  readonly limit?: number;
  readonly offset?: number;
};

const LIST_COLUMNS = [
  'c.id as caseId',
  'c.case_number as caseNumber',
  'c.status as status',
  'c.phase as phase',
  'c.office_id as officeId',
  'c.caseworker_id as caseworkerId',
  'p.id as personId',
  'p.first_name as firstName',
  'p.last_name as lastName',
  'p.birth_date as birthDate',
  'p.town as town',
  'c.last_contact_on as lastContactOn',
  'c.next_review_on as nextReviewOn',
] as const;

/** Case rows found by id (search hits): cases drive the join. */
function listQuery(db: Executor) {
  return db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .where('c.archived_at', 'is', null)
    .select(LIST_COLUMNS);
}

/**
 * The caseload in name order. CROSS JOIN makes SQLite walk persons in index order
 * (persons_name, migration 0030) and stop after one page, instead of sorting every case.
 */
function caseloadQuery(db: Executor) {
  return db
    .selectFrom('persons as p')
    .crossJoin('cases as c')
    .whereRef('c.person_id', '=', 'p.id')
    .where('c.archived_at', 'is', null)
    .select(LIST_COLUMNS);
}

export async function listCases(db: Executor, filter: ListCasesFilter = {}): Promise<CaseListItem[]> {
  let q = caseloadQuery(db);
  if (filter.caseworkerId) q = q.where('c.caseworker_id', '=', filter.caseworkerId);
  if (filter.officeId) q = q.where('c.office_id', '=', filter.officeId);
  if (filter.status) q = q.where('c.status', '=', filter.status);
  return q
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .orderBy('p.id')
    .limit(Math.min(filter.limit ?? 100, 1000))
    .offset(filter.offset ?? 0)
    .execute();
}

export async function countCases(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Turns what a caseworker types into a safe FTS5 query: every word becomes a quoted prefix term
 * ("jür"*), all terms must match. FTS syntax in the input (quotes, NEAR, column filters) is inert.
 * Returns undefined when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | undefined {
  const terms = input
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8);
  if (terms.length === 0) return undefined;
  return terms.map((t) => `"${t}"*`).join(' AND ');
}

/** Caseload rows of the given (live) cases, in no particular order. */
export function listCasesByIds(db: Executor, caseIds: readonly string[]): Promise<CaseListItem[]> {
  if (caseIds.length === 0) return Promise.resolve([]);
  return listQuery(db)
    .where('c.id', 'in', [...caseIds])
    .execute();
}

type Rec<E extends EntityName> = RecordOf<Entities[E]['fields']> & { rowVersion: number };

function record<E extends EntityName>(entity: E, row: Record<string, unknown>): Rec<E> {
  return { ...fromRow(ENTITIES[entity], row), rowVersion: Number(row['row_version']) } as Rec<E>;
}

/** One case with its person, household, notes and appointments, in domain terms. */
export interface CaseDetail {
  readonly case: Rec<'cases'>;
  readonly person: Rec<'persons'>;
  readonly household: Rec<'households'> | undefined;
  readonly office: OfficeRow | undefined;
  readonly notes: Rec<'notes'>[];
  readonly appointments: Rec<'appointments'>[];
}

export async function getCaseDetail(db: Executor, caseId: string): Promise<CaseDetail | undefined> {
  const c = await db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!c) return undefined;
  const person = await db
    .selectFrom('persons')
    .selectAll()
    .where('id', '=', c.person_id)
    .executeTakeFirstOrThrow();
  const household = person.household_id
    ? await db.selectFrom('households').selectAll().where('id', '=', person.household_id).executeTakeFirst()
    : undefined;
  const office = await db.selectFrom('offices').selectAll().where('id', '=', c.office_id).executeTakeFirst();
  const notes = await db
    .selectFrom('notes')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('archived_at', 'is', null)
    .orderBy('written_at', 'desc')
    .execute();
  const appointments = await db
    .selectFrom('appointments')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('archived_at', 'is', null)
    .orderBy('starts_at')
    .execute();
  return {
    case: record('cases', c),
    person: record('persons', person),
    household: household ? record('households', household) : undefined,
    office,
    notes: notes.map((n) => record('notes', n)),
    appointments: appointments.map((a) => record('appointments', a)),
  };
}

/** One stored record in domain terms (archived ones too unless `live`), or undefined. */
export async function getRecord<E extends EntityName>(
  db: Executor,
  entity: E,
  id: string,
  options: { live?: boolean } = {},
): Promise<Rec<E> | undefined> {
  let q = (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
    .selectFrom(entity)
    .selectAll()
    .where('id', '=', id);
  if (options.live) q = q.where('archived_at', 'is', null);
  const row = await q.executeTakeFirst();
  return row ? record(entity, row) : undefined;
}

export function getOffice(db: Executor, officeId: string): Promise<OfficeRow | undefined> {
  return db.selectFrom('offices').selectAll().where('id', '=', officeId).executeTakeFirst();
}

export function listOffices(db: Executor): Promise<OfficeRow[]> {
  return db.selectFrom('offices').selectAll().orderBy('name').execute();
}

export function getPerson(db: Executor, personId: string): Promise<PersonRow | undefined> {
  return db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirst();
}

/**
 * Appointments of one day at the offices (ISO date `YYYY-MM-DD`, Europe/Berlin; starts_at is an
 * ISO timestamp with offset), across the caseload.
 */
export async function listAppointmentsOn(db: Executor, day: string): Promise<AppointmentRow[]> {
  const rows = await db
    .selectFrom('appointments')
    .selectAll()
    .where('starts_at', '>=', addDays(day, -1))
    .where('starts_at', '<', addDays(day, 2))
    .where('archived_at', 'is', null)
    .execute();
  return rows
    .filter((r) => appointmentDay(r.starts_at) === day)
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
}

/** Provisional case numbers this laptop has handed out for an office and year (for the next one). */
export async function countProvisionalNumbers(db: Executor, prefix: string): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('provisional_case_number', 'like', `${prefix}%`)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The live records of one type of a case, in domain terms (oldest first by creation). */
export async function listCaseRecords<E extends EntityName>(
  db: Executor,
  entity: E,
  caseId: string,
): Promise<Rec<E>[]> {
  const rows = await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
    .selectFrom(entity)
    .selectAll()
    .where('case_id', '=', caseId)
    .where('archived_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => record(entity, r));
}
