/**
 * Issue 12: the desktop sync engine (src/main/features/sync/sync-engine.ts) with two desktops
 * (encrypted local stores) against a real server listening on loopback, PGlite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import * as admin from '../../../src/server/features/admin/admin.service';
import { sampleFields } from '../../helpers/records';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { count, engineDesktop, rows, useTwoDesktops, type EngineDesktop } from '../../helpers/sync-engine';
import type { Harness } from '../server/harness';

const NOTE = 'Zeile eins\nZeile zwei\nZeile drei\nZeile vier\n';

async function caseWithNote(d: EngineDesktop) {
  const { caseId, personId } = await d.cases.createCase({
    officeId: 'oschatz',
    caseworkerId: d.session.userId,
    openedOn: '2026-03-02',
    person: { ...sampleFields('persons', { caseId: 'x', id: 'x' }), phone: '0341 111' },
  });
  const { noteId } = await d.cases.addNote(caseId, {
    category: 'Beratung',
    title: 'Erstgespräch',
    body: NOTE,
    restricted: false,
  });
  return { caseId, personId, noteId };
}

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: sync engine, two desktops, one server`, () => {
    let h: Harness;
    let url: string;
    let a: EngineDesktop;
    let b: EngineDesktop;
    useTwoDesktops(dialect, (s) => ({ h, url, a, b } = s));

    it('pushes the outbox and pulls it into the other desktop; status tells the outcome', async () => {
      const { caseId, noteId } = await caseWithNote(a);
      expect((await a.engine.status()).pendingCount).toBeGreaterThan(0);
      const sa = await a.engine.syncNow();
      expect(sa.error).toBeNull();
      expect(sa.state).toBe('idle');
      expect(sa.pendingCount).toBe(0);
      expect(sa.lastSuccessAt).not.toBeNull();
      const sb = await b.engine.syncNow();
      expect(sb.error).toBeNull();
      expect(rows(b, 'SELECT body FROM notes WHERE id = ?', noteId)).toEqual([{ body: NOTE }]);
      // the final case number reached both
      const numbers = [a, b].map((d) => rows(d, 'SELECT case_number FROM cases WHERE id = ?', caseId)[0]);
      expect(numbers[0]).toEqual(numbers[1]);
      expect(String(numbers[0]!['case_number'])).toMatch(/^OSZ-2026-\d{6}$/);
    });

    it('concurrent edits: a different note line merges, the same phone field gives a conflict both see', async () => {
      const { caseId, personId, noteId } = await caseWithNote(a);
      await a.engine.syncNow();
      await b.engine.syncNow();
      // both offline
      await a.cases.updatePerson(personId, { phone: '0341 222' });
      await a.cases.updateNote(noteId, { body: NOTE.replace('Zeile eins', 'Zeile EINS (A)') });
      await b.cases.updatePerson(personId, { phone: '0341 333' });
      await b.cases.updateNote(noteId, { body: NOTE.replace('Zeile vier', 'Zeile VIER (B)') });
      h.clock.advance(60_000);
      await b.engine.syncNow();
      await a.engine.syncNow();
      await b.engine.syncNow();
      const merged = 'Zeile EINS (A)\nZeile zwei\nZeile drei\nZeile VIER (B)\n';
      for (const d of [a, b]) {
        expect(rows(d, 'SELECT body FROM notes WHERE id = ?', noteId)).toEqual([{ body: merged }]);
        expect(count(d, 'SELECT count(*) AS n FROM sync_outbox')).toBe(0);
      }
      const issuesA = await a.engine.caseIssues(caseId);
      const phone = issuesA.conflicts.find((c) => c.field === 'phone' && c.kind === 'conflict')!;
      expect(phone).toBeDefined();
      expect({ mine: phone.mine, theirs: phone.theirs }).toEqual({ mine: '0341 222', theirs: '0341 333' });
      const issuesB = await b.engine.caseIssues(caseId);
      const phoneB = issuesB.conflicts.find((c) => c.conflictId === phone.conflictId)!;
      expect({ mine: phoneB.mine, theirs: phoneB.theirs }).toEqual({ mine: '0341 333', theirs: '0341 222' });
      expect(issuesA.conflicts.some((c) => c.kind === 'merged' && c.field === 'body')).toBe(true);
      // both desktops hold the same phone value (the later edit won, the other is in the record)
      const phones = [a, b].map((d) => rows(d, 'SELECT phone FROM persons WHERE id = ?', personId)[0]);
      expect(phones[0]).toEqual(phones[1]);

      // B decides: keep B's number (its own); A learns the decision and the value
      await b.engine.resolveConflict(phone.conflictId, 'mine');
      await b.engine.syncNow();
      await a.engine.syncNow();
      expect(rows(a, 'SELECT phone FROM persons WHERE id = ?', personId)).toEqual([{ phone: '0341 333' }]);
      expect((await a.engine.caseIssues(caseId)).conflicts.map((c) => c.conflictId)).not.toContain(
        phone.conflictId,
      );
    });

    it('a text conflict is resolved with a merged text, written as a normal edit that reaches the other desktop', async () => {
      const { caseId, noteId } = await caseWithNote(a);
      await a.engine.syncNow();
      await b.engine.syncNow();
      await a.cases.updateNote(noteId, { body: NOTE.replace('Zeile zwei', 'Zeile zwei – A') });
      await b.cases.updateNote(noteId, { body: NOTE.replace('Zeile zwei', 'Zeile zwei – B') });
      await b.engine.syncNow();
      await a.engine.syncNow();
      const c = (await a.engine.caseIssues(caseId)).conflicts.find((x) => x.kind === 'conflict')!;
      expect(c.field).toBe('body');
      expect(c.mine).toContain('– A');
      expect(c.theirs).toContain('– B');
      const text = NOTE.replace('Zeile zwei', 'Zeile zwei – A und B');
      await a.engine.resolveConflict(c.conflictId, 'merged', text);
      await a.engine.syncNow();
      await b.engine.syncNow();
      expect(rows(b, 'SELECT body FROM notes WHERE id = ?', noteId)).toEqual([{ body: text }]);
      expect((await b.engine.caseIssues(caseId)).conflicts.filter((x) => x.kind === 'conflict')).toEqual([]);
    });

    it('a response lost after the server committed: the outbox stays, the retry replays it exactly once', async () => {
      const { noteId } = await caseWithNote(a);
      const pending = count(a, 'SELECT count(*) AS n FROM sync_outbox');
      a.fault = (u) => (u.endsWith('/sync/push') ? 'drop-response' : null);
      const s1 = await a.engine.syncNow();
      expect(s1.state).toBe('offline');
      expect(s1.error?.code).toBe('SYNC_OFFLINE');
      expect(s1.error?.message).toMatch(/nicht erreichbar/);
      expect(s1.pendingCount).toBe(pending);
      a.fault = null;
      const s2 = await a.engine.syncNow();
      expect(s2.error).toBeNull();
      expect(s2.pendingCount).toBe(0);
      const stored = await h.tdb.db
        .selectFrom('sync_mutations')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .where('client_id', '=', a.session.clientId)
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(pending);
      await b.engine.syncNow();
      expect(count(b, 'SELECT count(*) AS n FROM notes WHERE id = ?', noteId)).toBe(1);
      expect(rows(b, 'SELECT row_version FROM notes WHERE id = ?', noteId)).toEqual([{ row_version: 1 }]);
    });

    it('a request lost before it was sent changes nothing; the retry timer fires without a new local write', async () => {
      await caseWithNote(a);
      a.engine.start();
      a.fault = () => 'drop-request';
      await a.engine.syncNow();
      const delays1 = a.timer.delays();
      expect(delays1).toHaveLength(1);
      expect((await a.engine.status()).nextAttemptAt).not.toBeNull();
      // the next failure waits longer (exponential backoff)
      await a.engine.syncNow();
      const delays2 = a.timer.delays();
      expect(delays2[0]!).toBeGreaterThan(delays1[0]!);
      expect(
        Number(
          (
            await h.tdb.db
              .selectFrom('sync_mutations')
              .select(({ fn }) => fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(0);
      a.fault = null;
      a.timer.fireAll();
      await expect.poll(async () => (await a.engine.status()).pendingCount).toBe(0);
      await a.engine.stop();
    });

    it('a pull page that fails to apply rolls back with its cursor; the re-pull is complete and nothing regresses', async () => {
      await caseWithNote(a);
      await caseWithNote(a);
      await a.engine.syncNow();
      const cursorBefore = rows(b, "SELECT value FROM sync_state WHERE key = 'cursor'");
      b.t.raw.exec(
        `CREATE TEMP TRIGGER crash_in_apply BEFORE INSERT ON notes BEGIN SELECT RAISE(ABORT, 'crash'); END`,
      );
      const s = await b.engine.syncNow();
      expect(s.error?.code).toBe('INTERNAL');
      expect(rows(b, "SELECT value FROM sync_state WHERE key = 'cursor'")).toEqual(cursorBefore);
      expect(count(b, 'SELECT count(*) AS n FROM cases')).toBe(0);
      b.t.raw.exec('DROP TRIGGER crash_in_apply');
      expect((await b.engine.syncNow()).error).toBeNull();
      expect(count(b, 'SELECT count(*) AS n FROM cases')).toBe(2);
      expect(count(b, 'SELECT count(*) AS n FROM notes')).toBe(2);
      const versions = rows(b, 'SELECT id, row_version FROM notes ORDER BY id');
      await b.engine.syncNow();
      expect(rows(b, 'SELECT id, row_version FROM notes ORDER BY id')).toEqual(versions);
    });

    it('a pull never overwrites a field with a pending local edit', async () => {
      const { personId } = await caseWithNote(a);
      await a.engine.syncNow();
      await b.engine.syncNow();
      await b.cases.updatePerson(personId, { phone: '0341 999', town: 'Torgau' });
      await a.cases.updatePerson(personId, { phone: '0341 555' });
      await a.engine.syncNow();
      // B pushes first in its round, so hold B's push back and look at the pull alone
      b.fault = (u) => (u.endsWith('/sync/push') ? 'drop-request' : null);
      await b.engine.syncNow();
      expect(rows(b, 'SELECT phone, town FROM persons WHERE id = ?', personId)).toEqual([
        { phone: '0341 999', town: 'Torgau' },
      ]);
      b.fault = null;
      await b.engine.syncNow();
      expect(count(b, 'SELECT count(*) AS n FROM sync_outbox')).toBe(0);
    });

    it('a round on a poke or a write right after a hello goes straight to push and pull; a revocation meanwhile still stops it', async () => {
      const { personId } = await caseWithNote(a);
      const urls: string[] = [];
      a.fault = (u) => {
        urls.push(new URL(u).pathname);
        return null;
      };
      const settled = async () => {
        await expect.poll(() => a.timer.delays().length, { timeout: 20_000 }).toBe(1);
        await expect.poll(async () => (await a.engine.status()).state).not.toBe('syncing');
      };
      a.engine.start();
      a.timer.fireAll(); // the first round on the timer says hello
      await settled();
      expect(urls.filter((u) => u === '/sync/hello')).toHaveLength(1);
      expect((await a.engine.status()).pendingCount).toBe(0);

      // a local write kicks a round: no second hello, the edit goes out
      urls.length = 0;
      await a.cases.updatePerson(personId, { phone: '0341 444' });
      a.engine.kick();
      a.timer.fireAll();
      await expect.poll(async () => (await a.engine.status()).pendingCount, { timeout: 20_000 }).toBe(0);
      await settled();
      expect(urls).toContain('/sync/push');
      expect(urls).toContain('/sync/pull');
      expect(urls).not.toContain('/sync/hello');

      // a poke while that round runs: the round that follows at once reuses the hello too
      urls.length = 0;
      let pokedDuring = false;
      a.fault = (u) => {
        const path = new URL(u).pathname;
        urls.push(path);
        if (path === '/sync/pull' && !pokedDuring) {
          pokedDuring = true;
          a.engine.kick();
        }
        return null;
      };
      a.engine.kick();
      a.timer.fireAll();
      await expect.poll(() => urls.filter((u) => u === '/sync/pull').length, { timeout: 20_000 }).toBe(2);
      await settled();
      expect(urls).not.toContain('/sync/hello');
      a.fault = (u) => {
        urls.push(new URL(u).pathname);
        return null;
      };

      // asked for by the user: always a hello
      urls.length = 0;
      await a.engine.syncNow();
      expect(urls[0]).toBe('/sync/hello');

      // revoked meanwhile: the kicked round's pull is refused, the hello after it stops the engine
      await admin.revokeDevice(
        { db: h.tdb.db, clock: h.clock, ids: h.ids },
        'test',
        a.session.clientId,
        false,
      );
      urls.length = 0;
      a.engine.kick();
      a.timer.fireAll();
      await expect.poll(async () => (await a.engine.status()).state, { timeout: 20_000 }).toBe('revoked');
      expect(urls.at(-1)).toBe('/sync/hello');
      expect((await a.engine.status()).error?.code).toBe('SYNC_DEVICE_REVOKED');
      await a.engine.stop();
    });

    it('the server poke (SSE) makes the other desktop pull without being asked', async () => {
      const { noteId } = await caseWithNote(a);
      const c = await engineDesktop(h, url, 'cw', { poke: true, realTimer: true, idleIntervalMs: 3_600_000 });
      try {
        await c.engine.syncNow();
        c.engine.start();
        // wait until the poke stream is connected (the server counts it), then change something
        await expect.poll(() => c.engine.pokeConnected, { timeout: 20_000 }).toBe(true);
        await a.engine.syncNow();
        await expect
          .poll(() => count(c, 'SELECT count(*) AS n FROM notes WHERE id = ?', noteId), { timeout: 20_000 })
          .toBe(1);
      } finally {
        await c.destroy();
      }
    });

    it('first sync reports progress counts and the applied rows arrive in pages', async () => {
      for (let i = 0; i < 3; i += 1) await caseWithNote(a);
      await a.engine.syncNow();
      const seen: { rowsReceived: number; pages: number }[] = [];
      const durability: unknown[] = [];
      const pragmas = () => [
        fresh.t.raw.pragma('synchronous', { simple: true }),
        fresh.t.raw.pragma('wal_autocheckpoint', { simple: true }),
      ];
      const fresh: EngineDesktop = await engineDesktop(h, url, 'cw', {
        pullLimit: 2,
        onProgress: (p) => {
          seen.push({ ...p });
          durability.push(pragmas());
        },
      });
      try {
        const before = pragmas();
        expect(before).toEqual([2, 1000]); // FULL, the default checkpointing
        const done = await fresh.engine.syncNow();
        expect(done.error).toBeNull();
        expect(done.firstSync).toBeNull();
        expect(count(fresh, 'SELECT count(*) AS n FROM cases')).toBe(3);
        // 3 cases × (case, person, note) in pages of 2, counted up page by page
        expect(seen.length).toBeGreaterThanOrEqual(5);
        expect(seen.map((p) => p.pages)).toEqual(seen.map((_, i) => i + 1));
        expect(seen.at(-1)!.rowsReceived).toBeGreaterThanOrEqual(9);
        // the first sync's pages are committed without waiting for the disk and checkpointed once
        // at the end; afterwards every write is durable again
        for (const d of durability) expect(d).toEqual([1, 0]);
        expect(pragmas()).toEqual(before);
        // a later round is no first sync
        const seenBefore = seen.length;
        await fresh.engine.syncNow();
        expect(seen.length).toBe(seenBefore);
      } finally {
        await fresh.destroy();
      }
    });
  });
}
