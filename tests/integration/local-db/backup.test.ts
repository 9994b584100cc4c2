import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { writeEncryptedBackup } from '../../../src/main/db/backup';
import { openEncryptedDb } from '../../../src/main/db/open-encrypted-db';
import { createCasesService } from '../../../src/main/features/cases/cases.service';
import { createTestVault, TEST_PASSPHRASE } from '../../helpers/local-store';
import { tempDir } from '../../helpers/temp-dir';
import { createDb, fixedClock, sequentialIds, type TestDb } from '../../helpers/local-db';

let t: TestDb;
beforeEach(async () => {
  t = await createDb();
  t.raw
    .prepare("INSERT INTO offices (id, code, name, town) VALUES ('oschatz', 'OSZ', 'Oschatz', 'Oschatz')")
    .run();
});
afterEach(async () => {
  await t.destroy();
});

describe('encrypted backup', () => {
  it('writes a copy keyed with the same data key, with no plaintext, that opens only with that key', async () => {
    const cases = createCasesService({ db: t.db, clock: fixedClock(), ids: sequentialIds() });
    const { caseId } = await cases.createCase({
      officeId: 'oschatz',
      caseworkerId: 'u1',
      openedOn: '2026-01-10',
      person: {
        customerNumber: '555D000111',
        firstName: 'Hannelore',
        lastName: 'Wöhlerkamp',
        birthDate: '1966-06-06',
      },
    });
    await cases.addNote(caseId, {
      category: 'Beratung',
      title: 'Gespräch',
      body: 'Interesse an Umschulung zur Pflegefachkraft',
    });
    const target = join(t.dir, 'backup-2026-01-10.lotse');
    const { bytes } = await writeEncryptedBackup(t.raw, t.key, target);
    expect(bytes).toBeGreaterThan(0);

    const file = await readFile(target);
    for (const secret of ['Wöhlerkamp', 'Hannelore', 'Pflegefachkraft', 'SQLite format 3']) {
      expect(file.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(file.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
    }
    expect(() => openEncryptedDb(target, randomBytes(32))).toThrow(AppError);
    const copy = openEncryptedDb(target, t.key, { readonly: true });
    try {
      expect(copy.prepare('SELECT last_name FROM persons').all()).toEqual([{ last_name: 'Wöhlerkamp' }]);
      expect(
        copy.prepare("SELECT count(*) AS n FROM search_index WHERE search_index MATCH 'umschulung'").get(),
      ).toEqual({ n: 1 });
    } finally {
      copy.close();
    }
  });

  it('never overwrites an existing file', async () => {
    const target = join(t.dir, 'exists.lotse');
    await writeEncryptedBackup(t.raw, t.key, target);
    await expect(writeEncryptedBackup(t.raw, t.key, target)).rejects.toThrow(/exists/);
  });
});

describe('store.backup through the vault', () => {
  it('backs up while unlocked, refuses while locked, and the copy opens with the same keystore and passphrase', async () => {
    const home = await tempDir('lotse-backup-vault-');
    try {
      const dataDir = join(home.path, 'data');
      const { vault, store } = await createTestVault(dataDir);
      await vault.create(TEST_PASSPHRASE);
      await store.db().insertInto('sync_state').values({ key: 'marker', value: 'vor dem Backup' }).execute();
      const target = join(home.path, 'lotse-backup.db');
      await store.backup(target);
      await vault.lock();
      await expect(store.backup(join(home.path, 'second.db'))).rejects.toMatchObject({
        code: 'VAULT_LOCKED',
      });

      // restore = the backup file as lotse.db beside a copy of the keystore
      const restoreDir = join(home.path, 'restore');
      await mkdir(restoreDir);
      await copyFile(join(dataDir, 'keystore.json'), join(restoreDir, 'keystore.json'));
      await copyFile(target, join(restoreDir, 'lotse.db'));
      const restored = await createTestVault(restoreDir);
      await restored.vault.unlock(TEST_PASSPHRASE);
      const row = await restored.store
        .db()
        .selectFrom('sync_state')
        .selectAll()
        .where('key', '=', 'marker')
        .executeTakeFirst();
      expect(row?.value).toBe('vor dem Backup');
      await restored.vault.lock();
    } finally {
      await home.remove();
    }
  });
});
