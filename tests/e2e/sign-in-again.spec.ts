/**
 * Issue 12: the server refuses the stored sign-in (the token family is revoked) while Lotse is open
 * against a real Lotse server on 127.0.0.1. The app shows the sign-in screen with the German
 * explanation instead of retrying silently; the store stays open and the change made meanwhile
 * stays; after signing in again (keyboard) the app is back and the pending change reaches the
 * server. Screens checked with checkScreen.
 */
import { ERROR_MESSAGES } from '../../src/shared/errors';
import { PASSWORD, USERS } from '../integration/server/harness';
import { callBridge as call, checkScreen, expect, test } from './fixtures';
import { AppFramePage } from './pages/AppFrame';
import { LockScreensPage } from './pages/LockScreens';
import { bridgeWithServer, useLotseServer } from './server-fixture';

const PASS = 'Elbwiesen bei Torgau im Mai';
const user = USERS.find((u) => u.key === 'cw')!.username;
const server = useLotseServer();

test('a revoked sign-in leads back to the sign-in screen; afterwards the pending change is synced', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const { bridge, remove } = await bridgeWithServer(server.url, { deviceName: 'E2E-Gerät' });
  try {
    const lock = new LockScreensPage(page);
    const frame = new AppFramePage(page);
    await page.goto(bridge.launchUrl);
    await expect(lock.heading()).toHaveText('Anmelden');
    await page.keyboard.type(user);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(lock.heading()).toHaveText('Persönlichen Datenspeicher anlegen');
    await page.keyboard.type(PASS);
    await lock.confirmation().focus();
    await page.keyboard.type(PASS);
    await page.keyboard.press('Enter');
    await expect(frame.heading()).toHaveText('Fälle');

    const c = await call<{ caseId: string }>(bridge, 'cases:create', {
      officeId: 'oschatz',
      caseworkerId: server.h.userIds['cw'],
      openedOn: '2026-03-02',
      person: { customerNumber: '123D456789', firstName: 'Nora', lastName: 'Vogel', birthDate: '1991-02-03' },
    });
    expect(await call(bridge, 'sync:now')).toMatchObject({ pendingCount: 0, error: null });

    // the server ends every sign-in of this user; a note is written meanwhile
    await server.h.tdb.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: server.h.clock.now() })
      .where('user_id', '=', server.h.userIds['cw']!)
      .execute();
    const note = await call<{ id: string }>(bridge, 'notes:create', {
      caseId: c.caseId,
      values: {
        category: 'Beratung',
        title: 'Nach dem Widerruf',
        body: 'Während der Abmeldung geschrieben.',
      },
    });
    expect(await call(bridge, 'sync:now')).toMatchObject({ state: 'signed_out', pendingCount: 1 });

    // the app asks for a new sign-in, in German, with the user name filled in
    await expect(lock.heading()).toHaveText('Erneut anmelden', { timeout: 30_000 });
    await expect(page.getByText(ERROR_MESSAGES.SYNC_SIGN_IN_REQUIRED)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Benutzername' })).toHaveValue(user);
    await checkScreen(page, testInfo, 'sign-in-again');
    await page.setViewportSize({ width: 1366, height: 768 });

    await page.getByRole('textbox', { name: 'Passwort', exact: true }).focus();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(frame.heading()).toHaveText('Fälle');
    await expect
      .poll(
        async () => (await call<{ pendingCount: number; state: string }>(bridge, 'sync:now')).pendingCount,
      )
      .toBe(0);
    const onServer = await server.h.tdb.db
      .selectFrom('sync_records')
      .select('data')
      .where('id', '=', note.id)
      .executeTakeFirstOrThrow();
    expect(onServer.data).toMatchObject({ body: 'Während der Abmeldung geschrieben.' });
  } finally {
    await remove();
  }
});
