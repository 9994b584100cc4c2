/**
 * Property test: malformed and hostile requests against every endpoint. Each must get a 4xx with
 * a stable code, change nothing in the database, and leave the server up.
 * LOTSE_FUZZ_RUNS (default 1000) sets the number of bodies per endpoint.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as adminRoutes from '../../../src/server/features/admin/admin.routes';
import * as auditRoutes from '../../../src/server/features/audit/audit.routes';
import * as authRoutes from '../../../src/server/features/auth/auth.routes';
import qualityRules from '../../../resources/quality/rules.json' with { type: 'json' };
import * as refRoutes from '../../../src/server/features/reference-data/reference-data.routes';
import { SERVER_TABLES } from '../../../src/server/db/server-db';
import { isAppErrorCode } from '../../../src/shared/errors';
import {
  helloRequestSchema,
  pullRequestSchema,
  pushRequestSchema,
  resolveConflictRequestSchema,
  snapshotRequestSchema,
} from '../../../src/shared/sync/protocol';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createCase, createHarness, login, mutation, type Harness, type Session } from './harness';

const RUNS = Number(process.env.LOTSE_FUZZ_RUNS ?? 1000);

interface Endpoint {
  readonly method: 'POST' | 'PUT';
  readonly url: string;
  readonly as: string | null;
  readonly schema: z.ZodType;
  valid(s: Session): unknown;
}

const ENDPOINTS: readonly Endpoint[] = [
  {
    method: 'POST',
    url: '/auth/login',
    as: null,
    schema: authRoutes.loginSchema,
    valid: (s) => ({ username: 'ifk.own', password: 'x', clientId: s.clientId, deviceName: 'L' }),
  },
  {
    method: 'POST',
    url: '/auth/refresh',
    as: null,
    schema: authRoutes.refreshSchema,
    valid: () => ({ refreshToken: 'abcdefghijklmnop.qrs' }),
  },
  {
    method: 'POST',
    url: '/auth/logout',
    as: null,
    schema: authRoutes.refreshSchema,
    valid: () => ({ refreshToken: 'abcdefghijklmnop.qrs' }),
  },
  {
    method: 'POST',
    url: '/sync/hello',
    as: 'cw',
    schema: helloRequestSchema,
    valid: (s) => ({ clientId: s.clientId, appVersion: '1', protocolVersion: 1, schemaVersion: 1 }),
  },
  {
    method: 'POST',
    url: '/sync/push',
    as: 'cw',
    schema: pushRequestSchema,
    valid: (s) => ({
      clientId: s.clientId,
      schemaVersion: 1,
      mutations: [
        {
          ...mutation({ ...s }, { entity: 'notes', entityId: 'N-1', caseId: 'C-1', fields: { body: 'x' } }),
          seq: 2,
        },
      ],
    }),
  },
  {
    method: 'POST',
    url: '/sync/pull',
    as: 'cw',
    schema: pullRequestSchema,
    valid: (s) => ({
      clientId: s.clientId,
      cursor: { txid: '0', changeId: '0' },
      scopeVersion: 0,
      limit: 10,
    }),
  },
  {
    method: 'POST',
    url: '/sync/snapshot',
    as: 'cw',
    schema: snapshotRequestSchema,
    valid: (s) => ({ clientId: s.clientId, caseIds: ['C-1'], pageToken: null }),
  },
  {
    method: 'POST',
    url: '/sync/conflicts/00000000-0000-4000-8000-000000000999/resolve',
    as: 'cw',
    schema: resolveConflictRequestSchema,
    valid: (s) => ({ clientId: s.clientId, resolution: 'take_other', expectedVersion: 1 }),
  },
  {
    method: 'POST',
    url: '/admin/offices',
    as: 'admin',
    schema: adminRoutes.officeSchema,
    valid: () => ({ id: 'torgau', name: 'Torgau' }),
  },
  {
    method: 'POST',
    url: '/admin/teams',
    as: 'admin',
    schema: adminRoutes.teamSchema,
    valid: () => ({ id: 'osz-c', officeId: 'oschatz', name: 'Team C' }),
  },
  {
    method: 'POST',
    url: '/admin/users',
    as: 'admin',
    schema: adminRoutes.userSchema,
    valid: () => ({
      username: 'neu',
      displayName: 'Neu',
      role: 'caseworker',
      officeId: 'oschatz',
      teamId: 'osz-a',
      password: 'geheim-geheim-1',
    }),
  },
  {
    method: 'POST',
    url: '/admin/cases/C-1/assignment',
    as: 'admin',
    schema: adminRoutes.assignSchema,
    valid: () => ({ assignedUserId: 'u-1' }),
  },
  {
    method: 'POST',
    url: '/admin/substitutions',
    as: 'admin',
    schema: adminRoutes.substitutionSchema,
    valid: () => ({
      absentUserId: 'a',
      substituteUserId: 'b',
      validFrom: '2026-03-02T00:00:00Z',
      validUntil: '2026-03-03T00:00:00Z',
    }),
  },
  {
    method: 'POST',
    url: '/admin/devices/7d1f6d0e-8a2b-4c1e-9f3a-000000000001/revoke',
    as: 'admin',
    schema: adminRoutes.revokeSchema,
    valid: () => ({ wipe: true }),
  },
  {
    method: 'POST',
    url: '/admin/users/00000000-0000-4000-8000-000000000999/disable',
    as: 'admin',
    schema: adminRoutes.disableSchema,
    valid: () => ({ wipe: true }),
  },
  {
    method: 'POST',
    url: '/audit/events',
    as: 'cw',
    schema: auditRoutes.eventsSchema,
    valid: (s) => ({
      clientId: s.clientId,
      events: [{ caseId: 'C-1', action: 'case_opened', at: '2026-03-02T08:00:00Z' }],
    }),
  },
  {
    method: 'POST',
    url: '/break-glass',
    as: 'dp',
    schema: auditRoutes.breakGlassSchema,
    valid: () => ({ caseId: 'C-1', reason: 'Begründung mit genug Zeichen', minutes: 5 }),
  },
  {
    method: 'PUT',
    url: '/reference-data/quality-rules',
    as: 'admin',
    schema: refRoutes.putSchema,
    valid: () => ({ expectedVersion: 0, content: qualityRules }),
  },
];

const DEEP = '__lotse_deep_nesting__';

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    '',
    '\u0000',
    "'; drop table users; --",
    '../../etc/passwd',
    '<script>alert(1)</script>',
    'x'.repeat(70_000),
    -1,
    0,
    1.5,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    null,
    [],
    {},
    { $gt: '' },
    Array.from({ length: 600 }, () => ({})),
    // issue 14, item 8: values that used to end in a 500
    'Notiz\u0000mit NUL',
    '99999999999999999999', // 20-digit counter
    '9223372036854775808', // 19 digits, one above int64
    '0000-00-00',
    '0000-01-01',
    '2026-13-45',
    '2099-01-01',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    DEEP,
  ),
);

/** Stands for a 10,000-deep nested JSON value; spliced into the payload text (see toPayload). */
const DEEP_MARKER = DEEP;
const DEEP_JSON = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
function toPayload(v: unknown): string {
  return (JSON.stringify(v) ?? 'null').split(JSON.stringify(DEEP_MARKER)).join(DEEP_JSON);
}

