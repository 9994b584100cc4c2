import { sql, type Kysely, type Transaction } from 'kysely';
import {
  APPOINTMENT_STATUS_LABELS,
  canChangeAppointmentStatus,
} from '../../../shared/domain/case/appointment';
import {
  CASE_STATUS_LABELS,
  canChangeCaseStatus,
  canMoveToPhase,
  deviceTag,
  provisionalCaseNumber,
} from '../../../shared/domain/case/case';
import { isOfficeId, officeCode } from '../../../shared/domain/case/office';
import { dateInBerlin } from '../../../shared/domain/common/dates';
import type { Entities, EntityName, FieldsInput } from '../../../shared/entities/index';
import { AppError } from '../../../shared/errors';
import type { LocalDb } from '../../db/local-db';
import {
  clientIdOf,
  writeSynced,
  type Clock,
  type IdGenerator,
  type WriteContext,
} from '../../db/write-synced';
import {
  countProvisionalNumbers,
  getCaseDetail,
  getRecord,
  listAppointmentsOn,
  listCases,
  listOffices,
  searchCases,
  type CaseDetail,
  type CaseListItem,
  type ListCasesFilter,
} from './cases.repository';

export interface CasesServiceDeps {
  /** The open database, or a getter (the store's db() throws VAULT_LOCKED while locked). */
  readonly db: Kysely<LocalDb> | (() => Kysely<LocalDb>);
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The signed-in caseworker's user id (stamped on rows; never a name). */
  readonly actorId?: string | (() => string);
}

type Input<E extends EntityName> = FieldsInput<Entities[E]['fields']>;

/** A new case: the person (and household) in domain terms, where it is worked and since when. */
/** A new case: the person (and household) in domain terms, where it is worked and since when. */
export type NewCaseInput = Required<Pick<Input<'cases'>, 'officeId' | 'caseworkerId' | 'openedOn'>> & {
  readonly person: Input<'persons'>;
  readonly household?: Input<'households'>;
};

export type PersonChanges = Input<'persons'>;
export type CaseChanges = Pick<
  Input<'cases'>,
  'phase' | 'status' | 'caseworkerId' | 'closedOn' | 'lastContactOn' | 'nextReviewOn' | 'substitutions'
>;
export type NoteInput = Pick<Input<'notes'>, 'category' | 'title' | 'body' | 'restricted'>;
export type AppointmentInput = Omit<Input<'appointments'>, never>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function requireDate(value: string | null | undefined, path: string): void {
  if (value === null || value === undefined) return;
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      issues: [{ path, message: 'Bitte ein gültiges Datum (JJJJ-MM-TT) angeben.' }],
    });
  }
}

/**
 * Cases, persons, notes and appointments. Reads go to the repository; every write runs in one
 * transaction through writeSynced (row + outbox entry). Rows are returned as they are stored.
 */
