/**
 * A record created offline and edited again before its first push (the edit carries field base
 * version 0, the server has version 1 from the create in the same batch) must not conflict with
 * itself; nor may an edit after an acknowledged but not yet pulled create. Two clients editing the
 * same field still conflict. Desktops (encrypted stores) against a real server on loopback.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleFields } from '../../helpers/records';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { count, engineDesktop, listen, rows, type EngineDesktop } from '../../helpers/sync-engine';
import { createCase, createHarness, login, mutation, pushBatch, type Harness } from '../server/harness';

const NOTE = 'Zeile eins\nZeile zwei\nZeile drei\n';

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: a client's own earlier writes are no conflict`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(dialect);
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(async () => {
      await h.reset();
    });

    describe('two desktops', () => {
      let a: EngineDesktop;
      let b: EngineDesktop;
      beforeEach(async () => {
        const url = await listen(h);
        a = await engineDesktop(h, url, 'cw');
        b = await engineDesktop(h, url, 'cw');
      });
      afterEach(async () => {
        await a?.destroy();
        await b?.destroy();
      });

      it('created offline and edited before the first push: one push, no conflict, the edits stand', async () => {
        const { caseId, personId } = await a.cases.createCase({
          officeId: 'oschatz',
          caseworkerId: a.session.userId,
          openedOn: '2026-03-02',
          person: { ...sampleFields('persons', { caseId: 'x', id: 'x' }), phone: '0341 111' },
        });
        const { noteId } = await a.cases.addNote(caseId, {
          category: 'Beratung',
          title: 'Erstgespräch',
          body: NOTE,
          restricted: false,
        });
        await a.cases.updatePerson(personId, { phone: '0341 222' });
        await a.cases.updateNote(noteId, { body: `${NOTE}Zeile vier\n` });
        await a.cases.updatePerson(personId, { phone: '0341 333' });

        const sa = await a.engine.syncNow();
        expect(sa.error).toBeNull();
        expect(sa.pendingCount).toBe(0);
        const serverConflicts = await h.tdb.db.selectFrom('sync_conflicts').selectAll().execute();
        expect(serverConflicts).toEqual([]);
        expect((await a.engine.caseIssues(caseId)).conflicts).toEqual([]);
        const statuses = await h.tdb.db.selectFrom('sync_mutations').select('status').execute();
        expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(['applied']));

        await b.engine.syncNow();
        for (const d of [a, b]) {
          expect(rows(d, 'SELECT phone FROM persons WHERE id = ?', personId)).toEqual([
            { phone: '0341 333' },
          ]);
          expect(rows(d, 'SELECT body FROM notes WHERE id = ?', noteId)).toEqual([
            { body: `${NOTE}Zeile vier\n` },
          ]);
          expect(count(d, 'SELECT count(*) AS n FROM sync_conflicts')).toBe(0);
        }

        // a real collision afterwards is still seen by both
        await a.cases.updatePerson(personId, { phone: '0341 444' });
        await b.cases.updatePerson(personId, { phone: '0341 555' });
        h.clock.advance(60_000);
        await a.engine.syncNow();
        await b.engine.syncNow();
        await a.engine.syncNow();
        const phone = (await a.engine.caseIssues(caseId)).conflicts.find((c) => c.field === 'phone');
        expect(phone).toMatchObject({ kind: 'conflict' });
        expect(new Set([phone!.mine, phone!.theirs])).toEqual(new Set(['0341 444', '0341 555']));
      });
    });

    describe('push protocol', () => {
      it('an edit after the acknowledged create (not yet pulled, base 0) fast-forwards', async () => {
        const a = await login(h, 'cw');
        await createCase(h, a, 'C-1');
        const create = mutation(a, {
          entity: 'persons',
          entityId: 'P-1',
          caseId: 'C-1',
          op: 'create',
          fields: { phone: '0341 1' },
        });
        const edit = (phone: string) =>
          mutation(a, {
            entity: 'persons',
            entityId: 'P-1',
            caseId: 'C-1',
            fields: { phone },
            baseRowVersion: 0,
          });
        // same batch
        const first = await pushBatch(h, a, [create, edit('0341 2')]);
        expect(first.json().results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
        // already acknowledged: a later push with the same stale base
        const second = await pushBatch(h, a, [edit('0341 3')]);
        expect(second.json().results[0]).toMatchObject({ status: 'applied', conflictIds: [], rowVersion: 3 });
        const row = await h.tdb.db
          .selectFrom('sync_records')
          .select(['data', 'field_meta'])
          .where('id', '=', 'P-1')
          .executeTakeFirstOrThrow();
        expect(row.data).toMatchObject({ phone: '0341 3' });
        expect((row.field_meta as Record<string, { v: number }>).phone).toMatchObject({
          v: 3,
          by: a.clientId,
        });
        expect(await h.tdb.db.selectFrom('sync_conflicts').selectAll().execute()).toEqual([]);
      });

      it('another client with the same stale base still conflicts (also another device of the same user)', async () => {
        const a = await login(h, 'cw');
        const b = await login(h, 'cw');
        await createCase(h, a, 'C-1');
        await pushBatch(h, a, [
          mutation(a, {
            entity: 'persons',
            entityId: 'P-1',
            caseId: 'C-1',
            op: 'create',
            fields: { phone: '0341 1' },
          }),
        ]);
        b.hlcMillis += 10_000;
        const res = await pushBatch(h, b, [
          mutation(b, { entity: 'persons', entityId: 'P-1', caseId: 'C-1', fields: { phone: '0341 9' } }),
        ]);
        expect(res.json().results[0]).toMatchObject({ status: 'conflict' });
        const conflicts = await h.tdb.db.selectFrom('sync_conflicts').selectAll().execute();
        expect(conflicts).toHaveLength(1);
        expect(conflicts[0]).toMatchObject({ field: 'phone', kept_by: b.clientId, other_by: a.clientId });
      });

      it('after a clean text merge by the server, the same client’s next stale edit is merged, not fast-forwarded', async () => {
        const a = await login(h, 'cw');
        const b = await login(h, 'cw');
        await createCase(h, a, 'C-1');
        const body = 'eins\nzwei\ndrei\nvier\n';
        await pushBatch(h, a, [
          mutation(a, {
            entity: 'notes',
            entityId: 'N-1',
            caseId: 'C-1',
            op: 'create',
            fields: { body },
          }),
        ]);
        await pushBatch(h, b, [
          mutation(b, {
            entity: 'notes',
            entityId: 'N-1',
            caseId: 'C-1',
            fields: { body: body.replace('vier', 'VIER (B)') },
            bases: { body: 1 },
          }),
        ]);
        // a, offline on version 1: two edits of the first line; the first is merged with b's
        const r = await pushBatch(h, a, [
          mutation(a, {
            entity: 'notes',
            entityId: 'N-1',
            caseId: 'C-1',
            fields: { body: body.replace('eins', 'EINS') },
            bases: { body: 1 },
          }),
          mutation(a, {
            entity: 'notes',
            entityId: 'N-1',
            caseId: 'C-1',
            fields: { body: body.replace('eins', 'EINS (A)') },
            bases: { body: 1 },
          }),
        ]);
        expect(r.json().results[0]).toMatchObject({ status: 'merged' });
        const note = await h.tdb.db
          .selectFrom('sync_records')
          .select('data')
          .where('id', '=', 'N-1')
          .executeTakeFirstOrThrow();
        // b's line survives whatever a's second edit became
        expect((note.data as { body: string }).body).toContain('VIER (B)');
      });
    });
  });
}
