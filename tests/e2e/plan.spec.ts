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
import { expectAccessible, keepScreenshot, PLAN_PREVIEW, test, expect } from './fixtures';
import { AppFramePage } from './pages/AppFrame';
import { DEMO_CONTACT } from '../../src/main/features/plans/print/plan-contact';

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
  // PDF rendering and the autosaving editor on a loaded two-core machine: generous limits
  test.describe.configure({ timeout: 300_000 });
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
    await expect(page.getByText('Nichts fehlt: Der Plan kann ausgehändigt werden.')).toBeVisible({
      timeout: 30_000,
    });
    const preview = page.frameLocator(PLAN_PREVIEW);
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
    await expect(preview.locator('body')).toContainText('Frau Hentschel', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Plan aushändigen' }).focus();
    await page.keyboard.press('Enter');

    const version = ready.versions + 1;
    await expect(page.getByRole('status', { name: 'Ergebnis der Aushändigung' })).toContainText(
      `Fassung ${version} wurde am`,
      { timeout: 90_000 },
    );
    await expect(page.getByRole('status', { name: 'Ergebnis der Aushändigung' })).toContainText(
      'per E-Mail (Textform)',
    );
    await expect(versions.getByRole('row')).toHaveCount(version + 1);
    const row = versions.getByRole('row').nth(1);
    await expect(row.getByRole('cell').nth(0)).toHaveText(String(version));
    await expect(row.getByRole('cell').nth(1)).toHaveText(/^\d{2}\.\d{2}\.\d{4}$/);
    await expect(row.getByRole('cell').nth(2)).toHaveText(DEMO_CONTACT.name); // by name, not user id
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
    await expectAccessible(page, testInfo, 'plan-handed-over', [PLAN_PREVIEW]);
    const html = await dispatch<IpcOut<'plans:preview'>>(bridge, 'plans:preview', { planId: ready.planId });
    const doc = await page.context().newPage();
    await doc.setContent(html.html);
    await expectAccessible(doc, testInfo, 'plan-preview-document');
    await doc.close();
    await page.getByRole('heading', { name: 'Vorschau' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screens/plan-1366x768.png' });
    await keepScreenshot(page, testInfo, 'plan-handed-over');
  });

  test('the editor, keyboard only: a past review date and a health term are listed as missing, fixed from the list, then handed over and reprinted', async ({
    page,
    bridge,
  }, testInfo) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const { ready } = await demoCases(bridge);
    const { plan } = await dispatch<IpcOut<'plans:for-case'>>(bridge, 'plans:for-case', {
      caseId: ready.caseId,
    });
    const german = (iso: string) => iso.split('-').reverse().join('.');
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, `#/faelle/${ready.caseId}/plan`);
    const saved = page.getByRole('status', { name: 'Speicherstand des Entwurfs' });
    const missing = page.getByRole('list', { name: 'Was fehlt noch' });
    await expect(page.getByText('Nichts fehlt: Der Plan kann ausgehändigt werden.')).toBeVisible({
      timeout: 30_000,
    });

    // the review date: the plan's own date has passed by now
    const review = page.getByRole('textbox', { name: 'Überprüfung des Plans spätestens am' });
    await expect(review).toHaveValue(german(plan!.reviewDueOn!));
    await expect(review).toHaveAccessibleDescription('TT.MM.JJJJ');
    // the translation page: Arabic is offered as written right to left (the plan texts' direction)
    const language = page.getByRole('combobox', { name: /^Übersetzungsseite/ });
    await expect(language.locator('option', { hasText: 'Arabisch (von rechts nach links)' })).toHaveCount(1);
    await expect(language.locator('option', { hasText: 'von rechts nach links' })).toHaveCount(1);
    await review.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(german(plan!.planDate));
    await expect(saved).toHaveText(/^Entwurf gespeichert um \d\d:\d\d Uhr\.$/, { timeout: 20_000 });
    await expect(missing.getByRole('button', { name: /liegt in der Vergangenheit/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Plan aushändigen' })).toBeDisabled();

    // a new step typed with a health term: the hint under the field, and the missing list names the step
    const add = page.getByRole('button', { name: 'Schritt hinzufügen' });
    await add.focus();
    await page.keyboard.press('Enter');
    const steps = plan!.mainSteps.length + 1;
    const step = page.getByRole('textbox', { name: `Schritt ${steps}`, exact: true });
    await expect(step).toBeFocused();
    await page.keyboard.type('Wegen der Depression regelmäßig zur Therapie gehen');
    await expect(page.getByText(/Nicht druckbar:.*„Depression“/)).toBeVisible();
    await expect(saved).toHaveText(/^Entwurf gespeichert/, { timeout: 20_000 });
    const healthEntry = missing.getByRole('button', {
      name: new RegExp(`^Schritt ${steps} enthält Gesundheitsangaben`),
    });
    await expect(healthEntry).toBeVisible();
    await expectAccessible(page, testInfo, 'plan-editor-missing', [PLAN_PREVIEW]);
    await keepScreenshot(page, testInfo, 'plan-editor-missing');

    // fixed from the list: each entry moves the focus to its field
    await missing.getByRole('button', { name: /liegt in der Vergangenheit/ }).focus();
    await page.keyboard.press('Enter');
    await expect(review).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(german(plan!.reviewDueOn!));
    await healthEntry.focus();
    await page.keyboard.press('Enter');
    await expect(step).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Lebenslauf gemeinsam überarbeiten');
    await expect(page.getByText(/Nicht druckbar/)).toHaveCount(0);
    await expect(page.getByText('Nichts fehlt: Der Plan kann ausgehändigt werden.')).toBeVisible({
      timeout: 20_000,
    });
    await expect(saved).toHaveText(/^Entwurf gespeichert/);
    await expect(page.frameLocator(PLAN_PREVIEW).locator('body')).toContainText(
      'Lebenslauf gemeinsam überarbeiten',
    );

    // hand over and reprint
    await page.getByRole('radio', { name: 'Ausdruck persönlich übergeben' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Plan aushändigen' }).focus();
    await page.keyboard.press('Enter');
    const version = ready.versions + 1;
    await expect(page.getByRole('status', { name: 'Ergebnis der Aushändigung' })).toContainText(
      `Fassung ${version} wurde am`,
      { timeout: 90_000 },
    );
    const row = page.getByRole('table').getByRole('row').nth(1);
    await row.getByRole('button', { name: `Fassung ${version} erneut drucken` }).focus();
    await page.keyboard.press('Enter');
    await expect(row).toContainText('Ausfertigung vom', { timeout: 30_000 });
    const stored = await dispatch<IpcOut<'plans:for-case'>>(bridge, 'plans:for-case', {
      caseId: ready.caseId,
    });
    expect(stored.handovers[0]?.content.mainSteps.at(-1)?.text).toBe('Lebenslauf gemeinsam überarbeiten');
    expect(stored.handovers[0]?.content.reviewDueOn).toBe(plan!.reviewDueOn);
    await expectAccessible(page, testInfo, 'plan-editor-handed-over', [PLAN_PREVIEW]);
    await page.screenshot({ path: 'test-results/screens/plan-editor-1366x768.png' });
    await keepScreenshot(page, testInfo, 'plan-editor-handed-over');
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
    await expect(missing.getByRole('listitem').first()).toBeVisible({ timeout: 30_000 });
    const button = page.getByRole('button', { name: 'Plan aushändigen' });
    await expect(button).toBeDisabled();
    const goalEntry = missing.getByRole('button', { name: 'Bitte das Eingliederungsziel eintragen.' });
    await goalEntry.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Ziel', exact: true })).toBeFocused();
    await page.keyboard.type('Arbeit als Verkäuferin in Eilenburg');
    await expect(page.getByRole('status', { name: 'Speicherstand des Entwurfs' })).toHaveText(
      /^Entwurf gespeichert/,
      { timeout: 20_000 },
    );
    await expect(goalEntry).toHaveCount(0);
    await expect(
      page.getByText(
        /Aushändigen ist erst möglich, wenn nichts mehr fehlt: (eine Angabe fehlt|\d+ Angaben fehlen) noch/,
      ),
    ).toBeVisible();
    await expect(page.getByText('Dieser Plan wurde noch nicht ausgehändigt.')).toBeVisible();
    await expectAccessible(page, testInfo, 'plan-draft-missing', [PLAN_PREVIEW]);
    await keepScreenshot(page, testInfo, 'plan-draft-missing');
  });
});
