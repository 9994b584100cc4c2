import type { Kysely, Transaction } from 'kysely';
import { AppError, type FieldIssue } from '../../shared/errors';
import {
  ENTITIES,
  fromRow,
  mutableWhenFrozen,
  parseFields,
  toColumns,
  type Entities,
  type EntityDefinition,
  type EntityName,
  type EntityRegistry,
  type FieldProblem,
  type FieldsInput,
  type RecordOf,
} from '../../shared/entities/index';
import { decodeHlc, encodeHlc, tick, type Hlc } from '../../shared/sync/hlc';
import { localDerivedColumns } from './local-derived';
import type { LocalDb } from './local-db';
import { LATEST_SCHEMA_VERSION } from './migrations/index';
import { isSearchKeyed, refreshSearchKeys } from './search-keys';

/** Injected time and ids (tests pass deterministic ones). */
export interface Clock {
  now(): Date;
}
export interface IdGenerator {
  /** A new unique id (a UUID in production; tests pass sequential ones). */
  newId(): string;
}

/** Who writes, with which clock and id generator. */
export interface WriteContext {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** The caseworker's user id (never a name). */
  readonly actorId: string;
  /** Groups the outbox entries of one service call; a new id when omitted. */
  readonly localTxId?: string;
  /** The record types (the product's by default; tests may add a test-only type). */
  readonly entities?: EntityRegistry;
}

type Values<E extends EntityName> = FieldsInput<Entities[E]['fields']>;

export type SyncedWrite<E extends EntityName = EntityName> =
  | {
      readonly entity: E;
      readonly op: 'create';
      readonly id: string;
      readonly caseId: string;
      readonly values: Values<E>;
    }
  | {
      readonly entity: E;
      readonly op: 'update';
      readonly id: string;
      readonly values: Values<E>;
      /** Optimistic check: the row_version the caller read. */
      readonly expectedRowVersion?: number;
    }
  | { readonly entity: E; readonly op: 'archive'; readonly id: string };

export interface SyncedWriteResult<E extends EntityName = EntityName> {
  /** null when an update changed nothing (no outbox entry). */
  readonly mutationId: string | null;
  readonly hlc: string | null;
  readonly rowVersion: number;
  /** The record as stored after the write, in domain terms. */
  readonly record: RecordOf<Entities[E]['fields']>;
}

/** The outbox payload of a mutation, in wire vocabulary: each field with its base server version. */
export type OutboxFields = Record<string, { value: unknown; baseVersion: number }>;

const HLC_KEY = 'hlc_last';
const CLIENT_ID_KEY = 'client_id';

// Dynamic table names: the entity definition is the type guard.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Kysely<any>;

/** This device's sync client id (created on first use). */
export async function clientIdOf(trx: Transaction<LocalDb>, ids: IdGenerator): Promise<string> {
  const row = await trx
    .selectFrom('sync_state')
    .select('value')
    .where('key', '=', CLIENT_ID_KEY)
    .executeTakeFirst();
  if (row) return row.value;
  const clientId = ids.newId();
  await trx.insertInto('sync_state').values({ key: CLIENT_ID_KEY, value: clientId }).execute();
  return clientId;
}

async function nextHlc(trx: Transaction<LocalDb>, ctx: WriteContext): Promise<string> {
  const clientId = await clientIdOf(trx, ctx.ids);
  const lastRaw = (
    await trx.selectFrom('sync_state').select('value').where('key', '=', HLC_KEY).executeTakeFirst()
  )?.value;
  const last: Hlc = lastRaw ? decodeHlc(lastRaw) : { millis: 0, counter: 0, node: clientId };
  const next = encodeHlc(tick(last, ctx.clock.now().getTime()));
  await trx
    .insertInto('sync_state')
    .values({ key: HLC_KEY, value: next })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: next }))
    .execute();
  return next;
}

