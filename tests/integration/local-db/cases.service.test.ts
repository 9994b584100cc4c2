import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import type { CasesService, NewCaseInput } from '../../../src/main/features/cases/cases.service';
import { toFtsQuery } from '../../../src/main/features/cases/cases.repository';
import { createCasesDb, tableRows, type TestDb } from '../../helpers/local-db';

let t: TestDb;
let cases: CasesService;
beforeEach(async () => {
  ({ t, cases } = await createCasesDb());
});
afterEach(async () => {
  await t.destroy();
});

const newCase: NewCaseInput = {
  officeId: 'torgau',
  caseworkerId: 'ifk-7',
  openedOn: '2026-02-01',
  person: {
    customerNumber: '321D654987',
    firstName: 'Käthe',
    lastName: 'Rößler',
    birthDate: '1988-05-17',
    town: 'Dommitzsch',
  },
  household: {
    householdNumber: '09876BG0012345',
    members: [
      { role: 'applicant', birthDate: '1988-05-17' },
      { role: 'child', birthDate: '2015-03-01' },
      { role: 'child', birthDate: '2019-08-12' },
    ],
  },
};

describe('cases service', () => {
  it('creates household, person and case in one transaction with one outbox entry each', async () => {
    const { caseId, personId, householdId } = await cases.createCase(newCase);
    const detail = await cases.getCase(caseId);
    // provisional until the server assigns the final number: office, year, this laptop's tag, serial
    expect(detail.case.caseNumber).toMatch(/^TO-2026-V[0-9A-Z]{6}-0001$/);
    expect(detail.case.provisionalCaseNumber).toBe(detail.case.caseNumber);
    expect(detail.person.id).toBe(personId);
    expect(detail.household?.id).toBe(householdId);
    expect(detail.office?.code).toBe('TO');
    const outbox = tableRows(t.raw, 'sync_outbox', 'seq');
    expect(outbox.map((r) => `${r['entity']}:${r['op']}`)).toEqual([
      'cases:create',
      'households:create',
      'persons:create',
    ]);
    expect(new Set(outbox.map((r) => r['local_tx_id'])).size).toBe(1);
    expect(await cases.pendingChanges()).toBe(3);
  });

  it('finds cases by name without diacritics, by prefix, by case number and by note text', async () => {
    const { caseId } = await cases.createCase(newCase);
    const other = await cases.createCase({
      ...newCase,
      person: {
        customerNumber: '111D222333',
        firstName: 'Björn',
        lastName: 'Jäger',
        birthDate: '1979-01-02',
        town: 'Torgau',
      },
      household: undefined,
    });
    await cases.addNote(other.caseId, {
      category: 'Beratung',
      title: 'Erstgespräch',
      body: 'Gabelstaplerschein vorhanden, sucht Lagerarbeit',
    });
    await cases.addNote(caseId, {
      category: 'Leistung',
      title: 'Schulden',
      body: 'Schuldnerberatung läuft',
      restricted: true,
    });
    const ids = async (q: string) => (await cases.searchCases(q)).map((r) => r.caseId);
    expect(await ids('rossler')).toEqual([caseId]); // ß is folded to ss
    expect(await ids('roßler')).toEqual([caseId]);
    expect(await ids('kathe')).toEqual([caseId]);
    expect(await ids('Jäg')).toEqual([other.caseId]);
    expect(await ids(other.caseNumber)).toEqual([other.caseId]);
    expect(await ids('gabelstapler')).toEqual([other.caseId]);
    expect(await ids('schuldnerberatung')).toEqual([]); // restricted notes are not searchable
    expect(await ids('"; DROP TABLE cases; --')).toEqual([]);
    expect(await ids('   ')).toEqual([]);
  });

  it('updates through the outbox, keeps the index in step, and archives notes out of it', async () => {
    const { caseId, personId } = await cases.createCase(newCase);
    await cases.updatePerson(personId, { lastName: 'Köhler' });
    expect((await cases.searchCases('Köhler')).map((r) => r.caseId)).toEqual([caseId]);
    expect(await cases.searchCases('Rößler')).toEqual([]);
    await cases.updateCase(caseId, { phase: 2, lastContactOn: '2026-02-10' });
    const { noteId } = await cases.addNote(caseId, {
      category: 'Beratung',
      title: 'Termin',
      body: 'Bewerbungstraining besprochen',
    });
    expect(await cases.searchCases('bewerbungstraining')).toHaveLength(1);
    await cases.archiveNote(noteId);
    expect(await cases.searchCases('bewerbungstraining')).toEqual([]);
    const { appointmentId } = await cases.addAppointment(caseId, {
      startsAt: '2026-02-12T09:30:00.000Z',
      durationMinutes: 45,
      kind: 'beratung',
      location: 'Torgau, Raum 1.12',
    });
    await cases.updateAppointment(appointmentId, { status: 'wahrgenommen' });
    expect((await cases.listAppointmentsOn('2026-02-12')).map((a) => a.status)).toEqual(['wahrgenommen']);
    expect(await cases.listAppointmentsOn('2026-02-13')).toEqual([]);
    const detail = await cases.getCase(caseId);
    expect(detail.case.phase).toBe(2);
    expect(detail.notes).toEqual([]);
    // an attended appointment moves the last contact forward
    expect(detail.case.lastContactOn).toBe('2026-02-12');
    const ops = tableRows(t.raw, 'sync_outbox', 'seq').map((r) => `${r['entity']}:${r['op']}`);
    expect(ops.slice(3)).toEqual([
      'persons:update',
      'cases:update',
      'notes:create',
      'notes:archive',
      'appointments:create',
      'appointments:update',
      'cases:update',
    ]);
  });

  it('lists the caseload sorted by name and filters it', async () => {
    await cases.createCase(newCase);
    await cases.createCase({
      ...newCase,
      caseworkerId: 'ifk-9',
      person: { ...newCase.person, customerNumber: 'X', lastName: 'Albrecht' },
      household: undefined,
    });
    expect((await cases.listCases()).map((r) => r.lastName)).toEqual(['Albrecht', 'Rößler']);
    expect((await cases.listCases({ caseworkerId: 'ifk-7' })).map((r) => r.lastName)).toEqual(['Rößler']);
  });

  it('answers NOT_FOUND, VALIDATION_FAILED and CONFLICT with AppErrors', async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e instanceof AppError ? e.code : String(e)),
      );
    expect(await code(cases.getCase('missing'))).toBe('NOT_FOUND');
    expect(await code(cases.addNote('missing', { category: 'Beratung', title: 'b', body: 'c' }))).toBe(
      'NOT_FOUND',
    );
    expect(await code(cases.createCase({ ...newCase, openedOn: '01.02.2026' }))).toBe('VALIDATION_FAILED');
    expect(await code(cases.createCase({ ...newCase, officeId: 'nowhere' as never }))).toBe(
      'VALIDATION_FAILED',
    );
    const { personId } = await cases.createCase(newCase);
    expect(await code(cases.updatePerson(personId, { town: 'Torgau' }, 5))).toBe('CONFLICT');
    expect(await code(cases.updatePerson(personId, { birthDate: '1988-02-30' }))).toBe('VALIDATION_FAILED');
    expect(tableRows(t.raw, 'sync_outbox')).toHaveLength(3);
  });

  it('builds inert FTS queries from user input', () => {
    expect(toFtsQuery('Jür Mül')).toBe('"Jür"* AND "Mül"*');
    expect(toFtsQuery('name:x OR "y" NEAR(z)')).toBe(
      '"name"* AND "x"* AND "OR"* AND "y"* AND "NEAR"* AND "z"*',
    );
    expect(toFtsQuery('--')).toBeUndefined();
  });
});
