import type { Migration, MigrationProvider } from 'kysely';
import * as m20261124T0100 from './20261124T0100-initial-schema';
import * as m20261201T0100 from './20261201T0100-text-field-history';
import * as m20261202T0100 from './20261202T0100-blobs';
import * as m20261203T0100 from './20261203T0100-case-numbers';
import * as m20261210T0100 from './20261210T0100-login-throttle';
import * as m20261230T0100 from './20261230T0100-update-releases';
import * as m20270102T0100 from './20270102T0100-device-access-log';
import * as m20270104T0100 from './20270104T0100-conflict-resolutions';
import * as m20270110T0100 from './20270110T0100-person-birth-date-index';

/** Static list (no folder globbing, so bundlers and tsx behave the same). Names sort by time. */
const MIGRATIONS: Record<string, Migration> = {
  '20261124T0100-initial-schema': m20261124T0100,
  '20261201T0100-text-field-history': m20261201T0100,
  '20261202T0100-blobs': m20261202T0100,
  '20261203T0100-case-numbers': m20261203T0100,
  '20261210T0100-login-throttle': m20261210T0100,
  '20261230T0100-update-releases': m20261230T0100,
  '20270102T0100-device-access-log': m20270102T0100,
  '20270104T0100-conflict-resolutions': m20270104T0100,
  '20270110T0100-person-birth-date-index': m20270110T0100,
};

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
