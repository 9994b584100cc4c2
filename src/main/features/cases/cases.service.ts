import { sql, type Transaction } from 'kysely';
import { appointmentChangeProblem } from '../../../shared/domain/case/appointment';
import {
  CASE_STATUS_LABELS,
  canChangeCaseStatus,
  canMoveToPhase,
  deviceTag,
  provisionalCaseNumber,
} from '../../../shared/domain/case/case';
import { isOfficeId, officeCode } from '../../../shared/domain/case/office';
import { isoDateSchema } from '../../../shared/domain/common/dates';
import { dtoOf, requireLive, serviceKit, type Dto, type ServiceDeps } from '../common/service-kit';
import { moveLastContact } from './last-contact';
import { searchCaseHits, type SearchHit } from './case-search';
import type { Entities, EntityName, FieldsInput } from '../../../shared/entities/index';
import { AppError } from '../../../shared/errors';
import type { LocalDb } from '../../db/local-db';
import { clientIdOf, writeSynced, type WriteContext } from '../../db/write-synced';
import {
  countProvisionalNumbers,
  getCaseDetail,
  listAppointmentsOn,
  listCases,
  listOffices,
  type CaseDetail,
  type CaseListItem,
  type ListCasesFilter,
} from './cases.repository';

export type CasesServiceDeps = ServiceDeps;

type Input<E extends EntityName> = FieldsInput<Entities[E]['fields']>;

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

/** Writes a new Vermerk of `caseId` in `trx`: written now, by the context's actor. */
export function writeNote(
  trx: Transaction<LocalDb>,
  ctx: WriteContext,
  note: { readonly id: string; readonly caseId: string; readonly values: NoteInput; readonly now: Date },
) {
  return writeSynced(trx, ctx, {
    entity: 'notes',
    op: 'create',
    id: note.id,
    caseId: note.caseId,
    values: { ...note.values, writtenAt: note.now.toISOString(), authorId: ctx.actorId },
  });
}
export type AppointmentInput = Omit<Input<'appointments'>, never>;

/** A date the service needs before writing (the write path checks every stored date itself). */
function requireDate(value: string, path: string): void {
  const parsed = isoDateSchema.safeParse(value);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', undefined, {
      issues: [{ path, message: parsed.error.issues[0]?.message ?? 'Ungültiges Datum.' }],
    });
}

/**
 * Creates household, person and case in the caller's transaction. The case number is PROVISIONAL
 * (`OSZ-2026-V<device>-0001`, unique to this laptop) until the server assigns the final one. The
 * intake and the pre-release contact of an outreach day both create cases through here.
 */
