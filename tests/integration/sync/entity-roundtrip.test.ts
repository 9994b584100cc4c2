/**
 * Done-when of issue 8: records of every record type, generated (fast-check) and written through the
 * write path into one encrypted local store, pushed to a real server (PGlite and PostgreSQL), pulled
 * into a second, fresh local store, are equal there in domain terms — restricted notes included.
 * Invalid records are refused with a German message before anything is written.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRecord } from '../../../src/main/features/cases/cases.repository';
import { createCasesService } from '../../../src/main/features/cases/cases.service';
import { writeSynced, type WriteContext } from '../../../src/main/db/write-synced';
import { readPushBatch } from '../../../src/main/features/sync/sync-steps';
import { isReviewEntity } from '../../../src/shared/domain/quality/case-review';
import { ENTITIES, ENTITY_NAMES, type EntityName } from '../../../src/shared/entities/index';
import { AppError } from '../../../src/shared/errors';
import { desktop, pullAll, pushAll } from '../../helpers/desktop-sync';
import { fixedClock, type TestDb } from '../../helpers/local-db';
import { arbitraryFields, sampleFields } from '../../helpers/records';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createHarness, login, type Harness, type Session } from '../server/harness';

const ids = { newId: () => randomUUID() };
/** Record types a desktop creates (findings such as possible duplicates come from the server). */
const CLIENT_CREATED = ENTITY_NAMES.filter((e) => ENTITIES[e].createdBy !== 'server');
/** What a caseworker's desktop creates (the quality review's records come from team leads). */
const CASEWORKER_CREATED = CLIENT_CREATED.filter((e) => !isReviewEntity(e));