/** Inserts a NUL into one string of the valid body (a value or a key), wherever it is. */
function withNul(valid: unknown, pick: number, at: number): unknown {
  const strings = paths(valid).filter((p) => typeof getAt(valid, p) === 'string');
  if (strings.length === 0) return { ...(valid as object), ['k\u0000ey']: 1 };
  const path = strings[pick % strings.length]!;
  const value = getAt(valid, path) as string;
  const i = at % (value.length + 1);
  return edit(valid, path, 'replace', `${value.slice(0, i)}\u0000${value.slice(i)}`, '');
}
function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  return v;
}

type Path = (string | number)[];
function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}
function edit(
  root: unknown,
  path: Path,
  op: 'delete' | 'replace' | 'extra',
  replacement: unknown,
  extraKey: string,
): unknown {
  if (path.length === 0) {
    if (op === 'extra' && root && typeof root === 'object' && !Array.isArray(root))
      return { ...root, [extraKey]: replacement };
    return replacement;
  }
  const copy: unknown = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [head, ...rest] = path;
  const container = copy as Record<string | number, unknown>;
  if (rest.length === 0 && op === 'delete') {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete container[head!];
    return copy;
  }
  container[head!] = edit(container[head!], rest, op, replacement, extraKey);
  return copy;
}