export async function writeNewCase(
  trx: Transaction<LocalDb>,
  ctx: WriteContext,
  input: NewCaseInput,
): Promise<{ caseId: string; personId: string; householdId: string | null; caseNumber: string }> {
  requireDate(input.openedOn, 'openedOn');
  if (!isOfficeId(input.officeId))
    throw new AppError('VALIDATION_FAILED', undefined, {
      issues: [{ path: 'officeId', message: 'Bitte einen der vier Standorte wählen.' }],
    });
  const officeId = input.officeId;
  const caseId = ctx.ids.newId();
  const personId = ctx.ids.newId();
  const householdId = input.household ? ctx.ids.newId() : null;
  const year = Number(input.openedOn.slice(0, 4));
  const tag = deviceTag(await clientIdOf(trx, ctx.ids));
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
  await writeSynced(trx, ctx, {
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
    await writeSynced(trx, ctx, {
      entity: 'households',
      op: 'create',
      id: householdId,
      caseId,
      values: input.household,
    });
  }
  await writeSynced(trx, ctx, {
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
  return { caseId, personId, householdId, caseNumber: number };
}

/**
 * Cases, persons, notes and appointments. Reads go to the repository; every write runs in one
 * transaction through writeSynced (row + outbox entry). Rows are returned as they are stored.
 */
export function createCasesService(deps: CasesServiceDeps) {
  const kit = serviceKit(deps);
  const db = kit.db;

  /** An attended appointment is a contact: the case's last contact moves forward, never back. */
  async function recordContact(
    trx: Transaction<LocalDb>,
    ctx: WriteContext,
    caseId: string,
    appointment: { startsAt: string; status: string },
  ): Promise<void> {
    if (appointment.status !== 'wahrgenommen') return;
    await moveLastContact(trx, ctx, caseId, appointment.startsAt);
  }

  return {
    listCases: (filter?: ListCasesFilter): Promise<CaseListItem[]> => listCases(db(), filter),
    /** Search as you type, names ranked before numbers before notes (case-search.ts). */
    searchCases: (query: string, options?: { limit?: number }): Promise<SearchHit[]> =>
      searchCaseHits(db(), query, options),
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
      return kit.write((trx, ctx) => writeNewCase(trx, ctx, input));
    },

    async updatePerson(
      personId: string,
      changes: PersonChanges,
      expectedRowVersion?: number,
    ): Promise<Dto<'persons'>> {
      return kit.write(async (trx, ctx) =>
        dtoOf(
          await writeSynced(trx, ctx, {
            entity: 'persons',
            op: 'update',
            id: personId,
            values: changes,
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          }),
        ),
      );
    },

    /** Case header changes; status and phase only along the domain's state machines. */
    async updateCase(
      caseId: string,
      changes: CaseChanges,
      expectedRowVersion?: number,
    ): Promise<Dto<'cases'>> {
      return kit.write(async (trx, ctx) => {
        const current = await requireLive(trx, 'cases', caseId);
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
        return dtoOf(
          await writeSynced(trx, ctx, {
            entity: 'cases',
            op: 'update',
            id: caseId,
            values: changes,
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          }),
        );
      });
    },

    async addNote(caseId: string, note: NoteInput): Promise<{ noteId: string; note: Dto<'notes'> }> {
      const noteId = kit.newId();
      const written = await kit.write(async (trx, ctx) => {
        await requireLive(trx, 'cases', caseId);
        return writeNote(trx, ctx, { id: noteId, caseId, values: note, now: kit.now() });
      });
      return { noteId, note: dtoOf(written) };
    },

    async updateNote(
      noteId: string,
      changes: Partial<NoteInput>,
      expectedRowVersion?: number,
    ): Promise<Dto<'notes'>> {
      return kit.write(async (trx, ctx) =>
        dtoOf(
          await writeSynced(trx, ctx, {
            entity: 'notes',
            op: 'update',
            id: noteId,
            values: changes,
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          }),
        ),
      );
    },

    async addAppointment(
      caseId: string,
      input: AppointmentInput,
    ): Promise<{ appointmentId: string; appointment: Dto<'appointments'> }> {
      const appointmentId = kit.newId();
      const written = await kit.write(async (trx, ctx) => {
        await requireLive(trx, 'cases', caseId);
        if (input.status !== undefined && input.status !== 'geplant' && input.startsAt !== undefined) {
          const problem = appointmentChangeProblem(
            { status: 'geplant', startsAt: input.startsAt },
            { status: input.status },
            kit.now(),
          );
          if (problem) throw new AppError('INVALID_TRANSITION', problem);
        }
        const result = await writeSynced(trx, ctx, {
          entity: 'appointments',
          op: 'create',
          id: appointmentId,
          caseId,
          values: input,
        });
        await recordContact(trx, ctx, caseId, result.record);
        return result;
      });
      return { appointmentId, appointment: dtoOf(written) };
    },

    /** Reschedule or change the status (attended, missed, cancelled) along the domain's rules. */
    async updateAppointment(
      appointmentId: string,
      changes: Partial<AppointmentInput>,
      expectedRowVersion?: number,
    ): Promise<Dto<'appointments'>> {
      return kit.write(async (trx, ctx) => {
        const current = await requireLive(trx, 'appointments', appointmentId);
        const problem = appointmentChangeProblem(
          current,
          {
            ...(changes.status !== undefined ? { status: changes.status } : {}),
            ...(changes.startsAt !== undefined ? { startsAt: changes.startsAt } : {}),
          },
          kit.now(),
        );
        if (problem) throw new AppError('INVALID_TRANSITION', problem);
        const result = await writeSynced(trx, ctx, {
          entity: 'appointments',
          op: 'update',
          id: appointmentId,
          values: changes,
          ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
        });
        await recordContact(trx, ctx, current.caseId, result.record);
        return dtoOf(result);
      });
    },

    async archiveNote(noteId: string): Promise<void> {
      await kit.write(async (trx, ctx) =>
        writeSynced(trx, ctx, { entity: 'notes', op: 'archive', id: noteId }),
      );
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
