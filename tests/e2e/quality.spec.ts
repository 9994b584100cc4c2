import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, expectAccessible, keepScreenshot, test } from './fixtures';
import { TEAM, teamLeadBridge, teamMemberName as name } from './team-lead';
import { tabTo } from './keyboard';
import { AppFramePage } from './pages/AppFrame';

/**
 * Qualität (issue 15 item 1) in the browser bridge: the caseworker's dashboard of the own caseload
 * (the standard demo store), and a team lead's store holding a team of three caseworkers (the
 * demo data spread over them, as the server's team scope would deliver it). Keyboard only for the
 * drill-down from a number to the cases and on to the section of the case the finding points at.
 */
test.describe('Qualität', () => {
  test('a caseworker drills from a rule to the cases and on to the section of the finding, keyboard only', async ({
    page,
    bridge,
  }, testInfo) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, '#/qualitaet');
    await expect(frame.heading()).toHaveText('Qualität');
    await expect(page.getByRole('heading', { name: /^Überblick am \d{2}\.\d{2}\.\d{4}$/ })).toBeVisible();
    // no team switch for a caseworker; the figures are the own caseload
    await expect(page.getByRole('radiogroup', { name: 'Auswertung für' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Je Fachkraft' })).toHaveCount(0);
    const rules = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Regel' }) });
    await expect(rules.getByRole('row')).toHaveCount(1 + 11 + 3);
    // the charts have their tables
    await expect(page.getByRole('table').filter({ hasText: 'Dieselben Zahlen wie im Diagramm' })).toHaveCount(
      2,
    );
    await expect(page.locator('.recharts-surface').first()).toBeVisible();
    await expectAccessible(page, testInfo, 'quality-dashboard');
    await keepScreenshot(page, testInfo, 'quality-dashboard-1366x768');

    // keyboard: Tab to the number of cases of the diagnosis rule, Enter
    const diagnoses = page.getByRole('link', { name: /^Keine Diagnosen in Freitexten: \d+ Fälle anzeigen$/ });
    const count = Number((await diagnoses.textContent())!.replace(/\./g, ''));
    expect(count).toBeGreaterThan(0);
    await tabTo(diagnoses);
    await page.keyboard.press('Enter');
    await expect(frame.heading()).toHaveText('Fälle zur Auswertung');
    await expect(page.getByText('Eigener Bestand: Regel „Keine Diagnosen in Freitexten“')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /Fäll?e?$/ })).toHaveText(
      `${count} ${count === 1 ? 'Fall' : 'Fälle'}`,
    );
    expect(page.url()).toContain('#/qualitaet/faelle?regel=keine-diagnosen');
    // the own caseload: every case shown is the signed-in caseworker's, marked „(Sie)“
    const shown = (await page.getByRole('table').getByRole('row').count()) - 1;
    expect(shown).toBeGreaterThan(0);
    await expect(page.getByRole('cell', { name: /\(Sie\)$/ })).toHaveCount(shown);
    // the phase by number and name, as in the case list
    const phases = /^[1-4] – (Profiling|Zielfestlegung|Strategieauswahl|Umsetzung und Nachhaltung)$/;
    await expect(page.getByRole('cell', { name: phases })).toHaveCount(shown);
    await expectAccessible(page, testInfo, 'quality-cases');
    await keepScreenshot(page, testInfo, 'quality-cases-1366x768');

    // from the finding to the section of the case it points at (Vermerke)
    const section = page.getByRole('link', { name: 'Vermerke', exact: true }).first();
    await tabTo(section);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Vermerke', level: 2 })).toBeVisible();
    expect(page.url()).toMatch(/#\/faelle\/[0-9a-f-]+\/vermerke$/);
    await expect(page.getByText(/Bandscheibenvorfall/).first()).toBeVisible();

    // back to the dashboard at 1920×1080
    await page.goBack();
    await page.goBack();
    await expect(frame.heading()).toHaveText('Qualität');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect(page.getByRole('heading', { name: 'Verlauf der letzten 12 Monate' })).toBeVisible();
    await keepScreenshot(page, testInfo, 'quality-dashboard-1920x1080');
  });

  test('a team lead sees the team per caseworker, drills down per caseworker and exports the CSV', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const dir = await mkdtemp(join(tmpdir(), 'lotse-e2e-quality-'));
    const bridge = await teamLeadBridge(dir);
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      const frame = new AppFramePage(page);
      await frame.open(bridge.launchUrl, '#/qualitaet');
      // a team lead lands on the team
      await expect(page.getByRole('radio', { name: 'Team' })).toBeChecked();
      await expect(
        page.getByText('Auswertung der Qualitätsregeln des 4PM für die Fälle Ihres Teams'),
      ).toBeVisible();
      // the scope switch is a radio group: Tab to it, arrow to the own caseload (none) and back
      for (let i = 0; ; i += 1) {
        expect(i, 'the scope switch is reachable by Tab').toBeLessThan(60);
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'radio'))
          break;
      }
      await page.keyboard.press('ArrowLeft');
      await expect(page.getByRole('radio', { name: 'Eigener Bestand' })).toBeChecked();
      await expect(page.getByRole('heading', { name: 'Keine offenen Fälle' })).toBeVisible();
      await expect(page).toHaveURL(/#\/qualitaet\?bereich=eigen$/);
      await page.keyboard.press('ArrowRight');
      await expect(page.getByRole('radio', { name: 'Team' })).toBeChecked();
      // the address keeps the scope over a reload
      await page.reload();
      await expect(page.getByRole('radio', { name: 'Team' })).toBeChecked();
      await expect(page).toHaveURL(/#\/qualitaet\?bereich=team$/);
      const perCaseworker = page
        .getByRole('table')
        .filter({ has: page.getByRole('columnheader', { name: 'Fachkraft' }) });
      await expect(perCaseworker.getByRole('row')).toHaveCount(1 + TEAM.length);
      for (const id of TEAM)
        await expect(perCaseworker.getByRole('rowheader', { name: name(id) })).toBeVisible();
      await expectAccessible(page, testInfo, 'quality-team');
      await keepScreenshot(page, testInfo, 'quality-team-1366x768');

      // drill down: the cases of one caseworker with an overdue review
      const overdue = page.getByRole('link', {
        name: new RegExp(`^${name('ifk-nord')}, Überprüfung überfällig: \\d+ – Fälle anzeigen$`),
      });
      const n = Number((await overdue.textContent())!);
      await tabTo(overdue);
      await page.keyboard.press('Enter');
      // caseworkers by name (the team directory), not by user id
      await expect(
        page.getByText(`Team: Überprüfung überfällig · Fachkraft ${name('ifk-nord')}`),
      ).toBeVisible();
      if (n > 0) {
        // the list is virtualized: it renders the rows in view, and tells their number to screen readers
        const table = page.getByRole('table');
        await expect(page.getByRole('status').filter({ hasText: /^\d+ (Fall|Fälle)$/ })).toHaveText(
          `${n} ${n === 1 ? 'Fall' : 'Fälle'}`,
        );
        await expect(table).toHaveAttribute('aria-rowcount', String(1 + n));
        const rendered = (await table.getByRole('row').count()) - 1;
        expect(rendered).toBeGreaterThan(0);
        expect(rendered).toBeLessThanOrEqual(n);
        const names = new RegExp(`^(${TEAM.map(name).join('|')})$`);
        const cells = await page.getByRole('cell', { name: names }).allTextContents();
        expect(cells).toEqual(Array.from({ length: rendered }, () => name('ifk-nord')));
        await expect(page.getByRole('cell', { name: /^ifk-/ })).toHaveCount(0);
      }
      await page.goBack();
      await expect(page.getByRole('heading', { name: 'Je Fachkraft' })).toBeVisible();

      // CSV: German, per caseworker, no names of persons
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'CSV exportieren' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^Qualitaet-Team-2\d{3}-\d{2}-\d{2}\.csv$/);
      const csv = await readFile((await file.path())!, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const lines = csv.slice(1).trimEnd().split('\r\n');
      expect(lines[0]!.split(';').slice(0, 3)).toEqual(['Fachkraft', 'Fälle', 'Phase 1']);
      expect(lines.map((l) => l.split(';')[0])).toEqual(['Fachkraft', ...TEAM.map(name), 'Gesamt']);
      expect(lines[4]).toMatch(/;\d+,\d{2};/);
      // no person of the demo data is named in the export
      expect(csv).not.toMatch(/Müller|Schmidt|Yılmaz|Bondarenko/);

      // PDF report beside the CSV: downloaded, German, per caseworker, no persons, page numbers
      const pdfDownload = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Bericht als PDF' }).click();
      const pdfFile = await pdfDownload;
      expect(pdfFile.suggestedFilename()).toMatch(/^Qualitaetsbericht-Team-2\d{3}-\d{2}-\d{2}\.pdf$/);
      const pdfPath = (await pdfFile.path())!;
      expect((await readFile(pdfPath)).subarray(0, 5).toString()).toBe('%PDF-');
      const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-'], {
        encoding: 'utf8',
      });
      expect(text).toContain('Qualitätsbericht');
      expect(text).toMatch(/Stand: \d{2}\.\d{2}\.\d{4}/);
      expect(text).toMatch(/Seite 1 von \d/);
      // per caseworker by name (the same team directory as the screen), never by user id
      for (const id of TEAM) expect(text).toMatch(new RegExp(`^\\s*${name(id)}\\s+\\d+\\s+\\d+`, 'm'));
      expect(text).not.toContain('ifk-');
      expect(text).not.toMatch(/Müller|Schmidt|Yılmaz|Bondarenko/);
      expect(text).not.toMatch(/\b[A-Z]{2,4}-\d{4}-\d+/);

      await page.setViewportSize({ width: 1920, height: 1080 });
      await expect(page.getByRole('heading', { name: 'Verlauf der letzten 12 Monate' })).toBeVisible();
      await keepScreenshot(page, testInfo, 'quality-team-1920x1080');
    } finally {
      await bridge.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
