import { dateInBerlin } from '../shared/domain/common/dates';
import { createBackend, type Backend } from './backend';
import { createLocalStore, type LocalStore } from './db/local-store';
import type { Logger } from './logging/logger';
import type { ScryptParams } from './vault/crypto';
import type { SafeStorageAdapter } from './vault/platform';
import { createVault, type Vault } from './vault/vault';
import { AppError } from '../shared/errors';
import type { AppInfo } from '../shared/ipc/contract';
import { randomUUID } from 'node:crypto';
import { createWriteServices } from './features/write-services';
import type { PlanContactPort } from './features/plans/print/plan-contact';
import { createCasesService } from './features/cases/cases.service';
import type { PdfRenderer, PrintDialogPort } from './features/plans/print/pdf-renderer';
import { planTemplatesFrom } from './features/plans/print/plan-templates';
import { createCaseDigests, createCaseloadReader } from './features/cases/caseload';
import { createQualityDashboard } from './features/quality/quality-dashboard.service';
import { createQualityReviewService } from './features/quality/quality-review.service';
import { writesCaseRecords, type Role } from '../shared/auth/roles';
import type { Clock } from './vault/platform';
import {
  createSyncController,
  type SyncController,
  type SyncServerConfig,
} from './features/sync/sync-controller';
import { wipeLocalData } from './features/sync/remote-wipe';
import type { Dispatch } from './ipc/dispatch';
import { WRITE_CHANNELS } from '../shared/ipc/contract';
import { createAccessLog, recordCaseReads } from './features/access-log/access-log';
import type { BatteryPort } from './features/outreach/outreach.service';
import { OUTREACH_WRITE_CHANNELS } from '../shared/ipc/outreach-contract';
import { QUALITY_REVIEW_WRITE_CHANNELS } from '../shared/ipc/quality-review-contract';
import { staticContactPort } from './features/plans/print/plan-contact';
import { teamDirectory } from './features/directory/team-directory';

export interface LotseMainOptions {
  readonly dataDir: string;
  readonly appInfo: AppInfo;
  readonly logger: Logger;
  readonly safeStorage?: SafeStorageAdapter;
  readonly scrypt?: ScryptParams;
  readonly autoLockMinutes?: number;
  readonly recoveryPublicKeyPem?: string;
  /** Runs once right after the very first unlock (first run), e.g. to seed demo data. */
  readonly onFirstRun?: (store: LocalStore) => Promise<void>;
  readonly clock?: Clock;
  /** The signed-in caseworker's user id, stamped on local edits (never a name). */
  readonly actorId?: string;
  /** The signed-in user's role (from the server at sign-in); caseworker without a server. */
  readonly role?: Role;
  /**
   * The signed-in user's display name (from the server at sign-in), listed in the team directory;
   * without it, the contact person's name (the demo caseworker without a server).
   */
  readonly displayName?: string;
  /** Prints the Kooperationsplan (Electron's printToPDF in the app; Chromium via Playwright by default). */
  readonly pdfRenderer?: PdfRenderer;
  /** The system print dialog for stored PDFs (the desktop app). */
  readonly printDialog?: PrintDialogPort;
  /** Who is printed as the contact person of a Kooperationsplan (the signed-in caseworker; demo by default). */
  readonly contacts?: PlanContactPort;
  /** The shipped resources folder (templates); the checkout's resources/ by default. */
  readonly resourcesDir?: string;
  /** The central server; without it Lotse works locally only (the sync engine is not started). */
  readonly sync?: SyncServerConfig;
  /**
   * Runs right after the store opened, before the lease check and the sync engine (the sign-in of
   * issue 12 item 4 stores the device's client id and the refresh token here).
   */
  readonly beforeSync?: (store: LocalStore, info: { firstRun: boolean }) => Promise<void>;
  /** What the platform tells about the battery (Electron's powerMonitor); "nicht verfügbar" without. */
  readonly battery?: BatteryPort;
}

export interface LotseMain {
  readonly backend: Backend;
  readonly sync: SyncController;
  readonly vault: Vault;
  readonly store: LocalStore;
  shutdown(): Promise<void>;
}

/**
 * Wires vault -> encrypted store -> features -> dispatch, identically for the Electron main
 * process and the browser bridge. Only the platform adapters differ.
 */
