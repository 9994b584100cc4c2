import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createCaseDigests,
  createCaseloadReader,
  storeStamp,
} from '../../../src/main/features/cases/caseload';
import type { CasesService } from '../../../src/main/features/cases/cases.service';
import { createQualityDashboard } from '../../../src/main/features/quality/quality-dashboard.service';
import { createCasesDb, type TestDb } from '../../helpers/local-db';

/**
 * The per-case digests (target groups, quality findings) are kept on disk by case revision, day and
 * rules (case_digests, migration 0180): the first read after an unlock loads them instead of
 * decoding every record again, an edit recomputes only that case, a new day or other rules all of
 * them; keeping them never invalidates Mein Bestand's cache.
 */
let t: TestDb;
let cases: CasesService;
beforeEach(async () => {
  ({ t, cases } = await createCasesDb());
});
afterEach(async () => {
  await t.destroy();
});

const ON = '2026-03-02';
async function keys() {
  return t.raw.prepare('SELECT case_id AS caseId, rev FROM case_revisions ORDER BY case_id').all() as {
    caseId: string;
    rev: number;
  }[];
}
async function newCase(lastName: string) {
  return cases.createCase({
    officeId: 'torgau',
    caseworkerId: 'ifk-7',
    openedOn: '2026-02-01',
    person: {
      customerNumber: `${lastName.length}23D45678`,
      firstName: 'Anna',
      lastName,
      birthDate: '2003-03-07',
      town: 'Torgau',
    },
  });
}

describe('case digests on disk', () => {
  it('are loaded by the next reader, recomputed only for a changed case, a new day or other values asked', async () => {
    const a = await newCase('Arnold');
    await newCase('Böhm');
    await newCase('Cramer');

    const first = createCaseDigests({ persistFrom: 1 });
    const computed = await first.current(t.db, await keys(), ON);
    expect(first.counts()).toEqual({ computed: 3, loaded: 0 });
    expect(t.raw.prepare('SELECT count(*) FROM case_digests').pluck().get()).toBe(3);

    // a new reader (the first one after an unlock): loads all three, computes none, same values
    const second = createCaseDigests({ persistFrom: 1 });
    const loaded = await second.current(t.db, await keys(), ON);
    expect(second.counts()).toEqual({ computed: 0, loaded: 3 });
    for (const k of await keys()) expect(loaded.get(k.caseId)).toEqual(computed.get(k.caseId));
    expect(loaded.get(a.caseId)!.targetGroups).toContain('under25');

    // one case edited: only that one is computed again (also by a third reader from disk)
    await cases.addNote(a.caseId, { category: 'Beratung', title: 'Gespräch', body: 'Hat eine Depression.' });
    await second.current(t.db, await keys(), ON);
    expect(second.counts()).toEqual({ computed: 1, loaded: 3 });
    const third = createCaseDigests({ persistFrom: 1 });
    const after = await third.current(t.db, await keys(), ON);
    expect(third.counts()).toEqual({ computed: 0, loaded: 3 });
    expect(after.get(a.caseId)!.findings.length).toBe(computed.get(a.caseId)!.findings.length + 1);

    // the next day: the time-dependent rules are evaluated again for every case
    const nextDay = createCaseDigests({ persistFrom: 1 });
    await nextDay.current(t.db, await keys(), '2026-03-03');
    expect(nextDay.counts()).toEqual({ computed: 3, loaded: 0 });

    // stored without target groups (the dashboard's way), asked with them: computed again
    const findingsOnly = createCaseDigests({ persistFrom: 1 });
    await findingsOnly.current(t.db, await keys(), '2026-03-04', false);
    const withGroups = createCaseDigests({ persistFrom: 1 });
    await withGroups.current(t.db, await keys(), '2026-03-04', true);
    expect(withGroups.counts()).toEqual({ computed: 3, loaded: 0 });
  });

  it('are not taken when computed by other rules, and go with their case', async () => {
    const a = await newCase('Arnold');
    await createCaseDigests({ persistFrom: 1 }).current(t.db, await keys(), ON);
    t.raw.prepare("UPDATE case_digests SET basis = '0:andere-regeln'").run();
    const reader = createCaseDigests({ persistFrom: 1 });
    await reader.current(t.db, await keys(), ON);
    expect(reader.counts()).toEqual({ computed: 1, loaded: 0 });
    t.raw.prepare('DELETE FROM cases WHERE id = ?').run(a.caseId);
    expect(t.raw.prepare('SELECT count(*) FROM case_digests').pluck().get()).toBe(0);
  });

  it('an edit writes nothing: fewer than 25 recomputed digests stay in memory (a commit is an fsync)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i += 1) ids.push((await newCase(`Name${String.fromCharCode(65 + i)}`)).caseId);
    const digests = createCaseDigests();
    await digests.current(t.db, await keys(), ON);
    expect(t.raw.prepare('SELECT count(*) FROM case_digests').pluck().get()).toBe(25);
    const revBefore = t.raw.prepare('SELECT rev FROM case_digests WHERE case_id = ?').pluck().get(ids[0]);
    await cases.updateCase(ids[0]!, { nextReviewOn: '2026-02-01' });
    const after = await digests.current(t.db, await keys(), ON);
    expect(digests.counts().computed).toBe(26);
    expect(after.get(ids[0]!)!.rev).not.toBe(revBefore);
    // on disk the old revision stays: the next reader recomputes that one case, loads the others
    expect(t.raw.prepare('SELECT rev FROM case_digests WHERE case_id = ?').pluck().get(ids[0])).toBe(
      revBefore,
    );
    const next = createCaseDigests();
    await next.current(t.db, await keys(), ON);
    expect(next.counts()).toEqual({ computed: 1, loaded: 24 });
  });

  it('keeping them changes no case: Mein Bestand stays served from memory, the dashboard starts warm', async () => {
    await newCase('Arnold');
    await newCase('Böhm');
    const now = new Date(`${ON}T09:00:00.000Z`);
    const digests = createCaseDigests({ persistFrom: 1 });
    const caseload = createCaseloadReader({
      db: () => t.db,
      caseworkerId: () => 'ifk-7',
      now: () => now,
      digests,
    });
    const list = await caseload();
    const stamp = await storeStamp(t.db);
    expect(digests.counts().computed).toBe(2);
    expect(await storeStamp(t.db)).toBe(stamp);
    expect((await caseload()).items[0]).toBe(list.items[0]);

    // the quality dashboard after an unlock: new in-memory digests, findings from disk
    const fresh = createCaseDigests({ persistFrom: 1 });
    const dashboard = createQualityDashboard({
      db: () => t.db,
      userId: () => 'ifk-7',
      role: () => 'caseworker',
      now: () => now,
      digests: fresh,
    });
    const d = await dashboard.dashboard('own');
    expect(d.total.cases).toBe(2);
    expect(fresh.counts()).toEqual({ computed: 0, loaded: 2 });
  });
});
