/**
 * plans:for-case: the read of the workspace section "Kooperationsplan" — the case's current plan
 * (null before the first draft) and its handed-over versions, newest first; bad input refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PdfRenderer } from '../../../src/main/features/plans/print/pdf-renderer';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';
import { handOverablePlanValues } from '../../helpers/plan-values';

const unreachable: PdfRenderer = {
  name: 'unreachable',
  render: () => Promise.reject(new Error('rendered although nothing is printed here')),
  close: async () => undefined,
};

let b: WriteBackend;
beforeEach(async () => {
  b = await createWriteBackend({ pdf: unreachable });
});
afterEach(async () => {
  await b.t.destroy();
});

describe('plans:for-case', () => {
  it('refuses bad input in German and unknown cases as NOT_FOUND', async () => {
    expect((await b.refused('plans:for-case', { caseId: 'c\u0007' })).code).toBe('VALIDATION_FAILED');
    expect((await b.refused('plans:for-case', { caseId: 'c1', extra: 1 })).code).toBe('VALIDATION_FAILED');
    expect((await b.refused('plans:for-case', { caseId: 'no-such-case' })).code).toBe('NOT_FOUND');
  });

  it('is empty before the first draft, then the draft without versions', async () => {
    const { caseId } = await b.newCase();
    expect(await b.call('plans:for-case', { caseId })).toEqual({ plan: null, handovers: [] });
    const plan = await b.call('plans:save-draft', {
      caseId,
      values: { planDate: '2026-03-02', points: {} } as never,
    });
    const read = await b.call('plans:for-case', { caseId });
    expect(read.plan).toMatchObject({
      id: plan.id,
      caseId,
      planDate: '2026-03-02',
      rowVersion: plan.rowVersion,
    });
    expect(read.handovers).toEqual([]);
  });

  it('lists the versions handed over of the plan, newest first, and not those of another case', async () => {
    const first = await handedOver(b);
    const second = await b.writes.plans.handOver(first.planId, 'portal');
    const other = await handedOver(b);
    const read = await b.call('plans:for-case', { caseId: first.caseId });
    expect(read.plan?.id).toBe(first.planId);
    expect(read.handovers.map((h) => [h.id, h.version, h.form])).toEqual([
      [second.id, 2, 'portal'],
      [first.id, 1, 'ausdruck'],
    ]);
    expect(read.handovers.map((h) => h.id)).not.toContain(other.id);
  });
});

/** A ready plan handed over through the plans service (no PDF: nothing is rendered here). */
async function handedOver(backend: WriteBackend) {
  const { caseId } = await backend.newCase();
  const { COMPETENCE_CLASSES, EVIDENCE_SOURCES } =
    await import('../../../src/shared/domain/assessment/vocabulary');
  const draft = await backend.call('assessments:create-draft', { caseId, values: {} });
  await backend.call('assessments:record-entry', {
    assessmentId: draft.id,
    entry: {
      criterionId: 'work-experience',
      strength: { text: 'Zuverlässig', competenceClass: COMPETENCE_CLASSES[0] },
      evidenceSources: [EVIDENCE_SOURCES[0]],
    } as never,
  });
  await backend.call('assessments:update-draft', {
    assessmentId: draft.id,
    changes: { integrationForecast: 'beyond12Months' },
  });
  await backend.call('assessments:finalize', { assessmentId: draft.id });
  const plan = await backend.call('plans:save-draft', {
    caseId,
    values: handOverablePlanValues(),
  });
  return backend.writes.plans.handOver(plan.id, 'ausdruck');
}