export async function createLotseMain(options: LotseMainOptions): Promise<LotseMain> {
  const store = createLocalStore({ dataDir: options.dataDir, logger: options.logger });
  const clock = options.clock ?? { now: () => new Date() };
  const actorId = options.actorId ?? 'ifk-demo';
  let vault: Vault;
  let warmDigests = async (): Promise<void> => {};
  const sync = createSyncController({
    store,
    clock,
    logger: options.logger,
    appVersion: options.appInfo.version,
    actorId,
    ...(options.sync ? { server: options.sync } : {}),
    onWipe: async () => {
      options.logger.warn({ event: 'sync.remote_wipe' }, 'remote wipe requested by the server');
      await wipeLocalData(options.dataDir, () => vault.lockNow('system'));
    },
  });
  try {
    vault = await createVault({
      dataDir: options.dataDir,
      logger: options.logger,
      ...(options.safeStorage ? { safeStorage: options.safeStorage } : {}),
      ...(options.scrypt ? { scrypt: options.scrypt } : {}),
      ...(options.autoLockMinutes ? { autoLockMinutes: options.autoLockMinutes } : {}),
      ...(options.recoveryPublicKeyPem ? { recoveryPublicKeyPem: options.recoveryPublicKeyPem } : {}),
      onUnlock: async (key, info) => {
        await store.open(key, info);
        try {
          await options.beforeSync?.(store, info);
          await sync.enforceLease();
        } catch (error) {
          await store.close();
          throw error;
        }
        if (info.firstRun) await options.onFirstRun?.(store);
        sync.onUnlock();
        // the day's digests computed once in the background (the first view then reads them)
        setTimeout(() => void warmDigests(), 0);
      },
      onLock: async () => {
        await sync.onLock();
        await store.close();
      },
    });
  } catch (error) {
    // A damaged keystore must not crash the app: the renderer shows the recovery screen instead.
    if (!(error instanceof AppError)) throw error;
    options.logger.error({ event: 'vault.unavailable', code: error.code }, 'vault unavailable at startup');
    vault = unavailableVault(error);
  }
  const role = (): Role => options.role ?? 'caseworker';
  const serviceDeps = {
    db: () => store.db(),
    clock,
    ids: { newId: () => randomUUID() },
    actorId,
    // the write services refuse case content for every role but caseworker (service-kit.ts)
    role,
    ...(options.pdfRenderer ? { pdf: options.pdfRenderer } : {}),
    ...(options.printDialog ? { printDialog: options.printDialog } : {}),
    ...(options.contacts ? { contacts: options.contacts } : {}),
    templates: planTemplatesFrom(options.resourcesDir),
    fetchDocument: (doc: { sha256: string; caseId: string; handoverId: string }) =>
      sync.fetchPlanDocument(doc),
    sync: { status: () => sync.status() },
    ...(options.battery ? { battery: options.battery } : {}),
  };
  const cases = createCasesService(serviceDeps);
  // per-case target groups and findings, computed once per case revision and day for both readers
  const digests = createCaseDigests();
  const writes = createWriteServices(serviceDeps);
  const caseload = createCaseloadReader({
    db: () => store.db(),
    caseworkerId: () => serviceDeps.actorId,
    now: () => clock.now(),
    digests,
  });
  const quality = createQualityDashboard({
    db: () => store.db(),
    userId: () => serviceDeps.actorId,
    role,
    now: () => clock.now(),
    digests,
  });
  warmDigests = async () => {
    try {
      // a team lead's first view is the team's dashboard, a caseworker's Mein Bestand
      if (role() === 'team_lead') await quality.dashboard('team');
      else await caseload();
    } catch (error) {
      // locked meanwhile, or the store is busy: the first view computes what is missing
      options.logger.warn(
        { event: 'digests.warm_failed', code: error instanceof AppError ? error.code : 'UNEXPECTED' },
        'per-case digests not warmed after unlock',
      );
    }
  };
  // the names of the own team (quality screens, quality report): the stored directory and oneself
  const ownName =
    options.displayName ?? (options.contacts ?? staticContactPort()).contactFor(actorId)?.name ?? null;
  const directory = {
    users: () => teamDirectory(store.db(), { id: actorId, displayName: ownName, role: role() }),
  };
  const backend = createBackend({
    appInfo: options.appInfo,
    vault,
    cases,
    writes,
    db: () => store.db(),
    logger: options.logger,
    today: () => dateInBerlin(clock.now()),
    caseload,
    quality,
    qualityReview: createQualityReviewService({ ...serviceDeps, quality }),
    sync,
    writesCaseRecords: () => writesCaseRecords(role()),
    directory,
  });
  // every case opened is recorded in the hash-chained access log (issue 12 item 5)
  const accessLog = createAccessLog({
    db: () => store.db(),
    clock,
    offline: () => !sync.online(),
    logger: options.logger,
  });
  return {
    backend: {
      dispatch: kickAfterWrites(recordCaseReads(backend.dispatch, accessLog, options.logger), sync),
    },
    sync,
    vault,
    store,
    async shutdown() {
      await vault.lockNow('user');
      await writes.planPrint.close();
    },
  };
}

/** A successful write channel pushes soon (the engine coalesces rounds). */
function kickAfterWrites(dispatch: Dispatch, sync: SyncController): Dispatch {
  const writes = new Set<string>([
    ...WRITE_CHANNELS,
    ...OUTREACH_WRITE_CHANNELS,
    ...QUALITY_REVIEW_WRITE_CHANNELS,
  ]);
  return async (channel, input) => {
    const result = await dispatch(channel, input);
    if (result.ok && typeof channel === 'string' && writes.has(channel)) sync.kick();
    return result;
  };
}

/** A vault that could not be opened (e.g. VAULT_KEYSTORE_DAMAGED): every use reports the cause. */
function unavailableVault(cause: AppError): Vault {
  const fail = (): never => {
    throw cause;
  };
  return {
    status: fail,
    create: async () => fail(),
    unlock: async () => fail(),
    unlockQuick: async () => fail(),
    lock: async () => undefined,
    lockNow: async () => undefined,
    changePassphrase: async () => fail(),
    resetPassphraseWithRecovery: async () => fail(),
    touch: () => undefined,
    isUnlocked: () => false,
  };
}
