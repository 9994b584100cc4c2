import type { Kysely } from 'kysely';

/**
 * A local schema step. Migrations are frozen in time: they take Kysely<any> and never import
 * table types. Versions go up in steps of 10 so a hotfix can slot in between.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Kysely<any>): Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any -- frozen-in-time migrations must not depend on current table types
}
