import type { IsoDate } from '../../../shared/domain/common/dates';
import { targetGroupsFrom } from '../../../shared/domain/case/target-groups';
import type { CaseDetailDto, DayAppointment } from '../../../shared/ipc/contract';
import type { Handlers } from '../../ipc/dispatch';
import type { AppointmentRow } from '../../db/local-db';
import type { Executor } from '../../db/kysely';
import { countCasesByStatus, listDayAppointments } from './caseload.queries';
import type { CasesService } from './cases.service';

function appointmentDto(a: AppointmentRow) {
  return {
    id: a.id,
    caseId: a.case_id,
    startsAt: a.starts_at,
    durationMinutes: a.duration_minutes,
    kind: a.kind,
    location: a.location,
    status: a.status,
  };
}

/** IPC handlers of the caseload and the case workspace (read side). */
export function casesHandlers(
  cases: CasesService,
  db: () => Executor,
  today: () => IsoDate,
): Pick<Handlers, 'cases:list' | 'cases:get' | 'appointments:list-day'> {
  return {
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
      return {
        summary: {
          caseId: d.case.id,
          caseNumber: d.case.case_number,
          status: d.case.status,
          phase: d.case.phase,
          officeId: d.case.office_id,
          personId: d.person.id,
          firstName: d.person.first_name,
          lastName: d.person.last_name,
          birthDate: d.person.birth_date,
          town: d.person.town,
          lastContactOn: d.case.last_contact_on,
          nextReviewOn: d.case.next_review_on,
        },
        officeName: d.office?.name ?? null,
        openedOn: d.case.opened_on,
        person: {
          customerNumber: d.person.customer_number,
          gender: d.person.gender,
          nationality: d.person.nationality,
          preferredLanguage: d.person.preferred_language,
          street: d.person.street,
          postalCode: d.person.postal_code,
          phone: d.person.phone,
          email: d.person.email,
          severelyDisabled: d.person.severely_disabled === 1,
        },
        household: d.household
          ? {
              householdNumber: d.household.household_number,
              members: d.household.members,
              childrenUnder18: d.household.children_under_18,
              singleParent: d.household.single_parent === 1,
            }
          : null,
        targetGroups: targetGroupsFrom(
          {
            birthDate: d.person.birth_date,
            severelyDisabledOrEqual: d.person.severely_disabled === 1,
            ...(d.household ? { singleParent: d.household.single_parent === 1 } : {}),
          },
          today(),
        ),
        appointments: d.appointments.map(appointmentDto),
        notes: d.notes
          .filter((n) => n.restricted === 0)
          .map((n) => ({
            id: n.id,
            category: n.category,
            title: n.title,
            body: n.body,
            createdAt: n.created_at,
          })),
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
