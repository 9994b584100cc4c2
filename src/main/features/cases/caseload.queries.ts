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

/** Appointments of one calendar day (ISO date), with the person's name and case number. */
export function listDayAppointments(db: Executor, day: string): Promise<DayAppointmentRow[]> {
  const next = new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
  return db
    .selectFrom('appointments as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .selectAll('a')
    .select(['p.first_name', 'p.last_name', 'c.case_number'])
    .where('a.starts_at', '>=', day)
    .where('a.starts_at', '<', next)
    .where('a.archived_at', 'is', null)
    .orderBy('a.starts_at')
    .execute();
}
