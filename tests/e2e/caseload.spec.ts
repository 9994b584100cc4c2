import { addDays } from '../../src/shared/domain/common/dates';
import {
  callBridge,
  e2eToday,
  expectAccessible,
  keepScreenshot,
  longGermanDate,
  test,
  expect,
} from './fixtures';
import { AppFramePage } from './pages/AppFrame';

test.describe('caseload and case workspace', () => {
  test('searches the encrypted full-text index as you type and opens a case', async ({
    page,
    bridge,
  }, testInfo) => {
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, '#/faelle');
    const table = page.getByRole('table', { name: 'Fallbestand' });
    await expect(table.getByRole('row')).not.toHaveCount(0);

    // Diacritics-insensitive prefix search: "muell" is not a prefix of "Müller", "mull" is (ü -> u).
    await page.getByRole('searchbox', { name: 'Suche' }).fill('Mull');
    await expect(page.getByRole('status')).toHaveText(/\d+ Treffer/);
    const names = await table.getByRole('link').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^Müller, /);
    await expectAccessible(page, testInfo, 'caseload-search');
    await keepScreenshot(page, testInfo, 'caseload-search');

    await table.getByRole('link').first().click();
    await expect(frame.heading()).toHaveText(names[0]!);
    await expect(page.getByRole('heading', { name: 'Vier-Phasen-Modell' })).toBeVisible();
    // target groups come from the domain, each with the reason in text (not by colour)
    await expect(page.getByRole('heading', { name: 'Zielgruppen' })).toBeVisible();
    await expect(page.getByText(/^Fall (OSZ|DZ|EB|TO)-\d{4}-\d{6}/)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Vermerke' })).toBeVisible();
    // the preferred language reads as a German word, not a code
    const language = page.getByRole('row', { name: /Bevorzugte Sprache/ });
    await expect(language).toHaveText(/Bevorzugte Sprache\s*(–|[A-ZÄÖÜ][a-zäöüß]+)/);
    await expect(language).not.toHaveText(/Sprache\s*[a-z]{2}$/);
    await expectAccessible(page, testInfo, 'case-workspace');
    await keepScreenshot(page, testInfo, 'case-workspace');

    await page.getByRole('link', { name: 'Zurück zum Fallbestand' }).click();
    await expect(frame.heading()).toHaveText('Fälle');
  });

  test('shows a clear empty state when nothing matches', async ({ page, bridge }) => {
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, '#/faelle');
    await page.getByRole('searchbox', { name: 'Suche' }).fill('Xyzzyqwv');
    await expect(page.getByText('Keine Treffer')).toBeVisible();
  });

  test('lists the appointments of a day with German dates and times', async ({ page, bridge }, testInfo) => {
    // the first day after today with appointments in the demo data (generated around today)
    let day = e2eToday();
    for (let i = 0; i < 14; i++) {
      day = addDays(day, 1);
      if ((await callBridge<unknown[]>(bridge, 'appointments:list-day', { day })).length > 0) break;
    }
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, `#/termine/${day}`);
    await expect(page.getByRole('heading', { name: longGermanDate(day) })).toBeVisible();
    const rows = page.getByRole('table', { name: /Termine am/ }).getByRole('row');
    await expect(rows.first()).toBeVisible();
    await expect(page.getByRole('cell', { name: /^\d{2}:\d{2} Uhr$/ }).first()).toBeVisible();
    await expectAccessible(page, testInfo, 'appointments');
    await keepScreenshot(page, testInfo, 'appointments');
    await page.getByRole('link', { name: 'Nächster Tag' }).click();
    await expect(page.getByRole('heading', { name: longGermanDate(addDays(day, 1)) })).toBeVisible();
  });
});
