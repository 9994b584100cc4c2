import { describe, expect, it, vi } from 'vitest';
import type { QualityReportInput } from '../../../shared/domain/quality/quality-report';
import { AppError } from '../../../shared/errors';
import type { CorrectionTaskDto } from '../../../shared/ipc/quality-review-contract';
import type { QualityDashboardReader } from './quality-dashboard.service';
import { createQualityReport, requestedCorrectionsOf } from './quality-report.service';

const rendered: QualityReportInput[] = [];
vi.mock('../../../shared/domain/quality/quality-report', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  renderQualityReport: (input: QualityReportInput) => {
    rendered.push(input);
    return '<html></html>';
  },
}));

const task = (over: Partial<CorrectionTaskDto>): CorrectionTaskDto =>
  ({
    id: 't',
    caseId: 'c',
    auditId: 'a',
    section: 'ziele',
    ruleId: 'goal-set',
    text: 'Bitte das Ziel festhalten.',
    dueOn: null,
    caseworkerId: 'ifk-1',
    requestedBy: 'tl-1',
    requestedAt: '2026-12-31T23:30:00.000Z',
    status: 'angefordert',
    completionNote: null,
    completedAt: null,
    history: [],
    rowVersion: 1,
    caseNumber: 'OSZ-2026-000002',
    personName: 'Brandt, Anna',
    ...over,
  }) as CorrectionTaskDto;

describe('requestedCorrectionsOf', () => {
  const tasks = [
    task({ caseNumber: 'OSZ-2026-000009', status: 'wiedereroeffnet' }),
    task({ caseNumber: 'OSZ-2026-000002', status: 'erledigt' }),
    task({ caseNumber: 'OSZ-2026-000005', caseworkerId: 'ifk-2', status: 'bestaetigt' }),
    task({ caseNumber: null }),
  ];

  it('lists case numbers only, sorted, with the report status and the Berlin date', () => {
    expect(requestedCorrectionsOf(tasks, 'team', 'tl-1')).toEqual([
      {
        caseNumber: 'OSZ-2026-000002',
        caseworkerId: 'ifk-1',
        ruleId: 'goal-set',
        requestedOn: '2027-01-01',
        status: 'erledigt',
      },
      {
        caseNumber: 'OSZ-2026-000005',
        caseworkerId: 'ifk-2',
        ruleId: 'goal-set',
        requestedOn: '2027-01-01',
        status: 'bestaetigt',
      },
      {
        caseNumber: 'OSZ-2026-000009',
        caseworkerId: 'ifk-1',
        ruleId: 'goal-set',
        requestedOn: '2027-01-01',
        status: 'offen',
      },
    ]);
  });

  it('keeps the own caseload only in the own scope', () => {
    expect(requestedCorrectionsOf(tasks, 'own', 'ifk-2').map((c) => c.caseNumber)).toEqual([
      'OSZ-2026-000005',
    ]);
  });
});

describe('createQualityReport with corrections', () => {
  const dashboard = { userId: 'ifk-1', on: '2026-12-02' } as Awaited<
    ReturnType<QualityDashboardReader['dashboard']>
  >;
  const pdf = { name: 'fake', render: async () => new Uint8Array([1]), close: async () => {} };

  it('passes the tasks to the report; a role without corrections gets the report without them', async () => {
    rendered.length = 0;
    await createQualityReport({
      quality: { dashboard: async () => dashboard },
      pdf,
      corrections: { corrections: async () => [task({ caseNumber: 'OSZ-2026-000002' })] },
    }).pdf('own');
    await createQualityReport({
      quality: { dashboard: async () => dashboard },
      pdf,
      corrections: {
        corrections: async () => {
          throw new AppError('FORBIDDEN', 'Korrekturen sehen Integrationsfachkräfte und Teamleitungen.');
        },
      },
    }).pdf('own');
    expect(rendered.map((r) => r.requestedCorrections?.map((c) => c.caseNumber))).toEqual([
      ['OSZ-2026-000002'],
      undefined,
    ]);
  });
});
