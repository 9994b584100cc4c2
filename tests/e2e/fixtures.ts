import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBridge, type RunningBridge } from '../../src/main/bridge/start-bridge';
import { seedDemoData } from '../../src/main/features/demo/seed-demo';
import { silentLogger } from '../../src/main/logging/logger';
import { dateInBerlin, type IsoDate } from '../../src/shared/domain/common/dates';
import { TEST_SCRYPT } from '../helpers/local-store';

/** The passphrase of the prepared vault in the `bridge` fixture. */
export const E2E_PASSPHRASE = 'Elbwiesen bei Torgau im Mai';

/**
 * The day the demo data of a test is generated around: today at the offices, the day the app itself
 * works with. Data fixed to one past day would age with the calendar (plans fall due for review,
 * appointments pass) and break tests weeks later.
 */
export function e2eToday(): IsoDate {
  return dateInBerlin(new Date());
}

/** '2026-11-24' -> 'Dienstag, 24. November 2026', as the day view titles a day. */
export function longGermanDate(day: IsoDate): string {
  return new Intl.DateTimeFormat('de-DE', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.parse(`${day}T00:00:00Z`));
}

/** Calls a channel of the bridge's main process directly (setting up a test), its value or an Error. */
export async function callBridge<T>(bridge: RunningBridge, channel: string, input?: unknown): Promise<T> {
  const result = await bridge.main.backend.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

export async function bridgeIn(dataDir: string): Promise<RunningBridge> {
  return startBridge({
    rendererDir: resolve('out/renderer'),
    dataDir,
    logger: silentLogger(),
    version: '0.1.0',
    demo: true,
    // Cheap KDF parameters keep the suite fast; the production default has its own tests.
    scrypt: TEST_SCRYPT,
    onFirstRun: async (store) => {
      seedDemoData(store.raw(), { cases: 200, seed: 2026, today: e2eToday() });
    },
  });
}

/**
 * Per test, a browser bridge (the real backend: vault, encrypted store, demo data) in its own
 * temporary data directory, serving the renderer built by `electron-vite build` into out/renderer.
 * - `freshBridge`: first run, nothing set up yet.
 * - `bridge`: set up with E2E_PASSPHRASE, unlocked, 200 demo cases.
 */
export const test = base.extend<{ bridge: RunningBridge; freshBridge: RunningBridge }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring first argument
  freshBridge: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'lotse-e2e-'));
    const bridge = await bridgeIn(dir);
    await use(bridge);
    await bridge.close();
    await rm(dir, { recursive: true, force: true });
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring first argument
  bridge: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'lotse-e2e-'));
    const bridge = await bridgeIn(dir);
    const created = await bridge.main.backend.dispatch('vault:create', {
      passphrase: E2E_PASSPHRASE,
      confirmation: E2E_PASSPHRASE,
    });
    if (!created.ok) throw new Error(`vault setup failed: ${created.error.code}`);
    await use(bridge);
    await bridge.close();
    await rm(dir, { recursive: true, force: true });
  },
});

export { expect };

/** The plan's preview: a sandboxed iframe without scripts, which axe cannot enter (and waits for). */
export const PLAN_PREVIEW = 'iframe[title="Vorschau des Kooperationsplans"]';

/**
 * Runs axe-core (WCAG 2.1 A/AA) on the current screen. Serious or critical violations fail the
 * test; all findings are attached to the report.
 */
export async function expectAccessible(
  page: Page,
  testInfo: TestInfo,
  screen: string,
  /** Selectors left out, e.g. a sandboxed iframe axe cannot enter (check its document on its own). */
  exclude: readonly string[] = [],
): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  await testInfo.attach(`axe-${screen}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`,
    );
  expect(blocking, `axe findings on screen "${screen}"`).toEqual([]);
}

/** Keeps a full-page screenshot of a screen as a test artifact (and under test-results/screens). */
export async function keepScreenshot(page: Page, testInfo: TestInfo, screen: string): Promise<void> {
  await mkdir('test-results/screens', { recursive: true });
  const path = `test-results/screens/${screen}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(screen, { path, contentType: 'image/png' });
}

const SIZES = [
  { name: '1366', width: 1366, height: 768 },
  { name: '1920', width: 1920, height: 1080 },
] as const;

/**
 * One screen as a person sees it: axe, full-page screenshots at 1366×768 and 1920×1080, and at
 * 200 % zoom (683×384 CSS px) no sideways scrolling (the first wide elements are named on failure).
 */
export async function checkScreen(page: Page, testInfo: TestInfo, screen: string): Promise<void> {
  await expectAccessible(page, testInfo, screen);
  // full-page screenshots from the top: the fixed header and navigation stay where they belong
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await keepScreenshot(page, testInfo, `${screen}-${size.name}`);
  }
  await page.setViewportSize({ width: 683, height: 384 });
  // the layout follows the new width after a render (media queries read in React): give it a moment
  const measure = () =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .slice(0, 3)
        .map((el) => `${el.tagName}.${el.className} ${(el.textContent ?? '').slice(0, 40)}`);
      return { by: document.documentElement.scrollWidth - width, wide };
    });
  let overflow = await measure();
  for (let i = 0; i < 20 && overflow.by > 0; i++) {
    await page.waitForTimeout(100);
    overflow = await measure();
  }
  expect(
    overflow.by,
    `${screen}: sideways scrolling at 200 % zoom: ${overflow.wide.join(' | ')}`,
  ).toBeLessThanOrEqual(0);
  await keepScreenshot(page, testInfo, `${screen}-zoom200`);
  await page.setViewportSize({ width: 1366, height: 768 });
}
