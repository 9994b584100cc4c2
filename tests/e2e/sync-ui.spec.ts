/**
 * What the user sees of the sync (issue 12 item 3) over the browser bridge, without a server: the
 * Synchronisation page names the state in words and refuses "Jetzt synchronisieren" in German; the
 * header shows the state with the pending count; a conflict and a refused edit stored in the local
 * store appear inside the affected case with both values side by side and the choices; the refused
 * edit stays until "Ausblenden". axe on each screen, screenshots at 1366×768.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningBridge } from '../../src/main/bridge/start-bridge';
import { ERROR_MESSAGES } from '../../src/shared/errors';
import { callBridge as call, expect, expectAccessible, keepScreenshot, test } from './fixtures';
import { teamLeadBridge } from './team-lead';

async function firstCaseId(bridge: RunningBridge): Promise<string> {
  const list = await call<{ items: { caseId: string }[] }>(bridge, 'cases:list', { limit: 1 });
  return list.items[0]!.caseId;
}

/** A conflict on a note's body and a refused edit, as the engine stores them (local-only tables). */
function storeIssues(bridge: RunningBridge, caseId: string) {
  const conflictId = randomUUID();
  const mutationId = randomUUID();
  const raw = bridge.main.store.raw();
  raw
    .prepare(
      `INSERT INTO sync_conflicts (id, entity, entity_id, case_id, field, local_value, remote_value,
         local_hlc, remote_hlc, created_at, kind, base_value, kept_value, other_value, kept_by, other_by)
       VALUES (?, 'notes', ?, ?, 'body', NULL, NULL, '0', '0', ?, 'conflict', ?, ?, ?, NULL, NULL)`,
    )
    .run(
      conflictId,
      randomUUID(),
      caseId,
      '2026-11-23T08:30:00.000Z',
      JSON.stringify('Termin vereinbart.'),
      JSON.stringify('Termin vereinbart. Lebenslauf mitbringen.'),
      JSON.stringify('Termin vereinbart. Bewerbung in Torgau besprochen.'),
    );
  raw
    .prepare(
      `INSERT INTO sync_rejections (mutation_id, entity, entity_id, case_id, reason, payload, created_at, op)
       VALUES (?, 'persons', ?, ?, 'FORBIDDEN', ?, ?, 'update')`,
    )
    .run(
      mutationId,
      randomUUID(),
      caseId,
      JSON.stringify({
        phone: { value: '0342 1234' },
        germanLevel: { value: 'B1' },
        disability: { value: 'none' },
        benefitPeriods: {
          value: [
            { from: '2020-01-01', to: '2021-12-31' },
            { from: '2023-05-01', to: null },
          ],
        },
      }),
      '2026-11-23T09:00:00.000Z',
    );
  return { conflictId, mutationId };
}

test('without a server the page says so and refuses a sync in German', async ({ page, bridge }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${bridge.launchUrl}#/faelle`);
  // The header indicator names the state and leads to the page (by keyboard), focus on its heading.
  const indicator = page.getByRole('link', { name: 'Synchronisation: Nicht eingerichtet' });
  await indicator.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Synchronisation' })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Zustand: Nicht eingerichtet' })).toBeVisible();
  await expect(page.getByText(/kein Lotse-Server eingerichtet/)).toBeVisible();
  const table = page.getByRole('table', { name: 'Stand der Synchronisation' });
  await expect(
    table.getByRole('row', { name: /Letzte erfolgreiche Synchronisation noch nie/ }),
  ).toBeVisible();
  await expect(table.getByRole('row', { name: /Ausstehende Änderungen 0/ })).toBeVisible();

  const button = page.getByRole('button', { name: 'Jetzt synchronisieren' });
  await button.focus();
  await page.keyboard.press('Enter');
  const alert = page.getByRole('alert').filter({ hasText: 'Synchronisation nicht möglich' });
  await expect(alert).toContainText(ERROR_MESSAGES.SYNC_NOT_CONFIGURED);
  await expectAccessible(page, testInfo, 'sync-page');
  await keepScreenshot(page, testInfo, 'sync-page-1366');
});

