/**
 * A team lead opens a case of the team: the workspace says once that it is read-only, and every
 * control of the phase stepper and the sections is disabled, while the sections stay reachable by
 * their links. axe and a screenshot at 1366×768.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseList } from '../../src/shared/ipc/contract';
import { callBridge, expect, expectAccessible, keepScreenshot, test } from './fixtures';
import { teamLeadBridge } from './team-lead';

test('a team lead reads a case of the team without write controls', async ({ page }, testInfo) => {
  const dir = await mkdtemp(join(tmpdir(), 'lotse-e2e-tl-case-'));
  const bridge = await teamLeadBridge(dir);
  try {
    const list = await callBridge<CaseList>(bridge, 'cases:list', { limit: 500 });
    const c = list.items.find((x) => x.phase === 4) ?? list.items[0]!;
    const detail = await callBridge<{ mayWrite: boolean }>(bridge, 'cases:get', { caseId: c.caseId });
    expect(detail.mayWrite).toBe(false);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${bridge.launchUrl}#/faelle/${c.caseId}/massnahmen`);
    await expect(page.getByRole('note').filter({ hasText: 'Nur lesen' })).toBeVisible();
    await expect(
      page.getByText('Als Teamleitung sehen Sie diesen Fall, ändern ihn aber nicht'),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Maßnahme zuweisen' })).toBeDisabled();
    const actions = page.getByRole('button', {
      name: /^(Verlängern|Beenden|Abbrechen|Zuweisen|Antritt erfassen)/,
    });
    for (const button of await actions.all()) await expect(button).toBeDisabled();
    await expectAccessible(page, testInfo, 'team-lead-case-measures');
    await keepScreenshot(page, testInfo, 'team-lead-case-measures-1366');
    // the sections stay reachable; their write buttons are disabled too
    await page.getByRole('link', { name: 'Vermerke & Kontakte' }).click();
    await expect(page.getByRole('button', { name: 'Vermerk schreiben' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Kontakt erfassen' })).toBeDisabled();
    await page.getByRole('link', { name: 'Termine', exact: true }).last().click();
    await expect(page.getByRole('button', { name: 'Termin anlegen' })).toBeDisabled();
  } finally {
    await bridge.close();
    await rm(dir, { recursive: true, force: true });
  }
});
