import { z } from 'zod';
import type { IpcChannelName } from './channels';

/** No input: the renderer calls the channel without an argument. */
const NoInput = z.undefined();

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** 'electron' in the desktop app, 'browser-bridge' in the test/dev bridge. */
  runtime: z.enum(['electron', 'browser-bridge']),
  platform: z.string(),
  locale: z.string(),
  demo: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const VaultStatus = z.object({
  state: z.enum(['uninitialized', 'locked', 'unlocked']),
  /** Whether a quick unlock through the operating system's key store is offered. */
  quickUnlockAvailable: z.boolean(),
  /** Minutes of inactivity after which Lotse locks itself. */
  autoLockMinutes: z.number().int().positive(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

/**
 * The ONLY renderer <-> main contract. Main parses every input with `input` before a feature sees
 * it, and every output with `output` (which also strips fields the renderer must not get).
 */
export const ipcContract = {
  'app:info': { input: NoInput, output: AppInfo },
  'vault:status': { input: NoInput, output: VaultStatus },
} as const satisfies Record<IpcChannelName, { input: z.ZodType; output: z.ZodType }>;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcIn<C extends IpcChannel> = z.input<IpcContract[C]['input']>;
export type IpcOut<C extends IpcChannel> = z.output<IpcContract[C]['output']>;
