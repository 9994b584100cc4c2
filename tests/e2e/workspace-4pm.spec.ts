/**
 * Phases 1 and 2 of the 4PM end to end over the browser bridge, by keyboard only (Tab, typing,
 * Space and Enter; no clicks): profiling with strengths and two needs, the Profillage derived and
 * explained, an amendment with its difference, a goal with a Zielberuf and an intermediate goal, a
 * strategy per need; the state survives a restart of the bridge. Bad input is named at its field and
 * saves nothing. axe on every screen, screenshots at 1366×768 and 1920×1080, a look at 200 % zoom.
 */
import type { Locator } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningBridge } from '../../src/main/bridge/start-bridge';
import { addDays, formatGermanDate } from '../../src/shared/domain/common/dates';
import {
  callBridge as call,
  bridgeIn,
  checkScreen,
  E2E_PASSPHRASE,
  e2eToday,
  expect,
  test,
} from './fixtures';
import { tabTo } from './keyboard';

/** A demo case whose Potenzialanalyse is still a first draft (phase 1). */
async function caseWithDraft(bridge: RunningBridge): Promise<string> {
  const list = await call<{ items: { caseId: string; phase: number }[] }>(bridge, 'cases:list', {
    limit: 500,
  });
  // the criteria and the forecast this test records itself must not be in the draft yet
  const recorded = new Set(['work-experience', 'mobility', 'german-language']);
  for (const item of list.items.filter((c) => c.phase === 1)) {
    const { versions } = await call<{
      versions: { status: string; entries: { criterionId: string }[]; integrationForecast: unknown }[];
    }>(bridge, 'assessments:list', { caseId: item.caseId });
    const draft = versions.length === 1 && versions[0]!.status === 'draft' ? versions[0]! : null;
    if (
      draft &&
      draft.integrationForecast === null &&
      !draft.entries.some((e) => recorded.has(e.criterionId))
    )
      return item.caseId;
  }
  throw new Error('no demo case with a first draft without forecast, work experience, mobility and German');
}

/** Keyboard: focus, select what is there, type the new text (insertText: one input event). */
async function typeInto(field: Locator, text: string): Promise<void> {
  await tabTo(field);
  await field.press('ControlOrMeta+a');
  await field.press('Delete');
  await field.page().keyboard.insertText(text);
}

/** Keyboard: a native select takes the option whose label starts with the typed text. */
async function chooseOption(select: Locator, label: string): Promise<void> {
  await tabTo(select);
  const value = await select.evaluate((el, wanted) => {
    const option = [...(el as HTMLSelectElement).options].find((o) => o.label.startsWith(wanted));
    return option?.value ?? null;
  }, label);
  if (value === null) throw new Error(`no option ${label}`);
  // Arrow keys walk the options until the wanted one is selected (a closed select changes on arrows).
  for (let i = 0; i < 60; i += 1) {
    if ((await select.inputValue()) === value) return;
    const index = await select.evaluate((el) => (el as HTMLSelectElement).selectedIndex);
    const target = await select.evaluate(
      (el, v) => [...(el as HTMLSelectElement).options].findIndex((o) => o.value === v),
      value,
    );
    await select.press(target > index ? 'ArrowDown' : 'ArrowUp');
  }
  throw new Error(`could not reach option ${label}`);
}

async function activate(control: Locator): Promise<void> {
  await tabTo(control);
  await control.press('Enter');
}

async function toggle(control: Locator): Promise<void> {
  await tabTo(control);
  await control.press('Space');
}

