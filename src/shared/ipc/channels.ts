/**
 * The allow-list of renderer -> main channels, named 'domain:verb'. Kept apart from the zod
 * contract so the sandboxed preload can import it without bundling zod. A unit test keeps both
 * lists equal.
 */
export const IPC_CHANNELS = [
  'app:info',
  'vault:status',
  'vault:create',
  'vault:unlock',
  'vault:unlock-quick',
  'vault:lock',
  'vault:change-passphrase',
  'vault:touch',
  'cases:list',
  'cases:get',
  'appointments:list-day',
  'assessments:list',
  'goals:get',
  'strategies:list',
  'occupations:search',
  'cases:create',
  'cases:update',
  'persons:update',
  'notes:create',
  'notes:update',
  'notes:archive',
  'appointments:create',
  'appointments:update',
  'contacts:create',
  'consents:record',
  'consents:withdraw',
  'assessments:create-draft',
  'assessments:record-entry',
  'assessments:remove-entry',
  'assessments:update-draft',
  'assessments:finalize',
  'assessments:override-profile',
  'assessments:amend',
  'goals:create',
  'goals:update',
  'strategies:choose',
  'strategies:archive',
  'measures:propose',
  'measures:transition',
  'own-efforts:create',
  'own-efforts:record-proof',
  'plans:save-draft',
  'plans:hand-over',
  'plans:preview',
  'plans:missing',
  'plans:document',
  'plans:reprint',
  'plans:print',
] as const;

export type IpcChannelName = (typeof IPC_CHANNELS)[number];

export function isIpcChannel(value: unknown): value is IpcChannelName {
  return typeof value === 'string' && (IPC_CHANNELS as readonly string[]).includes(value);
}
