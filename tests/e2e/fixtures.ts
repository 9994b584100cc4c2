import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BridgeServer } from '../../src/main/bridge/bridge-server';
import { startBridge } from '../../src/main/bridge/start-bridge';
import { silentLogger } from '../../src/main/logging/logger';

/**
 * A fresh browser bridge (real backend, temporary data) per test, serving the renderer built by
 * `electron-vite build` into out/renderer.
 */
export const test = base.extend<{ bridge: BridgeServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring first argument
  bridge: async ({}, use) => {
    const bridge = await startBridge({
      rendererDir: resolve('out/renderer'),
      logger: silentLogger(),
      version: '0.1.0',
      demo: true,
      vault: { status: () => ({ state: 'uninitialized', quickUnlockAvailable: false, autoLockMinutes: 15 }) },
    });
    await use(bridge);
    await bridge.close();
  },
});

export { expect };

/**
 * Runs axe-core (WCAG 2.1 A/AA) on the current screen. Serious or critical violations fail the
 * test; all findings are attached to the report.
 */
export async function expectAccessible(page: Page, testInfo: TestInfo, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  await testInfo.attach(`axe-${screen}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `axe findings on screen "${screen}"`).toEqual([]);
}

/** Keeps a full-page screenshot of a screen as a test artifact (and under test-results/screens). */
export async function keepScreenshot(page: Page, testInfo: TestInfo, screen: string): Promise<void> {
  await mkdir('test-results/screens', { recursive: true });
  const path = `test-results/screens/${screen}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(screen, { path, contentType: 'image/png' });
}
