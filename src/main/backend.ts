import { dateInBerlin, type IsoDate } from '../shared/domain/common/dates';
import type { AppInfo } from '../shared/ipc/contract';
import { appHandlers } from './features/app/app.ipc';
import { vaultHandlers, type VaultPort } from './features/vault/vault.ipc';
import { assessmentsHandlers } from './features/assessments/assessments.ipc';
import { goalsHandlers } from './features/goals/goals.ipc';
import { measuresHandlers } from './features/measures/measures.ipc';
import { plansHandlers } from './features/plans/plans.ipc';
import { caseRecordsHandlers, caseRecordsReadHandlers } from './features/case-records/case-records.ipc';
import { phaseHandlers } from './features/cases/phase.ipc';
import { localSyncPort, type SyncPort } from './features/sync/sync-controller';
import { syncHandlers } from './features/sync/sync.ipc';
import { planDocumentsHandlers } from './features/plans/plan-documents.ipc';
import { accessLogHandlers } from './features/access-log/access-log.ipc';
import { outreachHandlers } from './features/outreach/outreach.ipc';
import { loginHandlers, singleStoreLogin } from './features/login/login.ipc';
import type { WriteServices } from './features/write-services';
import { casesHandlers, casesWriteHandlers } from './features/cases/cases.ipc';
import type { CasesService } from './features/cases/cases.service';
import type { CaseloadReader } from './features/cases/caseload';
import { qualityHandlers } from './features/quality/quality.ipc';
import { qualityReviewHandlers } from './features/quality/quality-review.ipc';
import type { QualityReviewService } from './features/quality/quality-review.service';
import type { QualityDashboardReader } from './features/quality/quality-dashboard.service';
import type { Executor } from './db/kysely';
import { directoryHandlers, type DirectoryPort } from './features/directory/directory.ipc';
import { readStoredDirectory } from './features/directory/team-directory';
import { createDispatch, type Dispatch, type Handlers } from './ipc/dispatch';
import type { Logger } from './logging/logger';

export type { VaultPort };

export interface BackendDeps {
  readonly appInfo: AppInfo;
  readonly vault: VaultPort;
  readonly cases: CasesService;
  /** The services behind the write channels of the 4PM records, contacts and consents. */
  readonly writes: WriteServices;
  /** The open local database (throws VAULT_LOCKED while locked). */
  readonly db: () => Executor;
  readonly logger: Logger;
  /** Today's date at the offices (Europe/Berlin); defaults to the system clock. */
  readonly today?: () => IsoDate;
  /** "Mein Bestand" of the signed-in caseworker (with its per-case cache). */
  readonly caseload: CaseloadReader;
  /** The quality dashboard (shares the caseload's per-case digests). */
  readonly quality: QualityDashboardReader;
  /** The sampled case audit and its correction tasks (refused where not given). */
  readonly qualityReview?: QualityReviewService;
  /** The sync engine's port; without one, only the local part (no server configured). */
  readonly sync?: SyncPort;
  /** Whether the signed-in user writes case records (decides conflicts); default: yes. */
  readonly writesCaseRecords?: () => boolean;
  /** The team directory (names of the own team); default: the stored one, without the own name. */
  readonly directory?: DirectoryPort;
}

export interface Backend {
  readonly dispatch: Dispatch;
}

/**
 * The main-process backend behind the contract, free of Electron: the Electron shell and the
 * browser bridge both build it with their own platform adapters. Keeping every feature behind this
 * one factory lets the backend move to a utilityProcess later without touching the renderer.
 */
export function createBackend(deps: BackendDeps): Backend {
  const directory = deps.directory ?? { users: () => readStoredDirectory(deps.db()) };
  const handlers: Handlers = {
    ...appHandlers(deps.appInfo),
    ...vaultHandlers(deps.vault),
    ...loginHandlers(singleStoreLogin(deps.vault)),
    ...casesHandlers(
      deps.cases,
      deps.db,
      deps.today ?? (() => dateInBerlin(new Date())),
      deps.caseload,
      deps.writesCaseRecords,
    ),
    ...casesWriteHandlers(deps.cases),
    ...caseRecordsHandlers(deps.writes.caseRecords),
    ...assessmentsHandlers(deps.writes.assessments),
    ...goalsHandlers(deps.writes.goals),
    ...measuresHandlers(deps.writes.measures),
    ...plansHandlers(deps.writes.plans, deps.writes.planPrint),
    ...phaseHandlers(deps.writes.phase),
    // after casesHandlers: the day view with office and outreach filters replaces the plain one
    ...caseRecordsReadHandlers(deps.writes.recordReads),
    ...syncHandlers(
      deps.sync ?? localSyncPort(deps.db, { now: () => new Date() }),
      deps.writesCaseRecords ?? (() => true),
    ),
    ...accessLogHandlers(deps.db),
    ...planDocumentsHandlers(deps.db),
    ...qualityHandlers(deps.quality, deps.writes.pdf, deps.qualityReview, directory),
    ...outreachHandlers(deps.writes.outreach),
    ...qualityReviewHandlers(deps.qualityReview),
    ...directoryHandlers(directory),
  };
  return { dispatch: createDispatch(handlers, deps.logger) };
}
