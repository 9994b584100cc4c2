import { expectAccessible, keepScreenshot, test, expect } from './fixtures';
import { AppFramePage } from './pages/AppFrame';
import { LockScreensPage } from './pages/LockScreens';

const PASSPHRASE = 'Der Elbdampfer fährt um 9 Uhr';
const NEXT = 'Neue Passphrase für Torgau 2026';

test.describe('vault screens', () => {
  test('first run: weak passphrase is explained, a good one sets Lotse up', async ({
    page,
    freshBridge,
  }, testInfo) => {
    const lock = new LockScreensPage(page);
    await page.goto(freshBridge.launchUrl);
    await expect(lock.heading()).toHaveText('Lotse einrichten');
    await expectAccessible(page, testInfo, 'first-run');

    await lock.passphrase().fill('kurz');
    await expect(page.getByText('Stärke: sehr schwach')).toBeVisible();
    await expect(page.getByText('Mindestens 12 Zeichen (noch 8).')).toBeVisible();
    await page.getByRole('button', { name: 'Lotse einrichten' }).click();
    await expect(page.getByText('Die Passphrase erfüllt die Anforderungen noch nicht.')).toBeVisible();
    await expect(lock.passphrase()).toHaveAccessibleDescription(/erfüllt die Anforderungen noch nicht/);
    await keepScreenshot(page, testInfo, 'first-run-weak');
    await expectAccessible(page, testInfo, 'first-run-errors');

    await lock.passphrase().fill(PASSPHRASE);
    await lock.confirmation().fill(PASSPHRASE + 'x');
    await page.getByRole('button', { name: 'Lotse einrichten' }).click();
    await expect(page.getByText('Die Wiederholung stimmt nicht mit der Passphrase überein.')).toBeVisible();

    await lock.confirmation().fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Lotse einrichten' }).click();
    await expect(new AppFramePage(page).heading()).toHaveText('Fälle');
  });

  test('lock, wrong passphrase, unlock, keyboard only', async ({ page, freshBridge }, testInfo) => {
    const lock = new LockScreensPage(page);
    await page.goto(freshBridge.launchUrl);
    await lock.createVault(PASSPHRASE);
    await page.getByRole('button', { name: 'Sperren' }).click();
    await expect(lock.heading()).toHaveText('Lotse ist gesperrt');
    await expectAccessible(page, testInfo, 'unlock');
    await keepScreenshot(page, testInfo, 'unlock');

    // Keyboard only: the passphrase field has focus; type and press Enter.
    await expect(lock.passphrase()).toBeFocused();
    await page.keyboard.type('falsche Passphrase 123');
    await page.keyboard.press('Enter');
    await expect(lock.alert()).toContainText('Die Passphrase ist nicht korrekt.');
    await expectAccessible(page, testInfo, 'unlock-error');
    await keepScreenshot(page, testInfo, 'unlock-wrong');

    await expect(lock.passphrase()).toBeFocused();
    await page.keyboard.type(PASSPHRASE);
    await page.keyboard.press('Enter');
    await expect(new AppFramePage(page).heading()).toHaveText('Fälle');
  });

  test('during the wait after wrong passphrases the lock screen counts the seconds', async ({
    page,
    freshBridge,
  }, testInfo) => {
    const lock = new LockScreensPage(page);
    await page.goto(freshBridge.launchUrl);
    await lock.createVault(PASSPHRASE);
    await page.getByRole('button', { name: 'Sperren' }).click();
    // Waits of 1 s and 2 s, then 4 s: long enough to see the countdown on the third attempt.
    for (const attempt of [1, 2]) {
      await lock.unlock(`falsch ${attempt} ${PASSPHRASE}`);
      await expect(lock.alert()).toContainText('Die Passphrase ist nicht korrekt.');
    }
    await lock.unlock(`falsch 3 ${PASSPHRASE}`);
    await expect(page.getByRole('status')).toHaveText(
      /^Die Passphrase war nicht korrekt\. Nächster Versuch in [1-4] Sekunden?\.$/,
    );
    await keepScreenshot(page, testInfo, 'unlock-countdown');
    await expect(lock.alert()).toContainText('nächster Versuch: 8 Sekunden');
    await expect(page.getByRole('status')).toHaveCount(0);
  });

  test('change passphrase in Einstellungen: the old one stops working', async ({
    page,
    freshBridge,
  }, testInfo) => {
    const lock = new LockScreensPage(page);
    await page.goto(freshBridge.launchUrl);
    await lock.createVault(PASSPHRASE);
    await new AppFramePage(page).navLink('Einstellungen').click();
    await page.getByRole('textbox', { name: 'Bisherige Passphrase', exact: true }).fill(PASSPHRASE);
    await page.getByRole('textbox', { name: 'Neue Passphrase', exact: true }).fill(NEXT);
    await page.getByRole('textbox', { name: 'Neue Passphrase wiederholen', exact: true }).fill(NEXT);
    await page.getByRole('button', { name: 'Passphrase ändern' }).click();
    await expect(page.getByText('Die Passphrase wurde geändert.')).toBeVisible();
    await expectAccessible(page, testInfo, 'settings');
    await keepScreenshot(page, testInfo, 'settings');

    await page.getByRole('button', { name: 'Sperren' }).click();
    await lock.unlock(PASSPHRASE);
    await expect(lock.alert()).toContainText('Die Passphrase ist nicht korrekt.');
    await lock.unlock(NEXT);
    // Back where the user was before locking.
    await expect(new AppFramePage(page).heading()).toHaveText('Einstellungen');
  });
});
