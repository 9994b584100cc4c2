/**
 * A sync round that brings nothing writes nothing a screen depends on: hello writes the announced
 * reference data only when it changed, and the round's bookkeeping (lease, last success, an
 * unchanged cursor) leaves Mein Bestand's change stamp alone. Before, every hello wrote the
 * reference data with the server time, so every round moved total_changes() and the caseload read
 * its base rows again.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeStamp } from '../../../src/main/features/cases/caseload';
import { REFERENCE_ANNOUNCED_KEY } from '../../../src/main/features/sync/sync-engine';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { engineDesktop, listen, type EngineDesktop } from '../../helpers/sync-engine';
import { createHarness, type Harness } from '../server/harness';

const totalChanges = (d: EngineDesktop) =>
  Number((d.t.raw.prepare('SELECT total_changes() AS n').get() as { n: number }).n);
const announced = (d: EngineDesktop) =>
  (
    d.t.raw.prepare('SELECT value FROM sync_state WHERE key = ?').get(REFERENCE_ANNOUNCED_KEY) as
      { value: string } | undefined
  )?.value;

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(`${dialect}: an idle sync round writes nothing`, () => {
    let h: Harness;
    let a: EngineDesktop;
    beforeAll(async () => {
      h = await createHarness(dialect);
    });
    afterAll(async () => {
      await h?.close();
    });
    beforeEach(async () => {
      await h.reset();
      a = await engineDesktop(h, await listen(h), 'cw');
    });
    afterEach(async () => {
      await a?.destroy();
    });

    it('two hellos with the same answer leave total_changes() unchanged', async () => {
      expect((await a.engine.syncNow()).error).toBeNull();
      const first = announced(a);
      expect(first).toBeDefined();
      const before = totalChanges(a);
      expect((await a.engine.syncNow()).error).toBeNull();
      expect(totalChanges(a)).toBe(before);
      expect(announced(a)).toBe(first);
    });

    it('later rounds renew the lease and the last success without moving the caseload stamp', async () => {
      expect((await a.engine.syncNow()).error).toBeNull();
      const first = announced(a);
      const stamp = await storeStamp(a.t.db);
      h.clock.advance(10 * 60_000);
      a.clock.offsetMs = 0;
      const st = await a.engine.syncNow();
      expect(st.error).toBeNull();
      expect(st.lastSuccessAt).toBe(h.clock.now().toISOString());
      expect(await storeStamp(a.t.db)).toBe(stamp);
      // the same reference data: still the state announced at the first hello
      expect(announced(a)).toBe(first);
    });
  });
}
