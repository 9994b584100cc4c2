/**
 * THE outreach-day story of issue 12 (Done-when), with two desktops in two processes (the real
 * sync engine on the real encrypted store, tests/fault/outreach-day.child.ts) and one server on
 * 127.0.0.1, PGlite and PostgreSQL:
 *
 * A (the laptop) prepares three JVA appointments and checks readiness, goes offline, edits a note
 * and the phone number of case X, and creates a pre-release contact with consent (a new person
 * and case with a provisional number). B (the office PC of the same caseworker) edits the same
 * phone number and the note online, and records a person already known. A syncs: the note is
 * merged (or a conflict with both texts), the phone collision is a conflict record both desktops
 * hold with both values, the new case gets its final number, the server reports the possible
 * duplicate, and nothing is lost.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEncryptedDb } from '../../src/main/db/open-encrypted-db';
import { isProvisionalCaseNumber } from '../../src/shared/domain/case/case';
import { SERVER_DIALECTS, skipReason } from '../helpers/server-db';
import { listen } from '../helpers/sync-engine';
import { spawnChildDesktop, type ChildDevice } from '../helpers/child-desktop';
import { tempDir } from '../helpers/temp-dir';
import { createHarness, newClientId, type Harness } from '../integration/server/harness';

const CHILD = join(import.meta.dirname, 'outreach-day.child.ts');
const TIMEOUT = 300_000;

/** Runs one step of the story in its own process; resolves with what it printed after `done`. */
function step(
  h: Harness,
  url: string,
  d: ChildDevice,
  name: string,
  input: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawnChildDesktop(CHILD, h.clock, url, d, {
      LOTSE_STEP: name,
      LOTSE_INPUT: JSON.stringify(input),
      LOTSE_ACTOR: 'ifk-own',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('done '));
      if (code !== 0 || !line) reject(new Error(`step ${name} failed (${code}): ${stderr}`));
      else resolve(JSON.parse(line.slice(5)) as Record<string, unknown>);
    });
  });
}

function read<T>(d: ChildDevice, sql: string, ...params: unknown[]): T[] {
  const raw = openEncryptedDb(d.path, d.key, { keyVerified: true });
  try {
    return raw.prepare(sql).all(...params) as T[];
  } finally {
    raw.close();
  }
}

const at = (h: Harness, iso: string) => {
  h.clock.t = Date.parse(iso);
};

