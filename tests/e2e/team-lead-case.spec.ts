/**
 * A team lead opens a case of the team: the workspace says once that it is read-only, and every
 * control of the phase stepper and the sections is disabled, while the sections stay reachable by
 * their links. Reading stays possible: the PDF of a handed-over plan version opens. axe and a
 * screenshot at 1366×768.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseList } from '../../src/shared/ipc/contract';
import { callBridge, expect, expectAccessible, keepScreenshot, PLAN_PREVIEW, test } from './fixtures';
import { teamLeadBridge } from './team-lead';

test('a team lead reads a case of the team without write controls', async ({ page }, testInfo) => {
  const dir = await mkdtemp(join(tmpdir(), 'lotse-e2e-tl-case-'));
  const bridge = await teamLeadBridge(dir);
  try {
    const list = await callBridge<CaseList>(bridge, 'cases:list', { limit: 500 });
    const raw = bridge.main.store.raw();
    // a case with a handed-over plan; its newest version gets a stored PDF (as after a hand-over
    // on the caseworker's device and the sync: handed-over versions are immutable, so a copy)
    const handover = raw
      .prepare('SELECT * FROM plan_handovers ORDER BY case_id, version DESC LIMIT 1')
      .get() as Record<string, unknown> & { case_id: string; plan_id: string; version: number };
    const c = list.items.find((x) => x.caseId === handover.case_id)!;
    const pdf = Buffer.from('%PDF-1.4\n% Kooperationsplan (Testfassung)\n%%EOF\n');
    const sha = createHash('sha256').update(pdf).digest('hex');
    const version = handover.version + 1;
    const copy = { ...handover, id: 'handover-tl-e2e', version, pdf_sha256: sha };
    const columns = Object.keys(copy);
    raw
      .prepare(
        `INSERT INTO plan_handovers (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(...columns.map((k) => copy[k as keyof typeof copy]));
    raw
      .prepare(
        'INSERT INTO plan_documents (sha256, handover_id, case_id, pdf, byte_length, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(sha, copy.id, c.caseId, pdf, pdf.byteLength, '2026-11-23T08:00:00.000Z');
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
    // reading is not writing: the stored PDF of a handed-over version opens, by keyboard too
    await page.getByRole('link', { name: 'Kooperationsplan', exact: true }).click();
    const open = page.getByRole('button', { name: `Fassung ${version} als PDF, wie ausgehändigt` });
    await expect(open).toBeEnabled();
    await open.focus();
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('link', { name: `Fassung ${version} herunterladen (PDF, wie ausgehändigt)` }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Plan aushändigen' })).toBeDisabled();
    // the preview's document is checked on its own in plan.spec.ts
    await expectAccessible(page, testInfo, 'team-lead-case-plan', [PLAN_PREVIEW]);
    await open.scrollIntoViewIfNeeded();
    await keepScreenshot(page, testInfo, 'team-lead-case-plan-1366');
  } finally {
    await bridge.close();
    await rm(dir, { recursive: true, force: true });
  }
});
