/**
 * Child process for sigkill.test.ts: opens the encrypted database and writes in a loop, each
 * transaction a case plus a batch of notes through the cases service (so through writeSynced and
 * the outbox). After each COMMIT it prints `committed <caseId> <notes>`; before each it prints
 * `begin`. The parent kills it with SIGKILL at an arbitrary moment.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createLocalKysely } from '../../src/main/db/kysely';
import { migrate } from '../../src/main/db/migrations/run';
import { openEncryptedDb } from '../../src/main/db/open-encrypted-db';
import { writeSynced } from '../../src/main/db/write-synced';
import { runChildMain } from '../helpers/child-desktop';

const path = process.argv[2]!;
const key = Buffer.from(process.env['LOTSE_TEST_KEY_HEX'] ?? '', 'hex');
const raw = openEncryptedDb(path, key, { create: true });
const db = createLocalKysely(raw);
const ids = { newId: () => randomUUID() };
const ctx = { clock: { now: () => new Date() }, ids, actorId: 'child' };

async function main(): Promise<void> {
  await migrate(db as unknown as Kysely<unknown>);
  raw
    .prepare(
      "INSERT OR IGNORE INTO offices (id, code, name, town) VALUES ('torgau', 'TO', 'Torgau', 'Torgau')",
    )
    .run();
  process.stdout.write('ready\n');
  for (let i = 0; ; i += 1) {
    const caseId = ids.newId();
    const personId = ids.newId();
    const notes = 20 + (i % 30);
    process.stdout.write('begin\n');
    await db.transaction().execute(async (trx) => {
      await writeSynced(trx, ctx, {
        entity: 'persons',
        op: 'create',
        id: personId,
        caseId,
        values: {
          customerNumber: `K${i}`,
          firstName: 'Test',
          lastName: `Person ${i}`,
          birthDate: '1990-01-01',
        },
      });
      await writeSynced(trx, ctx, {
        entity: 'cases',
        op: 'create',
        id: caseId,
        caseId,
        values: {
          caseNumber: `TO-${caseId.toUpperCase()}`,
          personId,
          officeId: 'torgau',
          caseworkerId: 'child',
          phase: 1,
          status: 'aktiv',
          openedOn: '2026-01-01',
        },
      });
      for (let j = 0; j < notes; j += 1) {
        await writeSynced(trx, ctx, {
          entity: 'notes',
          op: 'create',
          id: ids.newId(),
          caseId,
          values: {
            category: 'Beratung',
            title: `Notiz ${j}`,
            body: 'x'.repeat(200 + j * 10),
            writtenAt: '2026-01-01T09:00:00.000Z',
            authorId: 'child',
          },
        });
      }
    });
    process.stdout.write(`committed ${caseId} ${notes}\n`);
  }
}

runChildMain(main);
