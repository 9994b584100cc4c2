/**
 * What a sync round reports to open screens (src/main/features/sync/data-changes.ts): a pull that
 * stores a note names notes and that case; a round that changes nothing leaves the data version
 * alone; a conflicting push names the record type, the case and sync_conflicts. Two desktops and a
 * real server on loopback.
 */
import { describe, expect, it } from 'vitest';
import { sampleFields } from '../../helpers/records';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { useTwoDesktops, type EngineDesktop } from '../../helpers/sync-engine';
import type { Harness } from '../server/harness';

async function caseOf(d: EngineDesktop) {
  return d.cases.createCase({
    officeId: 'oschatz',
    caseworkerId: d.session.userId,
    openedOn: '2026-03-02',
    person: { ...sampleFields('persons', { caseId: 'x', id: 'x' }), phone: '0341 111' },
  });
}

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: a sync round reports what it changed`, () => {
    let h: Harness;
    let a: EngineDesktop;
    let b: EngineDesktop;
    useTwoDesktops(dialect, (s) => ({ h, a, b } = s));

    it('a pulled note names notes and its case; a round without changes reports nothing', async () => {
      const { caseId } = await caseOf(a);
      const other = await caseOf(a);
      await a.engine.syncNow();
      const first = (await b.engine.syncNow()).dataChanges;
      expect(first.version).toBe(1);
      expect(first.recent[0]!.entities).toEqual(expect.arrayContaining(['cases', 'persons']));
      expect(first.recent[0]!.caseIds).toEqual([caseId, other.caseId].sort());

      // nothing new on the server: the version stays
      const idle = (await b.engine.syncNow()).dataChanges;
      expect(idle.version).toBe(1);
      expect(idle.recent).toHaveLength(1);

      await a.cases.addNote(caseId, {
        category: 'Beratung',
        title: 'Anruf',
        body: 'Rückruf erbeten.',
        restricted: false,
      });
      await a.engine.syncNow();
      const after = (await b.engine.syncNow()).dataChanges;
      expect(after.version).toBe(2);
      const last = after.recent.at(-1)!;
      expect(last.version).toBe(2);
      expect(last.entities).toContain('notes');
      expect(last.entities).not.toContain('goals');
      expect(last.caseIds).toEqual([caseId]);
    });

    it('a push that comes back as a conflict names the record, the case and sync_conflicts', async () => {
      const { caseId, personId } = await caseOf(a);
      await a.engine.syncNow();
      await b.engine.syncNow();
      await a.cases.updatePerson(personId, { phone: '0341 222' });
      await b.cases.updatePerson(personId, { phone: '0341 333' });
      h.clock.advance(60_000);
      await a.engine.syncNow();
      const before = (await b.engine.status()).dataChanges.version;
      const st = await b.engine.syncNow();
      expect(st.conflictCount).toBe(1);
      expect(st.dataChanges.version).toBe(before + 1);
      const last = st.dataChanges.recent.at(-1)!;
      expect(last.entities).toEqual(expect.arrayContaining(['persons', 'sync_conflicts']));
      expect(last.caseIds).toEqual([caseId]);
    });
  });
}
