import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors';
import type { AppointmentStatus, CaseStatus, LocalDb } from '../../db/local-db';
import {
  writeSynced,
  type Clock,
  type IdGenerator,
  type SyncedFields,
  type WriteContext,
} from '../../db/write-synced';
import {
  countCasesInOfficeYear,
  getCaseDetail,
  getOffice,
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

export interface NewPersonInput {
  readonly customerNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
  readonly gender?: string | null;
  readonly nationality?: string | null;
  readonly preferredLanguage?: string | null;
  readonly street?: string | null;
  readonly postalCode?: string | null;
  readonly town?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly severelyDisabled?: boolean;
}

export interface NewCaseInput {
  readonly person: NewPersonInput;
  readonly officeId: string;
  readonly caseworkerId: string;
  readonly openedOn: string;
  /** Generated as `<office code>-<year>-<6 digits>` when omitted. */
  readonly caseNumber?: string;
  readonly household?: {
    readonly householdNumber: string;
    readonly members: number;
    readonly childrenUnder18?: number;
    readonly singleParent?: boolean;
  };
}

export interface CaseUpdateInput {
  readonly phase?: 1 | 2 | 3 | 4;
  readonly status?: CaseStatus;
  readonly caseworkerId?: string;
  readonly closedOn?: string | null;
  readonly lastContactOn?: string | null;
  readonly nextReviewOn?: string | null;
}

export interface NoteInput {
  readonly category: string;
  readonly title: string;
  readonly body: string;
  /** Restricted notes are never put into the search index. */
  readonly restricted?: boolean;
}

export interface AppointmentInput {
  readonly startsAt: string;
  readonly durationMinutes: number;
  readonly kind: string;
  readonly location: string;
  readonly status?: AppointmentStatus;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function requireDate(value: string | null | undefined, path: string): void {
  if (value === null || value === undefined) return;
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new AppError('VALIDATION_FAILED', undefined, {
      issues: [{ path, message: 'Bitte ein gültiges Datum (JJJJ-MM-TT) angeben.' }],
    });
  }
}

function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function personFields(p: Partial<NewPersonInput>): SyncedFields<'persons'> {
  requireDate(p.birthDate, 'birthDate');
  return defined({
    customer_number: p.customerNumber,
    first_name: p.firstName,
    last_name: p.lastName,
    birth_date: p.birthDate,
    gender: p.gender,
    nationality: p.nationality,
    preferred_language: p.preferredLanguage,
    street: p.street,
    postal_code: p.postalCode,
    town: p.town,
    phone: p.phone,
    email: p.email,
    severely_disabled: p.severelyDisabled === undefined ? undefined : p.severelyDisabled ? 1 : 0,
  });
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

  async function caseIdOf(table: 'persons' | 'notes' | 'appointments', id: string): Promise<string> {
    const row = await db().selectFrom(table).select('case_id').where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row.case_id;
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

    /** Creates person (and household) and case in one transaction; returns the new ids. */
    async createCase(
      input: NewCaseInput,
    ): Promise<{ caseId: string; personId: string; householdId: string | null }> {
      requireDate(input.openedOn, 'openedOn');
      const c = ctx();
      const caseId = deps.ids.newId();
      const personId = deps.ids.newId();
      const householdId = input.household ? deps.ids.newId() : null;
      await db()
        .transaction()
        .execute(async (trx) => {
          const office = await getOffice(trx, input.officeId);
          if (!office)
            throw new AppError('VALIDATION_FAILED', undefined, {
              issues: [{ path: 'officeId', message: 'Unbekannter Standort.' }],
            });
          const year = input.openedOn.slice(0, 4);
          const caseNumber =
            input.caseNumber ??
            `${office.code}-${year}-${String((await countCasesInOfficeYear(trx, office.id, year)) + 1).padStart(6, '0')}`;
          if (input.household && householdId) {
            await writeSynced(trx, c, {
              table: 'households',
              op: 'create',
              id: householdId,
              caseId,
              fields: {
                household_number: input.household.householdNumber,
                members: input.household.members,
                children_under_18: input.household.childrenUnder18 ?? 0,
                single_parent: input.household.singleParent ? 1 : 0,
              },
            });
          }
          await writeSynced(trx, c, {
            table: 'persons',
            op: 'create',
            id: personId,
            caseId,
            fields: { ...personFields(input.person), household_id: householdId },
          });
          await writeSynced(trx, c, {
            table: 'cases',
            op: 'create',
            id: caseId,
            caseId,
            fields: {
              case_number: caseNumber,
              person_id: personId,
              office_id: office.id,
              caseworker_id: input.caseworkerId,
              phase: 1,
              status: 'aktiv',
              opened_on: input.openedOn,
            },
          });
          await trx
            .insertInto('access_scope')
            .values({ case_id: caseId, scope_version: 0 })
            .onConflict((oc) => oc.doNothing())
            .execute();
        });
      return { caseId, personId, householdId };
    },

    async updatePerson(
      personId: string,
      changes: Partial<NewPersonInput>,
      expectedRowVersion?: number,
    ): Promise<void> {
      const fields = personFields(changes);
      await db()
        .transaction()
        .execute((trx) =>
          writeSynced(trx, ctx(), {
            table: 'persons',
            op: 'update',
            id: personId,
            fields,
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          }),
        );
    },

    async updateCase(caseId: string, changes: CaseUpdateInput, expectedRowVersion?: number): Promise<void> {
      requireDate(changes.closedOn, 'closedOn');
      requireDate(changes.lastContactOn, 'lastContactOn');
      requireDate(changes.nextReviewOn, 'nextReviewOn');
      const fields = defined({
        phase: changes.phase,
        status: changes.status,
        caseworker_id: changes.caseworkerId,
        closed_on: changes.closedOn,
        last_contact_on: changes.lastContactOn,
        next_review_on: changes.nextReviewOn,
      });
      await db()
        .transaction()
        .execute((trx) =>
          writeSynced(trx, ctx(), {
            table: 'cases',
            op: 'update',
            id: caseId,
            fields,
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          }),
        );
    },

    async addNote(caseId: string, note: NoteInput): Promise<{ noteId: string }> {
      const noteId = deps.ids.newId();
      await db()
        .transaction()
        .execute(async (trx) => {
          const exists = await trx
            .selectFrom('cases')
            .select('id')
            .where('id', '=', caseId)
            .executeTakeFirst();
          if (!exists) throw new AppError('NOT_FOUND');
          await writeSynced(trx, ctx(), {
            table: 'notes',
            op: 'create',
            id: noteId,
            caseId,
            fields: {
              category: note.category,
              title: note.title,
              body: note.body,
              restricted: note.restricted ? 1 : 0,
            },
          });
        });
      return { noteId };
    },

    async updateNote(
      noteId: string,
      changes: Partial<NoteInput>,
      expectedRowVersion?: number,
    ): Promise<void> {
      await caseIdOf('notes', noteId);
      const fields = defined({
        category: changes.category,
        title: changes.title,
        body: changes.body,
        restricted: changes.restricted === undefined ? undefined : changes.restricted ? 1 : 0,
      });
      await db()
        .transaction()
        .execute((trx) =>
          writeSynced(trx, ctx(), {
            table: 'notes',
            op: 'update',
            id: noteId,
            fields,
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          }),
        );
    },

    async addAppointment(caseId: string, input: AppointmentInput): Promise<{ appointmentId: string }> {
      if (Number.isNaN(Date.parse(input.startsAt))) {
        throw new AppError('VALIDATION_FAILED', undefined, {
          issues: [{ path: 'startsAt', message: 'Bitte einen gültigen Zeitpunkt angeben.' }],
        });
      }
      const appointmentId = deps.ids.newId();
      await db()
        .transaction()
        .execute(async (trx) => {
          const exists = await trx
            .selectFrom('cases')
            .select('id')
            .where('id', '=', caseId)
            .executeTakeFirst();
          if (!exists) throw new AppError('NOT_FOUND');
          await writeSynced(trx, ctx(), {
            table: 'appointments',
            op: 'create',
            id: appointmentId,
            caseId,
            fields: {
              starts_at: input.startsAt,
              duration_minutes: input.durationMinutes,
              kind: input.kind,
              location: input.location,
              status: input.status ?? 'geplant',
            },
          });
        });
      return { appointmentId };
    },

    async updateAppointment(
      appointmentId: string,
      changes: Partial<AppointmentInput>,
      expectedRowVersion?: number,
    ): Promise<void> {
      await caseIdOf('appointments', appointmentId);
      const fields = defined({
        starts_at: changes.startsAt,
        duration_minutes: changes.durationMinutes,
        kind: changes.kind,
        location: changes.location,
        status: changes.status,
      });
      await db()
        .transaction()
        .execute((trx) =>
          writeSynced(trx, ctx(), {
            table: 'appointments',
            op: 'update',
            id: appointmentId,
            fields,
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          }),
        );
    },

    async archiveNote(noteId: string): Promise<void> {
      await db()
        .transaction()
        .execute((trx) => writeSynced(trx, ctx(), { table: 'notes', op: 'archive', id: noteId }));
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