function refuse(def: EntityDefinition, problems: readonly FieldProblem[]): never {
  const issues: FieldIssue[] = problems.slice(0, 50).map((p) => ({ path: p.field, message: p.message }));
  throw new AppError('VALIDATION_FAILED', `${def.label}: ${problems[0]?.message ?? 'Ungültige Eingaben.'}`, {
    issues,
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function definitionOf(ctx: WriteContext, entity: string): EntityDefinition {
  const registry: EntityRegistry = ctx.entities ?? ENTITIES;
  const def = Object.hasOwn(registry, entity) ? registry[entity] : undefined;
  if (!def) throw new Error(`writeSynced: unknown entity ${entity}`);
  return def;
}

/**
 * THE write path for synced tables (SYNC.md §4.3). It validates through the domain (field schemas
 * with their German messages, the record rules of the definition, set-once fields, frozen rows),
 * writes the row and appends its mutation to sync_outbox in the caller's transaction, in wire
 * vocabulary with each field's base server version. Takes a Transaction so the compiler refuses a
 * call outside one. Invalid input throws VALIDATION_FAILED before anything is written.
 *
 * - create: row_version 0 (the server assigns versions), dirty = 1, field_meta {} (nothing synced);
 *   every field is sent (defaults applied).
 * - update: only fields whose value changes; base versions from field_meta; no change, no entry.
 * - archive: sets archived_at (rows are never hard-deleted locally by the write path).
 */
export async function writeSynced<E extends EntityName>(
  trx: Transaction<LocalDb>,
  ctx: WriteContext,
  write: SyncedWrite<E>,
): Promise<SyncedWriteResult<E>> {
  const def = definitionOf(ctx, write.entity);
  const db = trx as unknown as Loose;
  const table = def.name;
  const now = ctx.clock.now().toISOString();

  if (write.op === 'create') {
    if (def.createdBy === 'server')
      throw new AppError('DOMAIN_RULE_VIOLATED', `${def.label}: Solche Einträge legt nur der Server an.`);
    const parsed = parseFields(def, write.values as Record<string, unknown>, 'create');
    if (!parsed.ok) refuse(def, parsed.problems);
    const record = def.normalize ? def.normalize(parsed.values) : parsed.values;
    const problems = def.validate?.({ ...record, id: write.id, caseId: write.caseId }) ?? [];
    if (problems.length > 0) refuse(def, problems);
    const exists = await db.selectFrom(table).select('id').where('id', '=', write.id).executeTakeFirst();
    if (exists) throw new AppError('CONFLICT', `${def.label} mit dieser Kennung gibt es bereits.`);
    const hlc = await nextHlc(trx, ctx);
    await db
      .insertInto(table)
      .values({
        ...toColumns(def, record),
        ...localDerivedColumns(table, record, ctx.clock.now()),
        id: write.id,
        case_id: write.caseId,
        row_version: 0,
        field_meta: '{}',
        dirty: 1,
        archived_at: null,
        created_at: now,
        updated_at: now,
        created_by: ctx.actorId,
        updated_by: ctx.actorId,
      })
      .execute();
    if (isSearchKeyed(table)) await refreshSearchKeys(trx, table, write.id);
    const fields: OutboxFields = {};
    for (const [key, value] of Object.entries(record)) fields[key] = { value, baseVersion: 0 };
    const mutationId = await appendOutbox(trx, ctx, {
      entity: table,
      entityId: write.id,
      caseId: write.caseId,
      op: 'create',
      fields,
      baseRowVersion: 0,
      hlc,
      now,
    });
    return {
      mutationId,
      hlc,
      rowVersion: 0,
      record: { ...record, id: write.id, caseId: write.caseId } as SyncedWriteResult<E>['record'],
    };
  }

  const row = (await db.selectFrom(table).selectAll().where('id', '=', write.id).executeTakeFirst()) as
    Record<string, unknown> | undefined;
  if (!row || row['archived_at'] !== null) throw new AppError('NOT_FOUND');
  const rowVersion = Number(row['row_version']);
  if (
    write.op === 'update' &&
    write.expectedRowVersion !== undefined &&
    write.expectedRowVersion !== rowVersion
  )
    throw new AppError('CONFLICT');
  const current = fromRow(def, row) as Record<string, unknown>;
  const frozen = def.frozen?.(current);
  if (frozen && (write.op === 'archive' || !mutableWhenFrozen(def, Object.keys(write.values))))
    throw new AppError('DOMAIN_RULE_VIOLATED', frozen);
  const meta = JSON.parse(String(row['field_meta'])) as Record<string, number>;
  const caseId = String(row['case_id']);

  if (write.op === 'archive') {
    const hlc = await nextHlc(trx, ctx);
    await db
      .updateTable(table)
      .set({ archived_at: now, dirty: 1, updated_at: now, updated_by: ctx.actorId })
      .where('id', '=', write.id)
      .execute();
    const mutationId = await appendOutbox(trx, ctx, {
      entity: table,
      entityId: write.id,
      caseId,
      op: 'archive',
      fields: {},
      baseRowVersion: rowVersion,
      hlc,
      now,
    });
    return { mutationId, hlc, rowVersion, record: current as SyncedWriteResult<E>['record'] };
  }

  const parsed = parseFields(def, write.values as Record<string, unknown>, 'update');
  if (!parsed.ok) refuse(def, parsed.problems);
  const fixed = Object.keys(parsed.values).filter((key) => {
    const policy = def.fields[key]!.policy;
    return (policy === 'set-once' || policy === 'server-owned') && !same(parsed.values[key], current[key]);
  });
  if (fixed.length > 0)
    refuse(
      def,
      fixed.map((field) => ({
        field,
        message: 'Diese Angabe wird beim Anlegen festgelegt und kann nicht geändert werden.',
      })),
    );
  const merged = { ...current, ...parsed.values };
  const next = def.normalize ? { ...merged, ...def.normalize(merged) } : merged;
  const changed = Object.keys(def.fields).filter((key) => !same(next[key], current[key]));
  const record = next as SyncedWriteResult<E>['record'];
  if (changed.length === 0) return { mutationId: null, hlc: null, rowVersion, record };
  const problems = def.validate?.(next) ?? [];
  if (problems.length > 0) refuse(def, problems);

  const hlc = await nextHlc(trx, ctx);
  const values = Object.fromEntries(changed.map((key) => [key, next[key]]));
  await db
    .updateTable(table)
    .set({
      ...toColumns(def, values),
      ...localDerivedColumns(table, next, ctx.clock.now()),
      dirty: 1,
      updated_at: now,
      updated_by: ctx.actorId,
    })
    .where('id', '=', write.id)
    .execute();
  if (isSearchKeyed(table)) await refreshSearchKeys(trx, table, write.id);
  const fields: OutboxFields = {};
  for (const key of changed) fields[key] = { value: next[key], baseVersion: meta[key] ?? 0 };
  const mutationId = await appendOutbox(trx, ctx, {
    entity: table,
    entityId: write.id,
    caseId,
    op: 'update',
    fields,
    baseRowVersion: rowVersion,
    hlc,
    now,
  });
  return { mutationId, hlc, rowVersion, record };
}

async function appendOutbox(
  trx: Transaction<LocalDb>,
  ctx: WriteContext,
  e: {
    entity: string;
    entityId: string;
    caseId: string;
    op: 'create' | 'update' | 'archive';
    fields: OutboxFields;
    baseRowVersion: number;
    hlc: string;
    now: string;
  },
): Promise<string> {
  const mutationId = ctx.ids.newId();
  await trx
    .insertInto('sync_outbox')
    .values({
      mutation_id: mutationId,
      local_tx_id: ctx.localTxId ?? mutationId,
      entity: e.entity,
      entity_id: e.entityId,
      case_id: e.caseId,
      op: e.op,
      fields_json: JSON.stringify(e.fields),
      base_row_version: e.baseRowVersion,
      hlc: e.hlc,
      schema_version: LATEST_SCHEMA_VERSION,
      last_error: null,
      created_at: e.now,
    })
    .execute();
  return mutationId;
}
