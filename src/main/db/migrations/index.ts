import { migration0010 } from './0010-initial-schema';
import type { Migration } from './migration';

/** Every local migration, in order. Vite bundles main, so the list is static (no folder glob). */
export const MIGRATIONS: readonly Migration[] = [migration0010];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
