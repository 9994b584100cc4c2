import type { Page } from '@playwright/test';
import type { CaseList } from '../../src/shared/ipc/contract';
import { addDays, formatGermanDate } from '../../src/shared/domain/common/dates';
import { checkScreen, e2eToday, test, expect } from './fixtures';
import { AppFramePage } from './pages/AppFrame';
import { DEMO_CONTACT } from '../../src/main/features/plans/print/plan-contact';

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

test.describe('Vermerke, Kontakte und Termine (case workspace, part 2b)', () => {
  test('a note, a contact and an appointment recorded by keyboard', async ({ page, bridge }, testInfo) => {
    // each screen is checked at three sizes with axe (checkScreen)
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    const listed = await bridge.main.backend.dispatch('cases:list', { limit: 1 });
    if (!listed.ok) throw new Error(listed.error.code);
    const first = (listed.value as CaseList).items[0];
    if (!first) throw new Error('no demo case');
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, `#/faelle/${first.caseId}/vermerke`);
    await expect(page.getByRole('heading', { name: 'Vermerke', level: 2 })).toBeVisible();
    // at 1366 px the ten sections of a case fit on one line
    const sections = page.getByRole('navigation', { name: 'Bereiche des Falls' }).getByRole('link');
    await expect(sections).toHaveCount(10);
    const tops = await sections.evaluateAll((links) => links.map((a) => a.getBoundingClientRect().top));
    expect(new Set(tops).size, 'section links on one line').toBe(1);

    // A note without a category is refused at the field, in German.
    await press(page, 'Vermerk schreiben');
    await typeInto(page, 'Titel', 'Rückmeldung Gesundheitsamt');
    await press(page, 'Vermerk speichern');
    await expect(page.getByText('Bitte eine Kategorie wählen.')).toBeVisible();
    await page.getByLabel('Kategorie').selectOption('Gesundheit');
    await expect(page.getByText(/Kategorie Gesundheit sind vertraulich/)).toBeVisible();
    await typeInto(page, 'Text', 'Attest liegt vor.');
    await press(page, 'Vermerk speichern');
    const note = page.getByRole('listitem').filter({ hasText: 'Rückmeldung Gesundheitsamt' });
    await expect(note).toContainText('vertraulich');
    await expect(note).toContainText('Gesundheit');
    // the author by name from the team directory, not by user id
    await expect(note).toContainText(`verfasst von ${DEMO_CONTACT.name}`);

    // Edit it.
    await press(page, 'Vermerk „Rückmeldung Gesundheitsamt“ bearbeiten');
    await typeInto(page, 'Titel', 'Rückmeldung Amtsarzt');
    await press(page, 'Vermerk speichern');
    await expect(page.getByRole('listitem').filter({ hasText: 'Rückmeldung Amtsarzt' })).toBeVisible();

    // Record a contact (German date typed).
    await press(page, 'Kontakt erfassen');
    await typeInto(page, 'Datum', '31.11.2026');
    await press(page, 'Kontakt speichern');
    await expect(page.getByText(/November hat nur 30 Tage|30 Tage/)).toBeVisible();
    // tomorrow: a contact cannot lie in the future, said at the date before anything is sent
    await typeInto(page, 'Datum', formatGermanDate(addDays(e2eToday(), 1)));
    await press(page, 'Kontakt speichern');
    const contactDate = page.getByRole('textbox', { name: 'Datum' });
    await expect(contactDate).toHaveAccessibleDescription(/Ein Kontakt kann nicht in der Zukunft liegen\./);
    await expect(contactDate).toHaveAttribute('aria-invalid', 'true');
    await typeInto(page, 'Datum', '30.11.2026');
    await typeInto(page, 'Uhrzeit', '10:15');
    await page.getByLabel('Art des Kontakts').selectOption('telefon');
    await typeInto(page, 'Anlass', 'Rückruf wegen Bewerbung');
    await press(page, 'Kontakt speichern');
    const row = page.getByRole('row').filter({ hasText: 'Rückruf wegen Bewerbung' });
    await expect(row).toContainText('30.11.2026, 10:15 Uhr');
    await expect(row).toContainText('Telefon');
    await checkScreen(page, testInfo, 'workspace-vermerke');

    // Termine: create one in the past and mark it attended.
    await page
      .getByRole('navigation', { name: 'Bereiche des Falls' })
      .getByRole('link', { name: 'Termine', exact: true })
      .focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Termine', level: 2 })).toBeVisible();
    await press(page, 'Termin anlegen');
    await typeInto(page, 'Datum', '27.11.2026');
    await typeInto(page, 'Uhrzeit', '09:30');
    await page.getByLabel('Art des Termins').selectOption('beratung');
    await typeInto(page, 'Anlass', 'Bewerbungsstrategie');
    await page.getByLabel('Einladung').selectOption('meldeaufforderung');
    await press(page, 'Termin speichern');
    const appointment = page.getByRole('listitem', { name: 'Termin 27.11.2026, 09:30 Uhr' });
    await expect(appointment).toContainText('Status: Geplant');
    await expect(appointment).toContainText('Meldeaufforderung');
    await press(page, 'Wahrgenommen: Termin 27.11.2026, 09:30 Uhr');
    await expect(appointment).toContainText('Status: Wahrgenommen');
    // Only the correction the domain allows is offered now; no reschedule, no cancel.
    await expect(appointment.getByRole('button', { name: /^Versäumt/ })).toBeVisible();
    await expect(appointment.getByRole('button', { name: /^Verschieben/ })).toHaveCount(0);
    await expect(appointment.getByRole('button', { name: /^Absagen/ })).toHaveCount(0);
    await checkScreen(page, testInfo, 'workspace-termine');
  });

  test('a consent recorded and withdrawn by keyboard; the record stays', async ({
    page,
    bridge,
  }, testInfo) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    const listed = await bridge.main.backend.dispatch('cases:list', { limit: 3 });
    if (!listed.ok) throw new Error(listed.error.code);
    const c = (listed.value as CaseList).items[2];
    if (!c) throw new Error('no demo case');
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, `#/faelle/${c.caseId}/vermerke`);
    const section = page.getByRole('region', { name: 'Einwilligungen' });
    await expect(section).toBeVisible();
    await press(page, 'Einwilligung erfassen');
    // without purpose and form: both named at their fields
    await press(page, 'Einwilligung speichern');
    await expect(section.getByText('Bitte den Zweck der Einwilligung wählen.')).toBeVisible();
    await expect(section.getByText('Bitte die Form der Einwilligung wählen.')).toBeVisible();
    await section.getByLabel('Zweck').focus();
    await section.getByLabel('Zweck').selectOption({ label: 'Weitergabe von Daten an einen Maßnahmeträger' });
    await section
      .getByLabel('Form', { exact: true })
      .selectOption({ label: 'schriftlich (unterschriebener Bogen)' });
    await typeInto(page, 'Einschränkung (optional)', 'nur Bildungsträger Torgau');
    await press(page, 'Einwilligung speichern');
    const row = section.getByRole('row').filter({ hasText: 'Weitergabe von Daten an einen Maßnahmeträger' });
    await expect(row).toContainText('nur Bildungsträger Torgau');
    await expect(row).toContainText('gilt');
    await checkScreen(page, testInfo, 'consents');
    await press(page, 'Einwilligung „Weitergabe von Daten an einen Maßnahmeträger“ widerrufen');
    const today = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(
      new Date(),
    );
    await expect(page.getByLabel('Widerrufen am')).toHaveValue(today);
    // a day in the future is refused at the field; the form stays with what was typed
    const nextYear = String(new Date().getFullYear() + 1);
    await typeInto(page, 'Widerrufen am', `01.01.${nextYear}`);
    await press(page, 'Widerruf speichern');
    await expect(page.getByLabel('Widerrufen am')).toHaveAccessibleDescription(
      /Der Widerruf kann nicht in der Zukunft liegen/,
    );
    await expect(page.getByLabel('Widerrufen am')).toHaveValue(`01.01.${nextYear}`);
    await expect(row).toContainText('gilt');
    await typeInto(page, 'Widerrufen am', today);
    await press(page, 'Widerruf speichern');
    await expect(row).toContainText(`widerrufen am ${today}`);
    await expect(
      page.getByRole('button', {
        name: 'Einwilligung „Weitergabe von Daten an einen Maßnahmeträger“ widerrufen',
      }),
    ).toHaveCount(0);
  });

  test('intake warns about a possible duplicate and creates only when confirmed', async ({
    page,
    bridge,
  }, testInfo) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    const listed = await bridge.main.backend.dispatch('cases:list', { limit: 500 });
    if (!listed.ok) throw new Error(listed.error.code);
    // A demo person with an umlaut in the surname ("Schäfer"), typed as "Schaefer".
    const demo = (listed.value as CaseList).items.find((c) => /[äöü]/.test(c.lastName));
    if (!demo) throw new Error('no demo case with an umlaut in the surname');
    const typedLastName = demo.lastName.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue');
    const [y, m, d] = demo.birthDate.split('-');
    const frame = new AppFramePage(page);
    await frame.open(bridge.launchUrl, '#/faelle');
    await page.getByRole('link', { name: 'Neue Aufnahme' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Aufnahme', level: 1 })).toBeFocused();

    await typeInto(page, 'Vorname', demo.firstName);
    await typeInto(page, 'Nachname', typedLastName);
    await typeInto(page, 'Geburtsdatum', '31.02.1990');
    await press(page, 'Prüfen und anlegen');
    await expect(page.getByText(/Den 31\. Februar 1990 gibt es nicht/)).toBeVisible();
    await expect(page.getByText('Bitte einen der vier Standorte wählen.')).toBeVisible();
    await typeInto(page, 'Geburtsdatum', `${d}.${m}.${y}`);
    await typeInto(page, 'Kundennummer', '999X000111');
    await page.getByLabel('Standort').selectOption('torgau');
    await press(page, 'Prüfen und anlegen');
    const warning = page.getByRole('alert').filter({ hasText: 'Mögliche Dubletten' });
    await expect(warning).toBeVisible();
    await expect(warning.getByRole('link', { name: new RegExp(`Fall ${demo.caseNumber}`) })).toBeVisible();
    await checkScreen(page, testInfo, 'intake-duplicates');

    await press(page, 'Trotzdem neu anlegen');
    await expect(
      page.getByRole('heading', { name: `${typedLastName}, ${demo.firstName}`, level: 1 }),
    ).toBeVisible();
    await expect(page).not.toHaveURL(new RegExp(demo.caseId));
    await expect(page.getByText('Kundennummer 999X000111')).toBeVisible();
  });
});
