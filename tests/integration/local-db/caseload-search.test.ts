import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncryptedDb } from '../../../src/main/db/open-encrypted-db';
import { applyServerRows } from '../../../src/main/db/apply-server-rows';
import { createCaseloadReader } from '../../../src/main/features/cases/caseload';
import type { CasesService, NewCaseInput } from '../../../src/main/features/cases/cases.service';
import { seedDemoData } from '../../../src/main/features/demo/seed-demo';
import { ipcContract } from '../../../src/shared/ipc/contract';
import { createCasesDb, createDb, migrateTo, type TestDb } from '../../helpers/local-db';

/**
 * Search as you type (names ranked before notes, spelling variants, numbers, birth dates, the
 * matched field, restricted notes never found) and "Mein Bestand" (German order over the whole
 * list, filters with counts, substitutions, the Berlin day of the next appointment), on the real
 * encrypted store.
 */
let t: TestDb;
let cases: CasesService;
beforeEach(async () => {
  ({ t, cases } = await createCasesDb());
  t.raw
    .prepare(
      "INSERT INTO offices (id, code, name, town, is_head_office) VALUES ('oschatz', 'OZ', 'Standort Oschatz', 'Oschatz', 1)",
    )
    .run();
});
afterEach(async () => {
  await t.destroy();
});

let customer = 100;
function person(lastName: string, firstName = 'Anna', birthDate = '1985-03-07'): NewCaseInput['person'] {
  customer += 1;
  return { customerNumber: `${customer}D000${customer}`, firstName, lastName, birthDate, town: 'Torgau' };
}

async function newCase(
  lastName: string,
  more: Partial<Omit<NewCaseInput, 'person'>> & { firstName?: string; birthDate?: string } = {},
) {
  const { firstName, birthDate, ...rest } = more;
  return cases.createCase({
    officeId: 'torgau',
    caseworkerId: 'ifk-7',
    openedOn: '2026-02-01',
    person: person(lastName, firstName, birthDate),
    ...rest,
  });
}

const search = async (q: string) =>
  (await cases.searchCases(q)).map((h) => `${h.lastName}:${h.matchedField}`);

