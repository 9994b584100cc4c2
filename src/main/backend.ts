import type { AppInfo, VaultStatus } from '../shared/ipc/contract';
import { appHandlers } from './features/app/app.ipc';
import { createDispatch, type Dispatch, type Handlers } from './ipc/dispatch';
import type { Logger } from './logging/logger';

/** What the backend needs from the vault (src/main/vault implements it). */
export interface VaultPort {
  status(): VaultStatus;
}

export interface BackendDeps {
  readonly appInfo: AppInfo;
  readonly vault: VaultPort;
  readonly logger: Logger;
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
  const handlers: Handlers = {
    ...appHandlers(deps.appInfo),
    'vault:status': () => deps.vault.status(),
  };
  return { dispatch: createDispatch(handlers, deps.logger) };
}
