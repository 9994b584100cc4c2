import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../../shared/validation';
import { accessLogUploadSchema, CASE_ACCESS_ACTIONS } from '../../../shared/audit/access-chain';
import { isoInstantSchema } from '../../../shared/domain/common/dates';
import { clientIdSchema, idSchema, int64DecimalSchema } from '../../../shared/sync/protocol';
import type { ServerContext } from '../../context';
import { assertSameClient, authenticate } from '../../http/authenticate';
import * as service from './audit.service';
import { listAccessAlarms, uploadAccessLog } from './access-log.service';

export const eventsSchema = z.strictObject({
  clientId: clientIdSchema,
  events: z
    .array(
      z.strictObject({
        caseId: idSchema,
        action: z.enum(CASE_ACCESS_ACTIONS),
        at: isoInstantSchema,
      }),
    )
    .min(1)
    .max(500),
});
export const exportQuery = z.strictObject({
  from: isoInstantSchema,
  to: isoInstantSchema,
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
  afterId: int64DecimalSchema.optional(),
});
export const breakGlassSchema = z.strictObject({
  caseId: idSchema,
  reason: z.string().trim().min(20, 'Bitte begründen Sie den Zugriff (mindestens 20 Zeichen).').max(1000),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});

export function registerAuditRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/audit/events', async (request) => {
    const p = await authenticate(ctx, request);
    const body = parseOrThrow(eventsSchema, request.body);
    assertSameClient(p, body.clientId);
    return { recorded: await service.recordClientEvents(ctx, p, body.events) };
  });

  app.post('/audit/access-log', async (request) => {
    const p = await authenticate(ctx, request);
    const body = parseOrThrow(accessLogUploadSchema, request.body);
    assertSameClient(p, body.clientId);
    return uploadAccessLog(ctx, p, body.entries);
  });

  app.get('/audit/access-alarms', async (request) => {
    await authenticate(ctx, request, { roles: ['data_protection'] });
    return { alarms: await listAccessAlarms(ctx) };
  });

  app.get('/audit/export', async (request) => {
    const p = await authenticate(ctx, request, { roles: ['data_protection'] });
    const q = parseOrThrow(exportQuery, request.query);
    return service.exportAudit(ctx, p, {
      from: new Date(q.from),
      to: new Date(q.to),
      limit: q.limit ?? 1000,
      afterId: q.afterId ?? null,
    });
  });

  app.post('/break-glass', async (request, reply) => {
    const p = await authenticate(ctx, request, { roles: ['data_protection', 'team_lead'] });
    const body = parseOrThrow(breakGlassSchema, request.body);
    return reply.status(201).send(await service.breakGlass(ctx, p, body));
  });
}