export function createCasesService(deps: CasesServiceDeps) {
  const db = () => (typeof deps.db === 'function' ? deps.db() : deps.db);
  const actor = () => (typeof deps.actorId === 'function' ? deps.actorId() : (deps.actorId ?? 'local-user'));
  const ctx = (): WriteContext => ({
    clock: deps.clock,
    ids: deps.ids,
    actorId: actor(),
    localTxId: deps.ids.newId(),
  });

  async function requireCase(trx: Transaction<LocalDb>, caseId: string): Promise<void> {
    const exists = await trx
      .selectFrom('cases')
      .select('id')
      .where('id', '=', caseId)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (!exists) throw new AppError('NOT_FOUND');
  }

  /** An attended appointment is a contact: the case's last contact moves forward, never back. */
  async function recordContact(
    trx: Transaction<LocalDb>,
    caseId: string,
    appointment: { startsAt: string; status: string },
  ): Promise<void> {
    if (appointment.status !== 'wahrgenommen') return;
    const day = dateInBerlin(new Date(appointment.startsAt));
    const current = await getRecord(trx, 'cases', caseId);
    if (!current || (current.lastContactOn !== null && current.lastContactOn >= day)) return;
    await writeSynced(trx, ctx(), {
      entity: 'cases',
      op: 'update',
      id: caseId,
      values: { lastContactOn: day },
    });
  }

  return {
    listCases: (filter?: ListCasesFilter): Promise<CaseListItem[]> => listCases(db(), filter),
    searchCases: (query: string, options?: { limit?: number }): Promise<CaseListItem[]> =>
      searchCases(db(), query, options),
    listOffices: () => listOffices(db()),
    listAppointmentsOn: (day: string) => {
      requireDate(day, 'day');
      return listAppointmentsOn(db(), day);
    },

    async getCase(caseId: string): Promise<CaseDetail> {
      const detail = await getCaseDetail(db(), caseId);
      if (!detail) throw new AppError('NOT_FOUND');
      return detail;
    },

    /**
     * Creates household, person and case in one transaction. The case number is PROVISIONAL
     * (`OSZ-2026-V<device>-0001`, unique to this laptop) until the server assigns the final one.
     */
    async createCase(
      input: NewCaseInput,
    ): Promise<{ caseId: string; personId: string; householdId: string | null; caseNumber: string }> {
      requireDate(input.openedOn, 'openedOn');
      if (!isOfficeId(input.officeId))
        throw new AppError('VALIDATION_FAILED', undefined, {
          issues: [{ path: 'officeId', message: 'Bitte einen der vier Standorte wählen.' }],
        });
      const officeId = input.officeId;
      const c = ctx();
      const caseId = deps.ids.newId();
      const personId = deps.ids.newId();
      const householdId = input.household ? deps.ids.newId() : null;
      const caseNumber = await db()
        .transaction()
        .execute(async (trx) => {
          const year = Number(input.openedOn.slice(0, 4));
          const tag = deviceTag(await clientIdOf(trx, deps.ids));
          const prefix = `${officeCode(officeId)}-${year}-V${tag}-`;
          const number = provisionalCaseNumber(
            officeCode(officeId),
            year,
            tag,
            (await countProvisionalNumbers(trx, prefix)) + 1,
          );
          // The case goes first: the server accepts a case's records only after the case itself
          // (SYNC.md §4.5). Its person follows in the same transaction, so the foreign keys are
          // checked at commit.
          await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
          await writeSynced(trx, c, {
            entity: 'cases',
            op: 'create',
            id: caseId,
            caseId,
            values: {
              caseNumber: number,
              provisionalCaseNumber: number,
              personId,
              officeId,
              caseworkerId: input.caseworkerId,
              phase: 1,
              status: 'aktiv',
              openedOn: input.openedOn,
            },
          });
          if (input.household && householdId) {
            await writeSynced(trx, c, {
              entity: 'households',
              op: 'create',
              id: householdId,
              caseId,
              values: input.household,
            });
          }
          await writeSynced(trx, c, {
            entity: 'persons',
            op: 'create',
            id: personId,
            caseId,
            values: { ...input.person, householdId },
          });
          await trx
            .insertInto('access_scope')
            .values({ case_id: caseId, scope_version: 0 })
            .onConflict((oc) => oc.doNothing())
            .execute();
          return number;
        });
      return { caseId, personId, householdId, caseNumber };
    },

    async updatePerson(personId: string, changes: PersonChanges, expectedRowVersion?: number): Promise<void> {
      await db()
        .transaction()
        .execute((trx) =>
          writeSynced(trx, ctx(), {
            entity: 'persons',
            op: 'update',
            id: personId,
            values: changes,
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          }),
        );
    },

    /** Case header changes; status and phase only along the domain's state machines. */
    async updateCase(caseId: string, changes: CaseChanges, expectedRowVersion?: number): Promise<void> {
      await db()
        .transaction()
        .execute(async (trx) => {
          const current = await getRecord(trx, 'cases', caseId);
          if (!current || current.rowVersion < 0) throw new AppError('NOT_FOUND');
          if (changes.status !== undefined && !canChangeCaseStatus(current.status, changes.status))
            throw new AppError(
              'INVALID_TRANSITION',
              `Ein Fall im Status „${CASE_STATUS_LABELS[current.status]}“ kann nicht „${CASE_STATUS_LABELS[changes.status]}“ werden.`,
            );
          if (
            changes.phase !== undefined &&
            changes.phase !== current.phase &&
            !canMoveToPhase(current.phase, changes.phase)
          )
            throw new AppError(
              'INVALID_TRANSITION',
              `Von Phase ${current.phase} geht es nur zur nächsten Phase oder zurück, nicht zu Phase ${changes.phase}.`,
            );
          await writeSynced(trx, ctx(), {
            entity: 'cases',
            op: 'update',
            id: caseId,
            values: changes,
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          });
        });
    },

    async addNote(caseId: string, note: NoteInput): Promise<{ noteId: string }> {
      const noteId = deps.ids.newId();
      await db()
        .transaction()
        .execute(async (trx) => {
          await requireCase(trx, caseId);
          await writeSynced(trx, ctx(), {
            entity: 'notes',
            op: 'create',
            id: noteId,
            caseId,
            values: { ...note, writtenAt: deps.clock.now().toISOString(), authorId: actor() },
          });
        });
      return { noteId };
    },

    async updateNote(
      noteId: string,
      changes: Partial<NoteInput>,
      expectedRowVersion?: number,
    ): Promise<void> {
      await db()
        .transaction()
        .execute((trx) =>
          writeSynced(trx, ctx(), {
            entity: 'notes',
            op: 'update',
            id: noteId,
            values: changes,
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          }),
        );
    },

    async addAppointment(caseId: string, input: AppointmentInput): Promise<{ appointmentId: string }> {
      const appointmentId = deps.ids.newId();
      await db()
        .transaction()
        .execute(async (trx) => {
          await requireCase(trx, caseId);
          const { record } = await writeSynced(trx, ctx(), {
            entity: 'appointments',
            op: 'create',
            id: appointmentId,
            caseId,
            values: input,
          });
          await recordContact(trx, caseId, record);
        });
      return { appointmentId };
    },

    /** Reschedule or change the status (attended, missed, cancelled) along the domain's rules. */
    async updateAppointment(
      appointmentId: string,
      changes: Partial<AppointmentInput>,
      expectedRowVersion?: number,
    ): Promise<void> {
      await db()
        .transaction()
        .execute(async (trx) => {
          const current = await getRecord(trx, 'appointments', appointmentId);
          if (!current) throw new AppError('NOT_FOUND');
          if (
            changes.status !== undefined &&
            changes.status !== current.status &&
            !canChangeAppointmentStatus(current.status, changes.status)
          )
            throw new AppError(
              'INVALID_TRANSITION',
              `Ein Termin im Status „${APPOINTMENT_STATUS_LABELS[current.status]}“ kann nicht auf „${APPOINTMENT_STATUS_LABELS[changes.status]}“ gesetzt werden.`,
            );
          const { record } = await writeSynced(trx, ctx(), {
            entity: 'appointments',
            op: 'update',
            id: appointmentId,
            values: changes,
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          });
          await recordContact(trx, current.caseId, record);
        });
    },

    async archiveNote(noteId: string): Promise<void> {
      await db()
        .transaction()
        .execute((trx) => writeSynced(trx, ctx(), { entity: 'notes', op: 'archive', id: noteId }));
    },

    /** Pending local edits (for the sync screen). */
    async pendingChanges(): Promise<number> {
      const row = await db()
        .selectFrom('sync_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type CasesService = ReturnType<typeof createCasesService>;