function hostileRequest(valid: unknown): fc.Arbitrary<{ payload: string; contentType: string }> {
  const json = (v: unknown) => ({ payload: toPayload(v), contentType: 'application/json' });
  const mutated = fc
    .tuple(
      fc.nat(),
      fc.constantFrom<'delete' | 'replace' | 'extra'>('delete', 'replace', 'extra'),
      hostileValue,
      fc.string({ minLength: 1, maxLength: 20 }),
    )
    .map(([i, op, value, key]) => {
      const all = paths(valid);
      return json(edit(valid, all[i % all.length]!, op, value, `x${key}`));
    });
  const nul = fc.tuple(fc.nat(), fc.nat()).map(([pick, at]) => json(withNul(valid, pick, at)));
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 2, arbitrary: nul },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(json) },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 300 }).map((s) => ({ payload: s, contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { payload: '{"__proto__":{"role":"specialist_admin"}}', contentType: 'application/json' },
        { payload: '{"constructor":{"prototype":{"isAdmin":true}}}', contentType: 'application/json' },
        { payload: '{'.repeat(5000), contentType: 'application/json' },
        { payload: `[${'1,'.repeat(600_000)}1]`, contentType: 'application/json' }, // over the 1 MB limit
        { payload: JSON.stringify(valid), contentType: 'text/plain' },
        { payload: '<xml/>', contentType: 'application/xml' },
        { payload: '', contentType: 'application/json' },
      ),
    },
  );
}

