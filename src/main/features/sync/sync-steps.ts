/**
 * The desktop's steps of a sync round, without scheduling (the sync engine of issue 12 runs them on
 * a timer and on pokes): build a push batch from the outbox, record the server's answers, apply a
 * pull page. Each step is one local transaction; the outbox stays the single source of what is
 * still to be sent (SYNC.md §2.2).
 */
import type { Transaction } from 'kysely';
import { ENTITIES, type EntityRegistry } from '../../../shared/entities/index';
import {
  INITIAL_CURSOR,
  MAX_MUTATIONS_PER_PUSH,
  WIRE_SCHEMA_VERSION,
  type Cursor,
  type Mutation,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../../shared/sync/protocol';
import { applyServerRows, type ApplyResult } from '../../db/apply-server-rows';
import type { LocalDb } from '../../db/local-db';
import type { RawDatabase } from '../../db/open-encrypted-db';
import type { Executor } from '../../db/kysely';
import type { OutboxFields } from '../../db/write-synced';

const CURSOR_KEY = 'cursor';
const SCOPE_KEY = 'scope_version';

/** The pending outbox as a push request (in seq order, at most one batch). */
export async function readPushBatch(
  db: Executor,
  clientId: string,
  limit = MAX_MUTATIONS_PER_PUSH,
): Promise<PushRequest | null> {
  const rows = await db
    .selectFrom('sync_outbox')
    .selectAll()
    .where('status', 'in', ['pending', 'sent'])
    .orderBy('seq')
    .limit(Math.min(limit, MAX_MUTATIONS_PER_PUSH))
    .execute();
  if (rows.length === 0) return null;
  const mutations: Mutation[] = rows.map((r) => ({
    seq: r.seq,
    mutationId: r.mutation_id,
    localTxId: r.local_tx_id,
    hlc: r.hlc,
    entity: r.entity,
    entityId: r.entity_id,
    caseId: r.case_id,
    op: r.op,
    fields: JSON.parse(r.fields_json) as OutboxFields,
    baseRowVersion: r.op === 'create' ? null : r.base_row_version,
  }));
  return { clientId, schemaVersion: WIRE_SCHEMA_VERSION, mutations };
}

export interface PushOutcome {
  readonly acked: number;
  readonly rejected: number;
  readonly resendFrom: number | null;
}

/**
 * Records the server's answer in ONE transaction: an applied, merged or conflicting mutation leaves
 * the outbox; a rejected one moves to sync_rejections (it stays visible until dismissed).
 */
export async function recordPushResponse(
  trx: Transaction<LocalDb>,
  request: PushRequest,
  response: PushResponse,
  now: string,
): Promise<PushOutcome> {
  const byId = new Map(request.mutations.map((m) => [m.mutationId, m]));
  let acked = 0;
  let rejected = 0;
  for (const r of response.results) {
    const m = byId.get(r.mutationId);
    if (!m) continue;
    if (r.status === 'rejected') {
      await trx
        .insertInto('sync_rejections')
        .values({
          mutation_id: m.mutationId,
          entity: m.entity,
          entity_id: m.entityId,
          case_id: m.caseId,
          reason: r.reason ?? 'VALIDATION_FAILED',
          payload: JSON.stringify(m.fields),
          created_at: now,
          seen_at: null,
          op: m.op,
        })
        .onConflict((oc) => oc.column('mutation_id').doNothing())
        .execute();
      rejected += 1;
    } else {
      acked += 1;
    }
    await trx.deleteFrom('sync_outbox').where('mutation_id', '=', m.mutationId).execute();
  }
  return { acked, rejected, resendFrom: response.resendFrom ?? null };
}

export async function readCursor(db: Executor): Promise<{ cursor: Cursor; scopeVersion: number }> {
  const rows = await db
    .selectFrom('sync_state')
    .select(['key', 'value'])
    .where('key', 'in', [CURSOR_KEY, SCOPE_KEY])
    .execute();
  const state = new Map(rows.map((r) => [r.key, r.value]));
  const cursor = state.get(CURSOR_KEY);
  return {
    cursor: cursor ? (JSON.parse(cursor) as Cursor) : INITIAL_CURSOR,
    scopeVersion: Number(state.get(SCOPE_KEY) ?? 0),
  };
}

/** Fields (wire keys) of pending local edits, per entity and id: they are not overwritten by a pull. */
async function pendingFields(trx: Transaction<LocalDb>): Promise<Map<string, Set<string>>> {
  const rows = await trx.selectFrom('sync_outbox').select(['entity', 'entity_id', 'fields_json']).execute();
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = `${r.entity}\u0000${r.entity_id}`;
    const set = out.get(key) ?? new Set<string>();
    for (const field of Object.keys(JSON.parse(r.fields_json) as object)) set.add(field);
    out.set(key, set);
  }
  return out;
}

/**
 * Applies one pull page and advances the cursor in ONE transaction (SYNC.md §4.3). Conflict records
 * (`sync_conflicts`) are left to the sync engine's conflict store; every other row goes through
 * applyServerRows.
 */
export async function applyPullPage(
  trx: Transaction<LocalDb>,
  raw: RawDatabase,
  page: PullResponse,
  options: { now: string; registry?: EntityRegistry; touched?: (entity: string, caseId: string) => void },
): Promise<ApplyResult> {
  const rows = page.changes.filter((c) => c.entity !== 'sync_conflicts');
  const result = applyServerRows(raw, rows, {
    now: options.now,
    registry: options.registry ?? ENTITIES,
    pending: await pendingFields(trx),
    ...(options.touched ? { touched: options.touched } : {}),
  });
  for (const [key, value] of [
    [CURSOR_KEY, JSON.stringify(page.nextCursor)],
    [SCOPE_KEY, String(page.scope.version)],
  ] as const) {
    await trx
      .insertInto('sync_state')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }).where('sync_state.value', '!=', value))
      .execute();
  }
  if (page.scope.added.length > 0) {
    // a first sync adds every case of the scope at once: one prepared statement, not a query each
    const grant = raw.prepare('INSERT OR IGNORE INTO access_scope (case_id, scope_version) VALUES (?, ?)');
    for (const caseId of page.scope.added) grant.run(caseId, page.scope.version);
  }
  return result;
}
