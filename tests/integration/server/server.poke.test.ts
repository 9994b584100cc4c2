/**
 * GET /sync/poke: a real HTTP connection (server on 127.0.0.1:0) receives `event: poke` after a
 * change in its scope, none for cases outside it, and server close ends the stream without hanging.
 *
 * "None" is never proven by waiting a while and seeing nothing: after the change that must not poke
 * a device, the test makes a change that must, waits for the hub to have fanned out both
 * (`pokeHubOf(app).idle()`), then ends the stream by reconnecting the device (one stream per
 * device) and counts what arrived before the end. A wrong poke shows as one too many.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pokeHubOf } from '../../../src/server/features/sync/poke';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import {
  createCase,
  createHarness,
  login,
  mutation,
  post,
  pushBatch,
  type Harness,
  type Session,
} from './harness';

interface SseClient {
  readonly status: number;
  readonly contentType: string | undefined;
  text(): string;
  pokes(): number;
  readonly ended: Promise<void>;
  close(): void;
}

function connect(port: number, s: Session, clientId = s.clientId): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: `/sync/poke?clientId=${clientId}`,
        headers: { authorization: `Bearer ${s.accessToken}`, accept: 'text/event-stream' },
      },
      (res) => {
        let buffer = '';
        let endedResolve: () => void = () => undefined;
        const ended = new Promise<void>((r) => (endedResolve = r));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (buffer += chunk));
        res.on('end', endedResolve);
        res.on('close', endedResolve);
        const client: SseClient = {
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          text: () => buffer,
          pokes: () => buffer.split('event: poke\ndata: {}\n\n').length - 1,
          ended,
          close: () => req.destroy(),
        };
        if (client.status !== 200) {
          res.on('end', () => resolve(client));
          return;
        }
        // registered once the first comment has arrived
        const ready = () => {
          if (buffer.includes(': lotse poke')) resolve(client);
          else res.once('data', ready);
        };
        res.once('data', ready);
      },
    );
    req.on('error', reject);
  });
}

async function waitFor(check: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: SSE poke`, () => {
    let h: Harness;
    let port: number;
    const open: SseClient[] = [];
    beforeAll(async () => {
      h = await createHarness(dialect);
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(async () => {
      for (const c of open.splice(0)) c.close();
      await h.reset();
      await h.app.listen({ host: '127.0.0.1', port: 0 });
      port = (h.app.server.address() as AddressInfo).port;
    });

    /**
     * Everything the server will ever send on `client` has arrived: every notification so far has
     * been fanned out, then the device reconnects, which ends its previous stream after the bytes
     * already written to it. Returns the new connection.
     */
    async function drain(client: SseClient, s: Session): Promise<SseClient> {
      await pokeHubOf(h.app).idle();
      const next = await connect(port, s);
      open.push(next);
      await client.ended;
      return next;
    }

    it('pokes connected devices for changes in their scope only, without payload', async () => {
      const cw = await login(h, 'cw');
      const cwLaptop = await login(h, 'cw');
      const lead = await login(h, 'lead');
      const other = await login(h, 'cwOther');
      const otherLaptop = await login(h, 'cwOther');
      await createCase(h, cw, 'C-own');
      await createCase(h, other, 'C-other');

      const sCw = await connect(port, cw);
      const sLead = await connect(port, lead);
      const sOther = await connect(port, other);
      open.push(sCw, sLead, sOther);
      expect(sCw.status).toBe(200);
      expect(sCw.contentType).toMatch(/^text\/event-stream/);

      // the caseworker's other device pushes to C-own: cw and the team lead are poked, Delitzsch is not
      const r1 = await pushBatch(h, cwLaptop, [
        mutation(cwLaptop, {
          entity: 'notes',
          entityId: 'N-1',
          caseId: 'C-own',
          op: 'create',
          fields: { body: 'Vermerk' },
        }),
      ]);
      expect(r1.statusCode).toBe(200);
      await waitFor(() => sCw.pokes() === 1 && sLead.pokes() === 1);

      // a change in the other office's case: only that office's caseworker is poked
      await pushBatch(h, otherLaptop, [
        mutation(otherLaptop, {
          entity: 'notes',
          entityId: 'N-2',
          caseId: 'C-other',
          op: 'create',
          fields: { body: 'Vermerk' },
        }),
      ]);
      await waitFor(() => sOther.pokes() === 1);
      // its fan-out is complete, so the next change cannot be folded into the same round of pokes
      await pokeHubOf(h.app).idle();

      // the positive signal: another change in C-own pokes cw and the team lead (not Delitzsch)
      await pushBatch(h, cwLaptop, [
        mutation(cwLaptop, {
          entity: 'notes',
          entityId: 'N-3',
          caseId: 'C-own',
          op: 'create',
          fields: { body: 'Zweiter Vermerk' },
        }),
      ]);
      await waitFor(() => sCw.pokes() >= 2 && sLead.pokes() >= 2);
      for (const [client, session] of [
        [sCw, cw],
        [sLead, lead],
        [sOther, other],
      ] as const)
        await drain(client, session);
      // exactly one poke per change in scope: N-2 poked neither cw nor the team lead, N-3 not Delitzsch
      expect(sCw.pokes()).toBe(2);
      expect(sLead.pokes()).toBe(2);
      expect(sOther.pokes()).toBe(1);
      // nothing but comments, retry and bare pokes on the wire
      for (const c of [sCw, sLead, sOther]) {
        const lines = c
          .text()
          .split('\n')
          .filter((l) => l !== '');
        for (const line of lines) expect(line).toMatch(/^(:.*|retry: \d+|event: poke|data: \{\})$/);
      }
    });

    it('does not poke the device whose push made the change (it pulls in the same round)', async () => {
      const cw = await login(h, 'cw');
      const cwLaptop = await login(h, 'cw');
      await createCase(h, cw, 'C-own');
      await pokeHubOf(h.app).idle();
      const sCw = await connect(port, cw);
      const sLaptop = await connect(port, cwLaptop);
      open.push(sCw, sLaptop);
      const note = (s: Session, id: string) =>
        mutation(s, { entity: 'notes', entityId: id, caseId: 'C-own', op: 'create', fields: { body: 'V' } });
      expect((await pushBatch(h, cwLaptop, [note(cwLaptop, 'N-1')])).statusCode).toBe(200);
      await waitFor(() => sCw.pokes() === 1);
      await pokeHubOf(h.app).idle();
      // the positive signal: the other device's change does poke the laptop
      expect((await pushBatch(h, cw, [note(cw, 'N-2')])).statusCode).toBe(200);
      await waitFor(() => sLaptop.pokes() >= 1);
      await drain(sCw, cw);
      await drain(sLaptop, cwLaptop);
      expect(sLaptop.pokes()).toBe(1);
      expect(sCw.pokes()).toBe(1);
    });

    it('pokes on conflict resolution and refuses a foreign clientId or a missing token', async () => {
      const a = await login(h, 'cw');
      const b = await login(h, 'cw');
      await createCase(h, a, 'C-1');
      await pushBatch(h, a, [
        mutation(a, {
          entity: 'persons',
          entityId: 'P-1',
          caseId: 'C-1',
          op: 'create',
          fields: { firstName: 'A' },
        }),
      ]);
      await pushBatch(h, a, [
        mutation(a, {
          entity: 'persons',
          entityId: 'P-1',
          caseId: 'C-1',
          fields: { firstName: 'B' },
          bases: { firstName: 1 },
        }),
      ]);
      b.hlcMillis += 10_000;
      const rb = await pushBatch(h, b, [
        mutation(b, {
          entity: 'persons',
          entityId: 'P-1',
          caseId: 'C-1',
          fields: { firstName: 'C' },
          bases: { firstName: 1 },
        }),
      ]);
      const conflictId = rb.json().results[0].conflictIds[0] as string;

      const sA = await connect(port, a);
      open.push(sA);
      const res = await post(h, b, `/sync/conflicts/${conflictId}/resolve`, {
        clientId: b.clientId,
        resolution: 'keep',
      });
      expect(res.statusCode).toBe(200);
      await waitFor(() => sA.pokes() === 1);
      // replaying the resolution changes nothing and pokes nobody ...
      const replay = await post(h, b, `/sync/conflicts/${conflictId}/resolve`, {
        clientId: b.clientId,
        resolution: 'keep',
      });
      expect(replay.statusCode).toBe(200);
      await pokeHubOf(h.app).idle();
      // ... proven by a change that does poke: it is the only poke after the resolution's
      const rNote = await pushBatch(h, b, [
        mutation(b, {
          entity: 'notes',
          entityId: 'N-1',
          caseId: 'C-1',
          op: 'create',
          fields: { body: 'Vermerk' },
        }),
      ]);
      expect(rNote.statusCode).toBe(200);
      await waitFor(() => sA.pokes() >= 2);
      await drain(sA, a);
      expect(sA.pokes()).toBe(2);

      const foreign = await connect(port, a, b.clientId);
      expect(foreign.status).toBe(403);
      const anonymous = await new Promise<number>((resolve) =>
        http.get({ host: '127.0.0.1', port, path: `/sync/poke?clientId=${a.clientId}` }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        }),
      );
      expect(anonymous).toBe(401);
    });

    it('server close ends open streams instead of hanging', async () => {
      const a = await login(h, 'cw');
      const sA = await connect(port, a);
      expect(pokeHubOf(h.app).size).toBe(1);
      // close() resolves only once every open stream has ended (a hang fails by the test timeout)
      await h.app.close();
      await sA.ended;
      expect(pokeHubOf(h.app).size).toBe(0);
      await h.reset(); // a fresh app for afterAll
    });
  });
}
