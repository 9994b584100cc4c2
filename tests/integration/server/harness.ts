/**
 * Test harness for the central server: one database per test file (PGlite or PostgreSQL), a
 * Fastify app with a fake clock and deterministic ids, and helpers that go through HTTP
 * (app.inject). Seeds two offices, three teams, and one user per role.
 */
import { createHash } from 'node:crypto';
import { ENTITIES, type EntityName, type EntityRegistry } from '../../../src/shared/entities/index';
import { sampleFields } from '../../helpers/records';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app';
import { testConfig, type ServerConfig } from '../../../src/server/config';
import type { Clock, IdGenerator } from '../../../src/server/context';
import * as admin from '../../../src/server/features/admin/admin.service';
import type { Role } from '../../../src/server/features/auth/roles';
import type { Mutation } from '../../../src/shared/sync/protocol';
import { encodeHlc } from '../../../src/shared/sync/hlc';
import { createTestServerDb, type ServerDialect, type TestServerDb } from '../../helpers/server-db';
import pino from 'pino';
import { PASSWORD } from './password';

export const START = Date.parse('2026-03-02T08:00:00.000Z');
export { PASSWORD };

export class FakeClock implements Clock {
  t = START;
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export class SeqIds implements IdGenerator {
  n = 0;
  id(): string {
    this.n += 1;
    return `00000000-0000-4000-8000-${String(this.n).padStart(12, '0')}`;
  }
  random(bytes: number): Buffer {
    this.n += 1;
    const out = Buffer.alloc(bytes);
    let block = 0;
    for (let off = 0; off < bytes; off += 32) {
      createHash('sha256').update(`r${this.n}.${block++}`).digest().copy(out, off);
    }
    return out;
  }
}

export interface SeedUser {
  readonly key: string;
  readonly username: string;
  readonly role: Role;
  readonly officeId: string;
  readonly teamId: string | null;
}

export const USERS: readonly SeedUser[] = [
  { key: 'cw', username: 'ifk.own', role: 'caseworker', officeId: 'oschatz', teamId: 'osz-a' },
  { key: 'cwTeam', username: 'ifk.team', role: 'caseworker', officeId: 'oschatz', teamId: 'osz-a' },
  { key: 'cwOtherTeam', username: 'ifk.otherteam', role: 'caseworker', officeId: 'oschatz', teamId: 'osz-b' },
  { key: 'cwOther', username: 'ifk.other', role: 'caseworker', officeId: 'delitzsch', teamId: 'dz-a' },
  { key: 'lead', username: 'tl.osza', role: 'team_lead', officeId: 'oschatz', teamId: 'osz-a' },
  { key: 'admin', username: 'fachadmin', role: 'specialist_admin', officeId: 'oschatz', teamId: null },
  { key: 'dp', username: 'datenschutz', role: 'data_protection', officeId: 'oschatz', teamId: null },
];

export interface Session {
  readonly userId: string;
  readonly clientId: string;
  accessToken: string;
  refreshToken: string;
  seq: number;
  hlcMillis: number;
}

export interface Harness {
  readonly tdb: TestServerDb;
  app: FastifyInstance;
  clock: FakeClock;
  ids: SeqIds;
  userIds: Record<string, string>;
  /** Rebuilds the app on an empty database; `entities` adds test-only record types. */
  reset(config?: Partial<ServerConfig>, entities?: EntityRegistry): Promise<void>;
  close(): Promise<void>;
}

export async function createHarness(dialect: ServerDialect): Promise<Harness> {
  const tdb = await createTestServerDb(dialect);
  const h: Harness = {
    tdb,
    app: undefined as unknown as FastifyInstance,
    clock: new FakeClock(),
    ids: new SeqIds(),
    userIds: {},
    async reset(config = {}, entities?: EntityRegistry) {
      if (h.app) await h.app.close();
      await tdb.truncate();
      h.clock = new FakeClock();
      h.ids = new SeqIds();
      h.app = await buildApp({
        db: tdb.db,
        config: testConfig(config),
        clock: h.clock,
        ids: h.ids,
        logger: pino({ level: 'silent' }),
        ...(entities ? { entities } : {}),
      });
      h.userIds = await seed(h);
    },
    async close() {
      if (h.app) await h.app.close();
      await tdb.close();
    },
  };
  return h;
}

async function seed(h: Harness): Promise<Record<string, string>> {
  const deps = { db: h.tdb.db, clock: h.clock, ids: h.ids, scryptN: 1024 };
  await admin.createOffice(deps, 'seed', { id: 'oschatz', name: 'Oschatz' });
  await admin.createOffice(deps, 'seed', { id: 'delitzsch', name: 'Delitzsch' });
  await admin.createTeam(deps, 'seed', { id: 'osz-a', officeId: 'oschatz', name: 'Team A' });
  await admin.createTeam(deps, 'seed', { id: 'osz-b', officeId: 'oschatz', name: 'Team B' });
  await admin.createTeam(deps, 'seed', { id: 'dz-a', officeId: 'delitzsch', name: 'Team A' });
  const ids: Record<string, string> = {};
  for (const u of USERS) {
    ids[u.key] = await admin.createUser(deps, 'seed', {
      username: u.username,
      displayName: u.username,
      role: u.role,
      officeId: u.officeId,
      teamId: u.teamId,
      password: PASSWORD,
    });
  }
  return ids;
}

let clientCounter = 0;
export function newClientId(): string {
  clientCounter += 1;
  return `7d1f6d0e-8a2b-4c1e-9f3a-${String(clientCounter).padStart(12, '0')}`;
}

export async function login(h: Harness, userKey: string, clientId = newClientId()): Promise<Session> {
  const user = USERS.find((u) => u.key === userKey);
  if (!user) throw new Error(`unknown user ${userKey}`);
  const res = await h.app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { username: user.username, password: PASSWORD, clientId, deviceName: 'Testgerät' },
  });
  if (res.statusCode !== 200) throw new Error(`login ${userKey}: ${res.statusCode} ${res.body}`);
  const body = res.json<{ accessToken: string; refreshToken: string; user: { id: string } }>();
  return {
    userId: body.user.id,
    clientId,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    seq: 0,
    hlcMillis: START,
  };
}

