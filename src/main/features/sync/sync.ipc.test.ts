import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { SyncPort } from './sync-controller';
import { syncHandlers } from './sync.ipc';

const conflict = {
  conflictId: '0b6f5f2e-6a4e-4f55-9a4d-2a0c7c1d9e01',
  caseId: '0b6f5f2e-6a4e-4f55-9a4d-2a0c7c1d9e02',
  entity: 'persons',
  entityId: '0b6f5f2e-6a4e-4f55-9a4d-2a0c7c1d9e03',
  field: 'phone',
  kind: 'conflict' as const,
  mine: '0341 111',
  theirs: '0341 222',
  current: 'mine' as const,
  base: null,
  createdAt: '2026-03-02T08:00:00.000Z',
};

function port(): SyncPort {
  return {
    status: vi.fn(),
    syncNow: vi.fn(),
    caseIssues: vi.fn(async () => ({ conflicts: [conflict], rejections: [] })),
    rejections: vi.fn(async () => []),
    resolveConflict: vi.fn(async () => undefined),
    dismissRejection: vi.fn(async () => undefined),
    kick: vi.fn(),
  } as unknown as SyncPort;
}

describe('sync IPC: who decides a conflict', () => {
  it('a caseworker sees the conflict as hers to decide and decides it', async () => {
    const p = port();
    const h = syncHandlers(p, () => true);
    expect(await h['sync:case-issues']({ caseId: conflict.caseId }, { channel: 'sync:case-issues' })).toEqual(
      {
        conflicts: [{ ...conflict, mayResolve: true }],
        rejections: [],
      },
    );
    await h['sync:resolve-conflict'](
      { conflictId: conflict.conflictId, choice: 'theirs' },
      { channel: 'sync:resolve-conflict' },
    );
    expect(p.resolveConflict).toHaveBeenCalledWith(conflict.conflictId, 'theirs', undefined);
  });

  it('a team lead sees it without a choice, and a decision is refused before the server is asked', async () => {
    const p = port();
    const h = syncHandlers(p, () => false);
    expect(
      await h['sync:case-issues']({ caseId: conflict.caseId }, { channel: 'sync:case-issues' }),
    ).toMatchObject({
      conflicts: [{ conflictId: conflict.conflictId, mayResolve: false }],
    });
    const refused = h['sync:resolve-conflict'](
      { conflictId: conflict.conflictId, choice: 'mine' },
      { channel: 'sync:resolve-conflict' },
    );
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Über Abweichungen in der Fallakte entscheidet die zuständige Integrationsfachkraft.',
    });
    expect(p.resolveConflict).not.toHaveBeenCalled();
  });
});
