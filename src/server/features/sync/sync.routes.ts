import type { FastifyInstance } from 'fastify';
import { parseOrThrow } from '../../../shared/validation';
import {
  helloRequestSchema,
  pullRequestSchema,
  pushRequestSchema,
  snapshotRequestSchema,
} from '../../../shared/sync/protocol';
import type { ServerContext } from '../../context';
import { assertSameClient, authenticate } from '../../http/authenticate';
import * as service from './sync.service';

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/sync/hello', async (request) => {
    const principal = await authenticate(ctx, request, { allowExpired: true });
    const body = parseOrThrow(helloRequestSchema, request.body);
    assertSameClient(principal, body.clientId);
    return service.hello(ctx, principal, body);
  });

  app.post('/sync/push', async (request, reply) => {
    const principal = await authenticate(ctx, request);
    const body = parseOrThrow(pushRequestSchema, request.body);
    assertSameClient(principal, body.clientId);
    const outcome = await service.push(ctx, principal, body);
    return reply.type('application/json; charset=utf-8').send(outcome.json);
  });

  app.post('/sync/pull', async (request) => {
    const principal = await authenticate(ctx, request);
    const body = parseOrThrow(pullRequestSchema, request.body);
    assertSameClient(principal, body.clientId);
    return service.pull(ctx, principal, body);
  });

  app.post('/sync/snapshot', async (request) => {
    const principal = await authenticate(ctx, request);
    const body = parseOrThrow(snapshotRequestSchema, request.body);
    assertSameClient(principal, body.clientId);
    return service.snapshot(ctx, principal, body);
  });
}