export function post(h: Harness, s: Session | undefined, url: string, payload: unknown) {
  return h.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: s ? { authorization: `Bearer ${s.accessToken}` } : {},
  });
}

let mutationCounter = 0;
export function mutation(
  s: Session,
  m: Pick<Mutation, 'entity' | 'entityId' | 'caseId'> &
    Partial<Omit<Mutation, 'fields'>> & {
      fields?: Record<string, unknown>;
      bases?: Record<string, number>;
      /** A create carries a complete valid record (tests/helpers/records.ts) unless false. */
      complete?: boolean;
    },
): Mutation {
  mutationCounter += 1;
  s.seq += 1;
  s.hlcMillis += 1;
  const fields: Mutation['fields'] = {};
  const given =
    m.op === 'create' && m.complete !== false && Object.hasOwn(ENTITIES, m.entity)
      ? { ...sampleFields(m.entity as EntityName, { caseId: m.caseId, id: m.entityId }), ...m.fields }
      : (m.fields ?? {});
  for (const [k, v] of Object.entries(given)) fields[k] = { value: v, baseVersion: m.bases?.[k] ?? 0 };
  return {
    seq: m.seq ?? s.seq,
    mutationId: m.mutationId ?? `5e0c7f1a-1111-4222-8333-${String(mutationCounter).padStart(12, '0')}`,
    localTxId: m.localTxId ?? `tx-${mutationCounter}`,
    hlc: m.hlc ?? encodeHlc({ millis: s.hlcMillis, counter: 0, node: s.clientId.slice(-8) }),
    entity: m.entity,
    entityId: m.entityId,
    caseId: m.caseId,
    op: m.op ?? 'update',
    fields,
    baseRowVersion: m.baseRowVersion ?? null,
  };
}

export function pushBatch(
  h: Harness,
  s: Session,
  mutations: Mutation[],
  extra: Record<string, unknown> = {},
) {
  return post(h, s, '/sync/push', { clientId: s.clientId, schemaVersion: 1, mutations, ...extra });
}

export async function createCase(
  h: Harness,
  s: Session,
  caseId: string,
  extra: Record<string, unknown> = {},
) {
  const res = await pushBatch(h, s, [
    mutation(s, {
      entity: 'cases',
      entityId: caseId,
      caseId,
      op: 'create',
      fields: { status: 'aktiv', ...extra },
    }),
  ]);
  if (res.statusCode !== 200) throw new Error(`createCase ${caseId}: ${res.statusCode} ${res.body}`);
  return res.json<{ results: { status: string }[] }>();
}

export interface PullBody {
  changes: {
    entity: string;
    id: string;
    caseId: string;
    rowVersion: number;
    archived: boolean;
    row: Record<string, unknown>;
    fieldVersions: Record<string, number>;
  }[];
  scope: { version: number; added: string[]; removed: string[] };
  nextCursor: { txid: string; changeId: string };
  hasMore: boolean;
}

export async function pullAll(
  h: Harness,
  s: Session,
  cursor = { txid: '0', changeId: '0' },
  scopeVersion = 0,
  limit = 500,
) {
  const changes: PullBody['changes'] = [];
  let scope: PullBody['scope'] | undefined;
  for (;;) {
    const res = await post(h, s, '/sync/pull', { clientId: s.clientId, cursor, scopeVersion, limit });
    if (res.statusCode !== 200) throw new Error(`pull: ${res.statusCode} ${res.body}`);
    const body = res.json<PullBody>();
    changes.push(...body.changes);
    scope ??= body.scope;
    cursor = body.nextCursor;
    if (!body.hasMore) return { changes, scope: scope!, cursor };
  }
}
