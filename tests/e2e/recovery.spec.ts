import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bridgeIn, E2E_PASSPHRASE, expectAccessible, keepScreenshot, test, expect } from './fixtures';
import { LockScreensPage } from './pages/LockScreens';

test.describe('recovery screens', () => {
  test('a damaged keystore shows its recovery screen instead of crashing', async ({ page }, testInfo) => {
    const dir = await mkdtemp(join(tmpdir(), 'lotse-e2e-'));
    await writeFile(join(dir, 'keystore.json'), '{"format":"lotse-keystore","version":1, "trunc');
    const bridge = await bridgeIn(dir);
    try {
      await page.goto(bridge.launchUrl);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        'Der Schlüsselspeicher ist beschädigt',
      );
      await expect(page.getByText('Fehlercode: VAULT_KEYSTORE_DAMAGED')).toBeVisible();
      await expectAccessible(page, testInfo, 'recovery-keystore');
      await keepScreenshot(page, testInfo, 'recovery-keystore');
    } finally {
      await bridge.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a damaged database is reported as such after a correct passphrase, and nothing is deleted', async ({
    page,
    bridge,
  }, testInfo) => {
    const lock = new LockScreensPage(page);
    await page.goto(bridge.launchUrl);
    await page.getByRole('button', { name: 'Sperren' }).click();
    await expect(lock.heading()).toHaveText('Lotse ist gesperrt');

    // Overwrite the first page of the encrypted file (as a failing disk would).
    const file = await open(bridge.main.store.path, 'r+');
    await file.write(Buffer.alloc(4096, 0x5a), 0, 4096, 0);
    await file.close();

    await lock.unlock(E2E_PASSPHRASE);
    await expect(lock.heading()).toHaveText('Die lokale Datenbank ist beschädigt');
    await expect(
      page.getByText('Lotse hat die Datenbank nicht verändert und nichts gelöscht.'),
    ).toBeVisible();
    await expectAccessible(page, testInfo, 'recovery-database');
    await keepScreenshot(page, testInfo, 'recovery-database');
    await page.getByRole('button', { name: 'Erneut versuchen' }).click();
    await expect(lock.heading()).toHaveText('Lotse ist gesperrt');
  });
});
