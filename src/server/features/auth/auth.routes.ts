import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../../shared/validation';
import { clientIdSchema } from '../../../shared/sync/protocol';
import type { ServerContext } from '../../context';
import { publicBodyRoute } from '../../http/authenticate';
import * as service from './auth.service';

export const loginSchema = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1024),
  clientId: clientIdSchema,
  deviceName: z.string().min(1).max(100),
});
export const refreshSchema = z.strictObject({ refreshToken: z.string().min(10).max(300) });

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/auth/login', publicBodyRoute(ctx), async (request) => {
    const body = parseOrThrow(loginSchema, request.body);
    return service.login(ctx, { ...body, ip: request.ip });
  });
  app.post('/auth/refresh', publicBodyRoute(ctx), async (request) => {
    const body = parseOrThrow(refreshSchema, request.body);
    return service.refresh(ctx, body.refreshToken);
  });
  app.post('/auth/logout', publicBodyRoute(ctx), async (request, reply) => {
    const body = parseOrThrow(refreshSchema, request.body);
    await service.logout(ctx, body.refreshToken);
    return reply.status(204).send();
  });
}
