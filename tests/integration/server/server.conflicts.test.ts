/**
 * POST /sync/conflicts/:conflictId/resolve: keep / take_other / dismiss, idempotency, stale
 * resolutions, authorization, and the resolved conflict row reaching every device in scope.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_DIALECTS, skipReason, tableCounts } from '../../helpers/server-db';
import {
  createCase,
  createHarness,
  login,
  mutation,
  post,
  pullAll,
  pushBatch,
  type Harness,
  type Session,
} from './harness';

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: conflict resolution`, () => {
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

    const resolve = (s: Session, conflictId: string, body: Record<string, unknown>) =>
      post(h, s, `/sync/conflicts/${conflictId}/resolve`, { clientId: s.clientId, ...body });

    const record = async (id: string) =>
      h.tdb.db.selectFrom('sync_records').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    /** Two devices of `cw` edit persons P-1.firstName concurrently: b wins, a's value is `other`. */
    async function lwwConflict(): Promise<{ a: Session; b: Session; conflictId: string }> {
      const a = await login(h, 'cw');
      await createCase(h, a, 'C-1');
      await pushBatch(h, a, [
        mutation(a, {
          entity: 'persons',
          entityId: 'P-1',
          caseId: 'C-1',
          op: 'create',
          fields: { firstName: 'Erika' },
        }),
      ]);
      const b = await login(h, 'cw');
      await pushBatch(h, a, [
        mutation(a, {
          entity: 'persons',
          entityId: 'P-1',
          caseId: 'C-1',
          fields: { firstName: 'Erika M.' },
          bases: { firstName: 1 },
        }),
      ]);
      b.hlcMillis += 10_000;
      const rb = await pushBatch(h, b, [
        mutation(b, {
          entity: 'persons',
          entityId: 'P-1',
          caseId: 'C-1',
          fields: { firstName: 'E. Muster' },
          bases: { firstName: 1 },
        }),
      ]);
      const result = rb.json().results[0];
      expect(result).toMatchObject({ status: 'conflict', rowVersion: 3 });
      return { a, b, conflictId: result.conflictIds[0] };
    }

    it('keep: the kept value stays, the conflict row is resolved and both devices pull it resolved', async () => {
      const { a, b, conflictId } = await lwwConflict();
      const before = await record('P-1');
      h.clock.advance(60_000);
      const res = await resolve(a, conflictId, { resolution: 'keep', expectedVersion: 3 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        conflictId,
        resolution: 'keep',
        resolvedBy: h.userIds.cw,
        resolvedAt: '2026-03-02T08:01:00.000Z',
        rowVersion: null,
      });
      const after = await record('P-1');
      expect(after.row_version).toBe(before.row_version);
      expect(after.data).toEqual(before.data);
      const row = await h.tdb.db
        .selectFrom('sync_conflicts')
        .selectAll()
        .where('conflict_id', '=', conflictId)
        .executeTakeFirstOrThrow();
      expect(row.resolved_by).toBe(h.userIds.cw);
      expect(row.resolved_at?.toISOString()).toBe('2026-03-02T08:01:00.000Z');
      for (const s of [a, b]) {
        const pulled = await pullAll(h, s);
        const c = pulled.changes.find((x) => x.entity === 'sync_conflicts' && x.id === conflictId);
        expect(c).toMatchObject({ rowVersion: 2, archived: true });
        expect(c?.row).toMatchObject({
          field: 'firstName',
          keptValue: 'E. Muster',
          otherValue: 'Erika M.',
          resolution: 'keep',
          resolvedBy: h.userIds.cw,
          resolvedAt: '2026-03-02T08:01:00.000Z',
        });
      }
      const audit = await h.tdb.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id', 'user_id'])
        .where('action', '=', 'conflict_resolved')
        .execute();
      expect(audit).toEqual([{ action: 'conflict_resolved', entity_id: conflictId, user_id: h.userIds.cw }]);
    });

    it('take_other: writes the other value as a normal change (row version, change_log, audit, pull)', async () => {
      const { a, b, conflictId } = await lwwConflict();
      // b pulls first: it will see the new value as an incremental change
      const startB = await pullAll(h, b);
      h.clock.advance(1_000);
      const res = await resolve(b, conflictId, { resolution: 'take_other' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ conflictId, resolution: 'take_other', rowVersion: 4 });
      const after = await record('P-1');
      expect(Number(after.row_version)).toBe(4);
      expect(after.data).toMatchObject({ firstName: 'Erika M.' });
      expect((after.field_meta as Record<string, { v: number; by: string }>).firstName).toMatchObject({
        v: 4,
        by: b.clientId,
      });
      const log = await h.tdb.db
        .selectFrom('change_log')
        .select(['entity', 'entity_id', 'row_version', 'op'])
        .orderBy('change_id', 'desc')
        .limit(2)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, row_version: String(r.row_version) })));
      expect(log).toEqual(
        expect.arrayContaining([
          { entity: 'persons', entity_id: 'P-1', row_version: '4', op: 'update' },
          { entity: 'sync_conflicts', entity_id: conflictId, row_version: '2', op: 'update' },
        ]),
      );
      const writes = await h.tdb.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('action', 'in', ['write_applied', 'conflict_resolved'])
        .where('at', '=', h.clock.now())
        .where('entity_id', 'in', ['P-1', conflictId])
        .execute();
      expect(writes).toHaveLength(2);
      const inc = await pullAll(h, b, startB.cursor, startB.scope.version);
      expect(inc.changes.find((c) => c.id === 'P-1')).toMatchObject({
        rowVersion: 4,
        row: { firstName: 'Erika M.' },
        fieldVersions: { firstName: 4 },
      });
      expect(inc.changes.find((c) => c.id === conflictId)?.row).toMatchObject({
        resolution: 'take_other',
        resolvedValue: 'Erika M.',
      });
      // the outcome lives on the conflict row itself, not only in the audit log
      const stored = await h.tdb.db
        .selectFrom('sync_conflicts')
        .select(['resolution', 'resolved_value', 'resolved_row_version', 'resolved_by'])
        .where('conflict_id', '=', conflictId)
        .executeTakeFirstOrThrow();
      expect({ ...stored, resolved_row_version: Number(stored.resolved_row_version) }).toEqual({
        resolution: 'take_other',
        resolved_value: 'Erika M.',
        resolved_row_version: 4,
        resolved_by: h.userIds.cw,
      });
      const pa = await pullAll(h, a);
      expect(pa.changes.find((c) => c.id === conflictId)).toMatchObject({ archived: true, rowVersion: 2 });
    });

    it('is idempotent: resolving again returns the stored outcome and changes nothing', async () => {
      const { a, b, conflictId } = await lwwConflict();
      const first = await resolve(a, conflictId, { resolution: 'take_other' });
      expect(first.statusCode).toBe(200);
      const before = await tableCounts(h.tdb.db);
      const snapshot = await record('P-1');
      h.clock.advance(5_000);
      for (const [s, resolution] of [
        [a, 'take_other'],
        [a, 'keep'],
        [b, 'keep'],
      ] as const) {
        const again = await resolve(s, conflictId, { resolution });
        expect(again.statusCode, again.body).toBe(200);
        expect(again.json()).toEqual(first.json());
      }
      expect(await tableCounts(h.tdb.db)).toEqual(before);
      expect(await record('P-1')).toEqual(snapshot);
    });

    it('stale: the field changed since the conflict → 409 CONFLICT, nothing changes', async () => {
      const { a, conflictId } = await lwwConflict();
      const wrongVersion = await resolve(a, conflictId, { resolution: 'keep', expectedVersion: 2 });
      expect(wrongVersion.statusCode).toBe(409);
      expect(wrongVersion.json().error.code).toBe('CONFLICT');
      await pushBatch(h, a, [
        mutation(a, {
          entity: 'persons',
          entityId: 'P-1',
          caseId: 'C-1',
          fields: { firstName: 'Erika Maria' },
          bases: { firstName: 3 },
        }),
      ]);
      const before = await tableCounts(h.tdb.db);
      for (const resolution of ['keep', 'take_other']) {
        const res = await resolve(a, conflictId, { resolution });
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().error.code).toBe('CONFLICT');
      }
      expect(await tableCounts(h.tdb.db)).toEqual(before);
      expect((await record('P-1')).data).toMatchObject({ firstName: 'Erika Maria' });
    });

    it('dismiss: only for merged info records; conflicts must be decided', async () => {
      const { a, conflictId } = await lwwConflict();
      const refused = await resolve(a, conflictId, { resolution: 'dismiss' });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe('DOMAIN_RULE_VIOLATED');

      const base = 'Absatz 1\n\nAbsatz 2\n\nAbsatz 3\n';
      await pushBatch(h, a, [
        mutation(a, {
          entity: 'notes',
          entityId: 'N-1',
          caseId: 'C-1',
          op: 'create',
          fields: { body: base },
        }),
      ]);
      const b = await login(h, 'cw');
      await pushBatch(h, a, [
        mutation(a, {
          entity: 'notes',
          entityId: 'N-1',
          caseId: 'C-1',
          fields: { body: 'Absatz 1 – A\n\nAbsatz 2\n\nAbsatz 3\n' },
          bases: { body: 1 },
        }),
      ]);
      const rb = await pushBatch(h, b, [
        mutation(b, {
          entity: 'notes',
          entityId: 'N-1',
          caseId: 'C-1',
          fields: { body: 'Absatz 1\n\nAbsatz 2\n\nAbsatz 3 – B\n' },
          bases: { body: 1 },
        }),
      ]);
      const merged = rb.json().results[0];
      expect(merged.status).toBe('merged');
      const infoId = merged.conflictIds[0];
      const before = await record('N-1');
      const res = await resolve(b, infoId, { resolution: 'dismiss' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ resolution: 'dismiss', rowVersion: null });
      expect(await record('N-1')).toEqual(before);
      const pulled = await pullAll(h, a);
      expect(pulled.changes.find((c) => c.id === infoId)?.row).toMatchObject({
        kind: 'merged',
        resolution: 'dismiss',
      });
    });

    it('take_other follows the state machine and finalized-assessment rules of a push', async () => {
      const a = await login(h, 'cw');
      await createCase(h, a, 'C-1');
      const b = await login(h, 'cw');
      await pushBatch(h, a, [
        mutation(a, {
          entity: 'cases',
          entityId: 'C-1',
          caseId: 'C-1',
          fields: { status: 'ruhend' },
          bases: { status: 1 },
        }),
        mutation(a, {
          entity: 'assessments',
          entityId: 'A-1',
          caseId: 'C-1',
          op: 'create',
          fields: { status: 'draft' },
        }),
        mutation(a, {
          entity: 'assessments',
          entityId: 'A-1',
          caseId: 'C-1',
          fields: { integrationForecast: 'within12Months' },
          bases: { integrationForecast: 1 },
        }),
      ]);
      b.hlcMillis += 10_000;
      const rb = await pushBatch(h, b, [
        mutation(b, {
          entity: 'cases',
          entityId: 'C-1',
          caseId: 'C-1',
          fields: { status: 'abgeschlossen', closedOn: '2026-11-30' },
          bases: { status: 1, closedOn: 1 },
        }),
        mutation(b, {
          entity: 'assessments',
          entityId: 'A-1',
          caseId: 'C-1',
          fields: { integrationForecast: 'beyond12Months' },
          bases: { integrationForecast: 1 },
        }),
      ]);
      const [caseConflict, assessmentConflict] = rb
        .json()
        .results.map((r: { status: string; conflictIds: string[] }) => {
          expect(r.status).toBe('conflict');
          return r.conflictIds[0]!;
        });
      // abgeschlossen → ruhend is not a legal transition
      const illegal = await resolve(a, caseConflict, { resolution: 'take_other' });
      expect(illegal.statusCode, illegal.body).toBe(422);
      expect(illegal.json().error.code).toBe('INVALID_TRANSITION');
      // the assessment is finalized meanwhile: immutable
      await pushBatch(h, a, [
        mutation(a, {
          entity: 'assessments',
          entityId: 'A-1',
          caseId: 'C-1',
          fields: { status: 'finalized', finalizedOn: '2026-11-30', finalizedBy: 'u-1' },
          bases: { status: 1, finalizedOn: 1, finalizedBy: 1 },
        }),
      ]);
      const before = await tableCounts(h.tdb.db);
      const immutable = await resolve(a, assessmentConflict, { resolution: 'take_other' });
      expect(immutable.statusCode, immutable.body).toBe(422);
      expect(immutable.json().error.code).toBe('DOMAIN_RULE_VIOLATED');
      expect(await tableCounts(h.tdb.db)).toEqual(before);
      // keeping the finalized value is fine
      const keep = await resolve(a, assessmentConflict, { resolution: 'keep' });
      expect(keep.statusCode, keep.body).toBe(200);
    });

    it('403 with a code for users without write access to the case (other team, other office, team lead); 404 for unknown ids', async () => {
      const { conflictId } = await lwwConflict();
      const before = await tableCounts(h.tdb.db);
      for (const key of ['cwTeam', 'cwOtherTeam', 'cwOther', 'lead', 'admin', 'dp']) {
        const s = await login(h, key);
        const res = await resolve(s, conflictId, { resolution: 'keep' });
        expect(res.statusCode, `${key}: ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
      const cw = await login(h, 'cw');
      const unknown = await resolve(cw, '00000000-0000-4000-8000-999999999999', { resolution: 'keep' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('NOT_FOUND');
      const otherDevice = await login(h, 'cwTeam');
      const spoofed = await post(h, cw, `/sync/conflicts/${conflictId}/resolve`, {
        clientId: otherDevice.clientId,
        resolution: 'keep',
      });
      expect(spoofed.statusCode).toBe(403);
      // logins add rows (devices, tokens, audit); the conflict itself stays open
      const after = await tableCounts(h.tdb.db);
      expect(after.sync_conflicts).toBe(before.sync_conflicts);
      expect(after.change_log).toBe(before.change_log);
      const row = await h.tdb.db
        .selectFrom('sync_conflicts')
        .select('resolved_at')
        .where('conflict_id', '=', conflictId)
        .executeTakeFirstOrThrow();
      expect(row.resolved_at).toBeNull();
    });
  });
}
