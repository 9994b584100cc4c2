import { appointmentDay, isOutreach } from '../../../shared/domain/case/appointment';
import type { OfficeId } from '../../../shared/domain/case/office';
import { findDuplicates, type DuplicateFinding } from '../../../shared/domain/case/duplicates';
import { addDays, dateInBerlin, type IsoDate } from '../../../shared/domain/common/dates';
import { ownEffortProgress, type OwnEffortPeriod } from '../../../shared/domain/plan/own-effort';
import { appointmentsEntity, fromRow, type Entities, type RecordOf } from '../../../shared/entities/index';
import { AppError } from '../../../shared/errors';
import type { AppointmentRow } from '../../db/local-db';
import { getRecord, listCaseRecords } from '../cases/cases.repository';
import { serviceKit, type Dto, type ServiceDeps } from '../common/service-kit';

type PersonRecord = RecordOf<Entities['persons']['fields']>;

export type DayAppointmentView = Dto<'appointments'> & {
  readonly personName: string;
  readonly caseNumber: string;
  readonly officeId: string;
  readonly outreach: boolean;
};

export interface DayViewQuery {
  readonly day: IsoDate;
  /** Only appointments of cases worked in this office. */
  readonly officeId?: OfficeId | undefined;
  /** true: only outreach appointments (JVA, home visit); false: only those at the office. */
  readonly outreach?: boolean | undefined;
}

export type DuplicateCandidate = Pick<PersonRecord, 'firstName' | 'lastName' | 'birthDate'> &
  DuplicateFinding & { readonly personId: string; readonly caseId: string; readonly caseNumber: string };

/**
 * Read side of the everyday records of phase 4: the day view of appointments (days at the
 * offices, Europe/Berlin), the next appointment per case, the contact history, the
 * Eigenbemühungen with their balance, and the duplicate check before an intake.
 */
export function createCaseRecordsReads(deps: ServiceDeps) {
  const kit = serviceKit(deps);

  async function requireCase(caseId: string) {
    if (!(await getRecord(kit.db(), 'cases', caseId, { live: true }))) throw new AppError('NOT_FOUND');
  }

  return {
    /** Appointments whose start falls on `day` in Berlin (not in UTC), with name and case number. */
    async dayView(query: DayViewQuery): Promise<DayAppointmentView[]> {
      // starts_at carries an offset: fetch a generous string window, then decide the Berlin day.
      let q = kit
        .db()
        .selectFrom('appointments as a')
        .innerJoin('cases as c', 'c.id', 'a.case_id')
        .innerJoin('persons as p', 'p.id', 'c.person_id')
        .selectAll('a')
        .select(['p.first_name', 'p.last_name', 'c.case_number', 'c.office_id'])
        .where('a.starts_at', '>=', addDays(query.day, -1))
        .where('a.starts_at', '<', addDays(query.day, 2))
        .where('a.archived_at', 'is', null)
        .where('c.archived_at', 'is', null);
      if (query.officeId) q = q.where('c.office_id', '=', query.officeId);
      const rows = await q.execute();
      return rows
        .map((r) => {
          const a = fromRow(appointmentsEntity, r as AppointmentRow);
          return {
            ...a,
            rowVersion: Number(r.row_version),
            personName: `${r.last_name}, ${r.first_name}`,
            caseNumber: r.case_number,
            officeId: r.office_id,
            outreach: isOutreach(a.kind),
          };
        })
        .filter((a) => appointmentDay(a.startsAt) === query.day)
        .filter((a) => query.outreach === undefined || a.outreach === query.outreach)
        .sort((x, y) => Date.parse(x.startsAt) - Date.parse(y.startsAt));
    },

    /** The next planned appointment (from now on) of each given case; cases without one are left out. */
    async nextAppointments(
      caseIds?: readonly string[],
    ): Promise<{ caseId: string; appointment: Dto<'appointments'> }[]> {
      const now = kit.now();
      let q = kit
        .db()
        .selectFrom('appointments')
        .selectAll()
        .where('status', '=', 'geplant')
        .where('archived_at', 'is', null)
        .where('starts_at', '>=', addDays(dateInBerlin(now), -1));
      if (caseIds) {
        if (caseIds.length === 0) return [];
        q = q.where('case_id', 'in', [...caseIds]);
      }
      const next = new Map<string, Dto<'appointments'>>();
      for (const row of await q.execute()) {
        const a = { ...fromRow(appointmentsEntity, row), rowVersion: Number(row.row_version) };
        if (Date.parse(a.startsAt) < now.getTime()) continue;
        const seen = next.get(a.caseId);
        if (!seen || Date.parse(a.startsAt) < Date.parse(seen.startsAt)) next.set(a.caseId, a);
      }
      return [...next.entries()]
        .map(([caseId, appointment]) => ({ caseId, appointment }))
        .sort((x, y) => Date.parse(x.appointment.startsAt) - Date.parse(y.appointment.startsAt));
    },

    /** The contact history of a case, newest first. */
    async contacts(caseId: string): Promise<Dto<'contacts'>[]> {
      await requireCase(caseId);
      const contacts = await listCaseRecords(kit.db(), 'contacts', caseId);
      return contacts.sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
    },

    /** The consents of a case: in force first, newest given first; withdrawn ones after them. */
    async consents(caseId: string): Promise<Dto<'consents'>[]> {
      await requireCase(caseId);
      const consents = await listCaseRecords(kit.db(), 'consents', caseId);
      return consents.sort(
        (a, b) =>
          Number(a.withdrawnOn !== null) - Number(b.withdrawnOn !== null) ||
          b.givenOn.localeCompare(a.givenOn) ||
          a.id.localeCompare(b.id),
      );
    },

    /** The Eigenbemühungen of a case with the proofs against the agreed frequency, as of today. */
    async ownEfforts(caseId: string): Promise<
      (Dto<'own_efforts'> & {
        balance: { expected: number; proved: number; missing: number };
        periods: OwnEffortPeriod[];
      })[]
    > {
      await requireCase(caseId);
      const today = kit.today();
      const efforts = await listCaseRecords(kit.db(), 'own_efforts', caseId);
      return efforts.map((e) => {
        const { periods, expected, proved, missing } = ownEffortProgress(e, today);
        return { ...e, balance: { expected, proved, missing }, periods };
      });
    },

    /** Persons with the same birth date and a similar name, with their case (before an intake). */
    async duplicates(
      candidate: Pick<PersonRecord, 'firstName' | 'lastName' | 'birthDate'>,
    ): Promise<DuplicateCandidate[]> {
      if (candidate.birthDate === null) return [];
      const rows = await kit
        .db()
        .selectFrom('persons as p')
        .innerJoin('cases as c', 'c.person_id', 'p.id')
        .select([
          'p.id as personId',
          'p.first_name',
          'p.last_name',
          'p.birth_date',
          'c.id as caseId',
          'c.case_number',
        ])
        .where('p.birth_date', '=', candidate.birthDate)
        .where('c.archived_at', 'is', null)
        .limit(500)
        .execute();
      const existing = rows.map((r) => ({
        personId: r.personId,
        caseId: r.caseId,
        caseNumber: r.case_number,
        firstName: r.first_name,
        lastName: r.last_name,
        birthDate: r.birth_date,
      }));
      return findDuplicates(candidate, existing);
    },
  };
}

export type CaseRecordsReads = ReturnType<typeof createCaseRecordsReads>;
