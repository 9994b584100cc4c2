import type { SyncServerConfig } from './sync-controller';

/**
 * The central server from the environment: LOTSE_SERVER_URL (set by `npm start` for the embedded
 * demo server). Without a URL Lotse works locally only. With a URL and no user the app shows the
 * sign-in screen and keeps one encrypted store per user (features/login/login-shell.ts);
 * LOTSE_SERVER_USER and LOTSE_SERVER_PASSWORD sign one store in directly (tests, scripts).
 */
export function syncConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  /** The machine configuration's server (used when the environment names none). */
  machineServerUrl: string | null = null,
): SyncServerConfig | undefined {
  const serverUrl = env['LOTSE_SERVER_URL'] ?? machineServerUrl ?? undefined;
  if (!serverUrl || !/^https?:\/\//.test(serverUrl)) return undefined;
  const username = env['LOTSE_SERVER_USER'];
  const password = env['LOTSE_SERVER_PASSWORD'];
  return {
    serverUrl,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    deviceName: env['LOTSE_DEVICE_NAME'] ?? 'Lotse-Arbeitsplatz',
  };
}
