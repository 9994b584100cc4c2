/**
 * Fault trials of SYNC.md §4.8 with the desktop's sync engine against a real server on loopback:
 * duplicated and reordered pushes, a refused entry in the middle of the outbox (the seq gap it
 * leaves), clock skew (−1 day, +10 min, +1 year through the injected clock), revocation of a case
 * with pending edits, device revocation and remote wipe, an upgrade with a pending outbox.
 * (Lost requests/responses and a failing pull apply: tests/integration/sync/sync-engine.test.ts.)
 */
import { writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as admin from '../../src/server/features/admin/admin.service';
import { wipeLocalData } from '../../src/main/features/sync/remote-wipe';
import { readPushBatch } from '../../src/main/features/sync/sync-steps';
import type { PushRequest, PushResponse } from '../../src/shared/sync/protocol';
import { sampleFields } from '../helpers/records';
import { SERVER_DIALECTS, skipReason } from '../helpers/server-db';
import { count, engineDesktop, listen, rows, type EngineDesktop } from '../helpers/sync-engine';
import { createHarness, post, pushBatch, type Harness } from '../integration/server/harness';

async function newCase(d: EngineDesktop, phone = '0341 100') {
  return d.cases.createCase({
    officeId: 'oschatz',
    caseworkerId: d.session.userId,
    openedOn: '2026-03-02',
    person: { ...sampleFields('persons', { caseId: 'x', id: 'x' }), phone },
  });
}

const adminPrincipal = (h: Harness) => ({
  userId: h.userIds['admin']!,
  role: 'specialist_admin' as const,
  officeId: 'oschatz',
  teamId: null,
  clientId: '00000000-0000-4000-8000-00000000ad01',
});

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: sync fault trials`, () => {
    let h: Harness;
    let url: string;
    const open: EngineDesktop[] = [];
    const desk = async (
      ...args: Parameters<typeof engineDesktop> extends [unknown, unknown, ...infer R] ? R : never
    ) => {
      const d = await engineDesktop(h, url, ...args);
      open.push(d);
      return d;
    };
    beforeAll(async () => {
      h = await createHarness(dialect);
    });
    afterAll(async () => {
      await h?.close();
    });
    afterEach(async () => {
      for (const d of open.splice(0)) await d.destroy();
    });
    const fresh = async (config = {}) => {
      await h.reset(config);
      url = await listen(h);
    };

    it('a push batch replayed 5× concurrently gets byte-identical answers; a seq gap gets resend_from', async () => {
      await fresh();
      const a = await desk('cw');
      await newCase(a);
      // the batch the engine is about to send
      const sent: PushRequest = (await readPushBatch(a.t.db, a.session.clientId))!;
      expect((await a.engine.syncNow()).pendingCount).toBe(0);
      const replies = await Promise.all(
        Array.from({ length: 5 }, () => pushBatch(h, a.session, sent.mutations)),
      );
      const answer = replies[0]!.body;
      for (const r of replies) {
        expect(r.statusCode).toBe(200);
        expect(r.body).toBe(answer);
      }
      const effects = await h.tdb.db
        .selectFrom('sync_mutations')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .where('client_id', '=', a.session.clientId)
        .executeTakeFirstOrThrow();
      expect(Number(effects.n)).toBe(sent.mutations.length);
      // reordered: a mutation two ahead of the server's last seq
      const last = sent.mutations.at(-1)!;
      const ahead = {
        ...last,
        seq: last.seq + 2,
        mutationId: '5e0c7f1a-9999-4222-8333-000000000001',
        op: 'update' as const,
        fields: { phone: { value: '0341 777', baseVersion: 1 } },
        baseRowVersion: 1,
      };
      const gap = await pushBatch(h, a.session, [ahead]);
      expect(gap.json<{ resendFrom?: number }>().resendFrom).toBe(last.seq + 1);
    });

    it('two push batches arriving in swapped order: the later one is refused with resend_from and nothing of it applied; the engine then delivers everything once', async () => {
      await fresh();
      const a = await desk('cw');
      const made = [await newCase(a, '0341 101'), await newCase(a, '0341 102'), await newCase(a, '0341 103')];
      const all: PushRequest = (await readPushBatch(a.t.db, a.session.clientId))!;
      expect(all.mutations).toHaveLength(6);
      const first = { ...all, mutations: all.mutations.slice(0, 3) };
      const second = { ...all, mutations: all.mutations.slice(3) };
      const mutationsAtServer = async () =>
        (
          await h.tdb.db
            .selectFrom('sync_mutations')
            .select(['mutation_id', 'status', 'result'])
            .where('client_id', '=', a.session.clientId)
            .orderBy('seq')
            .execute()
        ).map((m) => [m.mutation_id, m.status, m.result]);

      // the second batch overtakes the first: refused as a whole with the seq to resend from
      const early = await post(h, a.session, '/sync/push', second);
      expect(early.statusCode).toBe(200);
      const refused = early.json<PushResponse>();
      expect(refused.resendFrom).toBe(first.mutations[0]!.seq);
      expect(refused.results).toEqual([]);
      expect(await mutationsAtServer()).toEqual([]);
      // then the first arrives and is applied
      const late = await post(h, a.session, '/sync/push', first);
      const applied = late.json<PushResponse>();
      expect(applied.resendFrom).toBeUndefined();
      expect(applied.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      const afterFirst = await mutationsAtServer();
      expect(afterFirst).toHaveLength(3);

      // the engine (which heard neither answer) sends its whole outbox: the first three are
      // answered from the record, the rest applied
      const s = await a.engine.syncNow();
      expect(s).toMatchObject({ pendingCount: 0, rejectionCount: 0, conflictCount: 0, error: null });
      const final = await mutationsAtServer();
      expect(final.slice(0, 3)).toEqual(afterFirst);
      expect(final.map((m) => m[0])).toEqual(all.mutations.map((m) => m.mutationId));
      expect(new Set(final.map((m) => m[1]))).toEqual(new Set(['applied']));

      // a second desktop sees all three cases with their phone numbers: nothing lost
      const b = await desk('cw');
      expect((await b.engine.syncNow()).error).toBeNull();
      expect(
        made.map((c) => rows(b, 'SELECT phone FROM persons WHERE id = ?', c.personId)[0]?.['phone']),
      ).toEqual(['0341 101', '0341 102', '0341 103']);
    });

    it('two push batches sent concurrently in swapped order end applied exactly once', async () => {
      await fresh();
      const a = await desk('cw');
      for (const phone of ['0341 201', '0341 202', '0341 203']) await newCase(a, phone);
      const all: PushRequest = (await readPushBatch(a.t.db, a.session.clientId))!;
      const first = { ...all, mutations: all.mutations.slice(0, 3) };
      const second = { ...all, mutations: all.mutations.slice(3) };
      const answers = await Promise.all([
        post(h, a.session, '/sync/push', second),
        post(h, a.session, '/sync/push', first),
      ]);
      for (const r of answers) expect(r.statusCode).toBe(200);
      expect((await a.engine.syncNow()).pendingCount).toBe(0);
      const stored = await h.tdb.db
        .selectFrom('sync_mutations')
        .select(['mutation_id', 'status'])
        .where('client_id', '=', a.session.clientId)
        .orderBy('seq')
        .execute();
      expect(stored.map((m) => m.mutation_id)).toEqual(all.mutations.map((m) => m.mutationId));
      expect(new Set(stored.map((m) => m.status))).toEqual(new Set(['applied']));
      expect((await a.engine.status()).rejectionCount).toBe(0);
      const persons = await h.tdb.db
        .selectFrom('sync_records')
        .select(['row_version'])
        .where('entity', '=', 'persons')
        .execute();
      expect(persons.map((p) => Number(p.row_version))).toEqual([1, 1, 1]);
    });

    it('an entry the server refuses as a whole is isolated, kept as a rejection, and the rest goes through (the seq gap is closed)', async () => {
      await fresh();
      const a = await desk('cw');
      const { caseId, personId } = await newCase(a);
      await a.cases.updatePerson(personId, { phone: '0341 200' });
      // a corrupted entry in the middle of the outbox (an invalid value the server's schema refuses)
      const mid = rows(a, 'SELECT * FROM sync_outbox ORDER BY seq DESC LIMIT 1')[0]!;
      a.t.raw
        .prepare(
          `INSERT INTO sync_outbox (mutation_id, local_tx_id, entity, entity_id, case_id, op, fields_json, base_row_version, hlc, schema_version, created_at)
           VALUES ('0b0b0b0b-0000-4000-8000-000000000001', 'tx-bad', 'persons', ?, ?, 'update', ?, 0, ?, 60, ?)`,
        )
        .run(
          personId,
          caseId,
          JSON.stringify({ birthDate: { value: '0000-00-00', baseVersion: 0 } }),
          mid['hlc'],
          mid['created_at'],
        );
      await a.cases.updatePerson(personId, { town: 'Belgern' });
      const s = await a.engine.syncNow();
      expect(s.pendingCount).toBe(0);
      expect(s.rejectionCount).toBe(1);
      const issues = await a.engine.caseIssues(caseId);
      expect(issues.rejections.map((r) => [r.mutationId, r.reason])).toEqual([
        ['0b0b0b0b-0000-4000-8000-000000000001', 'VALIDATION_FAILED'],
      ]);
      const b = await desk('cw');
      await b.engine.syncNow();
      expect(rows(b, 'SELECT phone, town FROM persons WHERE id = ?', personId)).toEqual([
        { phone: '0341 200', town: 'Belgern' },
      ]);
      // the rejection stays until dismissed
      await a.engine.dismissRejection('0b0b0b0b-0000-4000-8000-000000000001');
      expect((await a.engine.status()).rejectionCount).toBe(0);
    });

    it('clock skew of −1 day, +10 min and +1 year: no poisoning of server order, a clear clock_skew hint, conflicts still found', async () => {
      await fresh();
      const early = await desk('cw');
      const late = await desk('cw');
      const slightly = await desk('cw');
      early.clock.offsetMs = -86_400_000;
      late.clock.offsetMs = 365 * 86_400_000;
      slightly.clock.offsetMs = 10 * 60_000;
      const { personId } = await newCase(slightly);
      expect((await slightly.engine.syncNow()).error?.code).toBe('SYNC_CLOCK_SKEW');
      for (const d of [early, late]) {
        const st = await d.engine.syncNow();
        expect(st.error).toEqual({ code: 'SYNC_CLOCK_SKEW', message: expect.stringMatching(/Uhrzeit/) });
        expect(st.pendingCount).toBe(0);
      }
      // concurrent edits of the same field from the skewed clocks
      await late.cases.updatePerson(personId, { phone: '0341 999' });
      await early.cases.updatePerson(personId, { phone: '0341 111' });
      await late.engine.syncNow();
      await early.engine.syncNow();
      const rec = await h.tdb.db
        .selectFrom('sync_records')
        .select(['field_meta'])
        .where('id', '=', personId)
        .executeTakeFirstOrThrow();
      const meta = rec.field_meta as Record<string, { hlc: string }>;
      const stamped = Number(meta['phone']!.hlc.slice(0, 15));
      expect(stamped).toBeLessThanOrEqual(h.clock.now().getTime() + 5 * 60_000);
      const conflicts = await h.tdb.db
        .selectFrom('sync_conflicts')
        .selectAll()
        .where('entity_id', '=', personId)
        .where('field', '=', 'phone')
        .execute();
      expect(conflicts).toHaveLength(1);
      expect([conflicts[0]!.kept_value, conflicts[0]!.other_value].sort()).toEqual(['0341 111', '0341 999']);
      // a later edit on a correct clock, made on the current version, is applied (not beaten by a year-ahead stamp)
      h.clock.advance(60_000);
      await slightly.engine.syncNow();
      slightly.clock.offsetMs = 0;
      await slightly.cases.updatePerson(personId, { phone: '0341 555' });
      await slightly.engine.syncNow();
      for (const d of [early, late, slightly]) {
        await d.engine.syncNow();
        expect(rows(d, 'SELECT phone FROM persons WHERE id = ?', personId)).toEqual([{ phone: '0341 555' }]);
      }
    });

    it('revocation with pending edits: the edits reach the server (quarantine), then the case is purged locally', async () => {
      await fresh();
      const a = await desk('cw');
      const { caseId, personId } = await newCase(a);
      await a.cases.addNote(caseId, {
        category: 'JVA',
        title: 'Besuch',
        body: 'MARKER-TORGAU',
        restricted: false,
      });
      await a.engine.syncNow();
      await a.cases.updatePerson(personId, { phone: '0341 404' });
      await admin.assignCase({ db: h.tdb.db, clock: h.clock, ids: h.ids }, adminPrincipal(h), {
        caseId,
        assignedUserId: h.userIds['cwOtherTeam']!,
      });
      const s = await a.engine.syncNow();
      expect(s.error).toBeNull();
      expect(s.pendingCount).toBe(0);
      const quarantined = await h.tdb.db
        .selectFrom('sync_quarantine')
        .selectAll()
        .where('case_id', '=', caseId)
        .execute();
      expect(quarantined).toHaveLength(1);
      expect(count(a, 'SELECT count(*) AS n FROM cases WHERE id = ?', caseId)).toBe(0);
      for (const table of ['persons', 'notes', 'sync_conflicts', 'sync_rejections', 'access_scope'])
        expect(count(a, `SELECT count(*) AS n FROM ${table} WHERE case_id = ?`, caseId), table).toBe(0);
      expect(count(a, "SELECT count(*) AS n FROM notes WHERE body LIKE '%MARKER-TORGAU%'")).toBe(0);
    });

    it('device revocation stops the engine and keeps the outbox; a remote wipe removes the key store before the database', async () => {
      await fresh();
      const a = await desk('cw');
      const { personId } = await newCase(a);
      await a.engine.syncNow();
      await a.cases.updatePerson(personId, { phone: '0341 300' });
      await admin.revokeDevice(
        { db: h.tdb.db, clock: h.clock, ids: h.ids },
        'test',
        a.session.clientId,
        false,
      );
      const s = await a.engine.syncNow();
      expect(s.state).toBe('revoked');
      expect(s.error?.code).toBe('SYNC_DEVICE_REVOKED');
      expect(s.pendingCount).toBe(1);

      const removed: string[][] = [];
      const w = await desk('cw', {
        onWipe: async () => {
          removed.push(await wipeLocalData(w.t.dir, () => w.t.close()));
        },
      });
      await writeFile(join(w.t.dir, 'keystore.json'), '{"format":"lotse-keystore"}');
      await newCase(w);
      await admin.revokeDevice(
        { db: h.tdb.db, clock: h.clock, ids: h.ids },
        'test',
        w.session.clientId,
        true,
      );
      expect((await w.engine.syncNow()).state).toBe('wiped');
      await w.engine.wiping;
      expect(removed[0]![0]).toBe('keystore.json');
      expect(removed[0]).toContain('lotse.db');
      expect(
        (await readdir(w.t.dir)).filter((f) => f.startsWith('lotse.db') || f === 'keystore.json'),
      ).toEqual([]);
      open.splice(open.indexOf(w), 1);
      await w.t.destroy();
    });

    it('upgrade with a pending outbox: an old client gets upgrade_required and keeps working; after the upgrade everything is applied', async () => {
      await fresh({ MIN_SCHEMA: 2, MAX_SCHEMA: 2 });
      const a = await desk('cw');
      const { personId } = await newCase(a);
      const s = await a.engine.syncNow();
      expect(s.state).toBe('upgrade_required');
      expect(s.error?.message).toMatch(/neuere Lotse-Version/);
      const pending = s.pendingCount;
      expect(pending).toBeGreaterThan(0);
      // still working offline
      await a.cases.updatePerson(personId, { phone: '0341 808' });
      expect((await a.engine.status()).pendingCount).toBe(pending + 1);
      // the upgraded app on the same store
      const upgraded = a.rebuild({ wireSchemaVersion: 2 });
      const after = await upgraded.syncNow();
      expect(after.error).toBeNull();
      expect(after.pendingCount).toBe(0);
      const b = await desk('cw', { wireSchemaVersion: 2 });
      await b.engine.syncNow();
      expect(rows(b, 'SELECT phone FROM persons WHERE id = ?', personId)).toEqual([{ phone: '0341 808' }]);
    });
  });
}
