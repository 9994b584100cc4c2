import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_DIALECTS, skipReason, tableCounts } from '../../helpers/server-db';
import {
  createCase,
  createHarness,
  login,
  mutation,
  post,
  pullAll,
  pushBatch,
  type Harness,
  type Session,
} from './harness';

/** Case locations, seen from the caseworker `cw` (team osz-a, office Oschatz). */
const CASES = {
  own: 'C-own', // assigned to cw
  team: 'C-team', // assigned to a colleague in team osz-a
  otherTeam: 'C-otherteam', // same office, team osz-b
  otherOffice: 'C-otheroffice', // Delitzsch
} as const;
type Location = keyof typeof CASES;
type Action = 'read' | 'write' | 'pull';

/** The expected matrix. Everything not listed as true must be refused (403 with a code) or absent. */
const ALLOWED: Record<string, Record<Location, Record<Action, boolean>>> = {
  cw: {
    own: { read: true, write: true, pull: true },
    team: { read: false, write: false, pull: false },
    otherTeam: { read: false, write: false, pull: false },
    otherOffice: { read: false, write: false, pull: false },
  },
  lead: {
    own: { read: true, write: false, pull: true },
    team: { read: true, write: false, pull: true },
    otherTeam: { read: false, write: false, pull: false },
    otherOffice: { read: false, write: false, pull: false },
  },
  admin: {
    own: { read: false, write: false, pull: false },
    team: { read: false, write: false, pull: false },
    otherTeam: { read: false, write: false, pull: false },
    otherOffice: { read: false, write: false, pull: false },
  },
  dp: {
    own: { read: false, write: false, pull: false },
    team: { read: false, write: false, pull: false },
    otherTeam: { read: false, write: false, pull: false },
    otherOffice: { read: false, write: false, pull: false },
  },
};

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: authorization matrix`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await createHarness(dialect);
    });
    afterAll(async () => {
      await h?.close();
    });

    let sessions: Record<string, Session>;
    beforeEach(async () => {
      await h.reset();
      sessions = {};
      for (const key of ['cw', 'cwTeam', 'cwOtherTeam', 'cwOther', 'lead', 'admin', 'dp'])
        sessions[key] = await login(h, key);
      await createCase(h, sessions.cw!, CASES.own);
      await createCase(h, sessions.cwTeam!, CASES.team);
      await createCase(h, sessions.cwOtherTeam!, CASES.otherTeam);
      await createCase(h, sessions.cwOther!, CASES.otherOffice);
      for (const [key, caseId] of [
        ['cw', CASES.own],
        ['cwTeam', CASES.team],
        ['cwOtherTeam', CASES.otherTeam],
        ['cwOther', CASES.otherOffice],
      ] as const) {
        const s = sessions[key]!;
        await pushBatch(h, s, [
          mutation(s, {
            entity: 'notes',
            entityId: `N-${caseId}`,
            caseId,
            op: 'create',
            fields: { body: 'Vermerk' },
          }),
        ]);
      }
    });

    async function check(actor: string, location: Location, action: Action): Promise<boolean> {
      const s = sessions[actor]!;
      const caseId = CASES[location];
      if (action === 'pull') {
        const pulled = await pullAll(h, s);
        return pulled.changes.some((c) => c.caseId === caseId) || pulled.scope.added.includes(caseId);
      }
      const before = await tableCounts(h.tdb.db);
      const res =
        action === 'read'
          ? await post(h, s, '/sync/snapshot', { clientId: s.clientId, caseIds: [caseId] })
          : await pushBatch(h, s, [
              mutation(s, {
                entity: 'notes',
                entityId: `N-${caseId}`,
                caseId,
                fields: { body: 'geändert' },
                bases: { body: 1 },
              }),
            ]);
      if (res.statusCode === 200) {
        if (action === 'read') expect(res.json().rows.length).toBeGreaterThan(0);
        else expect(res.json().results[0].status).toBe('applied');
        return true;
      }
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
      expect(res.json().error.message.length).toBeGreaterThan(5);
      const after = await tableCounts(h.tdb.db);
      expect(after).toEqual(before);
      return false;
    }

    it('every role × own / team / other-team / other-office case × read / write / pull: no leak', async () => {
      const actual: Record<string, Record<string, Record<string, boolean>>> = {};
      for (const actor of Object.keys(ALLOWED)) {
        actual[actor] = {};
        for (const location of Object.keys(CASES) as Location[]) {
          actual[actor]![location] = {};
          for (const action of ['pull', 'read', 'write'] as Action[]) {
            actual[actor]![location]![action] = await check(actor, location, action);
          }
        }
      }
      expect(actual).toEqual(ALLOWED);
    });

    it('a substitute sees and edits the absent colleague’s cases only while the substitution runs', async () => {
      const admin = sessions.admin!;
      const res = await post(h, admin, '/admin/substitutions', {
        absentUserId: h.userIds.cwTeam,
        substituteUserId: h.userIds.cw,
        validFrom: '2026-03-02T00:00:00.000Z',
        validUntil: '2026-03-03T00:00:00.000Z',
      });
      expect(res.statusCode).toBe(201);
      expect(await check('cw', 'team', 'read')).toBe(true);
      expect(await check('cw', 'team', 'write')).toBe(true);
      expect(await check('cw', 'team', 'pull')).toBe(true);
      h.clock.advance(2 * 86_400_000);
      const seq = sessions.cw!.seq;
      sessions.cw = await login(h, 'cw', sessions.cw!.clientId); // the access token expired meanwhile
      sessions.cw.seq = seq;
      expect(await check('cw', 'team', 'read')).toBe(false);
      expect(await check('cw', 'team', 'pull')).toBe(false);
      // the device had the case: a late edit is quarantined for review, not applied and not lost
      const s = sessions.cw;
      const late = await pushBatch(h, s, [
        mutation(s, {
          entity: 'notes',
          entityId: `N-${CASES.team}`,
          caseId: CASES.team,
          fields: { body: 'spät' },
          bases: { body: 2 },
        }),
      ]);
      expect(late.json().results[0]).toMatchObject({ status: 'rejected', reason: 'SYNC_QUARANTINED' });
      const pulled = await pullAll(h, s);
      expect(pulled.changes.some((c) => c.caseId === CASES.team)).toBe(false);
    });

    it('break-glass gives Datenschutz a logged, time-limited, read-only view of one case', async () => {
      const dp = sessions.dp!;
      const short = await post(h, dp, '/break-glass', {
        caseId: CASES.otherOffice,
        reason: 'zu kurz',
        minutes: 30,
      });
      expect(short.statusCode).toBe(400);
      const granted = await post(h, dp, '/break-glass', {
        caseId: CASES.otherOffice,
        reason: 'Auskunftsersuchen nach Art. 15 DSGVO, Az. 2026-17',
        minutes: 30,
      });
      expect(granted.statusCode).toBe(201);
      expect(await check('dp', 'otherOffice', 'read')).toBe(true);
      expect(await check('dp', 'otherOffice', 'write')).toBe(false);
      expect(await check('dp', 'own', 'read')).toBe(false);
      const log = await h.tdb.db
        .selectFrom('audit_log')
        .select(['action', 'case_id', 'user_id'])
        .where('action', '=', 'break_glass')
        .execute();
      expect(log).toEqual([{ action: 'break_glass', case_id: CASES.otherOffice, user_id: h.userIds.dp }]);
      h.clock.advance(31 * 60_000);
      sessions.dp = await login(h, 'dp', dp.clientId);
      expect(await check('dp', 'otherOffice', 'read')).toBe(false);
    });

    it('admin, audit, reference-data and conflict endpoints refuse other roles with 403 and a code', async () => {
      const cw = sessions.cw!;
      // a conflict in the team colleague's case (two of their devices edit the same line)
      const team = sessions.cwTeam!;
      const team2 = await login(h, 'cwTeam');
      const conflictIds: string[] = [];
      for (const [s, body] of [
        [team, 'Vermerk A'],
        [team2, 'Vermerk B'],
      ] as const) {
        const res = await pushBatch(h, s, [
          mutation(s, {
            entity: 'notes',
            entityId: `N-${CASES.team}`,
            caseId: CASES.team,
            fields: { body },
            bases: { body: 1 },
          }),
        ]);
        conflictIds.push(...(res.json().results[0].conflictIds as string[]));
      }
      expect(conflictIds).toHaveLength(1);
      const resolveAs = (s: Session) =>
        post(h, s, `/sync/conflicts/${conflictIds[0]}/resolve`, { clientId: s.clientId, resolution: 'keep' });
      const attempts = [
        resolveAs(cw),
        resolveAs(sessions.lead!),
        resolveAs(sessions.cwOtherTeam!),
        resolveAs(sessions.cwOther!),
        resolveAs(sessions.admin!),
        resolveAs(sessions.dp!),
        post(h, cw, '/admin/offices', { id: 'torgau', name: 'Torgau' }),
        post(h, cw, '/admin/users', {
          username: 'x.y',
          displayName: 'X',
          role: 'specialist_admin',
          officeId: 'oschatz',
          teamId: null,
          password: 'sehr-geheim-123',
        }),
        post(h, cw, `/admin/devices/${sessions.cwTeam!.clientId}/revoke`, { wipe: true }),
        post(h, sessions.lead!, '/admin/cases/C-otherteam/assignment', { assignedUserId: h.userIds.cw }),
        h.app.inject({
          method: 'GET',
          url: '/audit/export?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z',
          headers: { authorization: `Bearer ${sessions.admin!.accessToken}` },
        }),
        h.app.inject({
          method: 'PUT',
          url: '/reference-data/measures',
          payload: { expectedVersion: 0, content: {} },
          headers: { authorization: `Bearer ${cw.accessToken}` },
        }),
        post(h, cw, '/audit/events', {
          clientId: cw.clientId,
          events: [{ caseId: CASES.team, action: 'case_opened', at: '2026-03-02T08:00:00Z' }],
        }),
        post(h, sessions.lead!, '/sync/push', {
          clientId: sessions.lead!.clientId,
          schemaVersion: 1,
          mutations: [
            mutation(sessions.lead!, {
              entity: 'notes',
              entityId: 'N-x',
              caseId: CASES.own,
              fields: { body: 'x' },
            }),
          ],
        }),
        post(h, cw, '/sync/pull', {
          clientId: sessions.cwTeam!.clientId,
          cursor: { txid: '0', changeId: '0' },
          scopeVersion: 0,
        }),
      ];
      const before = await tableCounts(h.tdb.db);
      for (const res of await Promise.all(attempts)) {
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
      expect(await tableCounts(h.tdb.db)).toEqual(before);
    });

    it('blobs: PUT follows the write column and GET the read column of the matrix (403 with a code otherwise)', async () => {
      const owners: Record<Location, string> = {
        own: 'cw',
        team: 'cwTeam',
        otherTeam: 'cwOtherTeam',
        otherOffice: 'cwOther',
      };
      const blobRequest = (s: Session, method: 'PUT' | 'GET', caseId: string, data: Buffer) =>
        h.app.inject({
          method,
          url: `/blobs/${createHash('sha256').update(data).digest('hex')}?caseId=${caseId}`,
          headers: {
            authorization: `Bearer ${s.accessToken}`,
            ...(method === 'PUT'
              ? {
                  'content-type': 'application/octet-stream',
                  'content-range': `bytes 0-${data.length - 1}/${data.length}`,
                }
              : {}),
          },
          ...(method === 'PUT' ? { payload: data } : {}),
        });
      const stored: Record<string, Buffer> = {};
      for (const location of Object.keys(CASES) as Location[]) {
        stored[location] = Buffer.from(`Kooperationsplan ${location}`);
        const res = await blobRequest(sessions[owners[location]]!, 'PUT', CASES[location], stored[location]);
        expect(res.statusCode, res.body).toBe(201);
      }
      const actual: Record<string, Record<string, { read: boolean; write: boolean }>> = {};
      const expected: typeof actual = {};
      for (const actor of Object.keys(ALLOWED)) {
        actual[actor] = {};
        expected[actor] = {};
        for (const location of Object.keys(CASES) as Location[]) {
          expected[actor]![location] = {
            read: ALLOWED[actor]![location].read,
            write: ALLOWED[actor]![location].write,
          };
          const outcome = { read: false, write: false };
          for (const action of ['read', 'write'] as const) {
            const before = await tableCounts(h.tdb.db);
            const data = Buffer.from(`Anlage ${actor} ${location}`);
            const res =
              action === 'read'
                ? await blobRequest(sessions[actor]!, 'GET', CASES[location], stored[location]!)
                : await blobRequest(sessions[actor]!, 'PUT', CASES[location], data);
            if (res.statusCode === 200 || res.statusCode === 201) {
              if (action === 'read') expect(res.rawPayload.equals(stored[location]!)).toBe(true);
              outcome[action] = true;
              continue;
            }
            expect(res.statusCode, res.body).toBe(403);
            expect(res.json().error.code).toBe('FORBIDDEN');
            expect(await tableCounts(h.tdb.db)).toEqual(before);
          }
          actual[actor]![location] = outcome;
        }
      }
      expect(actual).toEqual(expected);
    });
  });
}
