/**
 * Issue 12 item 6: persons created on a laptop (offline, an outreach day) are checked by the server
 * against the persons it holds, with the intake's duplicate detection (spelling variants, umlauts,
 * swapped names, same birth date). A finding becomes a duplicate_suspects record in the new case,
 * pulled by the desktop; nothing is merged; the caseworker's decision syncs like any edit; a client
 * cannot create such a finding.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRecord } from '../../../src/main/features/cases/cases.repository';
import { createCasesService } from '../../../src/main/features/cases/cases.service';
import { writeSynced } from '../../../src/main/db/write-synced';
import type { PushResponse } from '../../../src/shared/sync/protocol';
import { desktop, pullAll, pushAll } from '../../helpers/desktop-sync';
import { fixedClock, type TestDb } from '../../helpers/local-db';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createHarness, login, mutation, pushBatch, type Harness, type Session } from '../server/harness';

const ids = { newId: () => randomUUID() };

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: possible duplicates of persons created offline`, () => {
    let h: Harness;
    let a: Session;
    let b: Session;
    const stores: TestDb[] = [];
    beforeAll(async () => {
      h = await createHarness(dialect);
      await h.reset();
      a = await login(h, 'cw');
      b = await login(h, 'cwTeam');
    });
    afterAll(async () => {
      for (const t of stores) await t.destroy();
      await h?.close();
    });

    const service = (t: TestDb, s: Session) =>
      createCasesService({ db: t.db, clock: fixedClock('2026-03-02T08:00:00.000Z'), ids, actorId: s.userId });
    const newCase = (t: TestDb, s: Session, firstName: string, lastName: string, birthDate: string) =>
      service(t, s).createCase({
        officeId: 'oschatz',
        caseworkerId: s.userId,
        openedOn: '2026-03-02',
        person: { customerNumber: '123D456789', firstName, lastName, birthDate },
      });

    it('finds spelling variants and swapped names with the same birth date, records them in the new case, merges nothing', async () => {
      const office = await desktop(b);
      stores.push(office);
      const existing = {
        mueller: await newCase(office, b, 'Jürgen', 'Müller', '1985-03-12'),
        yilmaz: await newCase(office, b, 'Özlem', 'Yılmaz', '1990-01-01'),
        schmidt: await newCase(office, b, 'Anna', 'Schmidt', '1991-06-30'),
      };
      await pushAll(h, b, office);
      await pullAll(h, b, office);

      const laptop = await desktop(a);
      stores.push(laptop);
      const offline = {
        mueller: await newCase(laptop, a, 'Juergen', 'Mueller', '1985-03-12'),
        yilmaz: await newCase(laptop, a, 'Yilmaz', 'Özlem', '1990-01-01'),
        schmidt: await newCase(laptop, a, 'Anna', 'Schmidt', '1991-07-01'),
      };
      const results = (await pushAll(h, a, laptop)).flatMap((r) => r.results);
      expect(results.every((r) => r.status === 'applied')).toBe(true);
      await pullAll(h, a, laptop);

      const suspects = laptop.raw.prepare('SELECT * FROM duplicate_suspects ORDER BY match').all() as Record<
        string,
        unknown
      >[];
      expect(suspects).toHaveLength(2);
      const [same, swapped] = suspects as [Record<string, unknown>, Record<string, unknown>];
      expect(same).toMatchObject({
        case_id: offline.mueller.caseId,
        person_id: offline.mueller.personId,
        other_person_id: existing.mueller.personId,
        other_case_id: existing.mueller.caseId,
        match: 'sameName',
        decision: 'offen',
        reason: 'Gleiches Geburtsdatum (12.03.1985), gleicher Name in anderer Schreibweise (Müller, Jürgen).',
      });
      expect(String(same['other_case_number'])).toMatch(/^OSZ-2026-\d{6}$/);
      expect(swapped).toMatchObject({
        case_id: offline.yilmaz.caseId,
        other_case_id: existing.yilmaz.caseId,
        match: 'swappedNames',
      });
      expect(String(swapped['reason'])).toContain('Vor- und Nachname vertauscht');
      // nothing merged: both persons and cases exist as they were written
      expect((await getRecord(laptop.db, 'persons', offline.yilmaz.personId))?.lastName).toBe('Özlem');
      expect((await getRecord(office.db, 'persons', existing.mueller.personId))?.lastName).toBe('Müller');
      expect(await getRecord(office.db, 'cases', existing.mueller.caseId, { live: true })).toBeDefined();
      expect((await getRecord(laptop.db, 'persons', offline.mueller.personId))?.lastName).toBe('Mueller');
      // the office desktop of the colleague sees nothing of the laptop's cases
      await pullAll(h, b, office);
      expect(
        (office.raw.prepare('SELECT COUNT(*) AS n FROM duplicate_suspects').get() as { n: number }).n,
      ).toBe(0);

      // the caseworker decides: different people; the decision syncs like any edit
      await laptop.db.transaction().execute((trx) =>
        writeSynced(
          trx,
          { clock: fixedClock('2026-03-02T10:00:00.000Z'), ids, actorId: a.userId },
          {
            entity: 'duplicate_suspects',
            op: 'update',
            id: String(swapped['id']),
            values: { decision: 'verschiedene_personen', decidedBy: a.userId, decidedOn: '2026-03-02' },
          },
        ),
      );
      const decided = (await pushAll(h, a, laptop)).flatMap((r) => r.results);
      expect(decided.map((r) => r.status)).toEqual(['applied']);
      const second = await desktop(await login(h, 'cw'));
      stores.push(second);
      await pullAll(h, a, second);
      expect(await getRecord(second.db, 'duplicate_suspects', String(swapped['id']))).toMatchObject({
        decision: 'verschiedene_personen',
        decidedOn: '2026-03-02',
        match: 'swappedNames',
      });
    });

    it('two laptops pushing the same new person at the same moment: the later push finds the earlier one', async () => {
      await h.reset();
      const s1 = await login(h, 'cw');
      // another office: nothing else (a case number counter) makes the two pushes wait for each other
      const s2 = await login(h, 'cwOther');
      const one = await desktop(s1);
      const two = await desktop(s2);
      stores.push(one, two);
      const first = await newCase(one, s1, 'Paul', 'Gleichzeitig', '1972-04-10');
      // the first batch is held open after its duplicate search (a slow insert of its last record)
      await service(one, s1).addNote(first.caseId, {
        category: 'Beratung',
        title: 'Langsam',
        body: 'Gespräch.',
      });
      const second = await service(two, s2).createCase({
        officeId: 'delitzsch',
        caseworkerId: s2.userId,
        openedOn: '2026-03-02',
        person: {
          customerNumber: '123D456789',
          firstName: 'Paul',
          lastName: 'Gleichzeitig',
          birthDate: '1972-04-10',
        },
      });
      await sql`CREATE OR REPLACE FUNCTION lotse_test_slow() RETURNS trigger AS $$
        BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$ LANGUAGE plpgsql`.execute(h.tdb.db);
      await sql`CREATE TRIGGER lotse_test_slow AFTER INSERT ON sync_records FOR EACH ROW
        WHEN (NEW.entity = 'notes' AND NEW.data->>'title' = 'Langsam') EXECUTE FUNCTION lotse_test_slow()`.execute(
        h.tdb.db,
      );
      try {
        const pushOne = pushAll(h, s1, one);
        await new Promise((r) => setTimeout(r, 300));
        // meanwhile the second laptop pushes the same person: without waiting for the first
        // transaction it would look among the committed persons only and find nothing
        const [r1, r2] = await Promise.all([pushOne, pushAll(h, s2, two)]);
        expect([...r1, ...r2].flatMap((r) => r.results).every((r) => r.status === 'applied')).toBe(true);
      } finally {
        await sql`DROP TRIGGER IF EXISTS lotse_test_slow ON sync_records`.execute(h.tdb.db);
      }
      const found = await h.tdb.db
        .selectFrom('sync_records')
        .select(['case_id'])
        .where('entity', '=', 'duplicate_suspects')
        .where('case_id', 'in', [first.caseId, second.caseId])
        .execute();
      // one finding, in the case whose push committed second (normally the second laptop's)
      expect(found).toHaveLength(1);
    });

    it('a client cannot create a finding: refused locally and by the server', async () => {
      const c = await login(h, 'cw');
      const laptop = await desktop(c);
      stores.push(laptop);
      const { caseId } = await newCase(laptop, c, 'Karl', 'Neu', '1970-01-01');
      await expect(
        laptop.db.transaction().execute((trx) =>
          writeSynced(
            trx,
            { clock: fixedClock(), ids, actorId: c.userId },
            {
              entity: 'duplicate_suspects',
              op: 'create',
              id: randomUUID(),
              caseId,
              values: {
                personId: caseId,
                otherPersonId: caseId,
                otherCaseId: caseId,
                match: 'sameName',
                reason: 'x',
              },
            },
          ),
        ),
      ).rejects.toMatchObject({ code: 'DOMAIN_RULE_VIOLATED' });
      c.seq = (await pushAll(h, c, laptop)).at(-1)!.ackedThroughSeq;
      const res = await pushBatch(h, c, [
        mutation(c, { entity: 'duplicate_suspects', entityId: randomUUID(), caseId, op: 'create' }),
      ]);
      expect(res.statusCode).toBe(200);
      expect(res.json<PushResponse>().results[0]).toMatchObject({
        status: 'rejected',
        reason: 'DOMAIN_RULE_VIOLATED',
      });
    });
  });
}
