import type { Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningBridge } from '../../src/main/bridge/start-bridge';
import { addDays, formatGermanDate, type IsoDate } from '../../src/shared/domain/common/dates';
import { plannedPeriodProblems } from '../../src/shared/domain/measures/wizard';
import type { CaseList, IpcOut, MeasureCandidates, StrategyOverview } from '../../src/shared/ipc/contract';
import {
  callBridge as call,
  bridgeIn,
  checkScreen,
  E2E_PASSPHRASE,
  e2eToday,
  test,
  expect,
} from './fixtures';
import { AppFramePage } from './pages/AppFrame';
import { LockScreensPage } from './pages/LockScreens';

/** Focuses a field by its label and types, as a caseworker does with the keyboard. */
async function typeInto(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

async function press(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name, exact: typeof name === 'string' }).focus();
  await page.keyboard.press('Enter');
}

async function section(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Bereiche des Falls' })
    .getByRole('link', { name: label, exact: true })
    .focus();
  await page.keyboard.press('Enter');
}

interface Scenario {
  caseId: string;
  name: string;
  officeId: string;
  needLabel: string;
  measure: MeasureCandidates['candidates'][number];
  refused: MeasureCandidates['candidates'][number];
  plannedEnd: IsoDate;
  extendedEnd: IsoDate;
}

/**
 * A demo case in phase 3 whose needs all have a strategy but nothing is under way yet, so that
 * assigning a measure is exactly what lets it move on; with a need whose wizard shows an eligible
 * Zuweisung and a refused entry.
 */
async function findScenario(bridge: RunningBridge, today: IsoDate): Promise<Scenario> {
  const list = await call<CaseList>(bridge, 'cases:list', { limit: 500 });
  for (const c of list.items.filter((x) => x.phase === 3)) {
    const check = await call<IpcOut<'cases:phase-check'>>(bridge, 'cases:phase-check', { caseId: c.caseId });
    if (!check.conditions[0]?.met || check.conditions[1]?.met) continue;
    const overview = await call<StrategyOverview>(bridge, 'strategies:list', { caseId: c.caseId });
    for (const choice of overview.choices) {
      const needId = choice.servesNeeds[0];
      const proposal = overview.proposals.find((p) => p.need.criterionId === needId);
      if (!needId || !proposal) continue;
      const cands = await call<MeasureCandidates>(bridge, 'measures:candidates', {
        caseId: c.caseId,
        needIds: [needId],
        plannedStart: today,
      });
      const refused = cands.candidates.find((x) => x.status === 'not_eligible');
      const measure = cands.candidates.find(
        (x) => x.status === 'eligible' && x.form === 'assignment' && x.provider === null,
      );
      if (!refused || !measure) continue;
      // a planned end and a later one the measure may be extended to
      const [plannedEnd, extendedEnd] = [27, 55, 83, 111]
        .map((d) => addDays(today, d))
        .filter((end) => plannedPeriodProblems(measure, today, end).length === 0);
      if (!plannedEnd || !extendedEnd) continue;
      const detail = await call<IpcOut<'cases:get'>>(bridge, 'cases:get', { caseId: c.caseId });
      return {
        caseId: c.caseId,
        name: `${c.lastName}, ${c.firstName}`,
        officeId: detail.case.officeId,
        needLabel: proposal.criterionLabel,
        measure,
        refused,
        plannedEnd,
        extendedEnd,
      };
    }
  }
  throw new Error('no suitable demo case in phase 3');
}

