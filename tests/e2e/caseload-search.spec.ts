import type { Page, TestInfo } from '@playwright/test';
import { expectAccessible, keepScreenshot, test, expect } from './fixtures';

/** What the window shows (the full page of a virtual list is mostly spacer). */
async function keepViewport(page: Page, testInfo: TestInfo, screen: string): Promise<void> {
  const path = `test-results/screens/${screen}-viewport.png`;
  await page.screenshot({ path });
  await testInfo.attach(`${screen}-viewport`, { path, contentType: 'image/png' });
}
import { tabTo } from './keyboard';
import { AppFramePage } from './pages/AppFrame';

test.describe('Mein Bestand and search as you type', () => {
  // a list of hundreds of rows, axe over it and screenshots: slow on a loaded two-core machine
  test.describe.configure({ timeout: 180_000 });
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
    await tabTo(search);
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

  test('coming back from a case keeps filter and scroll position; at 200 % zoom the list reflows', async ({
    page,
    bridge,
  }, testInfo) => {
    const frame = new AppFramePage(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await frame.open(bridge.launchUrl, '#/faelle?sort=phase');
    const table = page.getByRole('table', { name: 'Fallbestand' });
    await expect(table.getByRole('row')).not.toHaveCount(0);
    // at 1366 px no cell of the list is cut off (status, phase, findings are read in full)
    const cut = await table.evaluate((t) =>
      [...t.querySelectorAll('td, th')]
        .filter((c) => c.scrollWidth > c.clientWidth + 1)
        .map((c) => (c.textContent ?? '').slice(0, 30)),
    );
    expect(cut, `cut off at 1366 px: ${cut.join(' | ')}`).toEqual([]);
    // the table stays inside the page, and no name breaks over two lines
    const layout = await table.evaluate((t) => ({
      overflow: t.getBoundingClientRect().right - document.documentElement.clientWidth,
      broken: [...t.querySelectorAll('tbody a')]
        .filter((a) => a.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(a).fontSize))
        .map((a) => a.textContent),
    }));
    expect(layout.overflow).toBeLessThanOrEqual(0);
    expect(layout.broken, 'names broken over two lines').toEqual([]);

    // walk down the virtual list with Tab (the window follows the focus), open that case, come back
    await tabTo(table.getByRole('link').first());
    for (let i = 0; i < 30; i += 1) await page.keyboard.press('Tab');
    const name = (await page.evaluate(() => document.activeElement?.textContent ?? ''))!;
    expect(name).toMatch(/^[^,]+, .+/);
    const link = table.getByRole('link', { name, exact: true }).first();
    // rows measured on the way down may still shift the window for a moment: wait until it rests
    let scrolled = -1;
    await expect
      .poll(async () => {
        const y = await page.evaluate(() => window.scrollY);
        const rested = y === scrolled;
        scrolled = y;
        return rested;
      })
      .toBe(true);
    expect(scrolled).toBeGreaterThan(0);
    await expect(link).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(frame.heading()).toHaveText(name);
    await tabTo(page.getByRole('link', { name: 'Zurück zum Fallbestand' }));
    await page.keyboard.press('Enter');
    await expect(frame.heading()).toHaveText('Fälle');
    await expect(page).toHaveURL(/sort=phase/);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(scrolled);
    await expect(link).toBeInViewport();

    // 1366 px at 200 % zoom: the navigation collapses, nothing scrolls sideways
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize({ width: 683, height: 384 });
    await expect(frame.menuButton()).toBeVisible();
    const sideways = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return {
        by: document.documentElement.scrollWidth - width,
        wide: [...document.querySelectorAll('main *')]
          .filter((el) => el.getBoundingClientRect().right > width + 1)
          .slice(0, 3)
          .map((el) => `${el.tagName} ${(el.textContent ?? '').slice(0, 30)}`),
      };
    });
    expect(sideways.by, `sideways scrolling at 200 %: ${sideways.wide.join(' | ')}`).toBeLessThanOrEqual(0);
    await expectAccessible(page, testInfo, 'caseload-zoom200');
    await table.evaluate((t) => window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY));
    await keepViewport(page, testInfo, 'caseload-zoom200');
  });
});
