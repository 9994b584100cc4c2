import type { LotseBridge } from '../shared/ipc/bridge';

declare global {
  interface Window {
    readonly lotse?: LotseBridge;
  }
}

export {};
