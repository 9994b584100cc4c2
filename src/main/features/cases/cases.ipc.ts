import type { IsoDate } from '../../../shared/domain/common/dates';
import { isProvisionalCaseNumber } from '../../../shared/domain/case/case';
import { isSingleParentHousehold } from '../../../shared/domain/case/household';
import { targetGroupsFrom } from '../../../shared/domain/case/target-groups';
import { phaseProgress } from '../../../shared/domain/case/phase-progress';
import { phaseProgressRecords } from '../goals/planning.queries';
import { appointmentsEntity, fromRow } from '../../../shared/entities/index';
import type { CaseDetailDto, DayAppointment } from '../../../shared/ipc/contract';
import type { Handlers } from '../../ipc/dispatch';
import type { AppointmentRow } from '../../db/local-db';
import type { Executor } from '../../db/kysely';
import { countCasesByStatus, listDayAppointments } from './caseload.queries';
import type { CaseloadReader } from './caseload';
import type {
  AppointmentInput,
  CaseChanges,
  CasesService,
  NewCaseInput,
  NoteInput,
  PersonChanges,
} from './cases.service';

function appointmentDto(a: AppointmentRow) {
  return { ...fromRow(appointmentsEntity, a), rowVersion: a.row_version };
}

/** IPC handlers of the caseload and the case workspace (read side). */
export function casesHandlers(
  cases: CasesService,
  db: () => Executor,
  today: () => IsoDate,
  caseload: CaseloadReader,
  /** Whether the signed-in user writes case records (the workspace is read-only otherwise). */
  writesCaseRecords: () => boolean = () => true,
): Pick<Handlers, 'cases:list' | 'cases:get' | 'cases:search' | 'caseload:list' | 'appointments:list-day'> {
  return {
    'cases:search': ({ query, limit }) => cases.searchCases(query.trim(), { limit: limit ?? 50 }),
    'caseload:list': (input) => caseload(input),
    'cases:list': async ({ query, status, limit, offset }) => {
      const text = query?.trim() ?? '';
      if (text.length > 0) {
        const found = await cases.searchCases(text, { limit: limit ?? 100 });
        const items = status ? found.filter((c) => c.status === status) : found;
        return { items, total: items.length };
      }
      const filter = { ...(status ? { status } : {}), limit: limit ?? 100, offset: offset ?? 0 };
      const [items, total] = await Promise.all([cases.listCases(filter), countCasesByStatus(db(), status)]);
      return { items, total };
    },
    'cases:get': async ({ caseId }): Promise<CaseDetailDto> => {
      const d = await cases.getCase(caseId);
      const on = today();
      const phases = phaseProgress(await phaseProgressRecords(db(), caseId), on);
      return {
        summary: {
          caseId: d.case.id,
          caseNumber: d.case.caseNumber,
          status: d.case.status,
          phase: d.case.phase,
          officeId: d.case.officeId,
          personId: d.person.id,
          firstName: d.person.firstName,
          lastName: d.person.lastName,
          birthDate: d.person.birthDate,
          town: d.person.town,
          lastContactOn: d.case.lastContactOn,
          nextReviewOn: d.case.nextReviewOn,
        },
        officeName: d.office?.name ?? null,
        caseNumberProvisional: isProvisionalCaseNumber(d.case.caseNumber),
        case: d.case,
        person: d.person,
        household: d.household ?? null,
        targetGroups: targetGroupsFrom(
          {
            birthDate: d.person.birthDate,
            unemployedSince: d.person.unemployedSince,
            benefitPeriods: d.person.benefitPeriods,
            returnerToWork: d.person.returnerToWork,
            disability: d.person.disability,
            germanLevel: d.person.germanLevel,
            expectedReleaseDate: d.person.expectedReleaseDate,
            // the stored household is already a domain record (read through its definition)
            ...(d.household ? { singleParent: isSingleParentHousehold(d.household, on) } : {}),
          },
          on,
        ),
        appointments: d.appointments,
        notes: d.notes,
        phases,
        mayWrite: writesCaseRecords(),
      };
    },
    'appointments:list-day': async ({ day }): Promise<DayAppointment[]> => {
      const rows = await listDayAppointments(db(), day);
      return rows.map((r) => ({
        ...appointmentDto(r),
        personName: `${r.last_name}, ${r.first_name}`,
        caseNumber: r.case_number,
      }));
    },
  };
}

/** IPC handlers of the case records served by the cases service (write side). */
export function casesWriteHandlers(
  cases: CasesService,
): Pick<
  Handlers,
  | 'cases:create'
  | 'cases:update'
  | 'persons:update'
  | 'notes:create'
  | 'notes:update'
  | 'notes:archive'
  | 'appointments:create'
  | 'appointments:update'
> {
  // Inputs are parsed by dispatch with schemas derived from the definitions; the casts only name them.
  return {
    'cases:create': (input) => cases.createCase(input as unknown as NewCaseInput),
    'cases:update': ({ caseId, changes, expectedRowVersion }) =>
      cases.updateCase(caseId, changes as CaseChanges, expectedRowVersion),
    'persons:update': ({ personId, changes, expectedRowVersion }) =>
      cases.updatePerson(personId, changes as PersonChanges, expectedRowVersion),
    'notes:create': async ({ caseId, values }) => (await cases.addNote(caseId, values as NoteInput)).note,
    'notes:update': ({ noteId, changes, expectedRowVersion }) =>
      cases.updateNote(noteId, changes as Partial<NoteInput>, expectedRowVersion),
    'notes:archive': async ({ noteId }) => {
      await cases.archiveNote(noteId);
      return { id: noteId };
    },
    'appointments:create': async ({ caseId, values }) =>
      (await cases.addAppointment(caseId, values as AppointmentInput)).appointment,
    'appointments:update': ({ appointmentId, changes, expectedRowVersion }) =>
      cases.updateAppointment(appointmentId, changes as Partial<AppointmentInput>, expectedRowVersion),
  };
}
