import type { Insertable, Selectable, Updateable } from 'kysely';
import type { SyncedColumns } from './synced-columns.table';

export interface HouseholdTable extends SyncedColumns {
  id: string;
  household_number: string;
  members: number;
  children_under_18: number;
  single_parent: number;
}

export type HouseholdRow = Selectable<HouseholdTable>;
export type NewHouseholdRow = Insertable<HouseholdTable>;
export type HouseholdUpdate = Updateable<HouseholdTable>;
