import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import { decodeHlc, encodeHlc, tick, type Hlc } from '../../shared/sync/hlc';
import type { LocalDb, SyncedTable } from './local-db';
import { LATEST_SCHEMA_VERSION } from './migrations/index';

/** Injected time and ids (tests pass deterministic ones). */
export interface Clock {
  now(): Date;
}
export interface IdGenerator {
  /** A new UUID string. */
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
}

/**
 * The domain columns a caller may set per synced table. Everything else (id, case_id, row_version,
 * field_meta, dirty, created_/updated_ stamps) is owned by writeSynced.
 */
export const WRITABLE_COLUMNS = {
  households: ['household_number', 'members', 'children_under_18', 'single_parent'],
  persons: [
    'household_id',
    'customer_number',
    'first_name',
    'last_name',
    'birth_date',
    'gender',
    'nationality',
    'preferred_language',
    'street',
    'postal_code',
    'town',
    'phone',
    'email',
    'severely_disabled',
  ],
  cases: [
    'case_number',
    'person_id',
    'office_id',
    'caseworker_id',
    'phase',
    'status',
    'opened_on',
    'closed_on',
    'last_contact_on',
    'next_review_on',
  ],
  appointments: ['starts_at', 'duration_minutes', 'kind', 'location', 'status'],
  notes: ['category', 'title', 'body', 'restricted'],
} as const satisfies Record<SyncedTable, readonly string[]>;

export type WritableColumns<T extends SyncedTable> = (typeof WRITABLE_COLUMNS)[T][number];
export type SyncedFields<T extends SyncedTable> = Partial<{
  [C in WritableColumns<T>]: C extends keyof LocalDb[T] ? Exclude<LocalDb[T][C], undefined> : never;
}>;

export type SyncedWrite<T extends SyncedTable> =
  | {
      readonly table: T;
      readonly op: 'create';
      readonly id: string;
      readonly caseId: string;
      readonly fields: SyncedFields<T>;
    }
  | {
      readonly table: T;
      readonly op: 'update';
      readonly id: string;
      readonly fields: SyncedFields<T>;
      /** Optimistic check: the row_version the caller read. */
      readonly expectedRowVersion?: number;
    }
  | { readonly table: T; readonly op: 'archive'; readonly id: string };

export interface SyncedWriteResult {
  readonly mutationId: string;
  readonly hlc: string;
  readonly rowVersion: number;
}

const HLC_KEY = 'hlc_last';
const CLIENT_ID_KEY = 'client_id';

// Dynamic table names: the static column list above is the type guard.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Kysely<any>;

async function nextHlc(trx: Transaction<LocalDb>, ctx: WriteContext): Promise<string> {
  const rows = await trx
    .selectFrom('sync_state')
    .select(['key', 'value'])
    .where('key', 'in', [HLC_KEY, CLIENT_ID_KEY])
    .execute();
  const state = new Map(rows.map((r) => [r.key, r.value]));
  let clientId = state.get(CLIENT_ID_KEY);
  if (!clientId) {
    clientId = ctx.ids.newId();
    await trx.insertInto('sync_state').values({ key: CLIENT_ID_KEY, value: clientId }).execute();
  }
  const lastRaw = state.get(HLC_KEY);
  const last: Hlc = lastRaw ? decodeHlc(lastRaw) : { millis: 0, counter: 0, node: clientId };
  const next = encodeHlc(tick(last, ctx.clock.now().getTime()));
  await trx
    .insertInto('sync_state')
    .values({ key: HLC_KEY, value: next })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: next }))
    .execute();
  return next;
}

function checkedFields(table: SyncedTable, fields: Record<string, unknown>): Record<string, unknown> {
  const allowed: readonly string[] = WRITABLE_COLUMNS[table];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (!allowed.includes(key)) throw new Error(`writeSynced: column ${table}.${key} is not writable`);
    out[key] = value;
  }
  return out;
}

/**
 * THE write path for synced tables (SYNC.md §4.3): writes the row and appends its mutation to
 * sync_outbox in the caller's transaction, so sync can never miss an edit. Takes a Transaction so
 * the compiler refuses a call outside one.
 *
 * - create: row_version 0 (the server assigns versions), dirty = 1, field_meta = { field: hlc }.
 * - update: only the given fields; row_version stays (it is the server's), field_meta stamps the
 *   changed fields with the new HLC; the outbox carries base_row_version = the current row_version.
 * - archive: sets archived_at (rows are never hard-deleted locally by the write path).
 */
export async function writeSynced<T extends SyncedTable>(
  trx: Transaction<LocalDb>,
  ctx: WriteContext,
  write: SyncedWrite<T>,
): Promise<SyncedWriteResult> {
  const db = trx as unknown as Loose;
  const table: string = write.table;
  const now = ctx.clock.now().toISOString();
  const hlc = await nextHlc(trx, ctx);
  const mutationId = ctx.ids.newId();
  let caseId: string;
  let baseRowVersion: number;
  let fieldsForOutbox: Record<string, unknown>;

  if (write.op === 'create') {
    const fields = checkedFields(write.table, write.fields as Record<string, unknown>);
    const meta = Object.fromEntries(Object.keys(fields).map((k) => [k, hlc]));
    await db
      .insertInto(table)
      .values({
        ...fields,
        id: write.id,
        case_id: write.caseId,
        row_version: 0,
        field_meta: JSON.stringify(meta),
        dirty: 1,
        archived_at: null,
        created_at: now,
        updated_at: now,
        created_by: ctx.actorId,
        updated_by: ctx.actorId,
      })
      .execute();
    caseId = write.caseId;
    baseRowVersion = 0;
    fieldsForOutbox = fields;
  } else {
    const current = (await db
      .selectFrom(table)
      .select(['case_id', 'row_version', 'field_meta', 'archived_at'])
      .where('id', '=', write.id)
      .executeTakeFirst()) as
      { case_id: string; row_version: number; field_meta: string; archived_at: string | null } | undefined;
    if (!current) throw new AppError('NOT_FOUND');
    if (
      write.op === 'update' &&
      write.expectedRowVersion !== undefined &&
      write.expectedRowVersion !== current.row_version
    ) {
      throw new AppError('CONFLICT');
    }
    const fields =
      write.op === 'update'
        ? checkedFields(write.table, write.fields as Record<string, unknown>)
        : { archived_at: now };
    const meta = { ...(JSON.parse(current.field_meta) as Record<string, string>) };
    for (const key of Object.keys(fields)) meta[key] = hlc;
    await db
      .updateTable(table)
      .set({
        ...fields,
        field_meta: JSON.stringify(meta),
        dirty: 1,
        updated_at: now,
        updated_by: ctx.actorId,
      })
      .where('id', '=', write.id)
      .execute();
    caseId = current.case_id;
    baseRowVersion = current.row_version;
    fieldsForOutbox = fields;
  }

  await trx
    .insertInto('sync_outbox')
    .values({
      mutation_id: mutationId,
      local_tx_id: ctx.localTxId ?? mutationId,
      entity: write.table,
      entity_id: write.id,
      case_id: caseId,
      op: write.op,
      fields_json: JSON.stringify(fieldsForOutbox),
      base_row_version: baseRowVersion,
      hlc,
      schema_version: LATEST_SCHEMA_VERSION,
      last_error: null,
      created_at: now,
    })
    .execute();
  return { mutationId, hlc, rowVersion: baseRowVersion };
}
