import type { Page, TestInfo } from '@playwright/test';
import { expectAccessible, keepScreenshot, test, expect } from './fixtures';

/** What the window shows (the full page of a virtual list is mostly spacer). */
async function keepViewport(page: Page, testInfo: TestInfo, screen: string): Promise<void> {
  const path = `test-results/screens/${screen}-viewport.png`;
  await page.screenshot({ path });
  await testInfo.attach(`${screen}-viewport`, { path, contentType: 'image/png' });
}
import { AppFramePage } from './pages/AppFrame';

test.describe('Mein Bestand and search as you type', () => {
  test('three letters of a surname list the name match first; the keyboard alone opens the case', async ({
    page,
    bridge,
  }, testInfo) => {
    const frame = new AppFramePage(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await frame.open(bridge.launchUrl, '#/faelle');
    const table = page.getByRole('table', { name: 'Fallbestand' });
    await expect(table.getByRole('row')).not.toHaveCount(0);
    await expect(page.getByRole('status')).toHaveText(/^\d+ Fälle/);
    // German order over the whole list, sortable headers say how they sort
    await expect(page.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'ascending');
    await expectAccessible(page, testInfo, 'caseload-1366');
    await keepScreenshot(page, testInfo, 'caseload-1366x768');
    await keepViewport(page, testInfo, 'caseload-1366x768');

    const first = await table.getByRole('link').first().textContent();
    const surname = first!.split(',')[0]!;
    const search = page.getByRole('searchbox', { name: 'Suche' });
    await search.focus();
    await page.keyboard.type(surname.slice(0, 3));
    await expect(page.getByRole('status')).toHaveText(/\d+ Treffer/);
    const firstRow = table.getByRole('row').nth(1);
    await expect(firstRow).toContainText('Nachname');
    await expect(firstRow.getByRole('link')).toHaveText(new RegExp(`^${surname.slice(0, 3)}`));
    await expectAccessible(page, testInfo, 'caseload-search-results');
    await keepScreenshot(page, testInfo, 'caseload-search-1366x768');
    await keepViewport(page, testInfo, 'caseload-search-1366x768');

    const name = await firstRow.getByRole('link').textContent();
    // keyboard only: from the search box to the first hit and open it
    await page.keyboard.press('Tab');
    await expect(firstRow.getByRole('link')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(frame.heading()).toHaveText(name!);
  });

  test('sorts by a column header and filters, at 1920×1080', async ({ page, bridge }, testInfo) => {
    const frame = new AppFramePage(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await frame.open(bridge.launchUrl, '#/faelle');
    const table = page.getByRole('table', { name: 'Fallbestand' });
    await expect(table.getByRole('row')).not.toHaveCount(0);
    await page.getByRole('button', { name: /^Prüfhinweise/ }).click();
    await expect(page.getByRole('columnheader', { name: /^Prüfhinweise/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await expect(page).toHaveURL(/sort=findings/);
    await page.getByRole('checkbox', { name: /Überprüfung überfällig/ }).check();
    await expect(page).toHaveURL(/overdue=1/);
    await keepScreenshot(page, testInfo, 'caseload-1920x1080');
    await keepViewport(page, testInfo, 'caseload-1920x1080');
    await expectAccessible(page, testInfo, 'caseload-1920');
  });
});
