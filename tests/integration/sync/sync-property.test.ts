/**
 * SYNC.md §4.8.6, issue 12 done-when: several offline desktops make random edits to the same case
 * (person fields, note text, a new note) and sync in random order (fast-check, bounded). Every local
 * edit ends applied, merged, in a conflict record or in a rejection record — nothing disappears —
 * and afterwards every desktop holds what the server holds.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationResult } from '../../../src/shared/sync/protocol';
import { sampleFields } from '../../helpers/records';
import { SERVER_DIALECTS, skipReason } from '../../helpers/server-db';
import { engineDesktop, listen, rows, type EngineDesktop } from '../../helpers/sync-engine';
import { createHarness, type Harness } from '../server/harness';

const DEVICES = 3;
const LINES = ['Anfang', 'Mitte eins', 'Mitte zwei', 'Ende'];

type Step =
  | { kind: 'phone'; device: number; value: string }
  | { kind: 'town'; device: number; value: string }
  | { kind: 'line'; device: number; line: number; value: string }
  | { kind: 'note'; device: number; value: string }
  | { kind: 'sync'; device: number };

const word = fc.constantFrom('Ahorn', 'Birke', 'Eiche', 'Linde', 'Pappel', 'Ulme');
const step: fc.Arbitrary<Step> = fc.oneof<fc.Arbitrary<Step>[]>(
  fc.record({
    kind: fc.constant('phone' as const),
    device: fc.nat(DEVICES - 1),
    value: fc.integer({ min: 100, max: 999 }).map(String),
  }),
  fc.record({ kind: fc.constant('town' as const), device: fc.nat(DEVICES - 1), value: word }),
  fc.record({
    kind: fc.constant('line' as const),
    device: fc.nat(DEVICES - 1),
    line: fc.nat(LINES.length - 1),
    value: word,
  }),
  fc.record({ kind: fc.constant('note' as const), device: fc.nat(DEVICES - 1), value: word }),
  fc.record({ kind: fc.constant('sync' as const), device: fc.nat(DEVICES - 1) }),
);

for (const dialect of SERVER_DIALECTS) {
  describe.skipIf(skipReason(dialect))(
    `${dialect}: offline desktops, random edits, random sync order`,
    () => {
      let h: Harness;
      let url: string;
      let ds: EngineDesktop[] = [];
      beforeAll(async () => {
        h = await createHarness(dialect);
        await h.reset();
        url = await listen(h);
        for (let i = 0; i < DEVICES; i += 1) ds.push(await engineDesktop(h, url, 'cw'));
      });
      afterAll(async () => {
        for (const d of ds) await d.destroy();
        ds = [];
        await h?.close();
      });

      it('every local edit ends applied, merged, in a conflict or in a rejection; all desktops converge', async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(step, { minLength: 4, maxLength: 14 }),
            fc.array(fc.nat(DEVICES - 1), { minLength: DEVICES, maxLength: DEVICES * 2 }),
            async (steps, finalOrder) => {
              // a fresh case, known to every desktop
              const owner = ds[0]!;
              const { caseId, personId } = await owner.cases.createCase({
                officeId: 'oschatz',
                caseworkerId: owner.session.userId,
                openedOn: '2026-03-02',
                person: {
                  ...sampleFields('persons', { caseId: 'x', id: 'x' }),
                  phone: '0341 100',
                  town: 'Oschatz',
                },
              });
              const { noteId } = await owner.cases.addNote(caseId, {
                category: 'Beratung',
                title: 'Verlauf',
                body: `${LINES.join('\n')}\n`,
                restricted: false,
              });
              for (const d of ds) await d.engine.syncNow();

              /** every mutation written locally: device, id and its values */
              const written: { device: number; mutationId: string; fields: Record<string, unknown> }[] = [];
              const seen = new Set<string>();
              const collect = (i: number) => {
                for (const r of rows(ds[i]!, 'SELECT mutation_id, fields_json FROM sync_outbox')) {
                  const id = String(r['mutation_id']);
                  if (seen.has(id)) continue;
                  seen.add(id);
                  const f = JSON.parse(String(r['fields_json'])) as Record<string, { value: unknown }>;
                  written.push({
                    device: i,
                    mutationId: id,
                    fields: Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.value])),
                  });
                }
              };
              for (const s of steps) {
                const d = ds[s.device]!;
                h.clock.advance(1_000);
                if (s.kind === 'sync') await d.engine.syncNow();
                else if (s.kind === 'phone')
                  await d.cases.updatePerson(personId, { phone: `0341 ${s.value}` });
                else if (s.kind === 'town') await d.cases.updatePerson(personId, { town: s.value });
                else if (s.kind === 'note')
                  await d.cases.addNote(caseId, {
                    category: 'JVA',
                    title: s.value,
                    body: s.value,
                    restricted: false,
                  });
                else {
                  const body = String(rows(d, 'SELECT body FROM notes WHERE id = ?', noteId)[0]!['body']);
                  const lines = body.split('\n');
                  lines[s.line] = `${lines[s.line]} ${s.value}`;
                  await d.cases.updateNote(noteId, { body: lines.join('\n') });
                }
                collect(s.device);
              }
              // everyone comes back, in random order, until nothing is pending anywhere
              for (const i of finalOrder) await ds[i]!.engine.syncNow();
              for (let round = 0; round < 3; round += 1) for (const d of ds) await d.engine.syncNow();

              for (const d of ds) expect((await d.engine.status()).pendingCount).toBe(0);
              // nothing disappears
              const results = new Map(
                (
                  await h.tdb.db
                    .selectFrom('sync_mutations')
                    .select(['mutation_id', 'result'])
                    .where(
                      'mutation_id',
                      'in',
                      written.length
                        ? written.map((w) => w.mutationId)
                        : ['00000000-0000-4000-8000-000000000000'],
                    )
                    .execute()
                ).map((r) => [
                  r.mutation_id,
                  (typeof r.result === 'string' ? JSON.parse(r.result) : r.result) as MutationResult,
                ]),
              );
              const conflicts = await h.tdb.db
                .selectFrom('sync_conflicts')
                .selectAll()
                .where('case_id', '=', caseId)
                .execute();
              for (const w of written) {
                const local = rows(
                  ds[w.device]!,
                  'SELECT mutation_id FROM sync_rejections WHERE mutation_id = ?',
                  w.mutationId,
                );
                const result = results.get(w.mutationId);
                if (!result) {
                  // refused before the server stored it: must be a local rejection
                  expect(local, `mutation ${w.mutationId}`).toHaveLength(1);
                  continue;
                }
                expect(['applied', 'merged', 'conflict', 'rejected']).toContain(result.status);
                if (result.status === 'rejected') expect(local).toHaveLength(1);
                if (result.status === 'conflict') {
                  const mine = conflicts.filter((c) => result.conflictIds.includes(c.conflict_id));
                  expect(mine.length).toBeGreaterThan(0);
                  for (const c of mine) {
                    if (c.field === '_archived') continue;
                    expect([c.kept_value, c.other_value]).toContainEqual(w.fields[c.field]);
                  }
                }
              }
              // all desktops hold the server's values
              const server = await h.tdb.db
                .selectFrom('sync_records')
                .select(['id', 'data'])
                .where('case_id', '=', caseId)
                .execute();
              const byId = new Map(server.map((r) => [r.id, r.data as Record<string, unknown>]));
              for (const d of ds) {
                const p = rows(d, 'SELECT phone, town FROM persons WHERE id = ?', personId)[0]!;
                expect(p).toEqual({ phone: byId.get(personId)!['phone'], town: byId.get(personId)!['town'] });
                const notes = rows(d, 'SELECT id, body FROM notes WHERE case_id = ? ORDER BY id', caseId);
                expect(notes.map((n) => [n['id'], n['body']])).toEqual(
                  [...byId.entries()]
                    .filter(([, v]) => typeof v['body'] === 'string')
                    .map(([id, v]) => [id, v['body']])
                    .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
                );
              }
            },
          ),
          { numRuns: dialect === 'pglite' ? 12 : 6, endOnFailure: true },
        );
      });
    },
  );
}
