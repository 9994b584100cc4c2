import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyLease } from '../../../src/server/features/auth/tokens';
import { TEXT_HISTORY_KEEP_VERSIONS } from '../../../src/server/features/sync/sync.repository';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import {
  createCase,
  createHarness,
  login,
  mutation,
  post,
  pullAll,
  pushBatch,
  type Harness,
  type PullBody,
  type Session,
} from './harness';

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: sync protocol`, () => {
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

    it('hello reports versions, scope version, a signed offline lease and server time', async () => {
      const s = await login(h, 'cw');
      const res = await post(h, s, '/sync/hello', {
        clientId: s.clientId,
        appVersion: '0.1.0',
        protocolVersion: 1,
        schemaVersion: 1,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        status: 'ok',
        minSchema: 1,
        maxSchema: 1,
        scopeVersion: 0,
        serverTime: '2026-03-02T08:00:00.000Z',
      });
      expect(body.offlineLeaseUntil).toBe('2026-03-05T08:00:00.000Z');
      expect(
        verifyLease(body.leasePublicKey, s.clientId, body.offlineLeaseUntil, body.offlineLeaseSignature),
      ).toBe(true);
      const old = await post(h, s, '/sync/hello', {
        clientId: s.clientId,
        appVersion: '0.0.1',
        protocolVersion: 1,
        schemaVersion: 0,
      });
      expect(old.json().status).toBe('upgrade_required');
    });

    it('applies a push, and a replayed batch returns byte-identical stored results and applies nothing twice', async () => {
      const s = await login(h, 'cw');
      const batch = [
        mutation(s, {
          entity: 'cases',
          entityId: 'C-1',
          caseId: 'C-1',
          op: 'create',
          fields: { status: 'aktiv' },
        }),
        mutation(s, {
          entity: 'persons',
          entityId: 'P-1',
          caseId: 'C-1',
          op: 'create',
          fields: { firstName: 'Erika', lastName: 'Muster' },
        }),
        mutation(s, {
          entity: 'notes',
          entityId: 'N-1',
          caseId: 'C-1',
          op: 'create',
          fields: { body: 'Erstgespräch' },
        }),
      ];
      const first = await pushBatch(h, s, batch);
      expect(first.statusCode).toBe(200);
      const firstBody = first.json<{
        ackedThroughSeq: number;
        results: { status: string; rowVersion: number }[];
      }>();
      expect(firstBody.ackedThroughSeq).toBe(3);
      expect(firstBody.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      const resultsText = (body: string) =>
        body.slice(body.indexOf('"results":'), body.indexOf(',"serverTime"'));

      const countChanges = async () =>
        Number(
          (await sql<{ n: string }>`select count(*)::text as n from change_log`.execute(h.tdb.db)).rows[0]!.n,
        );
      const before = await countChanges();
      h.clock.advance(60_000);
      // five replays, concurrently (PostgreSQL: several connections; the client row lock serializes)
      const replays = await Promise.all([1, 2, 3, 4, 5].map(() => pushBatch(h, s, batch)));
      for (const r of replays) {
        expect(r.statusCode).toBe(200);
        expect(resultsText(r.body)).toBe(resultsText(first.body));
      }
      expect(await countChanges()).toBe(before);
      const rows = await h.tdb.db
        .selectFrom('sync_records')
        .select(['id', 'row_version'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.id, Number(r.row_version)])).toEqual([
        ['C-1', 1],
        ['N-1', 1],
        ['P-1', 1],
      ]);
      const stored = await h.tdb.db.selectFrom('sync_mutations').select('mutation_id').execute();
      expect(stored).toHaveLength(3);
    });

    it('answers a seq gap with resendFrom and applies nothing past the gap', async () => {
      const s = await login(h, 'cw');
      await createCase(h, s, 'C-1');
      const skipped = mutation(s, {
        entity: 'notes',
        entityId: 'N-1',
        caseId: 'C-1',
        op: 'create',
        fields: { body: 'x' },
      });
      const later = mutation(s, {
        entity: 'notes',
        entityId: 'N-2',
        caseId: 'C-1',
        op: 'create',
        fields: { body: 'y' },
      });
      const res = await pushBatch(h, s, [later]);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ackedThroughSeq: 1, results: [], resendFrom: 2 });
      const ok = await pushBatch(h, s, [skipped, later]);
      expect(ok.json().results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    });

    it('merges different fields silently and records a conflict for the same field', async () => {
      const a = await login(h, 'cw');
      await createCase(h, a, 'C-1');
      await pushBatch(h, a, [
        mutation(a, {
          entity: 'persons',
          entityId: 'P-1',
          caseId: 'C-1',
          op: 'create',
          fields: { firstName: 'Erika', phone: '0341 111' },
        }),
      ]);
      const b = await login(h, 'cw'); // second device of the same caseworker
      const ra = await pushBatch(h, a, [
        mutation(a, {
          entity: 'persons',
          entityId: 'P-1',
          caseId: 'C-1',
          fields: { firstName: 'Erika M.' },
          bases: { firstName: 1 },
          baseRowVersion: 1,
        }),
      ]);
      expect(ra.json().results[0]).toMatchObject({ status: 'applied', rowVersion: 2 });
      const rb = await pushBatch(h, b, [
        mutation(b, {
          entity: 'persons',
          entityId: 'P-1',
          caseId: 'C-1',
          fields: { phone: '0341 222' },
          bases: { phone: 1 },
          baseRowVersion: 1,
        }),
      ]);
      expect(rb.json().results[0]).toMatchObject({ status: 'merged', rowVersion: 3, conflictIds: [] });
      b.hlcMillis += 10_000; // b's edit is later: it wins, the losing value is kept
      const rc = await pushBatch(h, b, [
        mutation(b, {
          entity: 'persons',
          entityId: 'P-1',
          caseId: 'C-1',
          fields: { firstName: 'E. Muster' },
          bases: { firstName: 1 },
          baseRowVersion: 1,
        }),
      ]);
      const result = rc.json().results[0];
      expect(result.status).toBe('conflict');
      expect(result.conflictIds).toHaveLength(1);
      const conflict = await h.tdb.db.selectFrom('sync_conflicts').selectAll().executeTakeFirstOrThrow();
      expect(conflict).toMatchObject({
        field: 'firstName',
        kept_value: 'E. Muster',
        other_value: 'Erika M.',
      });
      const row = await h.tdb.db
        .selectFrom('sync_records')
        .select('data')
        .where('id', '=', 'P-1')
        .executeTakeFirstOrThrow();
      expect(row.data).toMatchObject({ firstName: 'E. Muster', phone: '0341 222' });
      // both devices see the conflict in their pull
      const pulled = await pullAll(h, a);
      expect(pulled.changes.filter((c) => c.entity === 'sync_conflicts')).toHaveLength(1);
    });

    it('rejects illegal case transitions and edits of finalized assessments', async () => {
      const s = await login(h, 'cw');
      await createCase(h, s, 'C-1');
      const closed = await pushBatch(h, s, [
        mutation(s, {
          entity: 'cases',
          entityId: 'C-1',
          caseId: 'C-1',
          fields: { status: 'abgeschlossen', closedOn: '2026-11-30' },
          bases: { status: 1, closedOn: 1 },
        }),
      ]);
      expect(closed.json().results[0]).toMatchObject({ status: 'applied' });
      // a closed case is reopened as active, never put to rest directly
      const r1 = await pushBatch(h, s, [
        mutation(s, {
          entity: 'cases',
          entityId: 'C-1',
          caseId: 'C-1',
          fields: { status: 'ruhend' },
          bases: { status: 2 },
        }),
      ]);
      expect(r1.json().results[0]).toMatchObject({ status: 'rejected', reason: 'INVALID_TRANSITION' });
      await pushBatch(h, s, [
        mutation(s, {
          entity: 'assessments',
          entityId: 'A-1',
          caseId: 'C-1',
          op: 'create',
          fields: { status: 'finalized', finalizedOn: '2026-11-03', finalizedBy: 'u-1' },
        }),
      ]);
      const r2 = await pushBatch(h, s, [
        mutation(s, {
          entity: 'assessments',
          entityId: 'A-1',
          caseId: 'C-1',
          fields: { integrationForecast: 'within12Months' },
        }),
      ]);
      expect(r2.json().results[0]).toMatchObject({ status: 'rejected', reason: 'DOMAIN_RULE_VIOLATED' });
    });

    it('guards against mass deletes unless explicitly allowed', async () => {
      const s = await login(h, 'cw');
      await createCase(h, s, 'C-1');
      const creates = [1, 2, 3, 4, 5, 6].map((i) =>
        mutation(s, {
          entity: 'notes',
          entityId: `N-${i}`,
          caseId: 'C-1',
          op: 'create',
          fields: { body: `n${i}` },
        }),
      );
      await pushBatch(h, s, creates);
      const seqBefore = s.seq;
      const archives = [1, 2, 3, 4, 5, 6].map((i) =>
        mutation(s, { entity: 'notes', entityId: `N-${i}`, caseId: 'C-1', op: 'archive' }),
      );
      const blocked = await pushBatch(h, s, archives);
      expect(blocked.statusCode).toBe(409);
      expect(blocked.json().error.code).toBe('SYNC_MASS_DELETE_BLOCKED');
      expect(
        await h.tdb.db.selectFrom('sync_records').select('id').where('archived_at', 'is not', null).execute(),
      ).toHaveLength(0);
      expect(seqBefore).toBe(7);
      const allowed = await pushBatch(h, s, archives, { allowMassDelete: true });
      expect(allowed.json().results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
    });

    it('pulls pages by cursor, reports scope added/removed, snapshots granted cases and quarantines late pushes', async () => {
      const cw = await login(h, 'cw');
      const other = await login(h, 'cwTeam');
      await createCase(h, cw, 'C-1');
      await createCase(h, other, 'C-2');
      for (let i = 0; i < 5; i += 1) {
        await pushBatch(h, cw, [
          mutation(cw, {
            entity: 'notes',
            entityId: `N-${i}`,
            caseId: 'C-1',
            op: 'create',
            fields: { body: `n${i}` },
          }),
        ]);
      }
      const paged = await pullAll(h, cw, undefined, 0, 2);
      expect(paged.changes.map((c) => c.id).sort()).toEqual(['C-1', 'N-0', 'N-1', 'N-2', 'N-3', 'N-4']);
      expect(paged.scope).toEqual({ version: 1, added: ['C-1'], removed: [] });
      // nothing new: same cursor comes back
      const again = await post(h, cw, '/sync/pull', {
        clientId: cw.clientId,
        cursor: paged.cursor,
        scopeVersion: 1,
      });
      expect(again.json<PullBody>()).toMatchObject({
        changes: [],
        hasMore: false,
        nextCursor: paged.cursor,
        scope: { version: 1, added: [], removed: [] },
      });

      // C-2 is reassigned to cw, C-1 to the colleague
      const admin = await login(h, 'admin');
      await post(h, admin, '/admin/cases/C-2/assignment', { assignedUserId: h.userIds.cw });
      await post(h, admin, '/admin/cases/C-1/assignment', { assignedUserId: h.userIds.cwTeam });
      const next = await post(h, cw, '/sync/pull', {
        clientId: cw.clientId,
        cursor: paged.cursor,
        scopeVersion: 1,
      });
      expect(next.json<PullBody>().scope).toEqual({ version: 2, added: ['C-2'], removed: ['C-1'] });
      const snap = await post(h, cw, '/sync/snapshot', { clientId: cw.clientId, caseIds: ['C-2'] });
      expect(snap.statusCode).toBe(200);
      expect(snap.json().rows.map((r: { id: string }) => r.id)).toEqual(['C-2']);
      const denied = await post(h, cw, '/sync/snapshot', { clientId: cw.clientId, caseIds: ['C-1'] });
      expect(denied.statusCode).toBe(403);

      // a pending edit for the revoked case lands in quarantine, never dropped, never applied
      const late = await pushBatch(h, cw, [
        mutation(cw, {
          entity: 'notes',
          entityId: 'N-0',
          caseId: 'C-1',
          fields: { body: 'spät' },
          bases: { body: 1 },
        }),
      ]);
      expect(late.statusCode).toBe(200);
      expect(late.json().results[0]).toMatchObject({ status: 'rejected', reason: 'SYNC_QUARANTINED' });
      expect(await h.tdb.db.selectFrom('sync_quarantine').select('case_id').execute()).toEqual([
        { case_id: 'C-1' },
      ]);
      const note = await h.tdb.db
        .selectFrom('sync_records')
        .select('data')
        .where('id', '=', 'N-0')
        .executeTakeFirstOrThrow();
      expect(note.data).toMatchObject({ body: 'n0' });

      // the team lead reviews the quarantined edit
      const lead = await login(h, 'lead');
      const list = await h.app.inject({
        method: 'GET',
        url: '/admin/quarantine',
        headers: { authorization: `Bearer ${lead.accessToken}` },
      });
      expect(list.statusCode).toBe(200);
      const items = list.json<{ items: { id: string; caseId: string }[] }>().items;
      expect(items.map((i) => i.caseId)).toEqual(['C-1']);
      const reviewed = await post(h, lead, `/admin/quarantine/${items[0]!.id}/reviewed`, {});
      expect(reviewed.statusCode).toBe(200);
      const cwList = await h.app.inject({
        method: 'GET',
        url: '/admin/quarantine',
        headers: { authorization: `Bearer ${cw.accessToken}` },
      });
      expect(cwList.statusCode).toBe(403);
    });

    describe('note text (3-way merge, SYNC.md §4.4)', () => {
      const BASE = 'Absatz 1\n\nAbsatz 2\n\nAbsatz 3\n';
      const setup = async () => {
        const a = await login(h, 'cw');
        await createCase(h, a, 'C-1');
        await pushBatch(h, a, [
          mutation(a, {
            entity: 'notes',
            entityId: 'N-1',
            caseId: 'C-1',
            op: 'create',
            fields: { title: 'Gespräch', body: BASE },
          }),
        ]);
        const b = await login(h, 'cw'); // second device of the same caseworker, same base
        const start = await pullAll(h, b);
        expect(start.changes.find((c) => c.id === 'N-1')).toMatchObject({
          row: { body: BASE },
          fieldVersions: { body: 1 },
        });
        return { a, b, cursorA: { txid: '0', changeId: '0' }, cursorB: start.cursor };
      };
      const editBody = (s: Session, body: string, base: number) =>
        mutation(s, {
          entity: 'notes',
          entityId: 'N-1',
          caseId: 'C-1',
          fields: { body },
          bases: { body: base },
          baseRowVersion: 1,
        });
      const noteBody = async () =>
        (
          (
            await h.tdb.db
              .selectFrom('sync_records')
              .select('data')
              .where('id', '=', 'N-1')
              .executeTakeFirstOrThrow()
          ).data as { body: string }
        ).body;
      const counts = async () => {
        const n = async (table: string) =>
          Number(
            (await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(h.tdb.db))
              .rows[0]!.n,
          );
        return {
          changes: await n('change_log'),
          conflicts: await n('sync_conflicts'),
          history: await n('text_field_history'),
          mutations: await n('sync_mutations'),
        };
      };
      const resultsText = (body: string) =>
        body.slice(body.indexOf('"results":'), body.indexOf(',"serverTime"'));

      it('merges edits of different paragraphs from the same base: merged, info record, both pull the merged text', async () => {
        const { a, b, cursorA, cursorB } = await setup();
        const ours = 'Absatz 1 – ergänzt von A\n\nAbsatz 2\n\nAbsatz 3\n';
        const theirs = 'Absatz 1\n\nAbsatz 2\n\nAbsatz 3 – ergänzt von B\n';
        const merged = 'Absatz 1 – ergänzt von A\n\nAbsatz 2\n\nAbsatz 3 – ergänzt von B\n';
        const ra = await pushBatch(h, a, [editBody(a, ours, 1)]);
        expect(ra.json().results[0]).toMatchObject({ status: 'applied', rowVersion: 2, conflictIds: [] });

        const batch = [editBody(b, theirs, 1)];
        const rb = await pushBatch(h, b, batch);
        expect(rb.statusCode).toBe(200);
        const result = rb.json().results[0];
        expect(result).toMatchObject({ status: 'merged', rowVersion: 3, reason: null });
        expect(result.conflictIds).toHaveLength(1);
        expect(await noteBody()).toBe(merged);

        // the info record: base, merged text (kept), the client's text (other), both authors
        const info = await h.tdb.db
          .selectFrom('sync_conflicts')
          .selectAll()
          .where('conflict_id', '=', result.conflictIds[0])
          .executeTakeFirstOrThrow();
        expect(info).toMatchObject({
          kind: 'merged',
          entity: 'notes',
          entity_id: 'N-1',
          field: 'body',
          base: BASE,
          kept_value: merged,
          other_value: theirs,
          kept_by: a.clientId,
          other_by: b.clientId,
          resolved_at: null,
        });

        // both devices pull the merged text (field version 3) and the info record
        for (const [s, cursor] of [
          [a, cursorA],
          [b, cursorB],
        ] as const) {
          const pulled = await pullAll(h, s, cursor, 1);
          expect(pulled.changes.find((c) => c.id === 'N-1')).toMatchObject({
            rowVersion: 3,
            row: { title: 'Gespräch', body: merged },
            fieldVersions: { title: 1, body: 3 },
          });
          const records = pulled.changes.filter((c) => c.entity === 'sync_conflicts');
          expect(records).toHaveLength(1);
          expect(records[0]!.row).toMatchObject({
            kind: 'merged',
            entityId: 'N-1',
            field: 'body',
            base: BASE,
            keptValue: merged,
            otherValue: theirs,
          });
        }

        // the merged text is the base of the next merge
        const history = await h.tdb.db
          .selectFrom('text_field_history')
          .select(['version', 'value'])
          .where('entity_id', '=', 'N-1')
          .orderBy('version')
          .execute();
        expect(history.map((r) => [Number(r.version), r.value])).toEqual([
          [1, BASE],
          [2, ours],
          [3, merged],
        ]);

        // replay: byte-identical stored result, nothing applied twice
        const before = await counts();
        h.clock.advance(60_000);
        const replays = await Promise.all([1, 2, 3].map(() => pushBatch(h, b, batch)));
        for (const r of replays) {
          expect(r.statusCode).toBe(200);
          expect(resultsText(r.body)).toBe(resultsText(rb.body));
        }
        expect(await counts()).toEqual(before);
        expect(await noteBody()).toBe(merged);
      });

      it('keeps the server text when the same paragraph was edited differently, with the client text in a conflict record', async () => {
        const { a, b, cursorA } = await setup();
        const ours = 'Absatz 1\n\nAbsatz 2 – Fassung A\n\nAbsatz 3\n';
        const theirs = 'Absatz 1\n\nAbsatz 2 – Fassung B\n\nAbsatz 3\n';
        await pushBatch(h, a, [editBody(a, ours, 1)]);
        b.hlcMillis += 10_000; // a later clock does not win free text: the server text stays
        const batch = [editBody(b, theirs, 1)];
        const rb = await pushBatch(h, b, batch);
        const result = rb.json().results[0];
        expect(result).toMatchObject({ status: 'conflict', rowVersion: 2, reason: null });
        expect(result.conflictIds).toHaveLength(1);
        expect(await noteBody()).toBe(ours);
        const conflict = await h.tdb.db.selectFrom('sync_conflicts').selectAll().executeTakeFirstOrThrow();
        expect(conflict).toMatchObject({
          conflict_id: result.conflictIds[0],
          kind: 'conflict',
          field: 'body',
          base: BASE,
          kept_value: ours,
          other_value: theirs,
          kept_by: a.clientId,
          other_by: b.clientId,
        });
        const pulled = await pullAll(h, a, cursorA);
        const record = pulled.changes.find((c) => c.entity === 'sync_conflicts');
        expect(record?.row).toMatchObject({ kind: 'conflict', keptValue: ours, otherValue: theirs });
        expect(pulled.changes.find((c) => c.id === 'N-1')?.fieldVersions.body).toBe(2);

        const before = await counts();
        const replay = await pushBatch(h, b, batch);
        expect(resultsText(replay.body)).toBe(resultsText(rb.body));
        expect(await counts()).toEqual(before);
      });

      it('gives a conflict when the base text is not known (never seen, or pruned)', async () => {
        const { a, b } = await setup();
        await pushBatch(h, a, [editBody(a, 'Absatz 1 A\n\nAbsatz 2\n\nAbsatz 3\n', 1)]);
        const unseen = await pushBatch(h, b, [editBody(b, 'Absatz 1\n\nAbsatz 2\n\nAbsatz 3 B\n', 0)]);
        expect(unseen.json().results[0]).toMatchObject({ status: 'conflict' });
        expect(await noteBody()).toBe('Absatz 1 A\n\nAbsatz 2\n\nAbsatz 3\n');

        // many versions later the old base is pruned: conflict instead of merge
        const edits = Array.from({ length: TEXT_HISTORY_KEEP_VERSIONS + 1 }, (_, i) =>
          editBody(a, `Absatz 1 v${i}\n\nAbsatz 2\n\nAbsatz 3\n`, i + 2),
        );
        const many = await pushBatch(h, a, edits);
        // (a's own edits, so no conflicts; `merged` only because baseRowVersion is old)
        expect(
          many
            .json()
            .results.every((r: { status: string; conflictIds: string[] }) => r.conflictIds.length === 0),
        ).toBe(true);
        const versions = await h.tdb.db
          .selectFrom('text_field_history')
          .select('version')
          .where('entity_id', '=', 'N-1')
          .orderBy('version')
          .execute();
        expect(versions).toHaveLength(TEXT_HISTORY_KEEP_VERSIONS);
        expect(Number(versions[0]!.version)).toBe(
          TEXT_HISTORY_KEEP_VERSIONS + 3 - TEXT_HISTORY_KEEP_VERSIONS + 1,
        );
        const stale = await pushBatch(h, b, [editBody(b, 'Absatz 1\n\nAbsatz 2\n\nAbsatz 3 B\n', 1)]);
        expect(stale.json().results[0]).toMatchObject({ status: 'conflict' });
        // a base still kept merges
        const head = TEXT_HISTORY_KEEP_VERSIONS + 3;
        const recent = await pushBatch(h, b, [
          editBody(b, `Absatz 1 v${TEXT_HISTORY_KEEP_VERSIONS - 1}\n\nAbsatz 2\n\nAbsatz 3 B\n`, head - 1),
        ]);
        expect(recent.json().results[0]).toMatchObject({ status: 'merged' });
        expect(await noteBody()).toBe(`Absatz 1 v${TEXT_HISTORY_KEEP_VERSIONS}\n\nAbsatz 2\n\nAbsatz 3 B\n`);
      });
    });

    it.skipIf(dialect === 'pglite')(
      'loses no change when two transactions commit out of order around a pull (xid8 watermark)',
      // PGlite has a single connection: transactions are serialized, a late commit cannot happen there.
      async () => {
        const s = await login(h, 'cw');
        await createCase(h, s, 'C-1');
        await pushBatch(h, s, [
          mutation(s, {
            entity: 'notes',
            entityId: 'N-early',
            caseId: 'C-1',
            op: 'create',
            fields: { body: 'a' },
          }),
          mutation(s, {
            entity: 'notes',
            entityId: 'N-late',
            caseId: 'C-1',
            op: 'create',
            fields: { body: 'b' },
          }),
        ]);
        const start = await pullAll(h, s);
        const bump = (trx: typeof h.tdb.db, id: string) =>
          sql`with u as (update sync_records set row_version = row_version + 1 where id = ${id} returning case_id, entity, id, row_version)
              insert into change_log (case_id, entity, entity_id, row_version, op) select case_id, entity, id, row_version, 'update' from u`.execute(
            trx,
          );

        let releaseT1!: () => void;
        const t1Gate = new Promise<void>((r) => (releaseT1 = r));
        let t1Wrote!: () => void;
        const t1Ready = new Promise<void>((r) => (t1Wrote = r));
        // T1 starts first (smaller txid and change_id) and commits LAST
        const t1 = h.tdb.db.transaction().execute(async (trx) => {
          await bump(trx as unknown as typeof h.tdb.db, 'N-early');
          t1Wrote();
          await t1Gate;
        });
        await t1Ready;
        await h.tdb.db.transaction().execute(async (trx) => {
          await bump(trx as unknown as typeof h.tdb.db, 'N-late');
        });
        const during = await pullAll(h, s, start.cursor, 1);
        releaseT1();
        await t1;
        const after = await pullAll(h, s, during.cursor, 1);
        const seen = [...during.changes, ...after.changes].filter((c) => c.entity === 'notes');
        const latest = new Map<string, number>();
        for (const c of seen) latest.set(c.id, Math.max(latest.get(c.id) ?? 0, c.rowVersion));
        expect(latest.get('N-early')).toBe(2);
        expect(latest.get('N-late')).toBe(2);
      },
    );
  });
}
