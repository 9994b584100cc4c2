import { isDeepStrictEqual } from 'node:util';
import { AppError, isAppErrorCode } from '../../../shared/errors';
import { entityOf } from '../../../shared/sync/entities';
import { decodeHlc, encodeHlc, tick } from '../../../shared/sync/hlc';
import type {
  ConflictResolution,
  Mutation,
  ResolveConflictRequest,
  ResolveConflictResponse,
  SyncedRow,
} from '../../../shared/sync/protocol';
import type { ServerContext } from '../../context';
import { filterCases } from '../access/access.repository';
import { appendAudit } from '../audit/audit.repository';
import { lockClient } from '../auth/auth.repository';
import type { Principal } from '../auth/roles';
import { applyMutation } from './apply-mutation';
import * as conflicts from './conflicts.repository';
import { validateBatch } from './push-validation';
import * as repo from './sync.repository';
import type { FieldMeta } from './sync.repository';

type ConflictRow = Awaited<ReturnType<typeof conflicts.loadConflicts>>[number];

export function conflictToSyncedRow(c: ConflictRow): SyncedRow {
  return {
    entity: 'sync_conflicts',
    id: c.conflict_id,
    caseId: c.case_id,
    // 1 when recorded, 2 once resolved (the resolution is a change of the row)
    rowVersion: c.resolved_at === null ? 1 : 2,
    archived: c.resolved_at !== null,
    row: {
      entity: c.entity,
      entityId: c.entity_id,
      field: c.field,
      /** 'conflict', or 'merged': the info record of a clean 3-way text merge (keptValue = merged text). */
      kind: c.kind ?? 'conflict',
      base: c.base,
      keptValue: c.kept_value,
      otherValue: c.other_value,
      keptBy: c.kept_by,
      otherBy: c.other_by,
      createdAt: c.created_at.toISOString(),
      /** User id, time and kind ('keep' | 'take_other' | 'dismiss') of the resolution, or null. */
      resolvedBy: c.resolved_by,
      resolvedAt: c.resolved_at?.toISOString() ?? null,
      resolution: c.resolution,
      /** The value that stands after the resolution, or null while open. */
      resolvedValue: c.resolved_at === null ? null : (c.resolved_value ?? null),
    },
    fieldVersions: {},
  };
}

export interface ResolveOutcome {
  readonly response: ResolveConflictResponse;
  readonly caseId: string;
  /** false when the conflict was already resolved (the stored outcome was returned). */
  readonly changed: boolean;
}

/**
 * Resolves a `sync_conflicts` row (SYNC.md §4.4) in one transaction. `take_other` writes the other
 * value through the push write path (`applyMutation`: field validation, state machine, finalized
 * assessments, field versions, change_log, text history). The conflict row stores the outcome
 * (resolved_by / resolved_at, resolution, the value that stands, the row version written) and gets
 * a change_log entry, so every device in scope pulls it resolved; a `conflict_resolved` audit entry
 * records who decided. Resolving again returns the stored outcome and changes nothing.
 */
