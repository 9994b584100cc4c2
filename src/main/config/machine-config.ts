import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { isOfficeId } from '../../shared/domain/case/office';
import { UPDATE_CHANNELS, type UpdateChannel } from '../../shared/updates/decisions';

/**
 * The machine configuration the IT department provisions per computer (issue 13, item 7): server
 * URL, office, update channel and the policies. It lies in a machine-wide location that only
 * administrators can write, and the app reads it from nowhere else in an installed build:
 *   Windows: %ProgramData%\Lotse\config.json   (C:\ProgramData\Lotse\config.json)
 *   Linux:   /etc/lotse/config.json
 * A user cannot weaken the policies: user preferences can only make them stricter
 * (effectivePolicies). Missing, malformed or hostile files give a German error and the safe
 * defaults (no server, no updates, the strictest policies).
 */

export interface MachineConfig {
  /** The central Lotse server (https); null = not configured (offline only, no updates). */
  readonly serverUrl: string | null;
  readonly officeId: string | null;
  readonly updateChannel: UpdateChannel;
  readonly updatesEnabled: boolean;
  readonly policies: {
    /** Minutes without input until the vault locks (1–60). */
    readonly autoLockMinutes: number;
    /** Longest offline use in hours the desktop accepts, even if the server signed a longer lease. */
    readonly offlineLeaseHours: number;
  };
}

export const SAFE_DEFAULTS: MachineConfig = {
  serverUrl: null,
  officeId: null,
  updateChannel: 'stable',
  updatesEnabled: false,
  policies: { autoLockMinutes: 5, offlineLeaseHours: 24 },
};

/** The most a machine file may grant. */
export const POLICY_LIMITS = {
  autoLockMinutes: { min: 1, max: 60 },
  offlineLeaseHours: { min: 1, max: 14 * 24 },
};

const MAX_FILE_BYTES = 64 * 1024;

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

const configSchema = z.strictObject({
  serverUrl: z
    .string()
    .max(500)
    .refine((v) => {
      try {
        const u = new URL(v);
        return (
          (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u))) && !u.username && !u.password
        );
      } catch {
        return false;
      }
    }, 'serverUrl: eine https-Adresse ohne Zugangsdaten (http nur für 127.0.0.1).'),
  officeId: z.string().refine(isOfficeId, 'officeId: oschatz, delitzsch, eilenburg oder torgau.').optional(),
  updateChannel: z.enum(UPDATE_CHANNELS, 'updateChannel: pilot oder stable.').default('stable'),
  updatesEnabled: z.boolean().default(true),
  policies: z
    .strictObject({
      autoLockMinutes: z
        .number()
        .int()
        .min(POLICY_LIMITS.autoLockMinutes.min)
        .max(POLICY_LIMITS.autoLockMinutes.max)
        .default(15),
      offlineLeaseHours: z
        .number()
        .int()
        .min(POLICY_LIMITS.offlineLeaseHours.min)
        .max(POLICY_LIMITS.offlineLeaseHours.max)
        .default(72),
    })
    .default({ autoLockMinutes: 15, offlineLeaseHours: 72 }),
});

export type MachineConfigResult =
  | { readonly ok: true; readonly config: MachineConfig; readonly path: string }
  | {
      readonly ok: false;
      readonly reason: 'missing' | 'unreadable' | 'too_large' | 'malformed' | 'invalid';
      /** German, for the admin (no file content beyond field names). */
      readonly message: string;
      readonly config: MachineConfig;
      readonly path: string;
    };

/** Where the machine file lies. Outside an installed build LOTSE_MACHINE_CONFIG may point elsewhere. */
export function machineConfigPath(
  platform: string,
  env: Record<string, string | undefined>,
  packaged: boolean,
): string {
  if (!packaged && env['LOTSE_MACHINE_CONFIG']) return env['LOTSE_MACHINE_CONFIG'];
  if (platform === 'win32')
    return join(env['ProgramData'] ?? env['PROGRAMDATA'] ?? 'C:\\ProgramData', 'Lotse', 'config.json');
  return '/etc/lotse/config.json';
}

/** Parses the file's text (pure; loadMachineConfig reads the file). */
export function parseMachineConfig(text: string, path: string): MachineConfigResult {
  const fail = (reason: 'malformed' | 'invalid', message: string): MachineConfigResult => ({
    ok: false,
    reason,
    message,
    config: SAFE_DEFAULTS,
    path,
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return fail('malformed', `Die Gerätekonfiguration ${path} ist kein gültiges JSON.`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const field = i.path.map(String).join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(', ') : '');
      return i.code === 'unrecognized_keys'
        ? `unbekannte Angabe: ${i.keys.join(', ').slice(0, 80)}`
        : `${field}: ${i.message}`;
    });
    return fail('invalid', `Die Gerätekonfiguration ${path} ist ungültig: ${issues.join('; ')}`);
  }
  const c = parsed.data;
  return {
    ok: true,
    path,
    config: {
      serverUrl: c.serverUrl.replace(/\/+$/, ''),
      officeId: c.officeId ?? null,
      updateChannel: c.updateChannel,
      updatesEnabled: c.updatesEnabled,
      policies: c.policies,
    },
  };
}

export function loadMachineConfig(path: string): MachineConfigResult {
  const fail = (reason: 'missing' | 'unreadable' | 'too_large', message: string): MachineConfigResult => ({
    ok: false,
    reason,
    message,
    config: SAFE_DEFAULTS,
    path,
  });
  let size: number;
  try {
    const s = statSync(path);
    if (!s.isFile()) return fail('unreadable', `Die Gerätekonfiguration ${path} ist keine Datei.`);
    size = s.size;
  } catch {
    return fail(
      'missing',
      `Keine Gerätekonfiguration unter ${path}: Lotse arbeitet nur lokal, ohne Abgleich und ohne Aktualisierungen.`,
    );
  }
  if (size > MAX_FILE_BYTES) return fail('too_large', `Die Gerätekonfiguration ${path} ist zu groß.`);
  try {
    return parseMachineConfig(readFileSync(path, 'utf8'), path);
  } catch {
    return fail('unreadable', `Die Gerätekonfiguration ${path} ist nicht lesbar.`);
  }
}

/**
 * The policies in force: the machine's, made stricter (never weaker) by the user's preferences.
 */
export function effectivePolicies(
  machine: MachineConfig['policies'],
  user: Partial<MachineConfig['policies']> = {},
): MachineConfig['policies'] {
  const stricter = (m: number, u: number | undefined, min: number) =>
    u !== undefined && Number.isInteger(u) && u >= min ? Math.min(m, u) : m;
  return {
    autoLockMinutes: stricter(
      machine.autoLockMinutes,
      user.autoLockMinutes,
      POLICY_LIMITS.autoLockMinutes.min,
    ),
    offlineLeaseHours: stricter(
      machine.offlineLeaseHours,
      user.offlineLeaseHours,
      POLICY_LIMITS.offlineLeaseHours.min,
    ),
  };
}
