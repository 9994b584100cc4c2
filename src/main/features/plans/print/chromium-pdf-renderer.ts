/**
 * PdfRenderer over Chromium's page.pdf through Playwright (playwright-core, a development
 * dependency): for tests, the bench and the browser bridge. The packaged app prints with Electron
 * (src/main/platform/electron-pdf.ts). The browser and one page start at the first render and are
 * kept warm (renders queue on that page); without JavaScript and without network (every request
 * is aborted).
 */
import type * as Playwright from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEBIAN_CHROMIUM, HEADLESS_CHROMIUM_ARGS, type PdfRenderer } from './pdf-renderer';

const PLAYWRIGHT = 'playwright-core';

export interface ChromiumPdfOptions {
  readonly executablePath?: string;
}

export function createChromiumPdfRenderer(options: ChromiumPdfOptions = {}): PdfRenderer {
  let starting: Promise<{ browser: Browser; context: BrowserContext; page: Page }> | undefined;
  /** Renders one after the other on the one warm page (a page per render costs ~100 ms). */
  let queue: Promise<unknown> = Promise.resolve();

  const start = () =>
    (starting ??= (async () => {
      // a development dependency: never bundled into the app, loaded only where this renderer is used
      const { chromium } = (await import(/* @vite-ignore */ PLAYWRIGHT)) as typeof Playwright;
      const browser = await chromium.launch({
        executablePath: options.executablePath ?? DEBIAN_CHROMIUM,
        args: [...HEADLESS_CHROMIUM_ARGS],
      });
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      await context.route('**/*', (route) => route.abort());
      return { browser, context, page: await context.newPage() };
    })());

  return {
    name: 'chromium-playwright',
    render(html) {
      const job = queue.then(async () => {
        const { page } = await start();
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          format: 'A4',
          preferCSSPageSize: true,
          printBackground: true,
          tagged: true,
          outline: true,
        });
        return new Uint8Array(pdf);
      });
      queue = job.catch(() => undefined);
      return job;
    },
    async close() {
      const running = starting;
      starting = undefined;
      if (running) await (await running).browser.close();
    },
  };
}
