import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStore } from '../../../src/main/db/local-store';
import { createCasesService } from '../../../src/main/features/cases/cases.service';
import { seedDemoData } from '../../../src/main/features/demo/seed-demo';
import { createLogger } from '../../../src/main/logging/logger';
import { createVault } from '../../../src/main/vault/vault';
import { fixedClock, sequentialIds } from '../../helpers/local-db';
import { TEST_PASSPHRASE, TEST_SCRYPT } from '../../helpers/local-store';
import { tempDir } from '../../helpers/temp-dir';

let dir: { path: string; remove: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir('lotse-logs-');
});
afterEach(async () => {
  await dir.remove();
});

describe('logs carry ids and events, never personal data or secrets', () => {
  it('a full session (create, seed, edit, wrong passphrase, lock, unlock) logs none of the names, note text or passphrases', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger({ level: 'trace', destination });
    const store = createLocalStore({ dataDir: dir.path, logger });
    const vault = await createVault({
      dataDir: dir.path,
      logger,
      scrypt: TEST_SCRYPT,
      sleep: async () => undefined,
      onUnlock: (key, info) => store.open(key, info),
      onLock: () => store.close(),
    });
    await vault.create(TEST_PASSPHRASE);
    seedDemoData(store.raw(), { cases: 50, seed: 7, today: '2026-03-02' });
    const offices = store.raw().prepare('SELECT id FROM offices LIMIT 1').pluck().get() as 'oschatz';
    const cases = createCasesService({
      db: () => store.db(),
      clock: fixedClock(),
      ids: sequentialIds(),
      actorId: 'ifk-1',
    });
    const { caseId, personId } = await cases.createCase({
      officeId: offices,
      caseworkerId: 'ifk-1',
      openedOn: '2026-03-02',
      person: {
        customerNumber: '999D888777',
        firstName: 'Gudrun',
        lastName: 'Kleinschmidt-Öztürk',
        birthDate: '1971-09-30',
      },
    });
    await cases.updatePerson(personId, { town: 'Schildau' });
    await cases.addNote(caseId, {
      category: 'Beratung',
      title: 'Gespräch',
      body: 'Vertrauliche Angaben zur Wohnsituation',
    });
    await vault.lock();
    await vault.unlock('Falsche Passphrase mit Absicht').catch(() => undefined);
    await vault.unlock(TEST_PASSPHRASE);
    await vault.changePassphrase(TEST_PASSPHRASE, 'Neue geheime Passphrase 2026');
    await vault.lock();

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(3);
    for (const secret of [
      'Gudrun',
      'Kleinschmidt',
      'Öztürk',
      '1971-09-30',
      'Schildau',
      'Wohnsituation',
      '999D888777',
      TEST_PASSPHRASE,
      'Falsche Passphrase',
      'Neue geheime Passphrase',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
