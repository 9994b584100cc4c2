/**
 * The outreach page (#/aussentermin/<day>, issue 12 item 6) with wrong input and with the keyboard
 * alone, in the browser bridge (demo store, no server).
 *
 * - Wrong input in the pre-release contact form: an impossible date (30.02.), control characters,
 *   a bidirectional override (U+202E) and over-long text each get a German message AT the field
 *   (aria-invalid, the message as the field's description) and nothing is saved (the number of
 *   persons, cases, consents and contacts in the encrypted store stays the same).
 * - Keyboard only: prepare a day (to the next day, an appointment unticked with Space, readiness
 *   checked again, consent forms created and the download link reached), then create a contact
 *   (Tab through the fields, type, Enter) and reach the new case from the confirmation.
 */
import { addDays, dateInBerlin } from '../../src/shared/domain/common/dates';
import type { RunningBridge } from '../../src/main/bridge/start-bridge';
import { callBridge as call, expect, expectAccessible, test } from './fixtures';
import { tabTo } from './keyboard';
import type { Locator, Page } from '@playwright/test';

/** Rows of the tables a pre-release contact writes. */
function stored(bridge: RunningBridge) {
  const raw = bridge.main.store.raw();
  const count = (table: string) =>
    (raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    persons: count('persons'),
    cases: count('cases'),
    consents: count('consents'),
    contacts: count('contacts'),
    outbox: count('sync_outbox'),
  };
}

/** The field is marked invalid and its error message (German) is announced with it. */
async function expectFieldError(field: Locator, message: string | RegExp): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // the description is the message, then the field's hint (e.g. "TT.MM.JJJJ")
  const pattern =
    typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : message;
  await expect(field).toHaveAccessibleDescription(pattern);
}

function contactForm(page: Page) {
  const form = page.getByRole('form', { name: 'Kontakt vor der Entlassung erfassen' });
  return {
    form,
    firstName: form.getByRole('textbox', { name: 'Vorname' }),
    lastName: form.getByRole('textbox', { name: 'Nachname' }),
    birthDate: form.getByRole('textbox', { name: 'Geburtsdatum' }),
    release: form.getByRole('textbox', { name: 'Voraussichtliche Entlassung' }),
    subject: form.getByRole('textbox', { name: 'Anlass des Kontakts' }),
    save: form.getByRole('button', { name: 'Kontakt mit Einwilligung speichern' }),
  };
}

