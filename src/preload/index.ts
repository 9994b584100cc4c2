import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS } from '../shared/ipc/channels';
import type { LotseBridge } from '../shared/ipc/bridge';

/**
 * Builds window.lotse from the contract's channel list and nothing else. Never exposes
 * ipcRenderer. Validation happens in main (the preload is not the trust boundary).
 */
const allowed = new Set<string>(IPC_CHANNELS);

const lotse: LotseBridge = {
  bridgeVersion: 1,
  channels: [...IPC_CHANNELS],
  invoke(channel, input) {
    if (!allowed.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'IPC_UNKNOWN_CHANNEL', message: 'Diese Aktion ist unbekannt und wurde abgelehnt.' },
      });
    }
    return ipcRenderer.invoke(channel, input);
  },
};

contextBridge.exposeInMainWorld('lotse', lotse);
