import type { CaseList } from '../../src/shared/ipc/contract';
import { expectAccessible, keepScreenshot, test, expect } from './fixtures';
import { AppFramePage } from './pages/AppFrame';

test.describe('navigation (router, focus, landmarks)', () => {
  test('a case link survives a reload; opening a case puts the focus on its heading', async ({
    page,
    bridge,
  }, testInfo) => {
    const listed = await bridge.main.backend.dispatch('cases:list', { limit: 1 });
    if (!listed.ok) throw new Error(listed.error.code);
    const first = (listed.value as CaseList).items[0]!;
    const name = `${first.lastName}, ${first.firstName}`;

    // Deep link straight into the case workspace, then reload: the same case is shown again.
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, `#/faelle/${first.caseId}`);
    await expect(frame.heading()).toHaveText(name);
    await page.reload();
    await expect(frame.heading()).toHaveText(name);
    await expect(page).toHaveURL(new RegExp(`#/faelle/${first.caseId}$`));
    await expect(page).toHaveTitle(`${name} – Lotse`);
    await expect(page.getByRole('navigation', { name: 'Bereiche des Falls' }).getByRole('link')).toHaveText([
      'Überblick',
      'Profiling',
      'Ziel',
      'Strategien',
      'Maßnahmen',
      'Kooperationsplan',
      'Umsetzung',
      'Eigenbemühungen',
      'Vermerke & Kontakte',
      'Termine',
    ]);
    // exactly one main landmark (none nested in another)
    await expect(page.getByRole('main')).toHaveCount(1);
    await expectAccessible(page, testInfo, 'case-deep-link');

    // Search, open a case from the list: the focus lands on the case's heading.
    await frame.navLink('Fälle').click();
    await expect(frame.heading()).toHaveText('Fälle');
    await expect(frame.heading()).toBeFocused();
    await page.getByRole('searchbox', { name: 'Suche' }).fill(first.lastName);
    await expect(page).toHaveURL(/#\/faelle\?q=/);
    const link = page.getByRole('table', { name: 'Fallbestand' }).getByRole('link', { name });
    await link.first().focus();
    await page.keyboard.press('Enter');
    await expect(frame.heading()).toHaveText(name);
    await expect(frame.heading()).toBeFocused();

    // Back to the caseload: the search text is still there.
    await page.getByRole('link', { name: 'Zurück zum Fallbestand' }).click();
    await expect(frame.heading()).toBeFocused();
    await expect(page.getByRole('searchbox', { name: 'Suche' })).toHaveValue(first.lastName);
  });

  test('an address that names no case says so, without the generic form text', async ({ page, bridge }) => {
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, '#/faelle/gibt-es-nicht');
    await expect(frame.heading()).toHaveText('Fall nicht verfügbar');
    await expect(page.getByRole('alert')).toContainText('Diesen Fall gibt es in Ihrem Bestand nicht');
    await frame.open(bridge.launchUrl, '#/faelle/%3Cscript%3E');
    await expect(page.getByRole('alert')).toContainText('Die Fallkennung in der Adresse ist ungültig');
    await expect(page.getByText('Bitte prüfen Sie die markierten Felder')).toHaveCount(0);
  });

  test('"Heute" in the day view moves the focus to the heading', async ({ page, bridge }) => {
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, '#/termine/2026-11-20');
    await expect(page.getByRole('heading', { name: 'Freitag, 20. November 2026' })).toBeVisible();
    await page.getByRole('link', { name: 'Heute' }).click();
    await expect(page).not.toHaveURL(/2026-11-20/);
    await expect(frame.heading()).toHaveText('Termine');
    await expect(frame.heading()).toBeFocused();
  });

  test('narrow window (1366 px at 200 % zoom): the navigation collapses behind a menu button', async ({
    page,
    bridge,
  }, testInfo) => {
    await page.setViewportSize({ width: 683, height: 768 });
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, '#/einstellungen');
    await expect(frame.navLink('Termine')).toBeHidden();
    await expect(frame.menuButton()).toHaveAttribute('aria-expanded', 'false');
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(sideways).toBe(false);
    await expectAccessible(page, testInfo, 'narrow-settings');

    await frame.menuButton().click();
    await expect(frame.menuButton()).toHaveAttribute('aria-expanded', 'true');
    await keepScreenshot(page, testInfo, 'narrow-navigation-open');
    await frame.navLink('Termine').click();
    await expect(frame.heading()).toHaveText('Termine');
    await expect(frame.navLink('Termine')).toBeHidden();
  });
});