async function fingerprint(h: Harness): Promise<string> {
  const parts: string[] = [];
  for (const table of SERVER_TABLES) {
    const r = await sql<{
      f: string | null;
    }>`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as f from ${sql.table(table)} t ${
      // a refused access (403) is audited by design: that entry is the only change allowed
      table === 'audit_log' ? sql`where t.action <> 'access_refused'` : sql``
    }`.execute(h.tdb.db);
    parts.push(`${table}:${r.rows[0]?.f}`);
  }
  return parts.join('\n');
}

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: hostile bodies`, () => {
    let h: Harness;
    const sessions: Record<string, Session> = {};
    beforeAll(async () => {
      h = await createHarness(dialect);
      await h.reset({ BODY_LIMIT_BYTES: 1024 * 1024 });
      for (const key of ['cw', 'admin', 'dp']) sessions[key] = await login(h, key);
      await createCase(h, sessions.cw!, 'C-1');
    });
    afterAll(async () => {
      await h?.close();
    });

    for (const endpoint of ENDPOINTS) {
      it(`${endpoint.method} ${endpoint.url}: ${RUNS} hostile bodies → 4xx with a code, nothing changes`, async () => {
        const session = sessions[endpoint.as ?? 'cw']!;
        const valid = endpoint.valid(session);
        expect(endpoint.schema.safeParse(valid).success).toBe(true);
        const before = await fingerprint(h);
        await fc.assert(
          fc.asyncProperty(
            hostileRequest(valid).filter(({ payload, contentType }) => {
              if (contentType !== 'application/json' || payload.length > 100_000) return true;
              // a NUL anywhere or a 10,000-deep value is refused even where the schema would pass
              if (payload.includes('\\u0000') || payload.includes(DEEP_JSON)) return true;
              try {
                return !endpoint.schema.safeParse(JSON.parse(payload)).success;
              } catch {
                return true;
              }
            }),
            fc.boolean(),
            async ({ payload, contentType }, withToken) => {
              const res = await h.app.inject({
                method: endpoint.method,
                url: endpoint.url,
                payload,
                headers: {
                  'content-type': contentType,
                  ...(endpoint.as && withToken ? { authorization: `Bearer ${session.accessToken}` } : {}),
                  ...(endpoint.as && !withToken ? { authorization: 'Bearer eyJhbGciOi.forged' } : {}),
                },
              });
              expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
              expect(res.statusCode, res.body).toBeLessThan(500);
              const body = res.json<{ error: { code: string; message: string } }>();
              expect(isAppErrorCode(body.error.code), res.body).toBe(true);
              expect(body.error.message.length).toBeGreaterThan(0);
            },
          ),
          { numRuns: RUNS, seed: 20261124 },
        );
        expect(await fingerprint(h)).toBe(before);
        const health = await h.app.inject({ method: 'GET', url: '/health' });
        expect(health.statusCode).toBe(200);
      });
    }

    it('the values of issue 14 (NUL, counters beyond int64, year 0000, 10,000-deep JSON) get 4xx with a code', async () => {
      const before = await fingerprint(h);
      const cw = sessions.cw!;
      const cwAuth = { authorization: `Bearer ${cw.accessToken}`, 'content-type': 'application/json' };
      const dpAuth = { authorization: `Bearer ${sessions.dp!.accessToken}` };
      const pull = (txid: string, changeId = '0') =>
        JSON.stringify({ clientId: cw.clientId, cursor: { txid, changeId }, scopeVersion: 0, limit: 10 });
      const push = (fields: string) =>
        `{"clientId":"${cw.clientId}","schemaVersion":1,"mutations":[${JSON.stringify(
          mutation({ ...cw }, { entity: 'notes', entityId: 'N-9', caseId: 'C-1', fields: { body: 'x' } }),
        ).replace(/"fields":\{[^}]*\}\}/, `"fields":${fields}`)}]}`;
      const requests = [
        {
          method: 'POST' as const,
          url: '/sync/pull',
          payload: pull('99999999999999999999'),
          headers: cwAuth,
        },
        {
          method: 'POST' as const,
          url: '/sync/pull',
          payload: pull('0', '9223372036854775808'),
          headers: cwAuth,
        },
        {
          method: 'POST' as const,
          url: '/sync/push',
          payload: push('{"body":{"value":"Notiz\\u0000","baseVersion":0}}'),
          headers: cwAuth,
        },
        {
          method: 'POST' as const,
          url: '/sync/push',
          payload: push(`{"body":{"value":${DEEP_JSON},"baseVersion":0}}`),
          headers: cwAuth,
        },
        {
          method: 'POST' as const,
          url: '/auth/login',
          payload: JSON.stringify({
            username: 'ifk\u0000own',
            password: 'x',
            clientId: cw.clientId,
            deviceName: 'L',
          }),
          headers: { 'content-type': 'application/json' },
        },
        {
          method: 'GET' as const,
          url: '/audit/export?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&afterId=9223372036854775808',
          headers: dpAuth,
        },
        {
          method: 'GET' as const,
          url: '/audit/export?from=0000-01-01T00:00:00Z&to=2027-01-01T00:00:00Z',
          headers: dpAuth,
        },
        { method: 'GET' as const, url: '/audit/export?from=%00&to=%00', headers: dpAuth },
        {
          method: 'POST' as const,
          url: '/audit/events',
          payload: JSON.stringify({
            clientId: cw.clientId,
            events: [{ caseId: 'C-1', action: 'case_opened', at: '0000-01-01T00:00:00Z' }],
          }),
          headers: cwAuth,
        },
        {
          method: 'POST' as const,
          url: '/break-glass',
          payload: JSON.stringify({
            caseId: 'C-1',
            reason: `Begründung mit genug Zeichen\u0000`,
            minutes: 5,
          }),
          headers: {
            authorization: `Bearer ${sessions.dp!.accessToken}`,
            'content-type': 'application/json',
          },
        },
      ];
      for (const r of requests) {
        const res = await h.app.inject(r);
        expect(res.statusCode, `${r.url} ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${r.url} ${res.body}`).toBeLessThan(500);
        const body = res.json<{ error: { code: string; message: string } }>();
        expect(isAppErrorCode(body.error.code)).toBe(true);
        expect(body.error.message.length).toBeGreaterThan(0);
      }
      expect(await fingerprint(h)).toBe(before);
    });

    it('hostile path parameters and query strings get 4xx with a code', async () => {
      const before = await fingerprint(h);
      const auth = { authorization: `Bearer ${sessions.admin!.accessToken}` };
      const dpAuth = { authorization: `Bearer ${sessions.dp!.accessToken}` };
      const cwAuth = { authorization: `Bearer ${sessions.cw!.accessToken}` };
      await fc.assert(
        fc.asyncProperty(fc.string({ minLength: 1, maxLength: 120 }), async (raw) => {
          const seg = encodeURIComponent(raw);
          const responses = await Promise.all([
            h.app.inject({
              method: 'POST',
              url: `/admin/cases/${seg}/assignment`,
              payload: { assignedUserId: 'x' },
              headers: auth,
            }),
            h.app.inject({
              method: 'POST',
              url: `/admin/devices/${seg}/revoke`,
              payload: { wipe: true },
              headers: auth,
            }),
            h.app.inject({
              method: 'POST',
              url: `/admin/quarantine/${seg}/reviewed`,
              payload: {},
              headers: auth,
            }),
            h.app.inject({ method: 'GET', url: `/audit/export?from=${seg}&to=${seg}`, headers: dpAuth }),
            h.app.inject({
              method: 'POST',
              url: `/sync/conflicts/${seg}/resolve`,
              payload: { clientId: sessions.cw!.clientId, resolution: 'keep' },
              headers: cwAuth,
            }),
            h.app.inject({ method: 'GET', url: `/sync/poke?clientId=${seg}`, headers: cwAuth }),
            h.app.inject({
              method: 'PUT',
              url: `/reference-data/${seg}X`,
              payload: { expectedVersion: 0, content: {} },
              headers: auth,
            }),
          ]);
          for (const res of responses) {
            expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
            expect(res.statusCode, res.body).toBeLessThan(500);
            expect(isAppErrorCode(res.json().error.code)).toBe(true);
          }
        }),
        { numRuns: Math.max(100, Math.floor(RUNS / 4)), seed: 7 },
      );
      expect(await fingerprint(h)).toBe(before);
    });
  });
}
