import { expectAccessible, keepScreenshot, test, expect } from './fixtures';
import { AppFramePage } from './pages/AppFrame';

const SCREENS = [
  { label: 'Fälle', hash: '#/faelle', title: 'Fälle', empty: /^\d+ Fälle/ },
  { label: 'Termine', hash: '#/termine/2026-11-23', title: 'Termine', empty: 'Montag, 23. November 2026' },
  {
    label: 'Außentermin',
    hash: '#/aussentermin/2026-11-23',
    title: 'Außentermin vorbereiten',
    empty: 'Für dieses Gerät ist kein Lotse-Server eingerichtet',
  },
  { label: 'Qualität', hash: '#/qualitaet', title: 'Qualität', empty: /^Überblick am \d{2}\.\d{2}\.\d{4}$/ },
  {
    label: 'Synchronisation',
    hash: '#/synchronisation',
    title: 'Synchronisation',
    empty: 'Zustand: Nicht eingerichtet',
  },
  { label: 'Einstellungen', hash: '#/einstellungen', title: 'Einstellungen', empty: 'Über Lotse' },
] as const;

test.describe('app frame', () => {
  for (const screen of SCREENS) {
    test(`shows ${screen.label} in German, accessibly`, async ({ page, bridge }, testInfo) => {
      const frame = new AppFramePage(page);
      await frame.open(bridge.launchUrl, screen.hash);
      await expect(frame.heading()).toHaveText(screen.title);
      await expect(page.getByText(screen.empty).first()).toBeVisible();
      await expect(frame.navLink(screen.label)).toHaveAttribute('aria-current', 'page');
      await expect(page).toHaveTitle(`${screen.title} – Lotse`);
      await expect(page.locator('html')).toHaveAttribute('lang', 'de');
      const name = screen.hash.slice(2).replaceAll('/', '-');
      await expectAccessible(page, testInfo, name);
      await keepScreenshot(page, testInfo, `frame-${name}`);
    });
  }

  test('reads app:info over the contract', async ({ page, bridge }) => {
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, '#/einstellungen');
    await expect(page.getByTestId('app-version')).toHaveText('0.1.0');
    await expect(page.getByText('Browser (Entwicklungs- und Testbetrieb)')).toBeVisible();
  });

  test('is usable with the keyboard only, with visible focus', async ({ page, bridge }) => {
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, '#/faelle');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    // Walk to the "Qualität" entry with Tab and open it with Enter.
    for (let i = 0; i < 20; i += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (focused.includes('Qualität')) break;
    }
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    await expect(frame.heading()).toHaveText('Qualität');
  });

  test('window.lotse refuses unknown channels and bad input', async ({ page, bridge }) => {
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl);
    const results = await page.evaluate(async () => {
      const lotse = window.lotse!;
      return [
        await lotse.invoke('fs:readFile', '/etc/passwd'),
        await lotse.invoke('vault:status', { unexpected: true }),
        // Straight to the bridge without the session cookie (HttpOnly, set by the launch link).
        await fetch('/__lotse/invoke', {
          method: 'POST',
          credentials: 'omit',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ channel: 'app:info' }),
        }).then((r) => r.status),
      ];
    });
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } });
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(results[2]).toBe(403);
  });
});