test.describe('Außentermin: Eingaben', () => {
  test('wrong input in the pre-release contact form is refused at the field and nothing is saved', async ({
    page,
    bridge,
  }, testInfo) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    const day = addDays(dateInBerlin(new Date()), 1);
    await page.goto(`${bridge.launchUrl}#/aussentermin/${day}`);
    const f = contactForm(page);
    await expect(f.form).toBeVisible();
    const before = stored(bridge);
    const valid = async () => {
      await f.firstName.fill('Juergen');
      await f.lastName.fill('Mueller');
      await f.birthDate.fill('12.03.1985');
      await f.release.fill('15.05.2027');
      await f.subject.fill('Erstkontakt vor der Entlassung');
    };

    // an impossible date: 30 February
    await valid();
    await f.birthDate.fill('30.02.1985');
    await f.save.click();
    await expectFieldError(f.birthDate, 'Den 30. Februar 1985 gibt es nicht: Der Februar 1985 hat 28 Tage.');
    await f.birthDate.fill('12.03.1985');
    await f.release.fill('30.02.2027');
    await f.save.click();
    await expectFieldError(f.release, /Den 30\. Februar 2027 gibt es nicht/);
    await f.release.fill('15.05.2027');

    // control characters (BEL, ESC) in the subject
    await f.subject.fill('Erstkontakt\u0007\u001b[31m vor der Entlassung');
    await f.save.click();
    await expectFieldError(f.subject, 'Die Eingabe enthält unzulässige Steuerzeichen.');
    await f.subject.fill('Erstkontakt vor der Entlassung');

    // a right-to-left override hiding what the name says
    await f.firstName.fill('Juergen\u202Enegreuj');
    await f.save.click();
    await expectFieldError(
      f.firstName,
      /unsichtbare Steuerzeichen für die Schreibrichtung \(z\. B\. U\+202E\)/,
    );
    // main refused it: the focus goes from the button to the field named
    await expect(f.firstName).toBeFocused();
    await f.firstName.fill('Juergen');

    // over-long text
    await f.lastName.fill('M'.repeat(201));
    await f.save.click();
    await expectFieldError(f.lastName, 'Höchstens 200 Zeichen erlaubt.');
    await f.lastName.fill('Mueller');
    await f.subject.fill('Erstkontakt '.repeat(2000));
    await f.save.click();
    await expectFieldError(f.subject, 'Der Anlass darf höchstens 200 Zeichen lang sein.');

    await expectAccessible(page, testInfo, 'outreach-contact-errors');
    await expect(page.getByRole('status').filter({ hasText: 'Gespeichert:' })).toHaveCount(0);
    expect(stored(bridge)).toEqual(before);
  });

  test('prepare a day and create a pre-release contact with the keyboard alone', async ({ page, bridge }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    const today = dateInBerlin(new Date());
    // far beyond the demo data's appointments: the day before the two of this test has none
    const day = addDays(today, 300);
    // two people to see in the JVA on the following day
    for (const [i, [firstName, lastName]] of [
      ['Kevin', 'Xander'],
      ['Lara', 'Ypsilon'],
    ].entries()) {
      const c = await call<{ caseId: string }>(bridge, 'cases:create', {
        officeId: 'torgau',
        caseworkerId: 'ifk-demo',
        openedOn: today,
        person: { customerNumber: `987D6543${i}`, firstName, lastName, birthDate: '1990-04-01' },
      });
      await call(bridge, 'appointments:create', {
        caseId: c.caseId,
        values: {
          startsAt: `${addDays(day, 1)}T${String(8 + i).padStart(2, '0')}:30:00+01:00`,
          durationMinutes: 45,
          kind: 'jva',
          location: 'JVA Torgau',
          subject: 'Sprechtag: Übergang nach der Haft',
        },
      });
    }
    const before = stored(bridge);
    await page.goto(`${bridge.launchUrl}#/aussentermin/${day}`);
    await expect(page.getByText('An diesem Tag gibt es keine Außentermine')).toBeVisible();

    // to the next day with the keyboard: the page keeps the focus on the day switch
    const next = page
      .getByRole('link', { name: 'Nächster Tag' })
      .or(page.getByRole('button', { name: 'Nächster Tag' }));
    await tabTo(next);
    await page.keyboard.press('Enter');
    const choice = page.getByRole('group', { name: 'Termine des Außentermins' });
    await expect(choice.getByRole('checkbox')).toHaveCount(2);
    expect(page.url()).toContain(`#/aussentermin/${addDays(day, 1)}`);

    // untick the second appointment with Space
    const second = choice.getByRole('checkbox', { name: /Ypsilon, Lara/ });
    await tabTo(second);
    await page.keyboard.press('Space');
    await expect(second).not.toBeChecked();
    await expect(page.getByRole('list', { name: 'Prüfpunkte' })).toContainText(
      'Der Fall liegt verschlüsselt',
    );
    await page.keyboard.press('Space');
    await expect(second).toBeChecked();

    // check the readiness again, create the consent forms and reach the download link
    await tabTo(page.getByRole('button', { name: 'Erneut prüfen' }));
    await page.keyboard.press('Enter');
    await tabTo(page.getByRole('textbox', { name: 'Anzahl der Bögen' }));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await tabTo(page.getByRole('button', { name: 'Einwilligungsbögen erstellen (PDF)' }));
    await page.keyboard.press('Enter');
    const link = page.getByRole('link', { name: 'Einwilligungsbögen herunterladen und drucken (PDF)' });
    await expect(link).toBeVisible({ timeout: 60_000 });
    await tabTo(link);
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toMatch(/^Einwilligung-Kontakt-vor-Entlassung-.*\.pdf$/);

    // a contact: Tab into the form, type, Enter saves
    const f = contactForm(page);
    await tabTo(f.firstName);
    await page.keyboard.type('Jürgen');
    await page.keyboard.press('Tab');
    await expect(f.lastName).toBeFocused();
    await page.keyboard.type('Müller');
    await page.keyboard.press('Tab');
    await expect(f.birthDate).toBeFocused();
    await page.keyboard.type('31.02.1985');
    // on to the subject, Enter there: the wrong date is named at its field and the focus goes there
    await tabTo(f.subject);
    await page.keyboard.press('Enter');
    await expectFieldError(f.birthDate, /Den 31\. Februar 1985 gibt es nicht/);
    await expect(f.birthDate).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('12.03.1985');
    await page.keyboard.press('Enter');
    const saved = page.getByRole('status').filter({ hasText: 'Gespeichert: Jürgen Müller' });
    await expect(saved).toContainText('vorläufige Fallnummer TO-');
    // from the confirmation to the new case
    const open = saved.getByRole('link', { name: 'Fall öffnen' });
    await tabTo(open);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/faelle\/[0-9a-f-]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Müller');
    const after = stored(bridge);
    expect(after.persons).toBe(before.persons + 1);
    expect(after.consents).toBe(before.consents + 1);
    expect(after.contacts).toBe(before.contacts + 1);
  });
});