/** One case with a record of every other type, as generated values per entity. */
const caseContent = fc.record(
  Object.fromEntries(
    CASEWORKER_CREATED.filter((e) => e !== 'cases').map((e) => [
      e,
      arbitraryFields(e, { caseId: 'c', id: 'r' }),
    ]),
  ) as Record<Exclude<EntityName, 'cases'>, fc.Arbitrary<Record<string, unknown>>>,
);

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(
    `${dialect}: every record type, desktop → server → fresh desktop`,
    () => {
      let h: Harness;
      let cw: Session;
      let lead: Session;
      let a: TestDb;
      beforeAll(async () => {
        h = await createHarness(dialect);
        await h.reset();
        cw = await login(h, 'cw');
        lead = await login(h, 'lead');
        a = await desktop(cw);
      });
      afterAll(async () => {
        await a?.destroy();
        await h?.close();
      });

      it('arrives equal in domain terms, restricted notes included; team leads get restricted notes withheld', async () => {
        const ctx: WriteContext = { clock: fixedClock('2026-03-02T08:00:00.000Z'), ids, actorId: cw.userId };
        const cases = createCasesService({ db: a.db, clock: ctx.clock, ids, actorId: cw.userId });
        const written: { entity: EntityName; id: string }[] = [];
        await fc.assert(
          fc.asyncProperty(caseContent, async (content) => {
            const { caseId, personId, householdId } = await cases.createCase({
              officeId: 'oschatz',
              caseworkerId: cw.userId,
              openedOn: '2026-03-01',
              person: content.persons,
              household: content.households,
            });
            written.push({ entity: 'cases', id: caseId }, { entity: 'persons', id: personId });
            if (householdId) written.push({ entity: 'households', id: householdId });
            await a.db.transaction().execute(async (trx) => {
              for (const entity of CASEWORKER_CREATED) {
                if (entity === 'cases' || entity === 'persons' || entity === 'households') continue;
                const id = randomUUID();
                await writeSynced(trx, ctx, {
                  entity,
                  op: 'create',
                  id,
                  caseId,
                  values: content[entity] as never,
                });
                written.push({ entity, id });
              }
            });
            const responses = await pushAll(h, cw, a);
            const results = responses.flatMap((r) => r.results);
            expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
          }),
          { numRuns: 12 },
        );
        expect(await readPushBatch(a.db, cw.clientId)).toBeNull();

        // the first desktop learns the final case numbers; a fresh one gets everything
        await pullAll(h, cw, a);
        const b = await desktop(await login(h, 'cw'));
        try {
          expect(await pullAll(h, cw, b)).toBeGreaterThanOrEqual(written.length);
          for (const { entity, id } of written) {
            const there = await getRecord(b.db, entity, id);
            const here = await getRecord(a.db, entity, id);
            expect(there, `${entity} ${id}`).toBeDefined();
            expect({ ...there, rowVersion: 0 }, `${entity} ${id}`).toEqual({ ...here, rowVersion: 0 });
          }
          const caseRows = written.filter((w) => w.entity === 'cases');
          for (const { id } of caseRows) {
            const c = (await getRecord(b.db, 'cases', id))!;
            expect(c.caseNumber).toMatch(/^OSZ-\d{4}-\d{6}$/);
            expect(c.provisionalCaseNumber).toMatch(/^OSZ-2026-V[0-9A-Z]{6}-\d{4}$/);
          }
          const notes = written.filter((w) => w.entity === 'notes');
          const restricted = [];
          for (const { id } of notes)
            if ((await getRecord(b.db, 'notes', id))!.restricted) restricted.push(id);
          expect(restricted.length).toBeGreaterThan(0);

          // a team lead's desktop holds the team's cases read-only, never the restricted notes
          const l = await desktop(lead);
          try {
            await pullAll(h, lead, l);
            for (const { id } of notes) {
              const seen = await getRecord(l.db, 'notes', id);
              if (restricted.includes(id)) expect(seen, `restricted note ${id}`).toBeUndefined();
              else expect(seen).toBeDefined();
            }

            // the quality review's records: written by the team lead, every field arrives; the
            // caseworker's desktop gets the correction tasks, never the audits
            const leadCtx: WriteContext = { clock: ctx.clock, ids, actorId: lead.userId };
            const reviewed: { entity: EntityName; id: string }[] = [];
            await l.db.transaction().execute(async (trx) => {
              for (const { id: caseId } of caseRows) {
                // the task points at the audit written just before it (the server checks the link)
                const auditId = randomUUID();
                for (const entity of ['case_audits', 'correction_tasks'] as const) {
                  const id = entity === 'case_audits' ? auditId : randomUUID();
                  const values = sampleFields(
                    entity,
                    { caseId, id, userId: cw.userId },
                    {
                      ...(entity === 'correction_tasks' ? { auditId } : {}),
                      teamLeadId: lead.userId,
                      requestedBy: lead.userId,
                      history: [
                        {
                          status: 'angefordert',
                          at: '2026-11-02T09:00:00.000Z',
                          by: lead.userId,
                          note: null,
                        },
                      ],
                    },
                  );
                  await writeSynced(trx, leadCtx, {
                    entity,
                    op: 'create',
                    id,
                    caseId,
                    values: values as never,
                  });
                  reviewed.push({ entity, id });
                }
              }
            });
            const leadResults = (await pushAll(h, lead, l)).flatMap((r) => r.results);
            expect(leadResults.map((r) => r.status)).toEqual(reviewed.map(() => 'applied'));
            const l2 = await desktop(await login(h, 'lead'));
            await pullAll(h, cw, b);
            try {
              await pullAll(h, lead, l2);
              for (const { entity, id } of reviewed) {
                const here = await getRecord(l.db, entity, id);
                expect({ ...(await getRecord(l2.db, entity, id)), rowVersion: 0 }).toEqual({
                  ...here,
                  rowVersion: 0,
                });
                const atCaseworker = await getRecord(b.db, entity, id);
                if (entity === 'case_audits') expect(atCaseworker, `audit ${id}`).toBeUndefined();
                else expect({ ...atCaseworker, rowVersion: 0 }).toEqual({ ...here, rowVersion: 0 });
              }
            } finally {
              await l2.destroy();
            }
          } finally {
            await l.destroy();
          }
        } finally {
          await b.destroy();
        }
      });

      it('refuses invalid records with a German message before anything is written', async () => {
        const ctx: WriteContext = { clock: fixedClock(), ids, actorId: cw.userId };
        const outboxBefore = (a.raw.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number })
          .n;
        const wrongValue = fc.oneof(
          fc.constant(null),
          fc.integer(),
          fc.constant(''),
          fc.constant('0000-00-00'),
          fc.string({ minLength: 60_000, maxLength: 60_001 }),
          fc.constant({ nested: { deep: true } }),
        );
        const invalid = fc
          .constantFrom(...CLIENT_CREATED)
          .chain((entity) =>
            fc.tuple(
              fc.constant(entity),
              arbitraryFields(entity, { caseId: 'c', id: 'r' }),
              fc.constantFrom(...Object.keys(ENTITIES[entity].fields), 'unknownField'),
              wrongValue,
            ),
          )
          .filter(([entity, , field, value]) => {
            // keep only values the field's schema really refuses
            const f = ENTITIES[entity].fields as Record<
              string,
              { schema: { safeParse(v: unknown): { success: boolean } } }
            >;
            return !f[field] || !f[field]!.schema.safeParse(value).success;
          });
        await fc.assert(
          fc.asyncProperty(invalid, async ([entity, values, field, value]) => {
            const id = randomUUID();
            const attempt = a.db.transaction().execute((trx) =>
              writeSynced(trx, ctx, {
                entity,
                op: 'create',
                id,
                caseId: 'c-invalid',
                values: { ...values, [field]: value } as never,
              }),
            );
            await expect(attempt).rejects.toSatisfy(
              (e: unknown) =>
                e instanceof AppError &&
                e.code === 'VALIDATION_FAILED' &&
                /[a-zäöüß]/i.test(e.message) &&
                (e.issues?.length ?? 0) > 0,
            );
            expect(await getRecord(a.db, entity, id)).toBeUndefined();
          }),
          { numRuns: 150 },
        );
        expect((a.raw.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n).toBe(
          outboxBefore,
        );
      });
    },
  );
}
