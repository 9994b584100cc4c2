/**
 * What the vault needs from the platform, as plain functions (src/main/platform provides the
 * Electron versions; tests and the browser bridge pass their own).
 */

/** Electron safeStorage, reduced to what the vault uses. */
export interface SafeStorageAdapter {
  /** True only when OS-backed encryption is available (never for Linux `basic_text`). */
  isAvailable(): boolean;
  /** e.g. 'dpapi', 'keychain', 'gnome_libsecret', 'kwallet6', 'basic_text'. */
  backend(): string;
  encrypt(plain: Buffer): Buffer;
  decrypt(blob: Buffer): Buffer;
}

export interface Clock {
  now(): Date;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = { now: () => new Date() };

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
