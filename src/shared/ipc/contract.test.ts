import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, isIpcChannel } from './channels';
import { ipcContract } from './contract';

describe('ipc contract', () => {
  it('lists exactly the channels of the allow-list', () => {
    expect(Object.keys(ipcContract).sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('names every channel domain:verb', () => {
    for (const channel of IPC_CHANNELS) expect(channel).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/);
  });

  it('recognises only allow-listed channels', () => {
    expect(isIpcChannel('app:info')).toBe(true);
    expect(isIpcChannel('app:quit')).toBe(false);
    expect(isIpcChannel('__proto__')).toBe(false);
    expect(isIpcChannel(42)).toBe(false);
  });
});