export async function resolveConflict(
  ctx: ServerContext,
  p: Principal,
  conflictId: string,
  req: ResolveConflictRequest,
): Promise<ResolveOutcome> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const client = await lockClient(trx, p.clientId);
    if (!client || client.user_id !== p.userId) throw new AppError('FORBIDDEN');
    if (client.revoked_at) throw new AppError('SYNC_DEVICE_REVOKED');
    const c = await conflicts.lockConflict(trx, conflictId);
    if (!c) throw new AppError('NOT_FOUND', 'Diesen Konflikt gibt es nicht.');
    // Exactly the access a push to this case needs (only caseworkers write, within their scope).
    const writable = await filterCases(trx, p, now, [c.case_id], 'write');
    if (!writable.has(c.case_id))
      throw new AppError('FORBIDDEN', 'Sie dürfen Konflikte dieses Falls nicht auflösen.');

    if (c.resolved_at !== null) {
      return {
        caseId: c.case_id,
        changed: false,
        response: {
          conflictId: c.conflict_id,
          // rows resolved before the resolution was stored on them (and not backfilled) count as keep
          resolution: (c.resolution ?? 'keep') as ConflictResolution,
          resolvedBy: c.resolved_by ?? '',
          resolvedAt: c.resolved_at.toISOString(),
          rowVersion: c.resolved_row_version === null ? null : Number(c.resolved_row_version),
        },
      };
    }

    const kind = c.kind ?? 'conflict';
    if (req.resolution === 'dismiss' && kind !== 'merged')
      throw new AppError(
        'DOMAIN_RULE_VIOLATED',
        'Nur Hinweise auf zusammengeführte Texte können verworfen werden; ein Konflikt muss entschieden werden.',
      );
    const entity = entityOf(ctx.entities, c.entity);
    const record = await repo.lockRecord(trx, c.entity, c.entity_id);
    if (!entity || !record || record.case_id !== c.case_id)
      throw new AppError('CONFLICT', 'Der betroffene Datensatz wurde inzwischen geändert.');
    const data = record.data as Record<string, unknown>;
    const meta = record.field_meta as Record<string, FieldMeta>;
    const rowVersion = Number(record.row_version);
    const archivedField = c.field === '_archived';
    const currentValue = archivedField
      ? record.archived_at !== null
      : Object.hasOwn(data, c.field)
        ? data[c.field]
        : null;
    const currentVersion = archivedField ? rowVersion : (meta[c.field]?.v ?? 0);
    const stale =
      !isDeepStrictEqual(currentValue, c.kept_value ?? null) ||
      (!archivedField && record.archived_at !== null) ||
      (req.expectedVersion !== undefined && req.expectedVersion !== currentVersion);
    if (stale)
      throw new AppError(
        'CONFLICT',
        'Das Feld wurde seit dem Konflikt geändert. Bitte synchronisieren Sie und entscheiden Sie erneut.',
      );

    let written: number | null = null;
    if (req.resolution === 'take_other') {
      if (archivedField)
        throw new AppError(
          'DOMAIN_RULE_VIOLATED',
          'Ein archivierter Datensatz kann nicht über die Konfliktauflösung wiederhergestellt werden.',
        );
      const fm = meta[c.field];
      const last = fm?.hlc ? decodeHlc(fm.hlc) : { millis: 0, counter: 0, node: p.clientId };
      const m: Mutation = {
        seq: Number(client.last_seq) + 1,
        mutationId: ctx.ids.id(),
        localTxId: `resolve-${c.conflict_id}`.slice(0, 64),
        hlc: encodeHlc(tick({ ...last, node: p.clientId }, now.getTime())),
        entity: entity.name,
        entityId: c.entity_id,
        caseId: c.case_id,
        op: 'update',
        fields: { [c.field]: { value: c.other_value ?? null, baseVersion: currentVersion } },
        baseRowVersion: rowVersion,
      };
      validateBatch(
        { clientId: p.clientId, schemaVersion: ctx.config.MAX_SCHEMA, mutations: [m] },
        ctx.entities,
      );
      const result = await applyMutation(ctx, trx, p, m, now, { via: 'resolution' });
      if (result.status === 'rejected')
        throw new AppError(isAppErrorCode(result.reason) ? result.reason : 'DOMAIN_RULE_VIOLATED');
      if (result.status === 'conflict') throw new AppError('CONFLICT');
      written = result.rowVersion;
      await appendAudit(trx, {
        at: now,
        userId: p.userId,
        clientId: p.clientId,
        action: `write_${result.status}`,
        caseId: c.case_id,
        entity: c.entity,
        entityId: c.entity_id,
        detail: { op: 'update', fields: [c.field], conflictId: c.conflict_id },
      });
    }
    await conflicts.markConflictResolved(trx, {
      conflictId: c.conflict_id,
      by: p.userId,
      at: now,
      resolution: req.resolution,
      value: req.resolution === 'take_other' ? (c.other_value ?? null) : (c.kept_value ?? null),
      rowVersion: written,
    });
    await repo.appendChange(trx, {
      caseId: c.case_id,
      entity: 'sync_conflicts',
      entityId: c.conflict_id,
      rowVersion: 2,
      op: 'update',
    });
    await appendAudit(trx, {
      at: now,
      userId: p.userId,
      clientId: p.clientId,
      action: conflicts.CONFLICT_RESOLVED_ACTION,
      caseId: c.case_id,
      entity: 'sync_conflicts',
      entityId: c.conflict_id,
      detail: { resolution: req.resolution, rowVersion: written, field: c.field, kind },
    });
    return {
      caseId: c.case_id,
      changed: true,
      response: {
        conflictId: c.conflict_id,
        resolution: req.resolution,
        resolvedBy: p.userId,
        resolvedAt: now.toISOString(),
        rowVersion: written,
      },
    };
  });
}
