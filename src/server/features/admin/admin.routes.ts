import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../../shared/validation';
import { isoInstantSchema } from '../../../shared/domain/common/dates';
import { idSchema } from '../../../shared/sync/protocol';
import type { ServerContext } from '../../context';
import { authenticate } from '../../http/authenticate';
import { findCaseDirectory } from '../access/access.repository';
import { ROLES } from '../auth/roles';
import { pokeHub } from '../sync/poke';
import * as service from './admin.service';

export const officeSchema = z.strictObject({ id: idSchema, name: z.string().min(1).max(100) });
export const teamSchema = z.strictObject({
  id: idSchema,
  officeId: idSchema,
  name: z.string().min(1).max(100),
});
export const userSchema = z.strictObject({
  username: z
    .string()
    .regex(/^[a-z0-9._-]{2,64}$/, 'Benutzername: 2–64 Zeichen a–z, 0–9, Punkt, Minus, Unterstrich.'),
  displayName: z.string().min(1).max(200),
  role: z.enum(ROLES),
  officeId: idSchema,
  teamId: idSchema.nullable(),
  password: z.string().min(12, 'Das Passwort muss mindestens 12 Zeichen lang sein.').max(1024),
});
export const caseParams = z.strictObject({ caseId: idSchema });
export const assignSchema = z.strictObject({
  assignedUserId: idSchema.or(z.uuid()),
  teamId: idSchema.optional(),
});
export const substitutionSchema = z.strictObject({
  absentUserId: z.string().min(1).max(64),
  substituteUserId: z.string().min(1).max(64),
  validFrom: isoInstantSchema,
  validUntil: isoInstantSchema,
});
export const deviceParams = z.strictObject({ clientId: z.uuid() });
export const quarantineParams = z.strictObject({ id: z.uuid() });
export const revokeSchema = z.strictObject({ wipe: z.boolean() });
export const userParams = z.strictObject({ userId: z.string().min(1).max(64) });
export const disableSchema = z.strictObject({ wipe: z.boolean() });

export function registerAdminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const deps = {
    db: ctx.db,
    clock: ctx.clock,
    ids: ctx.ids,
    scryptN: ctx.config.PASSWORD_SCRYPT_N,
    substitutions: {
      maxDays: ctx.config.SUBSTITUTION_MAX_DAYS,
      acrossOffices: ctx.config.SUBSTITUTION_ACROSS_OFFICES,
    },
  };

  app.post('/admin/offices', async (request, reply) => {
    const p = await authenticate(ctx, request, { roles: ['specialist_admin'] });
    const body = parseOrThrow(officeSchema, request.body);
    await service.createOffice(deps, p.userId, body);
    return reply.status(201).send({ id: body.id });
  });

  app.post('/admin/teams', async (request, reply) => {
    const p = await authenticate(ctx, request, { roles: ['specialist_admin'] });
    const body = parseOrThrow(teamSchema, request.body);
    await service.createTeam(deps, p.userId, body);
    return reply.status(201).send({ id: body.id });
  });

  app.post('/admin/users', async (request, reply) => {
    const p = await authenticate(ctx, request, { roles: ['specialist_admin'] });
    const body = parseOrThrow(userSchema, request.body);
    const id = await service.createUser(deps, p.userId, body);
    return reply.status(201).send({ id });
  });

  app.post('/admin/cases/:caseId/assignment', async (request) => {
    const p = await authenticate(ctx, request, { roles: ['specialist_admin', 'team_lead'] });
    const { caseId } = parseOrThrow(caseParams, request.params);
    const body = parseOrThrow(assignSchema, request.body);
    const before = await findCaseDirectory(ctx.db, caseId);
    await service.assignCase(deps, p, { caseId, ...body });
    // the new readers pull the case, the previous assignee pulls its removal
    pokeHub(ctx).notify({
      caseIds: [caseId],
      userIds: before?.assigned_user_id ? [before.assigned_user_id] : [],
    });
    return { caseId, assignedUserId: body.assignedUserId };
  });

  app.post('/admin/substitutions', async (request, reply) => {
    const p = await authenticate(ctx, request, { roles: ['specialist_admin', 'team_lead'] });
    const body = parseOrThrow(substitutionSchema, request.body);
    const id = await service.createSubstitution(deps, p, {
      absentUserId: body.absentUserId,
      substituteUserId: body.substituteUserId,
      validFrom: new Date(body.validFrom),
      validUntil: new Date(body.validUntil),
    });
    return reply.status(201).send({ id });
  });

  app.post('/admin/devices/:clientId/revoke', async (request) => {
    const p = await authenticate(ctx, request, { roles: ['specialist_admin'] });
    const { clientId } = parseOrThrow(deviceParams, request.params);
    const body = parseOrThrow(revokeSchema, request.body);
    await service.revokeDevice(deps, p.userId, clientId, body.wipe);
    return { clientId, revoked: true, wipe: body.wipe };
  });

  app.post('/admin/users/:userId/disable', async (request) => {
    const p = await authenticate(ctx, request, { roles: ['specialist_admin'] });
    const { userId } = parseOrThrow(userParams, request.params);
    const body = parseOrThrow(disableSchema, request.body);
    const { devices } = await service.disableUser(deps, p.userId, userId, body.wipe);
    return { userId, disabled: true, devicesRevoked: devices, wipe: body.wipe };
  });

  app.post('/admin/users/:userId/enable', async (request) => {
    const p = await authenticate(ctx, request, { roles: ['specialist_admin'] });
    const { userId } = parseOrThrow(userParams, request.params);
    await service.enableUser(deps, p.userId, userId);
    return { userId, disabled: false };
  });

  app.get('/admin/quarantine', async (request) => {
    const p = await authenticate(ctx, request, { roles: ['team_lead'] });
    return { items: await service.listQuarantine(deps, p) };
  });

  app.post('/admin/quarantine/:id/reviewed', async (request) => {
    const p = await authenticate(ctx, request, { roles: ['team_lead'] });
    const { id } = parseOrThrow(quarantineParams, request.params);
    await service.markQuarantineReviewed(deps, p, id);
    return { id, reviewed: true };
  });
}
