import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type TestDb } from '../../../../tests/helpers/local-db';
import { generateDemoCases } from './demo-data';
import { OFFICES, TOWNS } from './demo-vocabulary';
import { seedDemoData } from './seed-demo';

const options = { cases: 500, seed: 42, today: '2026-03-02' } as const;

describe('demo data generator', () => {
  it('is deterministic: the same seed gives identical data, another seed different data', () => {
    const a = JSON.stringify([...generateDemoCases(options)]);
    const b = JSON.stringify([...generateDemoCases(options)]);
    const c = JSON.stringify([...generateDemoCases({ ...options, seed: 43 })]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('produces plausible Nordsachsen cases: four offices, towns of the right office, umlauts, valid dates, unique numbers', () => {
    const cases = [...generateDemoCases(options)];
    expect(cases).toHaveLength(500);
    const offices = new Set(cases.map((c) => c.case.officeId));
    expect([...offices].sort()).toEqual(OFFICES.map((o) => o.id).sort());
    const officeOfTown = new Map(TOWNS.map(([town, , office]) => [town, OFFICES[office]!.id]));
    for (const c of cases) {
      expect(officeOfTown.get(c.person.town ?? '')).toBe(c.case.officeId);
      expect(c.person.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const age = (Date.parse(options.today) - Date.parse(c.person.birthDate!)) / (365.25 * 86_400_000);
      expect(age).toBeGreaterThanOrEqual(15);
      expect(age).toBeLessThan(70);
      expect(c.case.openedOn! <= options.today).toBe(true);
      expect(c.notes.length).toBeGreaterThan(0);
    }
    expect(new Set(cases.map((c) => c.case.caseNumber)).size).toBe(500);
    expect(new Set(cases.map((c) => c.person.id)).size).toBe(500);
    expect(cases.some((c) => /[äöüÄÖÜß]/.test(`${c.person.firstName}${c.person.lastName}`))).toBe(true);
    // e-mail addresses only at the reserved example domain
    for (const c of cases) if (c.person.email) expect(c.person.email).toMatch(/@example\.org$/);
  });
});

describe('seedDemoData', () => {
  let t: TestDb | undefined;
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
  });

  it('writes every generated row into the encrypted database, searchable, without outbox entries', async () => {
    t = await createDb();
    const result = seedDemoData(t.raw, { ...options, cases: 200 });
    expect(result.cases).toBe(200);
    const count = (table: string) =>
      (t!.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('cases')).toBe(200);
    expect(count('persons')).toBe(200);
    expect(count('offices')).toBe(4);
    expect(count('sync_outbox')).toBe(0);
    const generated = [...generateDemoCases({ ...options, cases: 200 })];
    expect(count('notes')).toBe(generated.reduce((n, c) => n + c.notes.length, 0));
    const first = generated[0]!;
    const hits = t.raw
      .prepare('SELECT DISTINCT case_id FROM search_index WHERE search_index MATCH ?')
      .pluck()
      .all(`"${first.person.lastName}" AND "${first.person.firstName}"`);
    expect(hits).toContain(first.case.id);
  });
});
