/**
 * Plan PDFs on the Synchronisation page (issue 12 item 8) over the browser bridge: a handed-over
 * plan's PDF not yet in the server's blob store is counted with its size; a refusal (an altered
 * transfer) is shown in German. axe on the page, a screenshot at 1366×768.
 */
import { ERROR_MESSAGES } from '../../src/shared/errors';
import { expect, expectAccessible, keepScreenshot, test } from './fixtures';

test('plan PDFs waiting for the server are counted; a refusal is shown', async ({
  page,
  bridge,
}, testInfo) => {
  const list = await bridge.main.backend.dispatch('cases:list', { limit: 1 });
  if (!list.ok) throw new Error(list.error.code);
  const caseId = (list.value as { items: { caseId: string }[] }).items[0]!.caseId;
  const raw = bridge.main.store.raw();
  const sha = 'b'.repeat(64);
  // a stored hand-over document (written in the hand-over's transaction in the app)
  raw
    .prepare(
      'INSERT INTO plan_documents (sha256, handover_id, case_id, pdf, byte_length, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(sha, 'handover-e2e', caseId, Buffer.alloc(1536 * 1024, 1), 1536 * 1024, '2026-11-23T08:00:00.000Z');

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(bridge.launchUrl);
  await page.getByRole('link', { name: /^Synchronisation: / }).click();
  const panel = page.getByRole('region', { name: 'Plan-Dokumente' });
  await expect(panel).toContainText(
    '1 PDF eines Kooperationsplans wartet auf die Übertragung zum Server (1,5 MB)',
  );

  // the sync step keeps the server's refusal here until the upload succeeds
  raw
    .prepare(
      'INSERT INTO plan_document_uploads (sha256, case_id, uploaded_at, refused_code, refused_at) VALUES (?, ?, NULL, ?, ?)',
    )
    .run(sha, caseId, 'BLOB_HASH_MISMATCH', '2026-11-23T09:00:00.000Z');
  const alert = panel.getByRole('alert').filter({ hasText: 'Ein Plan-Dokument wurde nicht übernommen' });
  await expect(alert).toContainText(ERROR_MESSAGES.BLOB_HASH_MISMATCH);
  await expect(alert).toContainText('gemeldet am 23.11.2026, 10:00 Uhr');
  await expectAccessible(page, testInfo, 'sync-plan-documents');
  await keepScreenshot(page, testInfo, 'sync-plan-documents-1366');
});
