import { z } from 'zod';
import type { IpcChannelName } from './channels';
import { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from '../security/passphrase-policy';

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

const Passphrase = z
  .string({ error: 'Bitte geben Sie Ihre Passphrase ein.' })
  .min(1, { error: 'Bitte geben Sie Ihre Passphrase ein.' })
  .max(MAX_PASSPHRASE_LENGTH, { error: `Höchstens ${MAX_PASSPHRASE_LENGTH} Zeichen.` });

const NewPassphrase = z
  .string({ error: 'Bitte geben Sie eine neue Passphrase ein.' })
  .min(MIN_PASSPHRASE_LENGTH, {
    error: `Die Passphrase muss mindestens ${MIN_PASSPHRASE_LENGTH} Zeichen lang sein.`,
  })
  .max(MAX_PASSPHRASE_LENGTH, { error: `Höchstens ${MAX_PASSPHRASE_LENGTH} Zeichen.` });

export const VaultCreateInput = z
  .object({ passphrase: NewPassphrase, confirmation: z.string() })
  .strict()
  .refine((v) => v.passphrase === v.confirmation, {
    error: 'Die Wiederholung stimmt nicht mit der Passphrase überein.',
    path: ['confirmation'],
  });

export const VaultUnlockInput = z.object({ passphrase: Passphrase }).strict();

export const VaultChangePassphraseInput = z
  .object({ current: Passphrase, next: NewPassphrase, confirmation: z.string() })
  .strict()
  .refine((v) => v.next === v.confirmation, {
    error: 'Die Wiederholung stimmt nicht mit der neuen Passphrase überein.',
    path: ['confirmation'],
  });

/**
 * The ONLY renderer <-> main contract. Main parses every input with `input` before a feature sees
 * it, and every output with `output` (which also strips fields the renderer must not get).
 */
export const ipcContract = {
  'app:info': { input: NoInput, output: AppInfo },
  'vault:status': { input: NoInput, output: VaultStatus },
  'vault:create': { input: VaultCreateInput, output: VaultStatus },
  'vault:unlock': { input: VaultUnlockInput, output: VaultStatus },
  'vault:unlock-quick': { input: NoInput, output: VaultStatus },
  'vault:lock': { input: NoInput, output: VaultStatus },
  'vault:change-passphrase': { input: VaultChangePassphraseInput, output: VaultStatus },
  /** The user is active: postpones the auto-lock. */
  'vault:touch': { input: NoInput, output: z.null() },
} as const satisfies Record<IpcChannelName, { input: z.ZodType; output: z.ZodType }>;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcIn<C extends IpcChannel> = z.input<IpcContract[C]['input']>;
export type IpcOut<C extends IpcChannel> = z.output<IpcContract[C]['output']>;
