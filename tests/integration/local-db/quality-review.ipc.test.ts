/**
 * The sampled case audit's channels through the real dispatch (zod input, German messages, stable
 * codes) on an encrypted store: the team lead's side end to end, the caseworker refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { drawSample } from '../../../src/shared/domain/quality/audit-sample';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';

let b: WriteBackend | undefined;
afterEach(async () => {
  await b?.t.destroy();
  b = undefined;
});

describe('audits:* and corrections:* channels', () => {
  it('a team lead draws, judges, closes and requests a correction; inputs are checked in German', async () => {
    b = await createWriteBackend({ role: 'team_lead', clockStart: '2026-11-02T08:00:00.000Z' });
    const caseIds: string[] = [];
    for (let i = 0; i < 3; i++) caseIds.push((await b.newCase()).caseId);

    const tooSmall = await b.refused('audits:draw-sample', {
      caseworkerId: 'ifk-7',
      size: 0,
      method: 'zufall',
    });
    expect(tooSmall.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(tooSmall)).toContain('Die Stichprobe umfasst mindestens einen Fall.');
    const badMethod = await b.refused('audits:draw-sample', {
      caseworkerId: 'ifk-7',
      size: 2,
      method: 'los',
    });
    expect(JSON.stringify(badMethod)).toContain('geschichtet nach Prüfregeln');
    expect(
      (await b.refused('audits:draw-sample', { caseworkerId: 'niemand', size: 2, method: 'zufall' })).code,
    ).toBe('DOMAIN_RULE_VIOLATED');

    const sample = await b.call('audits:draw-sample', {
      caseworkerId: 'ifk-7',
      size: 2,
      method: 'geschichtet',
      seed: 99,
    });
    expect(sample).toMatchObject({ quarter: '2026-Q4', seed: 99, method: 'geschichtet', sampleSize: 2 });
    expect(sample.audits).toHaveLength(2);
    expect(await b.call('audits:samples', { caseworkerId: 'ifk-7' })).toEqual([sample]);
    expect(await b.call('audits:samples', { quarter: '2026-Q3' })).toEqual([]);
    // the draw is the domain's, reproducible from what is recorded
    const audit = await b.call('audits:get', { auditId: sample.audits[0]!.auditId });
    const again = drawSample({
      caseIds: [...caseIds].reverse(),
      size: 2,
      method: 'geschichtet',
      seed: 99,
      findingsByCase: {},
    });
    expect(again.populationDigest).toBe(audit.populationDigest);

    const notAll = await b.refused('audits:save', {
      auditId: audit.id,
      judgements: { [audit.items[0]!.ruleId]: 'erfuellt' },
      close: true,
    });
    expect(notAll.code).toBe('VALIDATION_FAILED');
    expect(notAll.message).toContain('Bitte jeden Prüfpunkt bewerten');
    const unknownRule = await b.refused('audits:save', {
      auditId: audit.id,
      judgements: { gibtsnicht: 'erfuellt' },
    });
    expect(unknownRule.code).toBe('VALIDATION_FAILED');

    const task = await b.call('corrections:request', {
      auditId: audit.id,
      section: 'kooperationsplan',
      text: 'Bitte alle sechs Punkte beantworten.',
    });
    expect(task).toMatchObject({
      status: 'angefordert',
      caseId: audit.caseId,
      caseNumber: expect.any(String),
    });
    expect(task.personName).toBe('Rößler, Käthe');
    expect(
      JSON.stringify(
        await b.refused('corrections:request', { auditId: audit.id, section: 'ziele', text: ' ' }),
      ),
    ).toContain('Bitte beschreiben, was korrigiert werden soll.');
    expect((await b.call('corrections:list', { status: 'offen' })).map((t) => t.id)).toEqual([task.id]);
    // confirming before the caseworker reported it done, and completing as team lead, are refused
    expect((await b.refused('corrections:review', { taskId: task.id, decision: 'bestaetigt' })).code).toBe(
      'INVALID_TRANSITION',
    );
    expect((await b.refused('corrections:complete', { taskId: task.id, note: 'erledigt' })).code).toBe(
      'FORBIDDEN',
    );

    const closed = await b.call('audits:save', {
      auditId: audit.id,
      judgements: Object.fromEntries(audit.items.map((i) => [i.ruleId, 'teilweise' as const])),
      comment: 'Plan unvollständig.',
      close: true,
    });
    expect(closed).toMatchObject({
      status: 'abgeschlossen',
      closedOn: '2026-11-02',
      comment: 'Plan unvollständig.',
    });
    expect(closed.corrections.map((c) => c.id)).toEqual([task.id]);
    expect((await b.refused('audits:save', { auditId: audit.id, judgements: {} })).code).toBe(
      'DOMAIN_RULE_VIOLATED',
    );
    // every write went to the outbox for the sync
    expect(
      (
        b.t.raw
          .prepare(
            "SELECT COUNT(*) AS n FROM sync_outbox WHERE entity IN ('case_audits', 'correction_tasks')",
          )
          .get() as {
          n: number;
        }
      ).n,
    ).toBe(4);
  });

  it('a caseworker cannot draw, read audits or request corrections; an empty note is refused', async () => {
    b = await createWriteBackend();
    await b.newCase();
    expect(
      (await b.refused('audits:draw-sample', { caseworkerId: 'ifk-7', size: 1, method: 'zufall' })).code,
    ).toBe('FORBIDDEN');
    expect((await b.refused('audits:samples', {})).code).toBe('FORBIDDEN');
    expect(await b.call('corrections:list', { status: 'offen' })).toEqual([]);
    const empty = await b.refused('corrections:complete', { taskId: 'task-1', note: '' });
    expect(empty.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(empty)).toContain('Bitte kurz beschreiben, was korrigiert wurde.');
    expect((await b.refused('corrections:complete', { taskId: 'task-1', note: 'fertig' })).code).toBe(
      'NOT_FOUND',
    );
  });
});
