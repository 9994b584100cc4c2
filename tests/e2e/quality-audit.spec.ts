/**
 * The sampled case audit with the UI (issue 15 item 2), two users over the browser bridge against a
 * real Lotse server on 127.0.0.1: the team lead draws a sample of a caseworker's cases, judges an
 * item and requests a correction, syncs; the caseworker syncs, sees the task in Mein Bestand and in
 * the case, reports it done, syncs; the team lead syncs and confirms. axe, screenshots and 200 %
 * zoom on every new screen (checkScreen); keyboard for the way in and the forms where possible.
 */
import { dateInBerlin } from '../../src/shared/domain/common/dates';
import {
  formatQuarter,
  previousQuarter,
  quarterInBerlin,
} from '../../src/shared/domain/quality/audit-sample';
import { CASE_SECTION_LABELS, defaultQualityRules } from '../../src/shared/domain/quality/quality-rules';
import { PASSWORD, USERS } from '../integration/server/harness';
import { callBridge as call, checkScreen, E2E_PASSPHRASE, expect, test } from './fixtures';
import { tabTo } from './keyboard';
import { bridgeWithServer, useLotseServer } from './server-fixture';

const server = useLotseServer();

/** A desktop of one user: signed in at the server, own store created (the login channels). */
async function desktopOf(key: 'cw' | 'lead') {
  const { bridge, remove } = await bridgeWithServer(server.url, { deviceName: `E2E-${key}` });
  const username = USERS.find((u) => u.key === key)!.username;
  await call(bridge, 'login:sign-in', { username, password: PASSWORD });
  await call(bridge, 'login:create-store', { passphrase: E2E_PASSPHRASE, confirmation: E2E_PASSPHRASE });
  return { bridge, remove };
}

type Desktop = Awaited<ReturnType<typeof desktopOf>>;

/** Cases in the caseworker's caseload (one per last name), synced to the server and the team lead. */
async function syncedCases(
  cw: Desktop,
  lead: Desktop,
  people: { firstName: string; lastNames: readonly string[]; numberPrefix: string; birthDate: string },
) {
  const today = dateInBerlin(new Date());
  for (const [i, lastName] of people.lastNames.entries()) {
    await call(cw.bridge, 'cases:create', {
      officeId: 'oschatz',
      caseworkerId: server.h.userIds['cw'],
      openedOn: today,
      person: {
        customerNumber: `${people.numberPrefix}${i}`,
        firstName: people.firstName,
        lastName,
        birthDate: people.birthDate,
      },
    });
  }
  expect((await call<{ pendingCount: number }>(cw.bridge, 'sync:now')).pendingCount).toBe(0);
  await call(lead.bridge, 'sync:now');
}

