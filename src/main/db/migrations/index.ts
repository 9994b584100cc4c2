import { migration0010 } from './0010-initial-schema';
import { migration0020 } from './0020-sync-scope-and-conflicts';
import { migration0030 } from './0030-caseload-order-indexes';
import { migration0040 } from './0040-entity-spine';
import { migration0050 } from './0050-search-keys-and-caseload';
import { migration0060 } from './0060-sync-engine';
import { migration0070 } from './0070-plan-documents';
import { migration0080 } from './0080-appointment-invitation';
import { migration0120 } from './0120-access-log';
import { migration0140 } from './0140-search-vocabulary';
import { migration0150 } from './0150-plan-document-uploads';
import { migration0160 } from './0160-duplicate-suspects';
import { migration0170 } from './0170-quality-review';
import { migration0180 } from './0180-case-digests';
import type { Migration } from './migration';

/** Every local migration, in order. Vite bundles main, so the list is static (no folder glob). */
export const MIGRATIONS: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0070,
  migration0080,
  migration0120,
  migration0140,
  migration0150,
  migration0160,
  migration0170,
  migration0180,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
