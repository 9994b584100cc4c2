/**
 * Done-when of issue 8: two desktops that create cases offline on the same day end up with distinct
 * case numbers after syncing, and both saw a number they could read in the meantime.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseloadReader } from '../../../src/main/features/cases/caseload';
import { casesHandlers } from '../../../src/main/features/cases/cases.ipc';
import { createCasesService } from '../../../src/main/features/cases/cases.service';
import { isProvisionalCaseNumber } from '../../../src/shared/domain/case/case';
import { desktop, pullAll, pushAll } from '../../helpers/desktop-sync';
import { fixedClock, type TestDb } from '../../helpers/local-db';
import { sampleFields } from '../../helpers/records';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { createHarness, login, type Harness } from '../server/harness';

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: case numbers created offline`, () => {
    let h: Harness;
    const stores: TestDb[] = [];
    beforeAll(async () => {
      h = await createHarness(dialect);
      await h.reset();
    });
    afterAll(async () => {
      for (const t of stores) await t.destroy();
      await h?.close();
    });

    it('two laptops offline hand out readable provisional numbers; after sync every case has its own final number and keeps the provisional one', async () => {
      const sessions = [await login(h, 'cw'), await login(h, 'cwTeam')];
      const laptops = await Promise.all(sessions.map((s) => desktop(s)));
      stores.push(...laptops);
      const created: { laptop: number; caseId: string; provisional: string }[] = [];
      for (const [i, t] of laptops.entries()) {
        const cases = createCasesService({
          db: t.db,
          clock: fixedClock('2026-03-02T08:00:00.000Z'),
          ids: { newId: () => randomUUID() },
          actorId: sessions[i]!.userId,
        });
        const today = () => '2026-03-02';
        for (let n = 0; n < 3; n += 1) {
          const { caseId, caseNumber } = await cases.createCase({
            officeId: 'oschatz',
            caseworkerId: sessions[i]!.userId,
            openedOn: '2026-03-02',
            person: sampleFields('persons', { caseId: 'x', id: 'x' }),
          });
          // offline: what the caseworker reads is a number, marked provisional
          const caseload = createCaseloadReader({
            db: () => t.db,
            caseworkerId: () => sessions[i]!.userId,
            now: () => new Date(),
          });
          const detail = await casesHandlers(cases, () => t.db, today, caseload)['cases:get'](
            { caseId },
            { channel: 'cases:get' },
          );
          expect(detail.summary.caseNumber).toBe(caseNumber);
          expect(detail.caseNumberProvisional).toBe(true);
          created.push({ laptop: i, caseId, provisional: caseNumber });
        }
      }
      // same office, same day, two laptops: the provisional numbers already differ
      expect(new Set(created.map((c) => c.provisional)).size).toBe(6);
      expect(created.every((c) => /^OSZ-2026-V[0-9A-Z]{6}-000[1-3]$/.test(c.provisional))).toBe(true);

      for (const [i, t] of laptops.entries()) await pushAll(h, sessions[i]!, t);
      for (const [i, t] of laptops.entries()) await pullAll(h, sessions[i]!, t);

      const finals: string[] = [];
      for (const c of created) {
        const row = laptops[c.laptop]!.raw.prepare(
          'SELECT case_number, provisional_case_number FROM cases WHERE id = ?',
        ).get(c.caseId) as { case_number: string; provisional_case_number: string };
        expect(row.provisional_case_number).toBe(c.provisional);
        expect(isProvisionalCaseNumber(row.case_number)).toBe(false);
        expect(row.case_number).toMatch(/^OSZ-2026-\d{6}$/);
        finals.push(row.case_number);
      }
      expect(new Set(finals).size).toBe(6);
    });
  });
}