interface Status {
  state: string;
  pendingCount: number;
  conflictCount: number;
  rejectionCount: number;
  error: { code: string } | null;
}
interface Readiness {
  ready: boolean;
  items: { id: string; status: string; detail: string }[];
  cases: { caseId: string; present: boolean }[];
}

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: the outreach day, two desktops in two processes`, () => {
    let h: Harness;
    let url: string;
    let dir: { path: string; remove: () => Promise<void> };
    beforeAll(async () => {
      h = await createHarness(dialect);
      await h.reset();
      url = await listen(h);
      dir = await tempDir('lotse-outreach-day-');
    }, TIMEOUT);
    afterAll(async () => {
      await h?.close();
      await dir?.remove();
    });

    it(
      'prepare, offline edits and a pre-release contact, concurrent office edits, sync: merged or shown, final number, duplicate reported, nothing lost',
      async () => {
        const device = (): ChildDevice => ({
          path: join(dir.path, `${newClientId()}.db`),
          key: randomBytes(32),
          clientId: newClientId(),
        });
        const a = device();
        const b = device();

        // the day before, in the office: three JVA appointments, readiness before and after a sync
        at(h, '2026-03-03T15:00:00.000Z');
        const prepared = await step(h, url, a, 'prepare');
        const before = prepared['before'] as Readiness;
        const after = prepared['after'] as Readiness;
        expect(before.cases).toHaveLength(3);
        expect(before.cases.every((c) => c.present)).toBe(true);
        // before the first contact: never synced and no lease: not ready
        expect(before.ready).toBe(false);
        expect(before.items.find((i) => i.id === 'lease')!.status).toBe('blocking');
        expect((prepared['status'] as Status).pendingCount).toBe(0);
        expect(after.ready).toBe(true);
        expect(after.items.find((i) => i.id === 'sync')!.status).toBe('ok');
        expect(after.items.find((i) => i.id === 'lease')!.detail).toContain('reicht für den 04.03.2026');
        expect(after.items.find((i) => i.id === 'reference')!.status).toBe('ok');
        expect(after.items.find((i) => i.id === 'battery')!.status).toBe('unknown');
        const ids = { noteX: prepared['noteX'], personX: prepared['personX'] };
        const caseX = prepared['caseX'] as string;

        // B, the office desktop, gets the cases
        await step(h, url, b, 'sync');

        // the outreach day: A offline in the JVA
        at(h, '2026-03-04T10:00:00.000Z');
        const offline = await step(h, url, a, 'outreach-offline', ids);
        const offlineStatus = offline['status'] as Status;
        expect(offlineStatus.state).toBe('offline');
        expect(offlineStatus.error?.code).toBe('SYNC_OFFLINE');
        const contact = offline['contact'] as { caseId: string; personId: string; caseNumber: string };
        expect(isProvisionalCaseNumber(contact.caseNumber)).toBe(true);
        // case, person, consent, contact, last contact of the new case; note and phone of X
        expect(offlineStatus.pendingCount).toBe(7);

        // meanwhile in the office, online: the same note and phone number, and a known person
        at(h, '2026-03-04T10:30:00.000Z');
        const office = await step(h, url, b, 'office-edits', ids);
        expect((office['status'] as Status).pendingCount).toBe(0);

        // A is back in the evening and syncs
        at(h, '2026-03-04T17:00:00.000Z');
        const back = await step(h, url, a, 'sync');
        const status = back['status'] as Status;
        expect(status).toMatchObject({ state: 'idle', pendingCount: 0, rejectionCount: 0, error: null });
        await step(h, url, b, 'sync');

        // the note: merged cleanly (both paragraphs, an info record), or the other text in a conflict
        for (const d of [a, b]) {
          const [note] = read<{ body: string }>(d, 'SELECT body FROM notes WHERE id = ?', ids.noteX);
          const noteConflicts = read<{ kind: string; other_value: string; kept_value: string }>(
            d,
            "SELECT kind, kept_value, other_value FROM sync_conflicts WHERE entity = 'notes' AND field = 'body'",
          );
          const merged =
            note!.body.includes('Telefonisch an den Termin erinnert.') &&
            note!.body.includes('In der JVA: Bewerbungsunterlagen besprochen.');
          if (merged) expect(noteConflicts.map((c) => c.kind)).toContain('merged');
          else
            expect(
              noteConflicts.some(
                (c) => c.kind === 'conflict' && JSON.stringify(c).includes('Bewerbungsunterlagen besprochen'),
              ),
            ).toBe(true);
        }

        // the phone number: a conflict record on BOTH desktops with BOTH values
        for (const d of [a, b]) {
          const phone = read<{ kept_value: string; other_value: string; resolved_at: string | null }>(
            d,
            "SELECT kept_value, other_value, resolved_at FROM sync_conflicts WHERE entity = 'persons' AND field = 'phone' AND case_id = ?",
            caseX,
          );
          expect(phone).toHaveLength(1);
          expect([JSON.parse(phone[0]!.kept_value), JSON.parse(phone[0]!.other_value)].sort()).toEqual([
            '0171 1111111',
            '0341 2222222',
          ]);
          expect(phone[0]!.resolved_at).toBeNull();
        }

        // the new person's case: a final number, the provisional one kept; consent and contact arrived
        const [newCase] = read<{ case_number: string; provisional_case_number: string }>(
          a,
          'SELECT case_number, provisional_case_number FROM cases WHERE id = ?',
          contact.caseId,
        );
        expect(newCase!.case_number).toMatch(/^OSZ-2026-\d{6}$/);
        expect(newCase!.provisional_case_number).toBe(contact.caseNumber);
        const server = await h.tdb.db
          .selectFrom('sync_records')
          .select(['entity', 'data'])
          .where('case_id', '=', contact.caseId)
          .execute();
        expect(server.map((r) => r.entity).sort()).toEqual([
          'cases',
          'consents',
          'contacts',
          'duplicate_suspects',
          'persons',
        ]);
        expect(server.find((r) => r.entity === 'consents')!.data).toMatchObject({
          purpose: 'pre_release_contact',
          form: 'schriftlich',
          givenOn: '2026-03-04',
        });
        expect(server.find((r) => r.entity === 'persons')!.data).toMatchObject({
          consentForPreReleaseContact: true,
          expectedReleaseDate: '2026-05-15',
        });

        // the server found the known person (Müller/Mueller, same birth date) and said so; nothing merged
        const duplicates = (back['duplicates'] as { suspects: Record<string, unknown>[] }).suspects;
        expect(duplicates).toHaveLength(1);
        expect(duplicates[0]).toMatchObject({
          caseId: contact.caseId,
          otherCaseId: office['knownCase'],
          match: 'sameName',
          decision: 'offen',
          otherOnDevice: true,
        });
        expect(String(duplicates[0]!['reason'])).toContain('Gleiches Geburtsdatum (12.03.1985)');

        // nothing lost: every mutation A and B sent was answered, none refused; outboxes empty
        for (const d of [a, b]) {
          expect(read(d, 'SELECT seq FROM sync_outbox')).toEqual([]);
          expect(read(d, 'SELECT mutation_id FROM sync_rejections')).toEqual([]);
        }
        const refused = await h.tdb.db
          .selectFrom('sync_mutations')
          .select('status')
          .where('status', '=', 'rejected')
          .execute();
        expect(refused).toEqual([]);
      },
      TIMEOUT,
    );
  });
}
