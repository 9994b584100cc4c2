import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { CaseAccessAction } from '../../../shared/audit/access-chain';
import { actorOf } from '../../http/authenticate';
import type { ServerContext } from '../../context';
import { filterCases } from '../access/access.repository';
import type { Principal } from '../auth/roles';
import { appendAudit, appendAuditMany, listAudit } from './audit.repository';

export interface ClientAuditEvent {
  readonly caseId: string;
  readonly action: CaseAccessAction;
  readonly at: string;
}

/** Reads of case content reported by desktops (e.g. a case opened offline). */
export async function recordClientEvents(
  ctx: ServerContext,
  p: Principal,
  events: readonly ClientAuditEvent[],
): Promise<number> {
  const now = ctx.clock.now();
  const caseIds = [...new Set(events.map((e) => e.caseId))];
  const readable = await filterCases(ctx.db, p, now, caseIds, 'read');
  if (caseIds.some((c) => !readable.has(c)))
    throw new AppError('FORBIDDEN', 'Sie haben keinen Zugriff auf diesen Fall.');
  await appendAuditMany(
    ctx.db,
    events.map((e) => ({
      at: now,
      userId: p.userId,
      clientId: p.clientId,
      action: e.action,
      caseId: e.caseId,
      detail: { reportedAt: e.at },
    })),
  );
  return events.length;
}

export async function exportAudit(
  ctx: ServerContext,
  p: Principal,
  range: { from: Date; to: Date; limit: number; afterId: string | null },
) {
  const now = ctx.clock.now();
  const rows = await listAudit(ctx.db, range);
  await appendAudit(ctx.db, {
    at: now,
    userId: p.userId,
    clientId: p.clientId,
    action: 'audit_exported',
    detail: { from: range.from.toISOString(), to: range.to.toISOString(), rows: rows.length },
  });
  return {
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      userId: r.user_id,
      clientId: r.client_id,
      action: r.action,
      caseId: r.case_id,
      entity: r.entity,
      entityId: r.entity_id,
      detail: r.detail,
      /** Paths into the entry that hold personal data: handle the export accordingly. */
      personalData: (PERSONAL_DETAIL_KEYS[r.action] ?? []).map((k) => `detail.${k}`),
    })),
    nextAfterId: rows.length === range.limit ? (rows.at(-1)?.id ?? null) : null,
  };
}

/** Break-glass: a time-limited, logged read grant for one case, with a reason. */
export async function breakGlass(
  ctx: ServerContext,
  p: Principal,
  req: { caseId: string; reason: string; minutes: number },
): Promise<{ id: string; expiresAt: string }> {
  if (p.role !== 'data_protection' && p.role !== 'team_lead') throw new AppError('FORBIDDEN');
  if (req.minutes > ctx.config.BREAK_GLASS_MAX_MINUTES) {
    throw new AppError('VALIDATION_FAILED', `Höchstens ${ctx.config.BREAK_GLASS_MAX_MINUTES} Minuten.`);
  }
  const now = ctx.clock.now();
  // Same answer for a known and an unknown case id (no existence oracle): the grant is recorded
  // and audited either way; for an id no case has, it opens nothing.
  const id = ctx.ids.id();
  const expiresAt = new Date(now.getTime() + req.minutes * 60_000);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('break_glass_grants')
      .values({
        id,
        user_id: p.userId,
        case_id: req.caseId,
        reason: req.reason,
        granted_at: now,
        expires_at: expiresAt,
      })
      .execute();
    // The reason is kept verbatim (it justifies the access) but may name people: the export marks
    // it as personal data (PERSONAL_DETAIL_KEYS).
    await appendAudit(trx, {
      at: now,
      userId: p.userId,
      clientId: p.clientId,
      action: 'break_glass',
      caseId: req.caseId,
      detail: { grantId: id, reason: req.reason, expiresAt: expiresAt.toISOString() },
    });
  });
  return { id, expiresAt: expiresAt.toISOString() };
}

const REFUSAL_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * A refused access (403) of an authenticated user: who (user, device), what (method, route
 * pattern, the case id if the route names one), when, and why (code and the German reason). No
 * request body, no free text from the request.
 */
export async function recordRefusal(
  ctx: ServerContext,
  request: FastifyRequest,
  error: AppError,
): Promise<void> {
  const actor = actorOf(request);
  if (!actor) return;
  const params = request.params as Record<string, unknown> | undefined;
  const query = request.query as Record<string, unknown> | undefined;
  const caseId = [params?.caseId, query?.caseId].find(
    (v): v is string => typeof v === 'string' && REFUSAL_ID.test(v),
  );
  await appendAudit(ctx.db, {
    at: ctx.clock.now(),
    userId: actor.userId,
    clientId: actor.clientId,
    action: 'access_refused',
    caseId: caseId ?? null,
    detail: {
      method: request.method,
      route: request.routeOptions.url ?? 'unknown',
      code: error.code,
      reason: error.message,
    },
  });
}

/** Detail keys that may hold personal data (free text written by staff), per audit action. */
export const PERSONAL_DETAIL_KEYS: Readonly<Record<string, readonly string[]>> = {
  break_glass: ['reason'],
};
