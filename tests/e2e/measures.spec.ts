import type { CaseList } from '../../src/shared/ipc/contract';
import { checkScreen, keepScreenshot, test, expect } from './fixtures';
import { AppFramePage } from './pages/AppFrame';

test.describe('Maßnahmen (case workspace, part 2)', () => {
  test('the wizard shows refused catalogue entries with their reason, by keyboard', async ({
    page,
    bridge,
  }, testInfo) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    const listed = await bridge.main.backend.dispatch('cases:list', { limit: 500 });
    if (!listed.ok) throw new Error(listed.error.code);
    const phase3 = (listed.value as CaseList).items.find((c) => c.phase === 3);
    if (!phase3) throw new Error('no demo case in phase 3');
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, `#/faelle/${phase3.caseId}/massnahmen`);
    await expect(page.getByRole('heading', { name: 'Maßnahmen', level: 2 })).toBeVisible();
    await page.getByRole('button', { name: 'Maßnahme zuweisen' }).focus();
    await page.keyboard.press('Enter');
    const firstNeed = page
      .getByRole('group', { name: /Handlungsbedarfe/ })
      .getByRole('checkbox')
      .first();
    await firstNeed.focus();
    await page.keyboard.press('Space');
    // the planned start is typed in German; a day that does not exist is named at the field
    const start = page.getByLabel('Geplanter Beginn', { exact: true });
    await start.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('30.02.2026');
    await expect(start).toHaveAccessibleDescription(/Februar/);
    await expect(start).toHaveAttribute('aria-invalid', 'true');
    // nothing chosen is lost while the date is wrong
    await expect(firstNeed).toBeChecked();
    await keepScreenshot(page, testInfo, 'measures-wizard-wrong-date');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium' }).format(new Date()));
    await expect(start).not.toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: 'Weiter', exact: true }).focus();
    await page.keyboard.press('Enter');
    const refused = page.locator('[data-measure="schritt-fuer-schritt"]');
    await expect(refused).toContainText('nicht möglich');
    await expect(refused).toContainText('Grund:');
    await expect(refused).toContainText('abgelaufen');
    await expect(refused.getByRole('radio')).toBeDisabled();
    await checkScreen(page, testInfo, 'measures-wizard-candidates');
  });
});