describe('search as you type', () => {
  it('"Sch" lists Schäfer and Schröder (names) first; a note matches only from four letters on', async () => {
    await newCase('Albers');
    const schulung = await newCase('Neumann');
    await cases.addNote(schulung.caseId, {
      category: 'Maßnahme',
      title: 'Weiterbildung',
      body: 'Schulung zum Staplerfahrer ab April',
    });
    await newCase('Schröder');
    await newCase('Schäfer');
    await newCase('Schulz');

    expect(await search('Sch')).toEqual(['Schäfer:lastName', 'Schröder:lastName', 'Schulz:lastName']);
    // a longer word: names still first, then the note
    expect(await search('Schul')).toEqual(['Schulz:lastName', 'Neumann:note']);
    expect(await search('schulung')).toEqual(['Neumann:note']);
    // prefixes longer than the index's prefix lengths go through the vocabulary, marks folded
    await cases.addNote(schulung.caseId, {
      category: 'Beratung',
      title: 'Antrag',
      body: 'Überbrückungsgeld beantragt, Bewerbungen folgen',
    });
    expect(await search('Überbrü')).toEqual(['Neumann:note']);
    expect(await search('uberbruckung')).toEqual(['Neumann:note']);
    expect(await search('Stapler Apri')).toEqual(['Neumann:note']);
    expect(await search('Bewerbunge')).toEqual(['Neumann:note']);
    expect(await search('Staplerx')).toEqual([]);
    expect(await search('Stapler Aprix')).toEqual([]);
  });

  it('"Dem" does not list every note containing "dem", but the person called Demir', async () => {
    const a = await newCase('Albers');
    await cases.addNote(a.caseId, {
      category: 'Beratung',
      title: 'Termin',
      body: 'Mit dem Arbeitgeber gesprochen',
    });
    await cases.addNote(a.caseId, {
      category: 'Beratung',
      title: 'Demnächst',
      body: 'Bewerbung geht demnächst raus',
    });
    expect(await search('Dem')).toEqual([]);
    await newCase('Demir');
    expect(await search('Dem')).toEqual(['Demir:lastName']);
    expect(await search('demnächst')).toEqual(['Albers:note']);
  });

  it('finds the spelling variants a caseworker types', async () => {
    await newCase('Groß');
    await newCase('Yılmaz');
    await newCase('Müller');
    await newCase('Sánchez');
    expect(await search('gross')).toEqual(['Groß:lastName']);
    expect(await search('groß')).toEqual(['Groß:lastName']);
    expect(await search('yilmaz')).toEqual(['Yılmaz:lastName']);
    expect(await search('Mueller')).toEqual(['Müller:lastName']);
    expect(await search('muller')).toEqual(['Müller:lastName']);
    expect(await search('MÜL')).toEqual(['Müller:lastName']);
    expect(await search('sanchez')).toEqual(['Sánchez:lastName']);
  });

  it('ranks an exact last name before longer names, last names before first names, several words narrow', async () => {
    await newCase('Hansen', { firstName: 'Jens' });
    await newCase('Hans', { firstName: 'Peter' });
    await newCase('Meier', { firstName: 'Hans' });
    await newCase('Meier', { firstName: 'Jens' });
    expect(await search('hans')).toEqual(['Hans:lastName', 'Hansen:lastName', 'Meier:firstName']);
    expect(await search('jens mei')).toEqual(['Meier:firstName']);
    expect((await cases.searchCases('mei jens'))[0]?.firstName).toBe('Jens');
  });

  it('finds birth dates typed as dd.mm.yyyy or a year, case numbers and customer numbers', async () => {
    const a = await newCase('Albers', { birthDate: '1985-03-07' });
    await newCase('Bauer', { birthDate: '1991-12-24' });
    expect(await search('07.03.1985')).toEqual(['Albers:birthDate']);
    expect(await search('7.3.1985')).toEqual(['Albers:birthDate']);
    expect(await search('1991')).toEqual(['Bauer:birthDate']);
    expect(await search('30.02.1985')).toEqual([]);
    // provisional case number, with or without separators, or its running number
    expect(a.caseNumber).toMatch(/^TO-2026-V[0-9A-Z]{6}-0001$/);
    expect(await search(a.caseNumber)).toEqual(['Albers:caseNumber']);
    expect(await search(a.caseNumber.replaceAll('-', '').toLowerCase())).toEqual(['Albers:caseNumber']);
    const detail = await cases.getCase(a.caseId);
    expect(await search(detail.person.customerNumber)).toEqual(['Albers:customerNumber']);
    expect(await search('0001')).toEqual(['Albers:caseNumber']);
  });

  it('never finds restricted notes (Gesundheit or marked restricted), nor archived ones', async () => {
    const a = await newCase('Albers');
    await cases.addNote(a.caseId, { category: 'Gesundheit', title: 'Reha', body: 'Rückenschule vereinbart' });
    const { noteId } = await cases.addNote(a.caseId, {
      category: 'Leistung',
      title: 'Schulden',
      body: 'Schuldnerberatung begonnen',
      restricted: true,
    });
    const open = await cases.addNote(a.caseId, {
      category: 'Beratung',
      title: 'Lager',
      body: 'Lagerlogistik',
    });
    expect(await search('Rückenschule')).toEqual([]);
    expect(await search('Schuldnerberatung')).toEqual([]);
    expect(await search('Lagerlogistik')).toEqual(['Albers:note']);
    // lifting the restriction makes it searchable, archiving takes it out again
    await cases.updateNote(noteId, { restricted: false });
    expect(await search('Schuldnerberatung')).toEqual(['Albers:note']);
    await cases.archiveNote(open.noteId);
    expect(await search('Lagerlogistik')).toEqual([]);
  });

  it('keeps the index in step with renamed persons and crosses IPC with the matched field', async () => {
    const a = await newCase('Rößler');
    await cases.updatePerson(a.personId, { lastName: 'Köhler' });
    expect(await search('rossler')).toEqual([]);
    expect(await search('koehler')).toEqual(['Köhler:lastName']);
    const hits = ipcContract['cases:search'].output.parse(await cases.searchCases('köh'));
    expect(hits.map((h) => h.matchedField)).toEqual(['lastName']);
    expect(ipcContract['cases:search'].input.safeParse({ query: 'x'.repeat(201) }).success).toBe(false);
    expect(await search('"; DROP TABLE cases; --')).toEqual([]);
  });

  it('follows rows pulled from the server, keeping a pending local name, and drops withheld ones', async () => {
    const a = await newCase('Lokal', { firstName: 'Jens' });
    const stored = await cases.getCase(a.caseId);
    const { rowVersion: _v, id: _id, caseId: _c, ...fields } = stored.person;
    const pulled = {
      entity: 'persons',
      id: a.personId,
      caseId: a.caseId,
      rowVersion: 3,
      archived: false,
      row: { ...fields, lastName: 'Vomserver', firstName: 'Ole' },
      fieldVersions: { lastName: 3, firstName: 3 },
    };
    const result = t.raw.transaction(() =>
      applyServerRows(t.raw, [pulled], {
        now: '2026-03-02T09:00:00.000Z',
        pending: new Map([[`persons\u0000${a.personId}`, new Set(['lastName'])]]),
      }),
    )();
    expect(result.applied).toBe(1);
    expect(await search('vomserver')).toEqual([]);
    expect(await search('lokal')).toEqual(['Lokal:lastName']);
    expect(await search('ole')).toEqual(['Lokal:firstName']);
    expect(await search('jens')).toEqual([]);
    t.raw.transaction(() =>
      applyServerRows(t.raw, [{ ...pulled, rowVersion: 4, row: {}, withheld: true as const }], {
        now: '2026-03-02T09:00:00.000Z',
      }),
    )();
    expect(await search('lokal')).toEqual([]);
  });

  it('migration 0050 builds the index for data stored before it', async () => {
    const old = await createDb();
    try {
      seedDemoData(old.raw, { cases: 30, seed: 7, today: '2026-03-02' });
      // back to the schema of version 40 with the data kept: what a laptop has before the update
      const triggers = old.raw
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%_rev_a_' OR name LIKE 'cases_members_%')",
        )
        .pluck()
        .all() as string[];
      expect(triggers).toHaveLength(45);
      for (const name of triggers) old.raw.exec(`DROP TRIGGER ${name}`);
      old.raw.exec(
        'DROP TABLE search_keys; DROP TABLE caseload_members; DROP TABLE case_revisions; PRAGMA user_version = 40',
      );
      await migrateTo(old.db, 50);
      const { last_name: last } = old.raw.prepare('SELECT last_name FROM persons LIMIT 1').get() as {
        last_name: string;
      };
      const keys = old.raw.prepare("SELECT count(*) AS n FROM search_keys WHERE kind = 'lastName'").get() as {
        n: number;
      };
      expect(keys.n).toBeGreaterThanOrEqual(30);
      const reader = (await import('../../../src/main/features/cases/case-search')).searchCaseHits;
      const hits = await reader(old.db, last.slice(0, 3));
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.matchedField === 'lastName' || h.matchedField === 'firstName')).toBe(true);
      const members = old.raw
        .prepare('SELECT count(*) AS n FROM caseload_members WHERE substitute = 0')
        .get() as {
        n: number;
      };
      expect(members.n).toBe(30);
    } finally {
      await old.destroy();
    }
  });
});

