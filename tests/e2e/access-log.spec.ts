/**
 * The access log on the Synchronisation page (issue 12 item 5) over the browser bridge: opening a
 * case in the workspace is recorded and counted as waiting for the server; a refusal of the server
 * (a broken chain) is shown in German. axe on the page, a screenshot at 1366×768.
 */
import { ERROR_MESSAGES } from '../../src/shared/errors';
import { expect, expectAccessible, keepScreenshot, test } from './fixtures';

test('a case opened is counted as waiting for the server; a refusal is shown', async ({
  page,
  bridge,
}, testInfo) => {
  const list = await bridge.main.backend.dispatch('cases:list', { limit: 1 });
  if (!list.ok) throw new Error(list.error.code);
  const caseId = (list.value as { items: { caseId: string }[] }).items[0]!.caseId;
  const raw = bridge.main.store.raw();
  const before = (raw.prepare('SELECT COUNT(*) AS n FROM access_log').get() as { n: number }).n;

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${bridge.launchUrl}#/faelle/${caseId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect
    .poll(() => (raw.prepare('SELECT COUNT(*) AS n FROM access_log').get() as { n: number }).n)
    .toBe(before + 1);
  const entry = raw
    .prepare('SELECT case_id, action, offline FROM access_log ORDER BY seq DESC LIMIT 1')
    .get();
  expect(entry).toEqual({ case_id: caseId, action: 'case_opened', offline: 1 });

  await page.getByRole('link', { name: /^Synchronisation: / }).click();
  const panel = page.getByRole('region', { name: 'Zugriffsprotokoll' });
  const waiting = before + 1;
  await expect(panel).toContainText(
    `${waiting} ${waiting === 1 ? 'Fallaufruf wartet' : 'Fallaufrufe warten'} auf die Übertragung ins Zugriffsprotokoll des Servers`,
  );

  // the engine keeps the server's refusal of a broken chain here (sync_state)
  raw.prepare("INSERT INTO sync_state (key, value) VALUES ('access_log_refusal', ?)").run(
    JSON.stringify({
      code: 'AUDIT_CHAIN_GAP',
      message: ERROR_MESSAGES.AUDIT_CHAIN_GAP,
      seq: 4,
      at: '2026-11-23T09:00:00.000Z',
    }),
  );
  const alert = panel
    .getByRole('alert')
    .filter({ hasText: 'Der Server hat das Zugriffsprotokoll abgelehnt' });
  await expect(alert).toContainText(ERROR_MESSAGES.AUDIT_CHAIN_GAP);
  await expect(alert).toContainText('Eintrag 4, gemeldet am 23.11.2026, 10:00 Uhr');
  await expectAccessible(page, testInfo, 'sync-access-log');
  await keepScreenshot(page, testInfo, 'sync-access-log-1366');
});
