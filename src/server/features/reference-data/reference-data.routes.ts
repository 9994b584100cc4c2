import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../../shared/validation';
import type { ServerContext } from '../../context';
import { authenticate, largeBodyRoute } from '../../http/authenticate';
import * as service from './reference-data.service';

export const keyParams = z.strictObject({
  key: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'Ungültiger Schlüssel.'),
});
export const putSchema = z.strictObject({
  expectedVersion: z.number().int().min(0),
  content: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
});

export function registerReferenceDataRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/reference-data', async (request) => {
    await authenticate(ctx, request);
    return service.listVersions(ctx);
  });
  app.get('/reference-data/:key', async (request) => {
    await authenticate(ctx, request);
    const { key } = parseOrThrow(keyParams, request.params);
    return service.getDocument(ctx, key);
  });
  app.put('/reference-data/:key', largeBodyRoute(ctx), async (request) => {
    const p = await authenticate(ctx, request, { roles: ['specialist_admin'] });
    const { key } = parseOrThrow(keyParams, request.params);
    const body = parseOrThrow(putSchema, request.body);
    return service.putDocument(ctx, p, { key, ...body });
  });
}