test('sample, audit and correction: team lead and caseworker through the server', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  page.setDefaultTimeout(20_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const cw = await desktopOf('cw');
  const lead = await desktopOf('lead');
  const cwContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const cwPage = await cwContext.newPage();
  cwPage.setDefaultTimeout(20_000);
  try {
    // the caseworker's caseload: three cases, synced
    await syncedCases(cw, lead, {
      firstName: 'Anna',
      lastNames: ['Albers', 'Brandt', 'Claus'],
      numberPrefix: '123D45678',
      birthDate: '1990-05-17',
    });

    // the team lead takes up no one: the caseload offers no intake
    await page.goto(`${lead.bridge.launchUrl}#/faelle`);
    await expect(page.getByRole('heading', { level: 1, name: 'Fälle' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Neue Aufnahme' })).toHaveCount(0);
    // the team lead: from the team's quality dashboard to the samples (keyboard)
    await page.goto(`${lead.bridge.launchUrl}#/qualitaet?bereich=team`);
    const samplesLink = page.getByRole('link', { name: 'Stichproben' });
    await tabTo(samplesLink);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Stichproben' })).toBeFocused();
    await expect(page.getByText('Noch keine Stichprobe')).toBeVisible();

    const draw = page.getByRole('form', { name: 'Stichprobe ziehen' });
    // an empty caseworker is named in German
    await draw.getByRole('button', { name: 'Stichprobe ziehen' }).click();
    await expect(
      draw.getByText('Bitte eine Fachkraft wählen.').or(draw.locator('[aria-invalid="true"]')),
    ).not.toHaveCount(0);
    const caseworker = draw.getByRole('combobox', { name: 'Fachkraft' });
    await caseworker.focus();
    await page.keyboard.press('ArrowDown');
    await expect(caseworker).toHaveValue(server.h.userIds['cw']!);
    // the caseworker by name (the team directory the server announced at hello), not by user id
    await expect(caseworker.locator('option:checked')).toHaveText('ifk.own');
    const size = draw.getByRole('textbox', { name: 'Anzahl Fälle' });
    await size.fill('2');
    await draw.getByRole('radio', { name: 'Geschichtet nach Prüfregeln' }).check();
    await draw.getByRole('button', { name: 'Stichprobe ziehen' }).press('Enter');
    const drawn = page.getByRole('status').filter({ hasText: 'Stichprobe gezogen' });
    await expect(drawn).toContainText('2 von 3 Fällen gezogen (Geschichtet nach Prüfregeln, Startwert');
    await expect(drawn).toContainText('nachvollziehbar wiederholbar');
    const samples = await call<
      { seed: number; method: string; audits: { auditId: string; caseNumber: string }[] }[]
    >(lead.bridge, 'audits:samples', {});
    expect(samples).toHaveLength(1);
    expect(samples[0]!.method).toBe('geschichtet');
    await expect(drawn).toContainText(`Startwert ${samples[0]!.seed}`);
    await expect(page.getByRole('table')).toHaveCount(1);
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
    await checkScreen(page, testInfo, 'audit-samples');

    // the audit of the first drawn case
    const first = samples[0]!.audits[0]!;
    const auditLink = page.getByRole('link', { name: `Fall ${first.caseNumber} prüfen` });
    await auditLink.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Fallprüfung' })).toBeFocused();
    await expect(page.getByText(`Fall ${first.caseNumber} – ifk.own,`)).toBeVisible();
    const rubric = page.getByRole('form', { name: 'Prüfpunkte' });
    const firstItem = rubric.getByRole('radiogroup').first();
    await expect(firstItem).toHaveAccessibleDescription(/^Automatische Prüfung: /);
    await firstItem.getByRole('radio', { name: 'nicht erfüllt', exact: true }).check();
    await rubric.getByRole('textbox', { name: 'Kommentar zur Prüfung' }).fill('Ziel fehlt in der Akte.');
    await rubric.getByRole('button', { name: 'Bewertung speichern' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Die Bewertung ist gespeichert.' }),
    ).toBeVisible();
    const saved = await call<{ caseId: string; items: { judgement: string | null }[]; comment: string }>(
      lead.bridge,
      'audits:get',
      { auditId: first.auditId },
    );
    expect(saved.items[0]!.judgement).toBe('nicht_erfuellt');
    expect(saved.comment).toBe('Ziel fehlt in der Akte.');

    // a correction: the text is required, the due date German
    const request = page.getByRole('form', { name: 'Korrektur anfordern' });
    await request.getByRole('combobox', { name: 'Bereich der Akte' }).selectOption({ label: 'Ziele' });
    await request.getByRole('textbox', { name: /Zu erledigen bis/ }).fill('31.02.2099');
    await request.getByRole('button', { name: 'Korrektur anfordern' }).click();
    await expect(
      request.getByText('Bitte beschreiben, was korrigiert werden soll.').or(request.getByText(/Februar/)),
    ).not.toHaveCount(0);
    await request.getByRole('textbox', { name: /Zu erledigen bis/ }).fill('');
    await request
      .getByRole('textbox', { name: 'Was soll korrigiert werden?' })
      .fill('Bitte das Ziel mit Zieldatum festhalten.');
    await request.getByRole('button', { name: 'Korrektur anfordern' }).click();
    const requested = page.getByRole('listitem', { name: 'Korrektur: Ziele' });
    await expect(requested).toContainText('Bitte das Ziel mit Zieldatum festhalten.');
    await expect(requested).toContainText('angefordert');
    await checkScreen(page, testInfo, 'audit-case');
    expect((await call<{ pendingCount: number }>(lead.bridge, 'sync:now')).pendingCount).toBe(0);
    // the team lead's Mein Bestand offers no caseworker's task to report done
    const auditUrl = page.url();
    await page.goto(`${lead.bridge.launchUrl}#/faelle`);
    await expect(page.getByRole('heading', { level: 1, name: 'Fälle' })).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Suche' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Als erledigt melden' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Korrekturaufträge' })).toHaveCount(0);
    await page.goto(auditUrl);

    // the caseworker: syncs, sees the task in Mein Bestand and in the case
    await call(cw.bridge, 'sync:now');
    await cwPage.goto(`${cw.bridge.launchUrl}#/faelle`);
    await expect(cwPage.getByRole('link', { name: 'Neue Aufnahme' })).toBeVisible();
    const panel = cwPage.getByRole('region', { name: 'Korrekturaufträge' });
    await expect(panel).toContainText('1 offener Auftrag');
    await expect(panel).toContainText('Bitte das Ziel mit Zieldatum festhalten.');
    await expect(panel).toContainText(first.caseNumber);
    await checkScreen(cwPage, testInfo, 'caseload-corrections');
    await cwPage.goto(`${cw.bridge.launchUrl}#/faelle/${saved.caseId}`);
    const inCase = cwPage.getByRole('region', { name: 'Korrekturaufträge' });
    await expect(inCase).toContainText('Bitte das Ziel mit Zieldatum festhalten.');
    await inCase.getByRole('button', { name: 'Als erledigt melden' }).press('Enter');
    const note = inCase.getByRole('textbox', { name: 'Was wurde korrigiert?' });
    await expect(note).toBeFocused();
    await cwPage.keyboard.type('Ziel und Zieldatum erfasst.');
    await inCase.getByRole('button', { name: 'Als erledigt melden' }).click();
    await expect(inCase).toContainText('erledigt');
    await expect(inCase).toContainText('Ihre Rückmeldung: Ziel und Zieldatum erfasst.');
    await checkScreen(cwPage, testInfo, 'case-corrections');
    expect((await call<{ pendingCount: number }>(cw.bridge, 'sync:now')).pendingCount).toBe(0);
    await cwPage.goto(`${cw.bridge.launchUrl}#/faelle`);
    await expect(cwPage.getByRole('heading', { level: 1, name: 'Fälle' })).toBeVisible();
    await expect(cwPage.getByRole('region', { name: 'Korrekturaufträge' })).toHaveCount(0);

    // the team lead syncs and confirms
    await call(lead.bridge, 'sync:now');
    await page.reload();
    const done = page.getByRole('listitem', { name: 'Korrektur: Ziele' });
    await expect(done).toContainText('Rückmeldung: Ziel und Zieldatum erfasst.');
    await done.getByRole('button', { name: 'Bestätigen' }).click();
    await expect(done).toContainText('bestätigt');
    await expect(done.getByRole('button', { name: 'Bestätigen' })).toHaveCount(0);
    const tasks = await call<{ status: string }[]>(lead.bridge, 'corrections:list', { status: 'alle' });
    expect(tasks.map((t) => t.status)).toEqual(['bestaetigt']);
  } finally {
    await cwContext.close();
    await cw.remove();
    await lead.remove();
  }
});

test('close an audit, reopen a correction reported done: keyboard, with the rubric item named', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  page.setDefaultTimeout(20_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const cw = await desktopOf('cw');
  const lead = await desktopOf('lead');
  try {
    await syncedCases(cw, lead, {
      firstName: 'Berta',
      lastNames: ['Dietz', 'Ebert'],
      numberPrefix: '223D45678',
      birthDate: '1988-03-09',
    });

    // the quarter is chosen from the current one and the three before, with German labels
    await page.goto(`${lead.bridge.launchUrl}#/qualitaet/stichproben`);
    const quarter = page
      .getByRole('form', { name: 'Stichprobe ziehen' })
      .getByRole('combobox', { name: 'Quartal' });
    const current = quarterInBerlin(new Date());
    const before = [current];
    while (before.length < 4) before.push(previousQuarter(before.at(-1)!));
    await expect(quarter).toHaveValue(current);
    await expect(quarter.getByRole('option')).toHaveText(before.map(formatQuarter));

    const sample = await call<{ audits: { auditId: string; caseNumber: string }[] }>(
      lead.bridge,
      'audits:draw-sample',
      // the quarter before: the test above drew this quarter's sample of the same caseworker
      { caseworkerId: server.h.userIds['cw'], quarter: before[1], size: 1, method: 'zufall' },
    );
    const { auditId } = sample.audits[0]!;
    const audit = await call<{ items: { ruleId: string; title: string; section: string }[] }>(
      lead.bridge,
      'audits:get',
      { auditId },
    );
    const item = audit.items[0]!;
    const rule = defaultQualityRules.rules.find((r) => r.id === item.ruleId)!;
    await page.goto(`${lead.bridge.launchUrl}#/qualitaet/stichproben/${auditId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Fallprüfung' })).toBeVisible();

    // a correction for the first rubric item: the item fills in its section (keyboard)
    const request = page.getByRole('form', { name: 'Korrektur anfordern' });
    const ruleSelect = request.getByRole('combobox', { name: /Prüfpunkt/ });
    await ruleSelect.focus();
    await page.keyboard.press('ArrowDown');
    await expect(ruleSelect).toHaveValue(item.ruleId);
    await expect(request.getByRole('combobox', { name: 'Bereich der Akte' })).toHaveValue(rule.section);
    await request.getByRole('textbox', { name: 'Was soll korrigiert werden?' }).focus();
    await page.keyboard.type('Bitte den Prüfpunkt in der Akte nachholen.');
    await request.getByRole('button', { name: 'Korrektur anfordern' }).press('Enter');
    const section = CASE_SECTION_LABELS[rule.section];
    const task = page.getByRole('listitem', { name: `Korrektur: ${section}` });
    await expect(task).toContainText(`Prüfpunkt: ${item.title}`);
    await expect(task).toContainText('angefordert');
    // (the team's store also holds the corrections of the test above: this audit's only)
    const ofAudit = async <T extends { auditId: string }>(bridge: typeof lead.bridge) =>
      (await call<T[]>(bridge, 'corrections:list', { status: 'alle' })).filter((t) => t.auditId === auditId);
    const [requested] = await ofAudit<{ auditId: string; ruleId: string | null }>(lead.bridge);
    expect(requested!.ruleId).toBe(item.ruleId);

    // every item judged by keyboard, then "Prüfung abschließen"
    const rubric = page.getByRole('form', { name: 'Prüfpunkte' });
    const groups = rubric.getByRole('radiogroup');
    const count = await groups.count();
    expect(count).toBe(audit.items.length);
    for (let i = 0; i < count; i += 1) {
      await groups.nth(i).getByRole('radio', { name: 'erfüllt', exact: true }).focus();
      await page.keyboard.press('Space');
    }
    await expect(groups.first().getByRole('radio', { name: 'erfüllt', exact: true })).toBeChecked();
    const closeButton = rubric.getByRole('button', { name: 'Prüfung abschließen' });
    await tabTo(closeButton);
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('status').filter({ hasText: 'Die Prüfung ist abgeschlossen.' }),
    ).toBeVisible();
    await expect(rubric.getByRole('button', { name: 'Prüfung abschließen' })).toHaveCount(0);
    await expect(rubric.getByText('Diese Prüfung ist abgeschlossen')).toBeVisible();
    await expect(groups.first().getByRole('radio', { name: 'erfüllt', exact: true })).toBeDisabled();
    expect((await call<{ status: string }>(lead.bridge, 'audits:get', { auditId })).status).toBe(
      'abgeschlossen',
    );
    expect((await call<{ pendingCount: number }>(lead.bridge, 'sync:now')).pendingCount).toBe(0);

    // the caseworker reports it done (the screen for that is played in the test above)
    await call(cw.bridge, 'sync:now');
    const [open] = await ofAudit<{ auditId: string; id: string; rowVersion: number }>(cw.bridge);
    await call(cw.bridge, 'corrections:complete', {
      taskId: open!.id,
      note: 'Nachgeholt.',
      expectedRowVersion: open!.rowVersion,
    });
    expect((await call<{ pendingCount: number }>(cw.bridge, 'sync:now')).pendingCount).toBe(0);

    // the team lead reopens it with a note, keyboard only
    await call(lead.bridge, 'sync:now');
    await page.reload();
    const done = page.getByRole('listitem', { name: `Korrektur: ${section}` });
    await expect(done).toContainText('Rückmeldung: Nachgeholt.');
    await done.getByRole('textbox', { name: 'Anmerkung (bei Wiedereröffnung)' }).focus();
    await page.keyboard.type('Der Nachweis fehlt noch.');
    const reopen = done.getByRole('button', { name: 'Wiedereröffnen' });
    await tabTo(reopen);
    await page.keyboard.press('Enter');
    await expect(done).toContainText('wiedereröffnet');
    await expect(done.getByRole('button', { name: 'Wiedereröffnen' })).toHaveCount(0);
    await checkScreen(page, testInfo, 'audit-closed-reopened');
    expect((await call<{ pendingCount: number }>(lead.bridge, 'sync:now')).pendingCount).toBe(0);

    // the caseworker has the task open again, with its rubric item
    await call(cw.bridge, 'sync:now');
    const [again] = await ofAudit<{ auditId: string; status: string; ruleId: string | null }>(cw.bridge);
    expect(again).toMatchObject({ status: 'wiedereroeffnet', ruleId: item.ruleId });
    await page.goto(`${cw.bridge.launchUrl}#/faelle`);
    const panel = page.getByRole('region', { name: 'Korrekturaufträge' });
    await expect(panel).toContainText('1 offener Auftrag');
    await expect(panel).toContainText(`Prüfpunkt: ${rule.title}`);
  } finally {
    await cw.remove();
    await lead.remove();
  }
});
