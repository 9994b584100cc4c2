import { vi } from 'vitest';
import type { Handlers } from '../../src/main/ipc/dispatch';
import { PLAN_PRINT_CHANNELS, WORKSPACE_CHANNELS, WRITE_CHANNELS } from '../../src/shared/ipc/contract';
import { outreachContract } from '../../src/shared/ipc/outreach-contract';
import { qualityReviewContract } from '../../src/shared/ipc/quality-review-contract';

const OUTREACH_CHANNELS = Object.keys(outreachContract) as (keyof typeof outreachContract)[];
const REVIEW_CHANNELS = Object.keys(qualityReviewContract) as (keyof typeof qualityReviewContract)[];

/**
 * A complete handler map for tests of the IPC plumbing itself (dispatch, bridge): every handler is
 * a spy with a fixed answer. Feature behaviour is tested against the real services elsewhere.
 */
export function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const writes = Object.fromEntries(
    [
      ...WRITE_CHANNELS,
      ...PLAN_PRINT_CHANNELS,
      ...WORKSPACE_CHANNELS,
      ...OUTREACH_CHANNELS,
      ...REVIEW_CHANNELS,
    ].map((channel) => [
      channel,
      vi.fn(() => {
        throw new Error('not used by plumbing tests');
      }),
    ]),
  ) as unknown as Pick<
    Handlers,
    | (typeof WRITE_CHANNELS)[number]
    | (typeof PLAN_PRINT_CHANNELS)[number]
    | (typeof WORKSPACE_CHANNELS)[number]
    | (typeof OUTREACH_CHANNELS)[number]
    | (typeof REVIEW_CHANNELS)[number]
  >;
  const status = { state: 'locked' as const, quickUnlockAvailable: false, autoLockMinutes: 15 };
  return {
    ...writes,
    'app:info': vi.fn(() => ({
      name: 'Lotse',
      version: '1.0.0',
      runtime: 'browser-bridge' as const,
      platform: 'linux',
      locale: 'de-DE',
      demo: true,
    })),
    'vault:status': vi.fn(() => status),
    'vault:create': vi.fn(() => status),
    'vault:unlock': vi.fn(() => status),
    'vault:unlock-quick': vi.fn(() => status),
    'vault:lock': vi.fn(() => status),
    'vault:change-passphrase': vi.fn(() => status),
    'vault:touch': vi.fn(() => null),
    'directory:users': vi.fn(() => []),
    ...(() => {
      const login = {
        serverMode: false,
        accounts: [],
        selectedUserKey: null,
        pending: null,
        session: null,
        signInRequired: null,
        vault: status,
      };
      return {
        'vault:select-user': vi.fn(() => login),
        'login:status': vi.fn(() => login),
        'login:sign-in': vi.fn(() => login),
        'login:create-store': vi.fn(() => login),
        'login:cancel': vi.fn(() => login),
      };
    })(),
    'cases:list': vi.fn(() => ({ items: [], total: 0 })),
    'cases:get': vi.fn(() => {
      throw new Error('not used by plumbing tests');
    }),
    'appointments:list-day': vi.fn(() => []),
    'cases:search': vi.fn(() => []),
    'caseload:list': vi.fn(() => ({
      items: [],
      total: 0,
      counts: { offices: {}, phases: {}, targetGroups: {}, overdueReview: 0 },
    })),
    'sync:status': vi.fn(() => {
      throw new Error('not used by plumbing tests');
    }),
    'sync:now': vi.fn(() => {
      throw new Error('not used by plumbing tests');
    }),
    'sync:case-issues': vi.fn(() => ({ conflicts: [], rejections: [] })),
    'sync:rejections': vi.fn(() => ({ rejections: [] })),
    'sync:resolve-conflict': vi.fn(() => null),
    'sync:dismiss-rejection': vi.fn(() => null),
    'sync:access-log': vi.fn(() => ({ pending: 0, oldestPendingAt: null, refusal: null })),
    'sync:plan-documents': vi.fn(() => ({ pending: 0, pendingBytes: 0, refused: [] })),
    'quality:dashboard': vi.fn(() => {
      throw new Error('not used by plumbing tests');
    }),
    'quality:cases': vi.fn(() => ({ userId: 'u-1', rows: [] })),
    'quality:report': vi.fn(() => ({ pdfBase64: '', byteLength: 0, fileName: 'x.pdf' })),
    'assessments:list': vi.fn(() => ({ versions: [] })),
    'goals:get': vi.fn(() => null),
    'strategies:list': vi.fn(() => ({
      assessmentId: null,
      assessmentVersion: null,
      proposals: [],
      choices: [],
    })),
    'occupations:search': vi.fn(() => []),
    ...overrides,
  };
}
