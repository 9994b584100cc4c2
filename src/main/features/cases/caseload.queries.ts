import { appointmentDay } from '../../../shared/domain/case/appointment';
import { addDays } from '../../../shared/domain/common/dates';
import type { Executor } from '../../db/kysely';
import type { AppointmentRow, CaseStatus } from '../../db/local-db';

/** Read queries of the caseload and appointments screens. */
export async function countCasesByStatus(db: Executor, status?: CaseStatus): Promise<number> {
  let q = db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('archived_at', 'is', null);
  if (status) q = q.where('status', '=', status);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type DayAppointmentRow = AppointmentRow & {
  first_name: string;
  last_name: string;
  case_number: string;
};

/**
 * Appointments of one calendar day at the offices (ISO date, Europe/Berlin: an appointment at
 * 00:30 in Berlin is 23:30 UTC the day before), with the person's name and case number.
 */
export async function listDayAppointments(db: Executor, day: string): Promise<DayAppointmentRow[]> {
  const rows = await db
    .selectFrom('appointments as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .selectAll('a')
    .select(['p.first_name', 'p.last_name', 'c.case_number'])
    .where('a.starts_at', '>=', addDays(day, -1))
    .where('a.starts_at', '<', addDays(day, 2))
    .where('a.archived_at', 'is', null)
    .execute();
  return rows
    .filter((r) => appointmentDay(r.starts_at) === day)
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
}
