import type { FastifyInstance } from 'fastify';
import { parseOrThrow } from '../../../shared/validation';
import {
  conflictParamsSchema,
  helloRequestSchema,
  pokeQuerySchema,
  pullRequestSchema,
  pushRequestSchema,
  resolveConflictRequestSchema,
  snapshotRequestSchema,
} from '../../../shared/sync/protocol';
import type { ServerContext } from '../../context';
import { assertSameClient, authenticate, largeBodyRoute } from '../../http/authenticate';
import { attachPokeHub, pokeHub } from './poke';
import { resolveConflict } from './conflicts.service';
import { hello } from './hello.service';
import { pull, snapshot } from './pull.service';
import { push } from './push.service';

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const hub = pokeHub(ctx);
  attachPokeHub(app, hub);
  // End the open event streams first, or close() would wait for them forever.
  app.addHook('preClose', async () => {
    hub.closeAll();
  });

  app.post('/sync/hello', async (request) => {
    const principal = await authenticate(ctx, request, { allowExpired: true });
    const body = parseOrThrow(helloRequestSchema, request.body);
    assertSameClient(principal, body.clientId);
    return hello(ctx, principal, body);
  });

  app.post('/sync/push', largeBodyRoute(ctx), async (request, reply) => {
    const principal = await authenticate(ctx, request);
    const body = parseOrThrow(pushRequestSchema, request.body);
    assertSameClient(principal, body.clientId);
    const outcome = await push(ctx, principal, body);
    if (outcome.changedCaseIds.length > 0)
      hub.notify({ caseIds: outcome.changedCaseIds, originClientId: principal.clientId });
    return reply.type('application/json; charset=utf-8').send(outcome.json);
  });

  app.post('/sync/pull', async (request) => {
    const principal = await authenticate(ctx, request);
    const body = parseOrThrow(pullRequestSchema, request.body);
    assertSameClient(principal, body.clientId);
    return pull(ctx, principal, body);
  });

  app.post('/sync/snapshot', async (request) => {
    const principal = await authenticate(ctx, request);
    const body = parseOrThrow(snapshotRequestSchema, request.body);
    assertSameClient(principal, body.clientId);
    return snapshot(ctx, principal, body);
  });

  app.post('/sync/conflicts/:conflictId/resolve', async (request) => {
    const principal = await authenticate(ctx, request);
    const { conflictId } = parseOrThrow(conflictParamsSchema, request.params);
    const body = parseOrThrow(resolveConflictRequestSchema, request.body);
    assertSameClient(principal, body.clientId);
    const outcome = await resolveConflict(ctx, principal, conflictId, body);
    if (outcome.changed) hub.notify({ caseIds: [outcome.caseId], originClientId: principal.clientId });
    return outcome.response;
  });

  app.get('/sync/poke', async (request, reply) => {
    const principal = await authenticate(ctx, request);
    const query = parseOrThrow(pokeQuerySchema, request.query);
    assertSameClient(principal, query.clientId);
    const stream = hub.open(principal);
    reply.raw.once('close', () => stream.destroy());
    return reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache, no-transform')
      .header('x-accel-buffering', 'no')
      .send(stream);
  });
}
