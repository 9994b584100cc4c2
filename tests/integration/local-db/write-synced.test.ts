import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { writeSynced, type WriteContext } from '../../../src/main/db/write-synced';
import { createDb, fixedClock, sequentialIds, tableRows, type TestDb } from '../../helpers/local-db';
import { sampleFields } from '../../helpers/records';

let t: TestDb;
let ctx: WriteContext;
beforeEach(async () => {
  t = await createDb();
  ctx = { clock: fixedClock(), ids: sequentialIds(), actorId: 'user-1' };
});
afterEach(async () => {
  await t.destroy();
});

const person = {
  customerNumber: '123D456789',
  firstName: 'Jürgen',
  lastName: 'Pötzsch',
  birthDate: '1980-02-29',
};
const createPerson = () =>
  t.db
    .transaction()
    .execute((trx) =>
      writeSynced(trx, ctx, { entity: 'persons', op: 'create', id: 'p1', caseId: 'c1', values: person }),
    );

const failsWith = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;

describe('writeSynced: the one write path of synced tables', () => {
  it('writes the row (domain defaults applied, local columns from the definition) and its outbox entry in wire vocabulary', async () => {
    await createPerson();
    const [row] = tableRows(t.raw, 'persons');
    expect(row).toMatchObject({
      id: 'p1',
      case_id: 'c1',
      row_version: 0,
      dirty: 1,
      first_name: 'Jürgen',
      birth_date: '1980-02-29',
      gender: 'unknown',
      disability: 'none',
      integration_course_completed: 0,
      benefit_periods: '[]',
      severely_disabled: 0,
      created_by: 'user-1',
      field_meta: '{}',
    });
    const outbox = tableRows(t.raw, 'sync_outbox');
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      entity: 'persons',
      entity_id: 'p1',
      case_id: 'c1',
      op: 'create',
      base_row_version: 0,
    });
    const fields = JSON.parse(outbox[0]!['fields_json'] as string) as Record<
      string,
      { value: unknown; baseVersion: number }
    >;
    expect(fields['firstName']).toEqual({ value: 'Jürgen', baseVersion: 0 });
    expect(fields['integrationCourseCompleted']).toEqual({ value: false, baseVersion: 0 });
    expect(fields['benefitPeriods']).toEqual({ value: [], baseVersion: 0 });
    expect(Object.keys(fields)).not.toContain('first_name');
  });

  it('refuses invalid records with German messages before anything is written', async () => {
    const attempt = (values: Record<string, unknown>) =>
      t.db
        .transaction()
        .execute((trx) =>
          writeSynced(trx, ctx, { entity: 'persons', op: 'create', id: 'p1', caseId: 'c1', values }),
        );
    await expect(attempt({ ...person, firstName: '  ' })).rejects.toSatisfy(
      (e: unknown) =>
        failsWith('VALIDATION_FAILED')(e) &&
        (e as AppError).issues?.[0]?.message === 'Bitte den Vornamen angeben.',
    );
    await expect(attempt({ ...person, birthDate: '1980-02-30' })).rejects.toSatisfy(
      failsWith('VALIDATION_FAILED'),
    );
    await expect(attempt({ ...person, diagnosis: 'F32.1' })).rejects.toSatisfy(
      failsWith('VALIDATION_FAILED'),
    );
    // record rules: a closed case needs a closing date
    await expect(
      t.db.transaction().execute((trx) =>
        writeSynced(trx, ctx, {
          entity: 'cases',
          op: 'create',
          id: 'c1',
          caseId: 'c1',
          values: { ...sampleFields('cases', { caseId: 'c1', id: 'c1' }), status: 'abgeschlossen' } as never,
        }),
      ),
    ).rejects.toSatisfy(
      (e: unknown) =>
        failsWith('VALIDATION_FAILED')(e) &&
        /Abschlussdatum/.test((e as AppError).issues?.[0]?.message ?? ''),
    );
    expect(tableRows(t.raw, 'persons')).toHaveLength(0);
    expect(tableRows(t.raw, 'cases')).toHaveLength(0);
    expect(tableRows(t.raw, 'sync_outbox')).toHaveLength(0);
  });

  it('rolls back row and outbox together when the transaction fails', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await writeSynced(trx, ctx, {
          entity: 'persons',
          op: 'create',
          id: 'p1',
          caseId: 'c1',
          values: person,
        });
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(tableRows(t.raw, 'persons')).toHaveLength(0);
    expect(tableRows(t.raw, 'sync_outbox')).toHaveLength(0);
  });

  it('updates only changed fields, with the server row_version and each field’s server version as base', async () => {
    await createPerson();
    // as if pulled: server row version 7, firstName at field version 3, town at 2
    t.raw
      .prepare(
        `UPDATE persons SET row_version = 7, dirty = 0, field_meta = '{"firstName":3,"town":2}' WHERE id = ?`,
      )
      .run('p1');
    const result = await t.db.transaction().execute((trx) =>
      writeSynced(trx, ctx, {
        entity: 'persons',
        op: 'update',
        id: 'p1',
        values: { town: 'Torgau', firstName: 'Jürgen' },
        expectedRowVersion: 7,
      }),
    );
    expect(result.record.town).toBe('Torgau');
    const [row] = tableRows(t.raw, 'persons');
    expect(row).toMatchObject({ town: 'Torgau', first_name: 'Jürgen', row_version: 7, dirty: 1 });
    const outbox = tableRows(t.raw, 'sync_outbox', 'seq');
    expect(outbox[1]).toMatchObject({ op: 'update', base_row_version: 7 });
    expect(JSON.parse(outbox[1]!['fields_json'] as string)).toEqual({
      town: { value: 'Torgau', baseVersion: 2 },
    });
    // no change, no outbox entry
    const none = await t.db
      .transaction()
      .execute((trx) =>
        writeSynced(trx, ctx, { entity: 'persons', op: 'update', id: 'p1', values: { town: 'Torgau' } }),
      );
    expect(none.mutationId).toBeNull();
    expect(tableRows(t.raw, 'sync_outbox')).toHaveLength(2);
  });

  it('refuses a stale expected row_version, unknown rows, unknown fields and changes of set-once fields', async () => {
    await createPerson();
    const update = (values: Record<string, unknown>, extra: object = {}) =>
      t.db
        .transaction()
        .execute((trx) =>
          writeSynced(trx, ctx, { entity: 'persons', op: 'update', id: 'p1', values, ...extra }),
        );
    await expect(update({ town: 'X' }, { expectedRowVersion: 3 })).rejects.toSatisfy(failsWith('CONFLICT'));
    await expect(
      t.db
        .transaction()
        .execute((trx) =>
          writeSynced(trx, ctx, { entity: 'persons', op: 'update', id: 'nope', values: { town: 'X' } }),
        ),
    ).rejects.toSatisfy(failsWith('NOT_FOUND'));
    await expect(update({ row_version: 99 })).rejects.toSatisfy(failsWith('VALIDATION_FAILED'));
    await t.db.transaction().execute((trx) =>
      writeSynced(trx, ctx, {
        entity: 'notes',
        op: 'create',
        id: 'n1',
        caseId: 'c1',
        values: sampleFields('notes', { caseId: 'c1', id: 'n1' }),
      }),
    );
    await expect(
      t.db.transaction().execute((trx) =>
        writeSynced(trx, ctx, {
          entity: 'notes',
          op: 'update',
          id: 'n1',
          values: { authorId: 'someone-else' },
        }),
      ),
    ).rejects.toSatisfy(failsWith('VALIDATION_FAILED'));
    expect(tableRows(t.raw, 'sync_outbox')).toHaveLength(2);
  });

  it('keeps the domain invariants: a Gesundheit note is always restricted, a finalized assessment is never changed', async () => {
    await t.db.transaction().execute((trx) =>
      writeSynced(trx, ctx, {
        entity: 'notes',
        op: 'create',
        id: 'n1',
        caseId: 'c1',
        values: {
          ...sampleFields('notes', { caseId: 'c1', id: 'n1' }),
          category: 'Gesundheit',
          restricted: false,
        },
      }),
    );
    expect(tableRows(t.raw, 'notes')[0]).toMatchObject({ restricted: 1 });
    await t.db.transaction().execute((trx) =>
      writeSynced(trx, ctx, {
        entity: 'assessments',
        op: 'create',
        id: 'a1',
        caseId: 'c1',
        values: {
          ...sampleFields('assessments', { caseId: 'c1', id: 'a1' }),
          status: 'finalized',
          finalizedOn: '2026-11-03',
          finalizedBy: 'user-1',
        } as never,
      }),
    );
    await expect(
      t.db.transaction().execute((trx) =>
        writeSynced(trx, ctx, {
          entity: 'assessments',
          op: 'update',
          id: 'a1',
          values: { integrationForecast: 'within12Months' },
        }),
      ),
    ).rejects.toSatisfy(
      (e: unknown) => failsWith('DOMAIN_RULE_VIOLATED')(e) && /Fortschreibung/.test((e as AppError).message),
    );
  });

  it('archives instead of deleting, and keeps HLCs monotonic even when the wall clock goes back', async () => {
    const back = { now: () => new Date('2020-01-01T00:00:00Z') };
    await createPerson();
    await t.db
      .transaction()
      .execute((trx) =>
        writeSynced(trx, { ...ctx, clock: back }, { entity: 'persons', op: 'archive', id: 'p1' }),
      );
    const [row] = tableRows(t.raw, 'persons');
    expect(row!['archived_at']).toBe('2020-01-01T00:00:00.000Z');
    const hlcs = tableRows(t.raw, 'sync_outbox', 'seq').map((r) => r['hlc'] as string);
    expect(hlcs[1]! > hlcs[0]!).toBe(true);
  });
});
