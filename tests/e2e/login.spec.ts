import { PASSWORD, USERS } from '../integration/server/harness';
import { expect, expectAccessible, keepScreenshot, test } from './fixtures';
import { bridgeWithServer, useLotseServer } from './server-fixture';
import { AppFramePage } from './pages/AppFrame';
import { LockScreensPage } from './pages/LockScreens';

/**
 * Sign-in at a real Lotse server on 127.0.0.1 (issue 12 item 4), keyboard only: the first sign-in
 * registers the device and creates the user's own store; later the lock screen offers the users of
 * this machine and unlocks with the passphrase; a second user gets a separate store that the first
 * user's passphrase does not open.
 */
const PASS_A = 'Elbwiesen bei Torgau im Mai';
const PASS_B = 'Muldental im Herbstnebel 7';
const userA = USERS.find((u) => u.key === 'cw')!.username;
const userB = USERS.find((u) => u.key === 'lead')!.username;

const server = useLotseServer();

test.describe('sign-in and one store per user', () => {
  test.describe.configure({ timeout: 240_000 });

  test('first sign-in, own store, offline-style unlock, a second user, keyboard only', async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const { bridge, remove } = await bridgeWithServer(server.url, { deviceName: 'E2E-Gerät' });
    try {
      const lock = new LockScreensPage(page);
      await page.goto(bridge.launchUrl);
      await expect(lock.heading()).toHaveText('Anmelden');
      const username = page.getByRole('textbox', { name: 'Benutzername' });
      const password = page.getByRole('textbox', { name: 'Passwort', exact: true });
      await expect(username).toBeFocused();
      await expectAccessible(page, testInfo, 'sign-in');
      await keepScreenshot(page, testInfo, 'login-sign-in');

      // empty fields are named in German; a wrong password is refused with the server's message
      await page.keyboard.press('Enter');
      await expect(page.getByText('Bitte geben Sie Ihren Benutzernamen ein.')).toBeVisible();
      await page.keyboard.type(userA);
      await page.keyboard.press('Tab');
      await expect(password).toBeFocused();
      await page.keyboard.type('falsches-passwort');
      await page.keyboard.press('Enter');
      await expect(lock.alert()).toContainText('Benutzername oder Passwort ist nicht korrekt.');
      await expectAccessible(page, testInfo, 'sign-in-error');
      await keepScreenshot(page, testInfo, 'login-sign-in-wrong');

      await expect(password).toBeFocused();
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');

      // the device is registered: now the passphrase of the user's own store
      await expect(lock.heading()).toHaveText('Persönlichen Datenspeicher anlegen');
      await expect(page.getByText(`Angemeldet als ${userA} (Integrationsfachkraft)`)).toBeVisible();
      await expect(lock.passphrase()).toBeFocused();
      await expectAccessible(page, testInfo, 'create-store');
      await keepScreenshot(page, testInfo, 'login-create-store');
      await page.keyboard.type(PASS_A);
      await lock.confirmation().focus();
      await page.keyboard.type(PASS_A);
      await page.keyboard.press('Enter');
      const frame = new AppFramePage(page);
      await expect(frame.heading()).toHaveText('Fälle');

      // lock: the lock screen names the account; the passphrase alone unlocks
      await page.getByRole('button', { name: 'Sperren' }).focus();
      await page.keyboard.press('Enter');
      await expect(lock.heading()).toHaveText('Lotse ist gesperrt');
      await expect(page.getByRole('radio', { name: `${userA} – Integrationsfachkraft` })).toBeChecked();
      await expect(lock.passphrase()).toBeFocused();
      await page.keyboard.type(PASS_A);
      await page.keyboard.press('Enter');
      await expect(frame.heading()).toHaveText('Fälle');

      // a second user on the same machine signs in and gets a separate store
      await page.getByRole('button', { name: 'Sperren' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Mit anderem Konto anmelden' }).focus();
      await page.keyboard.press('Enter');
      await expect(lock.heading()).toHaveText('Anmelden');
      await expect(username).toBeFocused();
      await page.keyboard.type(userB);
      await page.keyboard.press('Tab');
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');
      await expect(page.getByText(`Angemeldet als ${userB} (Teamleitung)`)).toBeVisible();
      await page.keyboard.type(PASS_B);
      await lock.confirmation().focus();
      await page.keyboard.type(PASS_B);
      await page.keyboard.press('Enter');
      await expect(frame.heading()).toHaveText('Fälle');

      // both users are offered; the first user's store does not open with the second's passphrase
      await page.getByRole('button', { name: 'Sperren' }).focus();
      await page.keyboard.press('Enter');
      const radioA = page.getByRole('radio', { name: `${userA} – Integrationsfachkraft` });
      const radioB = page.getByRole('radio', { name: `${userB} – Teamleitung` });
      await expect(radioB).toBeChecked();
      await expectAccessible(page, testInfo, 'unlock-accounts');
      await keepScreenshot(page, testInfo, 'login-unlock-accounts');
      await radioB.focus();
      await page.keyboard.press('ArrowUp');
      await expect(radioA).toBeChecked();
      await lock.passphrase().focus();
      await page.keyboard.type(PASS_B);
      await page.keyboard.press('Enter');
      await expect(lock.alert()).toContainText('Die Passphrase ist nicht korrekt.');
      await expect(lock.passphrase()).toBeFocused();
      await page.keyboard.type(PASS_A);
      await page.keyboard.press('Enter');
      await expect(frame.heading()).toHaveText('Fälle');
      expect(bridge.main.session()).toMatchObject({ displayName: userA, role: 'caseworker' });
    } finally {
      await remove();
    }
  });

  test('an unreachable server is said in German', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const { bridge, remove } = await bridgeWithServer('http://127.0.0.1:9', { deviceName: 'E2E-Gerät' });
    try {
      await page.goto(bridge.launchUrl);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');
      await page.keyboard.type(userA);
      await page.keyboard.press('Tab');
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');
      await expect(page.getByRole('alert')).toContainText('Der Lotse-Server ist nicht erreichbar.');
      await expectAccessible(page, testInfo, 'sign-in-offline');
    } finally {
      await remove();
    }
  });
});