test.describe('Phase 3 → 4 by keyboard (issue 10, first Done-when)', () => {
  test('wizard from a need, assign, begin, end with outcome, Eigenbemühungen, appointment, health note; survives a restart', async ({
    page,
  }, testInfo) => {
    test.setTimeout(480_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    const dir = await mkdtemp(join(tmpdir(), 'lotse-e2e-'));
    let bridge = await bridgeIn(dir);
    try {
      const created = await bridge.main.backend.dispatch('vault:create', {
        passphrase: E2E_PASSPHRASE,
        confirmation: E2E_PASSPHRASE,
      });
      if (!created.ok) throw new Error(created.error.code);
      const today = e2eToday();
      const s = await findScenario(bridge, today);
      const frame = new AppFramePage(page);

      // ---- Strategieauswahl → the wizard, with the need preselected
      await frame.open(bridge.launchUrl, `#/faelle/${s.caseId}/strategien`);
      const phases = page.getByRole('region', { name: 'Vier-Phasen-Modell' });
      await expect(phases).toContainText('Wechsel in Phase 4');
      await expect(phases).toContainText('Offen: Weder ist ein Kooperationsplan ausgehändigt');
      await expect(phases.getByRole('button', { name: 'In Phase 4 wechseln' })).toHaveCount(0);
      await page
        .getByRole('link', { name: `Maßnahme für „${s.needLabel}“ zuweisen` })
        .first()
        .focus();
      await page.keyboard.press('Enter');
      await expect(page.getByText('Aus der Strategieauswahl geöffnet')).toBeVisible();
      const need = page
        .getByRole('group', { name: /Handlungsbedarfe/ })
        .getByRole('checkbox', { checked: true });
      await expect(need).toHaveCount(1);
      await expect(need).toHaveAccessibleName(new RegExp(`^${s.needLabel}`));
      await typeInto(page, 'Geplantes Ende (optional)', formatGermanDate(s.plannedEnd));
      await press(page, 'Weiter');

      // ---- candidates: the refused one greyed with reason and legal reference, never hidden
      const refused = page.locator(`[data-measure="${s.refused.measureId}"]`);
      await expect(refused).toContainText('nicht möglich');
      const reason = s.refused.reasons.find((r) => r.severity === 'unmet');
      await expect(refused).toContainText(`Grund: ${reason!.text} (${reason!.ref})`);
      await expect(refused.getByRole('radio')).toBeDisabled();
      await checkScreen(page, testInfo, 'phase4-wizard-candidates');
      await page.locator(`[data-measure="${s.measure.measureId}"]`).getByRole('radio').focus();
      await page.keyboard.press('Space');
      await press(page, 'Weiter');
      await typeInto(page, 'Träger', 'Bildungsträger Torgau');
      await expect(page.getByRole('radio', { checked: true })).toHaveCount(1); // the strategy's goal
      await press(page, 'Weiter');
      await press(page, 'Weiter');
      await expect(page.getByText(`${s.measure.title} (${s.measure.formLabel})`)).toBeVisible();
      await press(page, 'Vorschlag speichern');

      // ---- carrying it out: assign, begin, end with an outcome
      const row = page.getByRole('row').filter({ hasText: s.measure.title });
      await expect(row).toContainText('vorgeschlagen');
      await press(page, `Zuweisen: ${s.measure.title}`);
      await expect(row).toContainText('zugewiesen');
      // now the case may move on, and says why
      await expect(phases).toContainText('Erfüllt: Eine Maßnahme ist zugewiesen oder läuft.');
      await expect(
        phases.getByRole('listitem').filter({ hasText: 'aktuelle Phase, bereit zum Wechsel' }),
      ).toContainText('Phase 3');
      await press(page, 'In Phase 4 wechseln');
      await expect(phases.getByRole('status')).toContainText('Der Fall ist jetzt in Phase 4');
      await expect(phases.getByRole('listitem').filter({ hasText: 'aktuelle Phase' })).toContainText(
        'Phase 4',
      );
      await press(page, `Antritt erfassen: ${s.measure.title}`);
      await expect(row).toContainText('angetreten');
      // the measure runs longer than planned: extended, not before the planned end so far
      await press(page, `Verlängern: ${s.measure.title}`);
      const extension = page.getByRole('form', { name: `„${s.measure.title}“ verlängern` });
      const newEnd = extension.getByLabel('Neues geplantes Ende');
      await newEnd.focus();
      await page.keyboard.type(formatGermanDate(s.plannedEnd));
      await page.keyboard.press('Enter');
      await expect(extension).toContainText(
        `Das neue Ende muss nach dem bisher geplanten Ende am ${formatGermanDate(s.plannedEnd)} liegen.`,
      );
      await checkScreen(page, testInfo, 'phase4-measure-extension');
      await newEnd.focus();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(formatGermanDate(s.extendedEnd));
      await press(page, 'Verlängerung speichern');
      await expect(extension).toHaveCount(0);
      await expect(row).toContainText(formatGermanDate(s.extendedEnd));
      await expect(row).toContainText(`verlängert am ${formatGermanDate(today)}`);
      await press(page, `Beenden: ${s.measure.title}`);
      const ending = page.getByRole('form', { name: `„${s.measure.title}“ beenden` });
      await ending.getByRole('button', { name: 'Beenden speichern' }).focus();
      await page.keyboard.press('Enter');
      await expect(ending).toContainText('Bitte das Ergebnis der Maßnahme wählen.');
      await ending.getByLabel('Ergebnis').selectOption({ label: 'erfolgreich abgeschlossen' });
      await ending.getByRole('button', { name: 'Beenden speichern' }).focus();
      await page.keyboard.press('Enter');
      await expect(row).toContainText('beendet');
      await expect(row).toContainText('Ergebnis: erfolgreich abgeschlossen');
      // ended today: the period shows the day it ended, the planned end beside it
      await expect(row).toContainText(`${formatGermanDate(today)} – ${formatGermanDate(today)}`);
      await expect(row).toContainText(`geplant bis ${formatGermanDate(s.extendedEnd)}`);
      await checkScreen(page, testInfo, 'phase4-measures');

      // ---- Eigenbemühungen: agreed, and two proofs recorded against the frequency
      await section(page, 'Eigenbemühungen');
      await expect(page.getByRole('heading', { name: 'Eigenbemühungen', level: 2 })).toBeVisible();
      await press(page, 'Eigenbemühung vereinbaren');
      await typeInto(page, 'Was', 'Bewerbungen als Lagerhelfer');
      await press(page, 'Eigenbemühung speichern');
      await expect(page.getByText('Bitte angeben, wie oft (mindestens einmal).')).toBeVisible();
      await typeInto(page, 'Wie oft', '4');
      await press(page, 'Eigenbemühung speichern');
      const effort = page.getByRole('listitem', { name: 'Eigenbemühung „Bewerbungen als Lagerhelfer“' });
      await expect(effort).toContainText('4× pro Monat · Nachweis: Liste der Bewerbungen');
      await expect(effort).toContainText('Bis heute 0 von 4 nachgewiesen, es fehlen 4.');
      for (const [n, form] of [
        ['2', 'Liste der Bewerbungen'],
        ['1', 'Bestätigung des Arbeitgebers'],
      ] as const) {
        await press(page, 'Nachweis erfassen: Eigenbemühung „Bewerbungen als Lagerhelfer“');
        await effort.getByLabel('Form des Nachweises').selectOption({ label: form });
        await effort.getByLabel('Anzahl', { exact: true }).focus();
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.type(n);
        await effort.getByRole('button', { name: 'Nachweis speichern' }).focus();
        await page.keyboard.press('Enter');
        await expect(effort.getByRole('button', { name: 'Nachweis speichern' })).toHaveCount(0);
      }
      await expect(effort).toContainText('Bis heute 3 von 4 nachgewiesen, es fehlen 1.');
      await expect(effort.getByRole('row').nth(1)).toContainText(`${formatGermanDate(today)} –`);
      await expect(effort.getByRole('row').nth(1)).toContainText('läuft (es fehlen 1)');
      await checkScreen(page, testInfo, 'phase4-own-efforts');

      // ---- an appointment: scheduled and marked attended; found in the day view of the office
      const yesterday = addDays(today, -1);
      await section(page, 'Termine');
      await press(page, 'Termin anlegen');
      await typeInto(page, 'Datum', formatGermanDate(yesterday));
      await typeInto(page, 'Uhrzeit', '09:30');
      await page.getByLabel('Art des Termins').selectOption('beratung');
      await typeInto(page, 'Anlass', 'Auswertung der Maßnahme');
      await page.getByLabel('Einladung').selectOption('einladung');
      await press(page, 'Termin speichern');
      const appointmentName = `Termin ${formatGermanDate(yesterday)}, 09:30 Uhr`;
      const appointment = page.getByRole('listitem', { name: appointmentName });
      await expect(appointment).toContainText('Status: Geplant');
      await press(page, `Wahrgenommen: ${appointmentName}`);
      await expect(appointment).toContainText('Status: Wahrgenommen');

      // ---- Vermerke: a health note (confidential) and an ordinary one
      await section(page, 'Vermerke & Kontakte');
      for (const [category, title, body] of [
        ['Gesundheit', 'Rückmeldung Amtsarzt', 'Klinikaufenthalt Wermsdorf ab Januar.'],
        ['Maßnahme', 'Maßnahme ausgewertet', 'Staplerschein im Kurs erworben.'],
      ] as const) {
        await press(page, 'Vermerk schreiben');
        await page.getByLabel('Kategorie').selectOption(category);
        await typeInto(page, 'Titel', title);
        await typeInto(page, 'Text', body);
        await press(page, 'Vermerk speichern');
        await expect(page.getByRole('listitem').filter({ hasText: title })).toBeVisible();
      }
      await expect(page.getByRole('listitem').filter({ hasText: 'Rückmeldung Amtsarzt' })).toContainText(
        'vertraulich',
      );

      // ---- search: the ordinary note's word finds the case, the health note's word does not
      await page
        .getByRole('navigation', { name: 'Hauptnavigation' })
        .getByRole('link', { name: 'Fälle' })
        .focus();
      await page.keyboard.press('Enter');
      const searchBox = page.getByRole('searchbox', { name: 'Suche' });
      const table = page.getByRole('table', { name: 'Fallbestand' });
      await searchBox.focus();
      await page.keyboard.type('Staplerschein');
      await expect(table.getByRole('link', { name: s.name })).toBeVisible();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('Wermsdorf');
      await expect(page.getByRole('status')).toHaveText(/^0 Treffer/);
      await expect(table.getByRole('link', { name: s.name })).toHaveCount(0);
      await checkScreen(page, testInfo, 'phase4-search-health-note');

      // ---- restart of the bridge: everything is still there
      await bridge.close();
      bridge = await bridgeIn(dir);
      await page.goto(`${bridge.launchUrl}#/faelle/${s.caseId}/massnahmen`);
      const lock = new LockScreensPage(page);
      await expect(lock.heading()).toHaveText('Lotse ist gesperrt');
      await expect(lock.passphrase()).toBeFocused();
      await page.keyboard.type(E2E_PASSPHRASE);
      await page.keyboard.press('Enter');
      await expect(frame.heading()).toHaveText(s.name);
      await expect(page.getByRole('row').filter({ hasText: s.measure.title })).toContainText(
        'Ergebnis: erfolgreich abgeschlossen',
      );
      await expect(
        page.getByRole('region', { name: 'Vier-Phasen-Modell' }).getByRole('listitem').filter({
          hasText: 'aktuelle Phase',
        }),
      ).toContainText('Phase 4');
      await section(page, 'Eigenbemühungen');
      await expect(
        page.getByRole('listitem', { name: 'Eigenbemühung „Bewerbungen als Lagerhelfer“' }),
      ).toContainText('Bis heute 3 von 4 nachgewiesen');
      await section(page, 'Termine');
      await expect(page.getByRole('listitem', { name: appointmentName })).toContainText(
        'Status: Wahrgenommen',
      );
      await section(page, 'Vermerke & Kontakte');
      await expect(page.getByRole('listitem').filter({ hasText: 'Rückmeldung Amtsarzt' })).toContainText(
        'vertraulich',
      );

      // ---- the day view of the office and of an outreach day
      await page.goto(`${bridge.launchUrl}#/termine/${yesterday}`);
      await expect(frame.heading()).toHaveText('Termine');
      const filters = page.getByRole('group', { name: 'Termine filtern' });
      await filters.getByLabel('Standort', { exact: true }).selectOption(s.officeId);
      const dayRow = page.getByRole('row').filter({ hasText: s.name });
      await expect(dayRow).toContainText('Beratung');
      await expect(dayRow).toContainText('Wahrgenommen');
      await expect(page).toHaveURL(new RegExp(`standort=${s.officeId}`));
      await checkScreen(page, testInfo, 'phase4-day-view-office');
      await filters.getByLabel('Ort', { exact: true }).selectOption('aussen');
      await expect(page.getByRole('heading', { level: 2, name: /· Außentermine$/ })).toBeVisible();
      await expect(dayRow).toHaveCount(0);
      await filters.getByLabel('Ort', { exact: true }).selectOption('dienststelle');
      await expect(dayRow).toHaveCount(1);
    } finally {
      await bridge.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
