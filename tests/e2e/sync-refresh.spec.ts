/**
 * Records a sync round pulls refresh the open screen (no navigation): over the browser bridge
 * against a real Lotse server on 127.0.0.1, a case's notes are open; another device of the same
 * caseworker adds a note to that case on the server; a sync round runs in main; the open notes
 * show the new note, and the case list in another case is left alone.
 */
import { randomUUID } from 'node:crypto';
import { dateInBerlin } from '../../src/shared/domain/common/dates';
import { login, mutation, PASSWORD, pushBatch } from '../integration/server/harness';
import { callBridge as call, E2E_PASSPHRASE, expect, test } from './fixtures';
import { bridgeWithServer, useLotseServer } from './server-fixture';

const server = useLotseServer();

test('a note another device adds appears in the open case after a sync round', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const { bridge, remove } = await bridgeWithServer(server.url, {
    username: 'ifk.own',
    password: PASSWORD,
    deviceName: 'Laptop Büro',
  });
  try {
    await call(bridge, 'vault:create', { passphrase: E2E_PASSPHRASE, confirmation: E2E_PASSPHRASE });
    const c = await call<{ caseId: string; personId: string }>(bridge, 'cases:create', {
      officeId: 'torgau',
      caseworkerId: 'ifk-demo',
      openedOn: dateInBerlin(new Date()),
      person: { customerNumber: '123D456789', firstName: 'Nora', lastName: 'Vogel', birthDate: '1991-02-03' },
    });
    await call(bridge, 'notes:create', {
      caseId: c.caseId,
      values: { category: 'Beratung', title: 'Erstgespräch', body: 'Termin im Januar vereinbart.' },
    });
    expect((await call<{ pendingCount: number }>(bridge, 'sync:now')).pendingCount).toBe(0);

    await page.goto(`${bridge.launchUrl}#/faelle/${c.caseId}/vermerke`);
    await expect(page.getByText('Termin im Januar vereinbart.')).toBeVisible();
    await expect(page.getByText('Bewerbungsunterlagen per Post erhalten.')).toHaveCount(0);

    // the caseworker's other device writes a note on the same case
    const other = await login(server.h, 'cw');
    const res = await pushBatch(server.h, other, [
      mutation(other, {
        entity: 'notes',
        entityId: randomUUID(),
        caseId: c.caseId,
        op: 'create',
        fields: { title: 'Post', body: 'Bewerbungsunterlagen per Post erhalten.' },
      }),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ results: { status: string }[] }>().results[0]!.status).toBe('applied');

    // a round in main (the timer, a poke or another window would do the same); the screen stays
    const url = page.url();
    const st = await call<{ dataChanges: { recent: { entities: string[]; caseIds: string[] | null }[] } }>(
      bridge,
      'sync:now',
    );
    expect(st.dataChanges.recent.at(-1)).toMatchObject({ caseIds: [c.caseId] });
    await expect(page.getByText('Bewerbungsunterlagen per Post erhalten.')).toBeVisible({ timeout: 30_000 });
    expect(page.url()).toBe(url);
  } finally {
    await remove();
  }
});
