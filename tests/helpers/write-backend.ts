import { createCaseDigests, createCaseloadReader } from '../../src/main/features/cases/caseload';
import { createQualityDashboard } from '../../src/main/features/quality/quality-dashboard.service';
import { createQualityReviewService } from '../../src/main/features/quality/quality-review.service';
import type { Role } from '../../src/shared/auth/roles';
import { createBackend } from '../../src/main/backend';
import { createCasesService, type CasesService } from '../../src/main/features/cases/cases.service';
import type { PlanPrintDeps } from '../../src/main/features/plans/print/plan-print.service';
import { createWriteServices, type WriteServices } from '../../src/main/features/write-services';
import type { Dispatch } from '../../src/main/ipc/dispatch';
import type { VaultPort } from '../../src/main/features/vault/vault.ipc';
import { silentLogger } from '../../src/main/logging/logger';
import type { IpcChannel, IpcIn, IpcOut } from '../../src/shared/ipc/contract';
import type { AppErrorDto } from '../../src/shared/errors';
import { createDb, fixedClock, sequentialIds, type TestDb } from './local-db';

const lockedVault: VaultPort = {
  status: () => ({ state: 'unlocked', quickUnlockAvailable: false, autoLockMinutes: 15 }),
  create: async () => undefined,
  unlock: async () => undefined,
  unlockQuick: async () => undefined,
  lock: async () => undefined,
  changePassphrase: async () => undefined,
  touch: () => undefined,
};

export interface WriteBackend {
  readonly t: TestDb;
  readonly cases: CasesService;
  readonly writes: WriteServices;
  readonly dispatch: Dispatch;
  /** Calls a channel through the real dispatch; throws the error DTO on refusal. */
  call<C extends IpcChannel>(channel: C, input: IpcIn<C>): Promise<IpcOut<C>>;
  /** Calls a channel and returns the refusal (fails when it succeeds). */
  refused<C extends IpcChannel>(channel: C, input: unknown): Promise<AppErrorDto>;
  /** A new case (Torgau) through cases:create; returns its ids. */
  newCase(): Promise<IpcOut<'cases:create'>>;
}

/**
 * A real encrypted database with the Torgau office, every service built like composition.ts does
 * (one clock, one id generator, caseworker 'ifk-7') and the real backend dispatch in front of them.
 */
export async function createWriteBackend(
  options: { clockStart?: string; stepMs?: number; clock?: { now(): Date }; role?: Role } & Pick<
    PlanPrintDeps,
    'pdf' | 'templates' | 'printDialog'
  > = {},
): Promise<WriteBackend> {
  const t = await createDb();
  t.raw
    .prepare(
      "INSERT INTO offices (id, code, name, town, is_head_office) VALUES ('torgau', 'TO', 'Standort Torgau', 'Torgau', 0)",
    )
    .run();
  const deps = {
    db: t.db,
    clock:
      options.clock ?? fixedClock(options.clockStart ?? '2026-03-02T08:00:00.000Z', options.stepMs ?? 1000),
    ids: sequentialIds(),
    actorId: 'ifk-7',
    ...(options.pdf ? { pdf: options.pdf } : {}),
    ...(options.templates ? { templates: options.templates } : {}),
    ...(options.printDialog ? { printDialog: options.printDialog } : {}),
  };
  const cases = createCasesService(deps);
  const writes = createWriteServices(deps);
  const digests = createCaseDigests();
  const quality = createQualityDashboard({
    db: () => t.db,
    userId: () => 'ifk-7',
    role: () => options.role ?? 'caseworker',
    now: () => deps.clock.now(),
    digests,
  });
  const { dispatch } = createBackend({
    appInfo: {
      name: 'Lotse',
      version: '0.0.0',
      runtime: 'browser-bridge',
      platform: 'linux',
      locale: 'de-DE',
      demo: false,
    },
    vault: lockedVault,
    cases,
    writes,
    db: () => t.db,
    logger: silentLogger(),
    today: () => '2026-03-02',
    caseload: createCaseloadReader({
      db: () => t.db,
      caseworkerId: () => 'ifk-7',
      now: () => deps.clock.now(),
      digests,
    }),
    quality,
    // the review service acts in the given role (the other services stay a caseworker's here)
    qualityReview: createQualityReviewService({ ...deps, role: () => options.role ?? 'caseworker', quality }),
  });
  const call = async <C extends IpcChannel>(channel: C, input: IpcIn<C>): Promise<IpcOut<C>> => {
    const result = await dispatch(channel, input);
    if (!result.ok)
      throw Object.assign(new Error(`${channel}: ${JSON.stringify(result.error)}`), { dto: result.error });
    return result.value as IpcOut<C>;
  };
  const refused = async (channel: IpcChannel, input: unknown): Promise<AppErrorDto> => {
    const result = await dispatch(channel, input);
    if (result.ok) throw new Error(`${channel} accepted ${JSON.stringify(input).slice(0, 300)}`);
    return result.error;
  };
  return {
    t,
    cases,
    writes,
    dispatch,
    call,
    refused,
    newCase: () =>
      call('cases:create', {
        officeId: 'torgau',
        caseworkerId: 'ifk-7',
        openedOn: '2026-02-01',
        person: {
          customerNumber: '321D654987',
          firstName: 'Käthe',
          lastName: 'Rößler',
          birthDate: '1988-05-17',
        },
      }),
  };
}
