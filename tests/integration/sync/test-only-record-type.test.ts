/**
 * Done-when of issue 8: adding a field is its definition plus one migration. A test-only record
 * type (defined here, in this file only) goes desktop → server → fresh desktop and into the IPC
 * DTO; then ONE field is added to its definition and ONE migration adds the column, and the field
 * reaches the local table, the outbox (wire), the server, the other desktop and the DTO — with no
 * other file changed (everything else is derived from the definition).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Migration } from '../../../src/main/db/migrations/migration';
import { writeSynced } from '../../../src/main/db/write-synced';
import { requiredText } from '../../../src/shared/domain/common/schemas';
import {
  defineEntity,
  dtoSchema,
  ENTITIES,
  field,
  fromRow,
  type EntityRegistry,
} from '../../../src/shared/entities/index';
import { desktop, pullAll, pushAll } from '../../helpers/desktop-sync';
import { fixedClock, type TestDb } from '../../helpers/local-db';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createCase, createHarness, login, type Harness } from '../server/harness';

// ---- version 1 of the test-only record type: its definition and its migration
const probeV1 = defineEntity({
  name: 'probe_records',
  label: 'Probe',
  fields: {
    label: field.text(requiredText('die Bezeichnung', 100)),
    count: field.integer(z.number().int().min(0).max(1000)),
  },
  fieldLabels: { label: 'Bezeichnung', count: 'Anzahl' },
});
const migrationV1: Migration = {
  version: 9010,
  name: 'probe-records',
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE probe_records (
      id TEXT PRIMARY KEY, label TEXT NOT NULL, count INTEGER NOT NULL,
      case_id TEXT NOT NULL, row_version INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}',
      dirty INTEGER NOT NULL DEFAULT 0, archived_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL, updated_by TEXT NOT NULL) STRICT`.execute(db);
  },
};

// ---- version 2: ONE field (with its German label) added to the definition, ONE migration
const probeV2 = defineEntity({
  ...probeV1,
  fields: { ...probeV1.fields, visitedOn: field.text(z.iso.date().nullable().default(null)) },
  fieldLabels: { ...probeV1.fieldLabels, visitedOn: 'Besucht am' },
});
const migrationV2: Migration = {
  version: 9020,
  name: 'probe-records-visited-on',
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE probe_records ADD COLUMN visited_on TEXT`.execute(db);
  },
};

const registryV1: EntityRegistry = { ...ENTITIES, probe_records: probeV1 };
const registryV2: EntityRegistry = { ...ENTITIES, probe_records: probeV2 };

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: a test-only record type`, () => {
    let h: Harness;
    const stores: TestDb[] = [];
    beforeAll(async () => {
      h = await createHarness(dialect);
    });
    afterAll(async () => {
      for (const t of stores) await t.destroy();
      await h?.close();
    });

    async function roundTrip(
      registry: EntityRegistry,
      migrations: Migration[],
      values: Record<string, unknown>,
    ) {
      await h.reset({ MAX_DEVICES_PER_USER: 10 }, registry);
      const cw = await login(h, 'cw');
      const [a, b] = [await desktop(cw), await desktop(await login(h, 'cw'))];
      stores.push(a, b);
      for (const t of [a, b]) for (const m of migrations) await m.up(t.db as unknown as Kysely<unknown>);
      await createCase(h, await login(h, 'cw'), 'C-1'); // from another device of the caseworker
      const id = randomUUID();
      await a.db.transaction().execute((trx) =>
        writeSynced(
          trx,
          {
            clock: fixedClock(),
            ids: { newId: () => randomUUID() },
            actorId: cw.userId,
            entities: registry,
          },
          { entity: 'probe_records' as never, op: 'create', id, caseId: 'C-1', values: values as never },
        ),
      );
      const local = a.raw.prepare('SELECT * FROM probe_records WHERE id = ?').get(id) as Record<
        string,
        unknown
      >;
      const outbox = JSON.parse(
        (a.raw.prepare('SELECT fields_json FROM sync_outbox').get() as { fields_json: string }).fields_json,
      ) as Record<string, { value: unknown }>;
      const responses = await pushAll(h, cw, a);
      const server = await h.tdb.db
        .selectFrom('sync_records')
        .select('data')
        .where('entity', '=', 'probe_records')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await pullAll(h, cw, b, registry);
      const pulled = b.raw.prepare('SELECT * FROM probe_records WHERE id = ?').get(id) as Record<
        string,
        unknown
      >;
      const def = registry['probe_records']!;
      const dto = dtoSchema(def).parse({ ...fromRow(def, pulled), rowVersion: pulled['row_version'] });
      return { local, outbox, responses, server: server.data as Record<string, unknown>, pulled, dto };
    }

    it('version 1 travels: local table, wire, server, second desktop, DTO', async () => {
      const r = await roundTrip(registryV1, [migrationV1], { label: 'Erster Besuch', count: 3 });
      expect(r.responses.flatMap((x) => x.results).map((x) => x.status)).toEqual(['applied']);
      expect(r.local).toMatchObject({ label: 'Erster Besuch', count: 3 });
      expect(Object.keys(r.outbox).sort()).toEqual(['count', 'label']);
      expect(r.server).toEqual({ label: 'Erster Besuch', count: 3 });
      expect(r.dto).toMatchObject({ label: 'Erster Besuch', count: 3, caseId: 'C-1', rowVersion: 1 });
    });

    it('a field added to the definition (plus one migration) reaches the table, the wire, the server, the other desktop and the DTO', async () => {
      const r = await roundTrip(registryV2, [migrationV1, migrationV2], {
        label: 'Zweiter Besuch',
        count: 4,
        visitedOn: '2026-03-02',
      });
      expect(r.responses.flatMap((x) => x.results).map((x) => x.status)).toEqual(['applied']);
      expect(r.local).toMatchObject({ visited_on: '2026-03-02' });
      expect(r.outbox['visitedOn']).toEqual({ value: '2026-03-02', baseVersion: 0 });
      expect(r.server).toEqual({ label: 'Zweiter Besuch', count: 4, visitedOn: '2026-03-02' });
      expect(r.pulled).toMatchObject({ visited_on: '2026-03-02' });
      expect(r.dto).toMatchObject({ visitedOn: '2026-03-02' });
      // and its rules travel with it: the server refuses a value the definition refuses
      const cw = await login(h, 'cw');
      const bad = await h.app.inject({
        method: 'POST',
        url: '/sync/push',
        headers: { authorization: `Bearer ${cw.accessToken}` },
        payload: {
          clientId: cw.clientId,
          schemaVersion: 1,
          mutations: [
            {
              seq: 1,
              mutationId: randomUUID(),
              localTxId: 't',
              hlc: '001772438400000-00000-x',
              entity: 'probe_records',
              entityId: 'P-9',
              caseId: 'C-1',
              op: 'create',
              fields: {
                label: { value: 'x', baseVersion: 0 },
                count: { value: 1, baseVersion: 0 },
                visitedOn: { value: '2026-13-45', baseVersion: 0 },
              },
              baseRowVersion: null,
            },
          ],
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.issues[0].path).toBe('mutations.0.fields.visitedOn');
    });
  });
}
