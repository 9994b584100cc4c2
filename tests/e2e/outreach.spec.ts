/**
 * The outreach day with the UI (issue 12 item 6, Done-when), over the browser bridge against a real
 * Lotse server on 127.0.0.1: prepare the JVA appointments of tomorrow ("Außentermin vorbereiten"),
 * readiness, blank consent forms, go offline (the desktop's fetch fails as without network), edit
 * a note, create a pre-release contact with consent, the office edits the same note and phone
 * number meanwhile, come back, sync, see the conflicts and the possible duplicate, resolve a
 * conflict. axe on every screen, keyboard for the way in, screenshots at 1366×768.
 */
import type { FetchLike } from '../../src/main/features/sync/sync-http';
import { addDays, dateInBerlin } from '../../src/shared/domain/common/dates';
import { login, mutation, PASSWORD, pushBatch } from '../integration/server/harness';
import {
  callBridge as call,
  E2E_PASSPHRASE,
  expect,
  expectAccessible,
  keepScreenshot,
  test,
} from './fixtures';
import { bridgeWithServer, useLotseServer } from './server-fixture';

const server = useLotseServer();

test('the outreach day: prepare, readiness, offline edits and a contact, sync, conflicts and a duplicate', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  page.setDefaultTimeout(20_000);
  // the network of the JVA: switched off and on by the test
  let offline = false;
  const switchable: FetchLike = async (u, init) => {
    if (offline) throw new TypeError('fetch failed');
    return fetch(u, init);
  };
  const { bridge, remove } = await bridgeWithServer(server.url, {
    username: 'ifk.own',
    password: PASSWORD,
    deviceName: 'Laptop JVA',
    fetch: switchable,
  });
  try {
    await call(bridge, 'vault:create', { passphrase: E2E_PASSPHRASE, confirmation: E2E_PASSPHRASE });
    const day = addDays(dateInBerlin(new Date()), 1);
    const today = dateInBerlin(new Date());
    // three people to see in the JVA tomorrow, each a case with a JVA appointment
    const cases: { caseId: string; personId: string }[] = [];
    for (const [i, [firstName, lastName]] of [
      ['Kevin', 'Xander'],
      ['Lara', 'Ypsilon'],
      ['Mehmet', 'Zorlu'],
    ].entries()) {
      const c = await call<{ caseId: string; personId: string }>(bridge, 'cases:create', {
        officeId: 'torgau',
        caseworkerId: 'ifk-demo',
        openedOn: today,
        person: {
          customerNumber: `123D4567${i}`,
          firstName,
          lastName,
          birthDate: '1990-04-01',
          phone: '0341 000',
        },
      });
      cases.push(c);
      await call(bridge, 'appointments:create', {
        caseId: c.caseId,
        values: {
          startsAt: `${day}T${String(8 + i).padStart(2, '0')}:30:00+01:00`,
          durationMinutes: 45,
          kind: 'jva',
          location: 'JVA Torgau',
          subject: 'Sprechtag: Übergang nach der Haft',
        },
      });
    }
    const x = cases[0]!;
    const note = await call<{ id: string }>(bridge, 'notes:create', {
      caseId: x.caseId,
      values: { category: 'Beratung', title: 'Vorbereitung', body: 'Erstgespräch in der JVA vereinbart.' },
    });
    const synced = await call<{ pendingCount: number }>(bridge, 'sync:now');
    expect(synced.pendingCount).toBe(0);

    // the day view of tomorrow's outreach appointments leads to the preparation (keyboard)
    await page.goto(`${bridge.launchUrl}#/termine/${day}?ort=aussen`);
    await expect(page.getByRole('table')).toContainText('JVA Torgau');
    const prepare = page.getByRole('link', { name: 'Außentermin vorbereiten' }).first();
    await prepare.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Außentermin vorbereiten' })).toBeFocused();
    const choice = page.getByRole('group', { name: 'Termine des Außentermins' });
    await expect(choice.getByRole('checkbox')).toHaveCount(3);
    for (const box of await choice.getByRole('checkbox').all()) await expect(box).toBeChecked();
    const checks = page.getByRole('list', { name: 'Prüfpunkte' });
    await expect(
      page.getByText('Das Gerät ist bereit; einige Punkte sollten Sie noch prüfen.'),
    ).toBeVisible();
    await expect(checks).toContainText('Keine Änderung wartet.');
    await expect(checks).toContainText('Alle 3 Fälle liegen verschlüsselt auf diesem Gerät.');
    await expect(checks).toContainText('Der Akkustand ist auf dieser Plattform nicht verfügbar.');
    await expect(checks).toContainText('und reicht für den');
    await page.getByRole('button', { name: 'Einwilligungsbögen erstellen (PDF)' }).click();
    await expect(
      page.getByRole('link', { name: 'Einwilligungsbögen herunterladen und drucken (PDF)' }),
    ).toBeVisible({
      timeout: 60_000,
    });
    await expectAccessible(page, testInfo, 'outreach-prepare');
    await keepScreenshot(page, testInfo, 'outreach-prepare-1366');

    // in the JVA: no network
    offline = true;
    await page.getByRole('button', { name: 'Jetzt synchronisieren' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Synchronisation nicht möglich' })).toContainText(
      'Änderungen warten auf dem Gerät',
    );

    // edit the note of case X (through the case, offline)
    await page.getByRole('link', { name: 'Kontakt erfassen: Xander, Kevin' }).click();
    await page.getByRole('button', { name: 'Vermerk „Vorbereitung“ bearbeiten' }).click();
    await page
      .getByRole('textbox', { name: 'Text' })
      .fill('Erstgespräch in der JVA vereinbart. Lebenslauf mitbringen.');
    await page.getByRole('button', { name: 'Vermerk speichern' }).click();
    await expect(page.getByText('Erstgespräch in der JVA vereinbart. Lebenslauf mitbringen.')).toBeVisible();
    // and its phone number (Überblick → Person → Kontaktdaten ändern), by keyboard
    await page.getByRole('link', { name: 'Überblick', exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Kontaktdaten ändern' }).press('Enter');
    const details = page.getByRole('form', { name: 'Kontaktdaten ändern' });
    await details.getByRole('textbox', { name: 'Telefon' }).fill('0171 eins');
    await details.getByRole('textbox', { name: 'Telefon' }).press('Enter');
    await expect(
      details.getByText('Die Telefonnummer darf nur Ziffern, Leerzeichen und + ( ) / - enthalten.'),
    ).toBeVisible();
    await keepScreenshot(page, testInfo, 'person-contact-details-1366');
    await details.getByRole('textbox', { name: 'Telefon' }).fill('0171 1111111');
    await details.getByRole('textbox', { name: 'Telefon' }).press('Enter');
    await expect(details).toHaveCount(0);
    await expect(page.getByRole('row', { name: /Telefon/ })).toContainText('0171 1111111');
    await expectAccessible(page, testInfo, 'person-contact-details');

    // a pre-release contact with the signed consent
    await page.goto(`${bridge.launchUrl}#/aussentermin/${day}`);
    const contactForm = page.getByRole('form', { name: 'Kontakt vor der Entlassung erfassen' });
    await contactForm.getByRole('textbox', { name: 'Vorname' }).fill('Juergen');
    await contactForm.getByRole('textbox', { name: 'Nachname' }).fill('Mueller');
    await contactForm.getByRole('textbox', { name: 'Geburtsdatum' }).fill('12.03.1985');
    await contactForm.getByRole('textbox', { name: 'Voraussichtliche Entlassung' }).fill('15.05.2027');
    await contactForm.getByRole('button', { name: 'Kontakt mit Einwilligung speichern' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Gespeichert: Juergen Mueller' });
    await expect(saved).toContainText('vorläufige Fallnummer TO-');
    await expect(page.getByRole('list', { name: 'Prüfpunkte' })).toContainText('Änderungen warten');
    await expectAccessible(page, testInfo, 'outreach-offline');
    await keepScreenshot(page, testInfo, 'outreach-offline-1366');

    // meanwhile in the office (another device of the same caseworker, online): same note, same
    // phone number, and a person already known with the same birth date
    const office = await login(server.h, 'cw');
    const known = 'known-case-1';
    const res = await pushBatch(server.h, office, [
      mutation(office, {
        entity: 'notes',
        entityId: note.id,
        caseId: x.caseId,
        op: 'update',
        fields: { body: 'Erstgespräch in der JVA vereinbart. Bewerbung in Torgau besprochen.' },
        bases: { body: 1 },
      }),
      mutation(office, {
        entity: 'persons',
        entityId: x.personId,
        caseId: x.caseId,
        op: 'update',
        fields: { phone: '0341 2222222' },
        bases: { phone: 1 },
      }),
      mutation(office, {
        entity: 'cases',
        entityId: known,
        caseId: known,
        op: 'create',
        fields: { officeId: 'torgau' },
      }),
      mutation(office, {
        entity: 'persons',
        entityId: `${known}-p`,
        caseId: known,
        op: 'create',
        fields: { firstName: 'Jürgen', lastName: 'Müller', birthDate: '1985-03-12' },
      }),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
    ]);

    // back in the office network: sync
    offline = false;
    await page.getByRole('link', { name: /^Synchronisation: / }).click();
    await page.getByRole('button', { name: 'Jetzt synchronisieren' }).click();
    const table = page.getByRole('table', { name: 'Stand der Synchronisation' });
    await expect(table.getByRole('row', { name: /Ausstehende Änderungen 0/ })).toBeVisible({
      timeout: 30_000,
    });
    await expect(table.getByRole('row', { name: /Offene Abgleichkonflikte 2/ })).toBeVisible();
    const duplicates = page.getByRole('region', { name: 'Mögliche Doppelerfassungen' });
    await expect(duplicates).toContainText(
      'Gleiches Geburtsdatum (12.03.1985), gleicher Name in anderer Schreibweise',
    );
    await expect(duplicates.getByRole('link', { name: /^Neuer Fall TO-\d{4}-\d{6} öffnen$/ })).toBeVisible();
    await expect(
      duplicates.getByRole('link', { name: /^Vorhandener Fall .*\(Jürgen Müller\) öffnen$/ }),
    ).toBeVisible();
    await expectAccessible(page, testInfo, 'outreach-after-sync');
    await keepScreenshot(page, testInfo, 'outreach-after-sync-1366');

    // the new case: final number; the duplicate decided in the case, nothing merged
    await duplicates.getByRole('link', { name: /^Neuer Fall/ }).click();
    const inCase = page.getByRole('region', { name: 'Mögliche Doppelerfassungen' });
    await inCase.getByRole('button', { name: 'Verschiedene Personen' }).click();
    await expect(inCase).toContainText('Entschieden: Verschiedene Personen');

    // case X: both conflicts with both values; keep mine for the note
    await page.goto(`${bridge.launchUrl}#/faelle/${x.caseId}`);
    const phone = page.getByRole('region', { name: 'Abgleichkonflikt: Person: Telefon' });
    await expect(phone).toContainText('0171 1111111');
    await expect(phone).toContainText('0341 2222222');
    const noteConflict = page.getByRole('region', { name: 'Abgleichkonflikt: Vermerk: Text' });
    await expect(noteConflict).toContainText('Lebenslauf mitbringen.');
    await expect(noteConflict).toContainText('Bewerbung in Torgau besprochen.');
    await expectAccessible(page, testInfo, 'outreach-conflicts');
    await keepScreenshot(page, testInfo, 'outreach-conflicts-1366');
    await noteConflict.getByRole('button', { name: 'Meine behalten' }).click();
    await expect(noteConflict).toBeHidden();
    await expect(phone).toBeVisible();
  } finally {
    await remove();
  }
});
