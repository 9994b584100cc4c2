/**
 * Kooperationsplan section of the case workspace over the browser bridge, keyboard only: the
 * preview and "Was fehlt noch", the hand-over blocked with its reason in text while anything is
 * missing, a hand-over with its form and contact person, the new version in the list and its
 * reprint ("Ausfertigung vom …") as a PDF download; axe clean; a 1366×768 screenshot.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RunningBridge } from '../../src/main/bridge/start-bridge';
import type { CaseList, IpcOut } from '../../src/shared/ipc/contract';
import { expectAccessible, keepScreenshot, test, expect } from './fixtures';
import { AppFramePage } from './pages/AppFrame';

const PREVIEW = 'iframe[title="Vorschau des Kooperationsplans"]';

async function dispatch<T>(bridge: RunningBridge, channel: string, input: unknown): Promise<T> {
  const r = await bridge.main.backend.dispatch(channel as never, input as never);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
  return r.value as T;
}

/** A demo case in phase 4 whose plan has nothing missing, and one without a plan. */
async function demoCases(bridge: RunningBridge) {
  const list = await dispatch<CaseList>(bridge, 'cases:list', { limit: 500 });
  let ready: { caseId: string; name: string; planId: string; versions: number } | undefined;
  let without: { caseId: string; name: string } | undefined;
  for (const c of list.items) {
    const name = `${c.lastName}, ${c.firstName}`;
    const cp = await dispatch<IpcOut<'plans:for-case'>>(bridge, 'plans:for-case', { caseId: c.caseId });
    if (cp.plan === null) {
      without ??= { caseId: c.caseId, name };
    } else if (!ready) {
      const m = await dispatch<IpcOut<'plans:missing'>>(bridge, 'plans:missing', { planId: cp.plan.id });
      if (m.missing.length === 0)
        ready = { caseId: c.caseId, name, planId: cp.plan.id, versions: cp.handovers.length };
    }
    if (ready && without) break;
  }
  if (!ready || !without) throw new Error('demo data without a ready plan or a case without a plan');
  return { ready, without };
}

test.describe('Kooperationsplan (workspace section)', () => {
  test('a ready plan: preview, nothing missing, hand-over by keyboard, the new version reprinted', async ({
    page,
    bridge,
  }, testInfo) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const { ready } = await demoCases(bridge);
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, `#/faelle/${ready.caseId}/plan`);
    await expect(frame.heading()).toHaveText(ready.name);
    await expect(
      page
        .getByRole('navigation', { name: 'Bereiche des Falls' })
        .getByRole('link', { name: 'Kooperationsplan' }),
    ).toBeVisible();
    await expect(page.getByText('Nichts fehlt: Der Plan kann ausgehändigt werden.')).toBeVisible();
    const preview = page.frameLocator(PREVIEW);
    await expect(preview.locator('body')).toContainText('Kooperationsplan');
    const versions = page.getByRole('table');
    await expect(versions.getByRole('row')).toHaveCount(ready.versions + 1);

    // keyboard only: the form by arrow keys, the contact by typing, then Enter on the button
    await page.getByRole('radio', { name: 'Ausdruck persönlich übergeben' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'per E-Mail (Textform)' })).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
    await page.keyboard.type('Frau Hentschel');
    await page.keyboard.press('Tab');
    await page.keyboard.type('03421 7590-112');
    // the preview's letterhead names the contact person typed here
    await expect(preview.locator('body')).toContainText('Frau Hentschel');
    await page.getByRole('button', { name: 'Plan aushändigen' }).focus();
    await page.keyboard.press('Enter');

    const version = ready.versions + 1;
    await expect(page.getByRole('status')).toContainText(`Fassung ${version} wurde am`);
    await expect(page.getByRole('status')).toContainText('per E-Mail (Textform)');
    await expect(versions.getByRole('row')).toHaveCount(version + 1);
    const row = versions.getByRole('row').nth(1);
    await expect(row.getByRole('cell').nth(0)).toHaveText(String(version));
    await expect(row.getByRole('cell').nth(1)).toHaveText(/^\d{2}\.\d{2}\.\d{4}$/);
    await expect(row.getByRole('cell').nth(3)).toHaveText('per E-Mail (Textform)');
    await expect(row.getByRole('cell').nth(5)).toHaveText(/^[0-9a-f]{12}…$/);

    await row.getByRole('button', { name: `Fassung ${version} erneut drucken` }).focus();
    await page.keyboard.press('Enter');
    const link = row.getByRole('link', { name: `Ausfertigung der Fassung ${version} herunterladen (PDF)` });
    await expect(link).toBeVisible();
    await expect(row).toContainText('Ausfertigung vom');
    const download = page.waitForEvent('download');
    await link.focus();
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toBe(`Kooperationsplan-Fassung-${version}-Ausfertigung.pdf`);

    // the stored document as handed over: its bytes hash to the SHA-256 shown in the row
    await row.getByRole('button', { name: `Fassung ${version} als PDF, wie ausgehändigt` }).focus();
    await page.keyboard.press('Enter');
    const stored = row.getByRole('link', {
      name: `Fassung ${version} herunterladen (PDF, wie ausgehändigt)`,
    });
    const storedDownload = page.waitForEvent('download');
    await stored.focus();
    await page.keyboard.press('Enter');
    const file = await (await storedDownload).path();
    const sha = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
    await expect(row.getByRole('cell').nth(5).locator('[title]')).toHaveAttribute('title', sha);

    // the sandboxed preview runs no scripts, so axe checks its document on a page of its own
    await expectAccessible(page, testInfo, 'plan-handed-over', [PREVIEW]);
    const html = await dispatch<IpcOut<'plans:preview'>>(bridge, 'plans:preview', { planId: ready.planId });
    const doc = await page.context().newPage();
    await doc.setContent(html.html);
    await expectAccessible(doc, testInfo, 'plan-preview-document');
    await doc.close();
    await page.getByRole('heading', { name: 'Vorschau' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screens/plan-1366x768.png' });
    await keepScreenshot(page, testInfo, 'plan-handed-over');
  });

  test('no plan yet: a draft is made; the hand-over stays blocked with the reason in text', async ({
    page,
    bridge,
  }, testInfo) => {
    const { without } = await demoCases(bridge);
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, `#/faelle/${without.caseId}/plan`);
    await expect(page.getByRole('heading', { name: 'Noch kein Kooperationsplan' })).toBeVisible();
    await page.getByRole('button', { name: 'Entwurf anlegen' }).focus();
    await page.keyboard.press('Enter');

    const missing = page.getByRole('list', { name: 'Was fehlt noch' });
    await expect(missing.getByRole('listitem').first()).toBeVisible();
    const button = page.getByRole('button', { name: 'Plan aushändigen' });
    await expect(button).toBeDisabled();
    await expect(
      page.getByText(
        /Aushändigen ist erst möglich, wenn nichts mehr fehlt: (eine Angabe fehlt|\d+ Angaben fehlen) noch/,
      ),
    ).toBeVisible();
    await expect(page.getByText('Dieser Plan wurde noch nicht ausgehändigt.')).toBeVisible();
    await expectAccessible(page, testInfo, 'plan-draft-missing', [PREVIEW]);
    await keepScreenshot(page, testInfo, 'plan-draft-missing');
  });
});