describe('Mein Bestand', () => {
  const readerAt = (now: string, me = 'ifk-7') =>
    createCaseloadReader({ db: () => t.db, caseworkerId: () => me, now: () => new Date(now) });

  it('sorts the whole list in German order and by every column', async () => {
    for (const name of ['Schwarz', 'Bondarenko', 'Schäfer', 'Böhm', 'Zander', 'Özdemir', 'Arnold'])
      await newCase(name);
    const read = readerAt('2026-03-02T09:00:00.000Z');
    const names = async (sort?: Parameters<typeof read>[0]) =>
      (await read(sort)).items.map((r) => r.lastName);
    expect(await names()).toEqual([
      'Arnold',
      'Böhm',
      'Bondarenko',
      'Özdemir',
      'Schäfer',
      'Schwarz',
      'Zander',
    ]);
    expect(await names({ sort: 'name', direction: 'desc' })).toEqual([
      'Zander',
      'Schwarz',
      'Schäfer',
      'Özdemir',
      'Bondarenko',
      'Böhm',
      'Arnold',
    ]);
    // equal values fall back to the name, in German order
    expect(await names({ sort: 'phase' })).toEqual(await names());
    for (const column of [
      'caseNumber',
      'nextAppointment',
      'targetGroups',
      'reviewDue',
      'findings',
      'office',
    ] as const)
      expect((await read({ sort: column })).items).toHaveLength(7);
    expect(ipcContract['caseload:list'].input.safeParse({ sort: 'colour' }).success).toBe(false);
  });

  it('filters by office, phase, target group and overdue review, with counts over the whole caseload', async () => {
    const a = await newCase('Arnold', { birthDate: '2004-01-01' }); // under 25
    const b = await newCase('Böhm', { officeId: 'oschatz' });
    const c = await newCase('Cramer');
    await cases.updateCase(b.caseId, { phase: 2 });
    await cases.updateCase(c.caseId, { nextReviewOn: '2026-02-15' }); // before today: overdue
    await cases.updateCase(a.caseId, { nextReviewOn: '2026-06-30' });
    const read = readerAt('2026-03-02T09:00:00.000Z');
    const all = await read();
    expect(all.total).toBe(3);
    expect(all.counts).toEqual({
      offices: { torgau: 2, oschatz: 1 },
      phases: { '1': 2, '2': 1 },
      targetGroups: { under25: 1 },
      overdueReview: 1,
    });
    const names = async (f: Parameters<typeof read>[0]) => (await read(f)).items.map((r) => r.lastName);
    expect(await names({ officeId: 'oschatz' })).toEqual(['Böhm']);
    expect(await names({ phase: 1 })).toEqual(['Arnold', 'Cramer']);
    expect(await names({ targetGroup: 'under25' })).toEqual(['Arnold']);
    expect(await names({ overdueReview: true })).toEqual(['Cramer']);
    const cramer = all.items.find((r) => r.lastName === 'Cramer')!;
    expect(cramer.reviewOverdue).toBe(true);
    expect(all.items.find((r) => r.lastName === 'Arnold')!.reviewOverdue).toBe(false);
    // the domain's quality rules: a new case has no assessment, goal, plan or contact yet
    expect(cramer.findings).toBeGreaterThanOrEqual(3);
    expect(ipcContract['caseload:list'].output.parse(all).items).toHaveLength(3);
  });

  it('holds own cases and the cases of colleagues substituted today, and no others', async () => {
    await newCase('Eigen');
    const other = await newCase('Fremd', { caseworkerId: 'ifk-9' });
    const later = await newCase('Später', { caseworkerId: 'ifk-9' });
    await cases.updateCase(other.caseId, {
      substitutions: [{ caseworkerId: 'ifk-7', from: '2026-03-01', to: '2026-03-06', reason: 'urlaub' }],
    });
    await cases.updateCase(later.caseId, {
      substitutions: [{ caseworkerId: 'ifk-7', from: '2026-04-01', to: '2026-04-06', reason: 'urlaub' }],
    });
    const mine = await readerAt('2026-03-02T09:00:00.000Z')();
    expect(mine.items.map((r) => [r.lastName, r.substitute])).toEqual([
      ['Eigen', false],
      ['Fremd', true],
    ]);
    expect((await readerAt('2026-04-02T09:00:00.000Z')()).items.map((r) => r.lastName)).toEqual([
      'Eigen',
      'Später',
    ]);
    expect((await readerAt('2026-03-02T09:00:00.000Z', 'ifk-9')()).items.map((r) => r.lastName)).toEqual([
      'Fremd',
      'Später',
    ]);
  });

  it('shows the next appointment on its Berlin day around midnight, and recomputes a changed case', async () => {
    const a = await newCase('Arnold');
    // 23:45 UTC on 2 March is 00:45 on 3 March in Berlin (CET, UTC+1)
    await cases.addAppointment(a.caseId, {
      startsAt: '2026-03-02T23:45:00.000Z',
      durationMinutes: 30,
      kind: 'telefon',
    });
    await cases.addAppointment(a.caseId, {
      startsAt: '2026-03-02T22:30:00.000Z',
      durationMinutes: 30,
      kind: 'telefon',
    });
    // 23:30 UTC = 00:30 Berlin on 3 March: the 22:30 UTC one is past
    const read = readerAt('2026-03-02T23:30:00.000Z');
    const first = (await read()).items[0]!;
    expect(first.nextAppointment).toEqual({ startsAt: '2026-03-02T23:45:00.000Z', day: '2026-03-03' });
    const before = first.findings;
    // a note with a diagnosis is a finding of the domain's rules: the cached value of this case is recomputed
    await cases.addNote(a.caseId, { category: 'Beratung', title: 'Gespräch', body: 'Hat eine Depression.' });
    await cases.updateCase(a.caseId, { nextReviewOn: '2026-03-01' });
    const after = (await read()).items[0]!;
    expect(after.reviewOverdue).toBe(true);
    expect(after.findings).toBe(before + 1);
    expect((await readerAt('2026-03-02T22:00:00.000Z')()).items[0]!.nextAppointment?.day).toBe('2026-03-02');
  });

  it('serves an unchanged caseload from memory, and sees every change: writes, other connections, the clock', async () => {
    const a = await newCase('Arnold');
    const b = await newCase('Böhm');
    await cases.addAppointment(a.caseId, {
      startsAt: '2026-03-02T10:00:00.000Z',
      durationMinutes: 30,
      kind: 'telefon',
    });
    await cases.addAppointment(a.caseId, {
      startsAt: '2026-03-02T11:00:00.000Z',
      durationMinutes: 30,
      kind: 'telefon',
    });
    let now = '2026-03-02T09:00:00.000Z';
    const read = createCaseloadReader({
      db: () => t.db,
      caseworkerId: () => 'ifk-7',
      now: () => new Date(now),
    });
    const names = async () => (await read()).items.map((r) => r.lastName);
    const first = await read();
    expect(first.items.map((r) => r.lastName)).toEqual(['Arnold', 'Böhm']);
    // nothing changed: the very same rows again (no query of the records, no new digest)
    const again = await read();
    expect(again.items[0]).toBe(first.items[0]);
    expect(again.items[0]!.nextAppointment?.startsAt).toBe('2026-03-02T10:00:00.000Z');

    // a write through the service: the renamed person moves in German order
    const arnold = await cases.getCase(a.caseId);
    await cases.updatePerson(arnold.person.id, { lastName: 'Zander' });
    expect(await names()).toEqual(['Böhm', 'Zander']);

    // a commit by another connection to the same store (data_version)
    const other = openEncryptedDb(t.path, t.key, { create: false });
    try {
      other
        .prepare(
          "UPDATE persons SET last_name = 'Ahrens' WHERE id = (SELECT person_id FROM cases WHERE id = ?)",
        )
        .run(b.caseId);
    } finally {
      other.close();
    }
    expect(await names()).toEqual(['Ahrens', 'Zander']);

    // the clock passes the earliest next appointment: the next one is the later one
    now = '2026-03-02T10:15:00.000Z';
    const zander = (await read()).items.find((r) => r.caseId === a.caseId)!;
    expect(zander.nextAppointment?.startsAt).toBe('2026-03-02T11:00:00.000Z');
    // and the Berlin day: the overdue review is recomputed on the next morning
    await cases.updateCase(b.caseId, { nextReviewOn: '2026-03-02' });
    expect((await read()).items.find((r) => r.caseId === b.caseId)!.reviewOverdue).toBe(false);
    now = '2026-03-03T07:00:00.000Z';
    expect((await read()).items.find((r) => r.caseId === b.caseId)!.reviewOverdue).toBe(true);
  });

  it('after a write reads only the cases that changed, and follows closing, reopening, reassignment and substitutions', async () => {
    const a = await newCase('Arnold');
    const b = await newCase('Böhm');
    const c = await newCase('Cramer');
    const read = readerAt('2026-03-02T09:00:00.000Z');
    const first = await read();
    const row = async (id: string) => (await read()).items.find((r) => r.caseId === id);
    const names = async () => (await read()).items.map((r) => r.lastName);

    // an edit of one case: that row is new, the other rows are the very same objects as before
    await cases.updateCase(b.caseId, { nextReviewOn: '2026-02-01' });
    const second = await read();
    expect(second.items.find((r) => r.caseId === b.caseId)!.reviewOverdue).toBe(true);
    expect(second.items.find((r) => r.caseId === a.caseId)).toBe(
      first.items.find((r) => r.caseId === a.caseId),
    );
    expect(second.items.find((r) => r.caseId === c.caseId)).toBe(
      first.items.find((r) => r.caseId === c.caseId),
    );
    expect(second.counts.overdueReview).toBe(1);

    // closing leaves the list (and its counts), reopening comes back
    await cases.updateCase(c.caseId, { status: 'abgeschlossen', closedOn: '2026-03-02' });
    expect(await names()).toEqual(['Arnold', 'Böhm']);
    expect((await read({ includeClosed: true })).items.map((r) => r.lastName)).toEqual([
      'Arnold',
      'Böhm',
      'Cramer',
    ]);
    expect((await read()).total).toBe(2);
    await cases.updateCase(c.caseId, { status: 'aktiv', closedOn: null });
    expect(await names()).toEqual(['Arnold', 'Böhm', 'Cramer']);

    // handed to a colleague: gone; substituting for that colleague today: back, as substitute
    await cases.updateCase(a.caseId, { caseworkerId: 'ifk-9' });
    expect(await names()).toEqual(['Böhm', 'Cramer']);
    await cases.updateCase(a.caseId, {
      substitutions: [{ caseworkerId: 'ifk-7', from: '2026-03-01', to: '2026-03-06', reason: 'urlaub' }],
    });
    expect((await row(a.caseId))?.substitute).toBe(true);

    // a new case joins, a renamed person moves in German order
    await newCase('Aalto');
    expect(await names()).toEqual(['Aalto', 'Arnold', 'Böhm', 'Cramer']);
    const cramer = await cases.getCase(c.caseId);
    await cases.updatePerson(cramer.person.id, { lastName: 'Abel' });
    expect(await names()).toEqual(['Aalto', 'Abel', 'Arnold', 'Böhm']);
    expect((await read({ sort: 'name', direction: 'desc' })).items.map((r) => r.lastName)).toEqual([
      'Böhm',
      'Arnold',
      'Abel',
      'Aalto',
    ]);
    // the same caseload read from scratch agrees with the updated one
    const fresh = await readerAt('2026-03-02T09:00:00.000Z')();
    expect(fresh).toEqual(await read());
  });
});