test('conflicts and refused edits inside the case; a refusal stays until dismissed', async ({
  page,
  bridge,
}, testInfo) => {
  const caseId = await firstCaseId(bridge);
  const { mutationId } = storeIssues(bridge, caseId);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${bridge.launchUrl}#/faelle/${caseId}`);

  const panel = page.getByRole('region', { name: 'Abgleichkonflikt: Vermerk: Text' });
  await expect(panel).toBeVisible();
  await expect(panel.getByText('Ihre Fassung (gilt derzeit)')).toBeVisible();
  await expect(panel.getByText('Termin vereinbart. Lebenslauf mitbringen.')).toBeVisible();
  await expect(panel.getByText('Fassung des Servers')).toBeVisible();
  await expect(panel.getByText('Termin vereinbart. Bewerbung in Torgau besprochen.')).toBeVisible();
  const rejection = page.getByText('Abgelehnt: Änderung Person vom 23.11.2026, 10:00 Uhr');
  await expect(rejection).toBeVisible();
  await expect(page.getByText(ERROR_MESSAGES.FORBIDDEN)).toBeVisible();
  // the refused value is shown with the German label of its field
  await expect(page.getByText('Telefon:', { exact: true })).toBeVisible();
  await expect(page.getByText('0342 1234')).toBeVisible();
  // a choice by its German label, not its stored code
  const refused = page.locator('dl').filter({ hasText: 'Telefon:' });
  await expect(refused).toContainText(/Behinderung:\s*keine/);
  await expect(refused).not.toContainText('none');
  // a list of periods one per line, dates in German, not JSON
  await expect(refused).toContainText(
    /Zeiten des Leistungsbezugs:\s*01\.01\.2020 – 31\.12\.2021\s*ab 01\.05\.2023/,
  );
  await expect(refused).not.toContainText('{');
  await expectAccessible(page, testInfo, 'case-sync-issues');
  await keepScreenshot(page, testInfo, 'case-sync-issues-1366');

  // A decision needs the server: the German refusal, and the conflict stays open.
  await panel.getByRole('button', { name: 'Meine behalten' }).click();
  await expect(panel.getByRole('alert')).toContainText(ERROR_MESSAGES.SYNC_NOT_CONFIGURED);
  // Free text: merge offers a prefilled text area.
  await panel.getByRole('button', { name: 'Zusammenführen' }).click();
  const merged = panel.getByRole('textbox', { name: 'Zusammengeführter Text' });
  await expect(merged).toHaveValue(/Lebenslauf mitbringen\.\n\nTermin vereinbart\. Bewerbung in Torgau/);
  await panel.getByRole('button', { name: 'Abbrechen' }).click();
  const open = bridge.main.store
    .raw()
    .prepare('SELECT COUNT(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL AND case_id = ?')
    .get(caseId) as { n: number };
  expect(open.n).toBe(1);

  // The refused edit stays until dismissed.
  await page.getByRole('button', { name: /^Ausblenden: Änderung Person/ }).click();
  await expect(rejection).toBeHidden();
  const row = bridge.main.store
    .raw()
    .prepare('SELECT seen_at FROM sync_rejections WHERE mutation_id = ?')
    .get(mutationId) as { seen_at: string | null };
  expect(row.seen_at).not.toBeNull();

  // The page counts what is left.
  await page.getByRole('link', { name: /^Synchronisation: / }).click();
  const table = page.getByRole('table', { name: 'Stand der Synchronisation' });
  await expect(table.getByRole('row', { name: /Offene Abgleichkonflikte 1/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /Abgelehnte Änderungen 0/ })).toBeVisible();
  await expect(page.getByText('Keine abgelehnten Änderungen.')).toBeVisible();
});

test('the page lists refused edits until each is dismissed', async ({ page, bridge }) => {
  const caseId = await firstCaseId(bridge);
  storeIssues(bridge, caseId);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${bridge.launchUrl}#/synchronisation`);
  const list = page.getByRole('region', { name: 'Vom Server abgelehnte Änderungen' });
  const item = list.getByText('Abgelehnt: Änderung Person vom 23.11.2026, 10:00 Uhr');
  await expect(item).toBeVisible();
  await expect(list.getByText(ERROR_MESSAGES.FORBIDDEN)).toBeVisible();
  await expect(list.getByText('0342 1234')).toBeVisible();
  await list.getByRole('button', { name: /^Ausblenden: Änderung Person/ }).click();
  await expect(item).toBeHidden();
  await expect(list.getByText('Keine abgelehnten Änderungen.')).toBeVisible();
});

test('a team lead sees a conflict of a team case side by side, without a choice', async ({
  page,
}, testInfo) => {
  const dir = await mkdtemp(join(tmpdir(), 'lotse-e2e-sync-tl-'));
  const bridge = await teamLeadBridge(dir);
  try {
    const caseId = await firstCaseId(bridge);
    storeIssues(bridge, caseId);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${bridge.launchUrl}#/faelle/${caseId}`);
    const panel = page.getByRole('region', { name: 'Abgleichkonflikt: Vermerk: Text' });
    await expect(panel).toBeVisible();
    await expect(panel.getByText(/entscheidet die zuständige Integrationsfachkraft/)).toBeVisible();
    await expect(panel.getByText('Gespeicherte Fassung (gilt derzeit)')).toBeVisible();
    await expect(panel.getByText('Termin vereinbart. Lebenslauf mitbringen.')).toBeVisible();
    await expect(panel.getByText('Abweichende Fassung')).toBeVisible();
    await expect(panel.getByText('Termin vereinbart. Bewerbung in Torgau besprochen.')).toBeVisible();
    await expect(panel.getByRole('button')).toHaveCount(0);
    await expectAccessible(page, testInfo, 'case-sync-issues-team-lead');
    // and the channel refuses a decision, in German, without asking the server
    const refused = await bridge.main.backend.dispatch('sync:resolve-conflict', {
      conflictId: randomUUID(),
      choice: 'mine',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: 'Über Abweichungen in der Fallakte entscheidet die zuständige Integrationsfachkraft.',
      },
    });
  } finally {
    await bridge.close();
    await rm(dir, { recursive: true, force: true });
  }
});