test.describe('case workspace, phases 1 and 2', () => {
  test('profiling, amendment, goal and strategies by keyboard; the state survives a restart', async ({
    page,
  }, testInfo) => {
    test.setTimeout(240_000);
    const dir = await mkdtemp(join(tmpdir(), 'lotse-e2e-'));
    let bridge = await bridgeIn(dir);
    try {
      const created = await bridge.main.backend.dispatch('vault:create', {
        passphrase: E2E_PASSPHRASE,
        confirmation: E2E_PASSPHRASE,
      });
      if (!created.ok) throw new Error('vault setup failed');
      const caseId = await caseWithDraft(bridge);
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(`${bridge.launchUrl}#/faelle/${caseId}`);
      const main = page.getByRole('main');
      await expect(main.getByRole('heading', { level: 1 })).toBeVisible();
      const stepper = page.getByRole('region', { name: 'Vier-Phasen-Modell' });
      await expect(stepper.getByRole('listitem').first()).toContainText('Phase 1: Profiling');

      // ---- Phase 1: the stepper's link opens the section with its own address
      await activate(stepper.getByRole('link', { name: 'Phase 1: Profiling' }));
      await expect(page).toHaveURL(new RegExp(`#/faelle/${caseId}/profil$`));
      await expect(page.getByRole('heading', { name: 'Phase 1: Potenzialanalyse' })).toBeVisible();
      const status = page
        .getByRole('status')
        .filter({ hasText: /Entwurf gespeichert|Noch nichts|Nicht gespeichert|gespeichert/ });
      const merkmal = page.getByRole('combobox', { name: 'Merkmal' });

      // a strength first
      await chooseOption(merkmal, 'Berufserfahrung');
      await typeInto(
        page.getByRole('textbox', { name: 'Stärke in Worten' }),
        'Acht Jahre Kommissionierung, sehr zuverlässig',
      );
      await chooseOption(page.getByRole('combobox', { name: 'Kompetenzklasse' }), 'Aktivitäts');
      await expect(status).toHaveText(/Entwurf gespeichert um/);
      await expect(page.getByRole('region', { name: 'Stärken' })).toContainText(
        'Acht Jahre Kommissionierung, sehr zuverlässig',
      );

      // bad input: named at the field, nothing saved
      const strength = page.getByRole('textbox', { name: 'Stärke in Worten' });
      const before = await call<{ versions: { entries: unknown[] }[] }>(bridge, 'assessments:list', {
        caseId,
      });
      await typeInto(strength, 'x'.repeat(2001));
      await expect(page.getByText('Höchstens 2.000 Zeichen erlaubt.')).toBeVisible();
      await expect(status).toHaveText('Nicht gespeichert: Bitte die markierten Felder prüfen.');
      await typeInto(strength, 'Zuverlässig\u0007');
      await expect(page.getByText('Die Eingabe enthält unzulässige Steuerzeichen.')).toBeVisible();
      await typeInto(strength, 'Zuverlässig \u202Eemmus');
      await expect(page.getByText(/unsichtbare Steuerzeichen für die Schreibrichtung/)).toBeVisible();
      const after = await call<{ versions: { entries: unknown[] }[] }>(bridge, 'assessments:list', {
        caseId,
      });
      expect(after.versions[0]!.entries).toEqual(before.versions[0]!.entries);
      await typeInto(strength, 'Acht Jahre Kommissionierung, sehr zuverlässig');
      await expect(status).toHaveText(/Entwurf gespeichert um/);

      // two needs, with a live contradiction hint while filling in
      await chooseOption(merkmal, 'Mobilität');
      await toggle(page.getByRole('checkbox', { name: 'Handlungsbedarf bei diesem Merkmal' }));
      await typeInto(
        page.getByRole('textbox', { name: 'Schwerpunkt des Handlungsbedarfs' }),
        'Kein Führerschein, Schichtbeginn 5 Uhr',
      );
      await typeInto(page.getByRole('textbox', { name: 'Stärke in Worten' }), 'Fährt zuverlässig Fahrrad');
      await chooseOption(page.getByRole('combobox', { name: 'Kompetenzklasse' }), 'Personale');
      const hints = page.getByRole('region', { name: 'Hinweise auf Widersprüche' });
      await expect(hints).toContainText(
        'Beim Merkmal „Mobilität“ sind eine Stärke und ein Handlungsbedarf erfasst, aber kein Vermerk',
      );
      await typeInto(page.getByRole('textbox', { name: 'Vermerk' }), 'Fahrrad reicht für den Weg nicht aus.');
      await expect(hints).not.toContainText('Beim Merkmal „Mobilität“');
      await expect(status).toHaveText(/Entwurf gespeichert um/);

      await chooseOption(merkmal, 'Deutsch-Sprachkenntnisse');
      await toggle(page.getByRole('checkbox', { name: 'Handlungsbedarf bei diesem Merkmal' }));
      await typeInto(
        page.getByRole('textbox', { name: 'Schwerpunkt des Handlungsbedarfs' }),
        'Fachsprache Lager (B1 auf B2)',
      );
      await expect(status).toHaveText(/Entwurf gespeichert um/);
      await expect(page.getByRole('region', { name: 'Handlungsbedarfe' })).toContainText(
        'Fachsprache Lager (B1 auf B2)',
      );

      // forecast, Schwerpunkt, and the Profillage in words
      await toggle(page.getByRole('radio', { name: 'Integration innerhalb von 12 Monaten erwartet' }));
      const dominant = page.getByRole('combobox', { name: 'Schwerpunkt des Handlungsbedarfs' });
      await expect(dominant).toBeVisible();
      await chooseOption(dominant, 'Rahmenbedingungen');
      await expect(dominant).toHaveValue('frameworkConditions');
      const profile = page.getByRole('region', { name: 'Profillage' });
      await expect(profile).toContainText(/Abgeleitete Profillage: \S+profil/);
      await expect(profile).toContainText('Herleitung:');
      await checkScreen(page, testInfo, 'profiling-draft');

      const finalize = page.getByRole('button', { name: 'Potenzialanalyse abschließen' });
      await expect(finalize).toBeEnabled();
      await expect(stepper.getByRole('region', { name: 'Wechsel in Phase 2' })).toContainText(
        'Offen: Die Potenzialanalyse ist noch ein Entwurf',
      );
      await activate(finalize);
      await expect(page.getByText(/^Version 1 · Abgeschlossen am \d{2}\.\d{2}\.\d{4}$/)).toBeVisible();
      // the phase stepper follows the write at once (it reads the same records)
      const advance = stepper.getByRole('region', { name: 'Wechsel in Phase 2' });
      await expect(advance).not.toContainText('noch ein Entwurf');
      await expect(advance).toContainText('Erfüllt: ');
      const derived = (await profile.getByText(/Abgeleitete Profillage/).textContent())!;
      expect(derived).toMatch(
        /Abgeleitete Profillage: (Markt|Aktivierungs|Förder|Entwicklungs|Stabilisierungs|Unterstützungs)profil/,
      );

      // ---- amend once and see the difference side by side
      await typeInto(
        page.getByRole('textbox', { name: 'Grund der Fortschreibung' }),
        'Führerscheinkurs begonnen',
      );
      await activate(page.getByRole('button', { name: 'Fortschreibung beginnen' }));
      await expect(
        page.getByText('Version 2 · Fortschreibung in Arbeit (Grund: Führerscheinkurs begonnen)'),
      ).toBeVisible();
      // the finalized version 1 gave way to the draft of version 2 (nothing of it is left on screen)
      await expect(page.getByRole('heading', { name: 'Stärken', exact: true })).toHaveCount(1);
      await expect(page.getByRole('heading', { name: 'Fortschreiben' })).toHaveCount(0);
      await chooseOption(merkmal, 'Mobilität');
      await typeInto(
        page.getByRole('textbox', { name: 'Schwerpunkt des Handlungsbedarfs' }),
        'Führerscheinprüfung im Juni',
      );
      await expect(status).toHaveText(/Entwurf gespeichert um/);
      await activate(page.getByRole('button', { name: 'Potenzialanalyse abschließen' }));
      await expect(page.getByText(/^Version 2 · Abgeschlossen am/)).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Stärken', exact: true })).toHaveCount(1);
      const diff = page.getByRole('table', { name: 'Unterschiede zwischen Version 1 und Version 2' });
      const row = diff.getByRole('row', { name: /Mobilität – Handlungsbedarf/ });
      await expect(row).toContainText('Kein Führerschein, Schichtbeginn 5 Uhr');
      await expect(row).toContainText('Führerscheinprüfung im Juni');
      await checkScreen(page, testInfo, 'profiling-finalized');

      // ---- Phase 2: goal with a Zielberuf from the KldB list and an intermediate goal
      await activate(stepper.getByRole('link', { name: 'Phase 2: Zielfestlegung' }));
      await expect(page).toHaveURL(new RegExp(`#/faelle/${caseId}/ziel$`));
      await chooseOption(page.getByRole('combobox', { name: 'Zielart' }), 'Arbeit');
      await typeInto(page.getByRole('textbox', { name: 'Ziel in Worten' }), 'Arbeit als Fachkraft im Lager');
      const occupation = page.getByRole('textbox', { name: 'Zielberuf' });
      await typeInto(occupation, 'lagerlog');
      await expect(page.getByRole('option', { name: /Fachkraft für Lagerlogistik/ })).toBeVisible();
      await occupation.press('Enter');
      await expect(occupation).toHaveValue('Fachkraft für Lagerlogistik');
      await expect(page.getByText('Gewählt aus der KldB-Liste: Kennziffer 51312.')).toBeVisible();
      await activate(page.getByRole('button', { name: 'Zwischenziel hinzufügen' }));
      await typeInto(
        page.getByRole('textbox', { name: 'Zwischenziel 1', exact: true }),
        'Führerschein Klasse B bestanden',
      );
      const stepDate = page.getByRole('textbox', { name: 'Termin für Zwischenziel 1' });
      await typeInto(stepDate, '30.02.2027');
      await activate(page.getByRole('button', { name: 'Ziel speichern' }));
      await expect(
        page.getByText('Den 30. Februar 2027 gibt es nicht: Der Februar 2027 hat 28 Tage.'),
      ).toBeVisible();
      await expect(stepDate).toHaveAttribute('aria-invalid', 'true');
      expect(await call(bridge, 'goals:get', { caseId })).toBeNull();
      // a day before the goal is set (today): the domain's date rule at the field, nothing sent
      const today = e2eToday();
      await typeInto(stepDate, formatGermanDate(addDays(today, -1)));
      await activate(page.getByRole('button', { name: 'Ziel speichern' }));
      await expect(stepDate).toHaveAccessibleDescription(
        new RegExp(
          `Das Zieldatum ${formatGermanDate(addDays(today, -1))} liegt vor der Festlegung des Ziels \\(${formatGermanDate(today)}\\)`,
        ),
      );
      await expect(stepDate).toHaveAttribute('aria-invalid', 'true');
      expect(await call(bridge, 'goals:get', { caseId })).toBeNull();
      // an interim goal half a year ahead (not before the goal is set: today)
      await typeInto(stepDate, formatGermanDate(addDays(today, 180)));
      await activate(page.getByRole('button', { name: 'Ziel speichern' }));
      await expect(page.getByRole('status').filter({ hasText: 'Das Ziel ist gespeichert.' })).toBeVisible();
      await checkScreen(page, testInfo, 'goal');

      // ---- Phase 3: a strategy per need, tied to the need and the goal
      await activate(stepper.getByRole('link', { name: 'Phase 3: Strategieauswahl' }));
      await expect(page).toHaveURL(new RegExp(`#/faelle/${caseId}/strategien$`));
      const mobility = page.getByRole('region', { name: /Handlungsbedarf Mobilität/ });
      await chooseOption(mobility.getByRole('combobox', { name: 'Strategie für „Mobilität“' }), 'Mobilität');
      await activate(mobility.getByRole('button', { name: 'Strategie für „Mobilität“ wählen' }));
      await expect(mobility.getByText('Gewählt:')).toBeVisible();
      const german = page.getByRole('region', { name: /Handlungsbedarf Deutsch-Sprachkenntnisse/ });
      await chooseOption(
        german.getByRole('combobox', { name: 'Strategie für „Deutsch-Sprachkenntnisse“' }),
        'JOBfabrik',
      );
      await activate(german.getByRole('button', { name: 'Strategie für „Deutsch-Sprachkenntnisse“ wählen' }));
      await expect(german.getByText('Gewählt:')).toBeVisible();
      await checkScreen(page, testInfo, 'strategies');

      // ---- restart of the bridge on the same data directory: unlock, the deep link keeps the place
      await bridge.close();
      bridge = await bridgeIn(dir);
      await page.goto(`${bridge.launchUrl}#/faelle/${caseId}/strategien`);
      const passphrase = page.getByRole('textbox', { name: 'Passphrase', exact: true });
      await typeInto(passphrase, E2E_PASSPHRASE);
      await passphrase.press('Enter');
      await expect(page.getByRole('heading', { name: 'Phase 3: Strategieauswahl' })).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`#/faelle/${caseId}/strategien$`));
      const stepperAfter = page.getByRole('region', { name: 'Vier-Phasen-Modell' });
      const phase = (name: string) =>
        stepperAfter.getByRole('listitem').filter({ has: page.getByRole('link', { name }) });
      await expect(phase('Phase 1: Profiling')).toContainText(/^Phase 1: Profiling\s*Abgeschlossen/);
      await expect(phase('Phase 2: Zielfestlegung')).toContainText(
        /^Phase 2: Zielfestlegung\s*Abgeschlossen/,
      );
      await expect(phase('Phase 2: Zielfestlegung')).toContainText('Zielberuf: Fachkraft für Lagerlogistik.');
      await expect(phase('Phase 3: Strategieauswahl')).toContainText('Es fehlt');
      await expect(
        page.getByRole('region', { name: /Handlungsbedarf Mobilität/ }).getByText('Gewählt:'),
      ).toBeVisible();
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Phase 3: Strategieauswahl' })).toBeVisible();
      await activate(page.getByRole('link', { name: 'Phase 1: Profiling' }));
      await expect(page.getByText(/^Version 2 · Abgeschlossen am/)).toBeVisible();
      await checkScreen(page, testInfo, 'case-header');
    } finally {
      await bridge.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
